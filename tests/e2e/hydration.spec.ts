import { expect } from '@playwright/test'
import { test } from './helpers'

// React takes over the page the server sent (hydration) a moment after it loads. Remix first decodes the
// page's data, and React's root waits for that. A key press or click in that moment made React hydrate
// at once, find its root still waiting and throw "Root did not complete" (error #345): CI met it when a
// test tabbed through a page that had just loaded (remix-run/react-router#12763).

test('keys pressed while the page is being taken over do not stop React', async ({ page }) => {
  // From the page's first script on, a key event every task for two seconds: one lands in any moment
  // of the hydration, as a reader typing or tabbing early would.
  await page.addInitScript(() => {
    const until = Date.now() + 2000
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      document.body?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Shift', bubbles: true }))
      if (Date.now() < until) channel.port2.postMessage(null)
    }
    channel.port2.postMessage(null)
  })
  for (let load = 0; load < 5; load++) {
    await page.goto('/login')
    await page.waitForFunction(() =>
      Object.keys(document).some((k) => k.startsWith('__reactContainer')),
    )
    // React runs the page: a link is followed without loading a new document.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }))
    await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click()
    await expect(page).toHaveURL('/wachtwoord-vergeten')
    expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true)
  }
})
