import { createElement, Suspense } from 'react'
import { describe, expect, it } from 'vitest'
import { renderHtml } from '../../app/modules/http/render-html.server'

// Issue 15: a heap snapshot of the server under the page bench held the loader data, React tree and
// stream of every page served in the last six seconds. The timer that cuts off a page whose rendering
// hangs was never cleared, and it kept the whole render alive until it fired.

const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length

describe('renderHtml', () => {
  it('leaves no timer behind once a page has been sent', async () => {
    const before = timers()
    const response = await renderHtml(createElement('p', null, 'Agenda'), {
      status: 200,
      headers: new Headers(),
      timeoutMs: 60_000,
    })
    expect(await response.text()).toContain('<p>Agenda</p>')
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
    expect(timers()).toBe(before)
  })

  it('still cuts off a page whose rendering hangs, showing the fallback', async () => {
    const before = timers()
    const never = new Promise<never>(() => {})
    function Hangs(): never {
      throw never
    }
    const response = await renderHtml(
      createElement(
        'main',
        null,
        createElement(
          Suspense,
          { fallback: createElement('p', null, 'Laden…') },
          createElement(Hangs),
        ),
      ),
      { status: 200, headers: new Headers(), timeoutMs: 50 },
    )
    const html = await response.text()
    expect(html).toContain('Laden…')
    expect(timers()).toBe(before)
  })
})
