/*
 * A page as an HTML response, rendered by React once all its data is there (a crawler, a screen reader
 * and a browser without JavaScript get the whole page at once). A page whose rendering hangs is cut off
 * after `timeoutMs`: React then sends what it has and leaves the rest to the browser.
 */
import { PassThrough } from 'node:stream'
import { createReadableStreamFromReadable } from '@remix-run/node'
import type { ReactElement } from 'react'
import { renderToPipeableStream } from 'react-dom/server'

export function renderHtml(
  element: ReactElement,
  options: {
    status: number
    headers: Headers
    nonce?: string
    timeoutMs: number
    /** An error while the page is being sent, after its status went out. */
    onLateError?: (error: unknown) => void
  },
): Promise<Response> {
  let status = options.status
  return new Promise<Response>((resolve, reject) => {
    let sending = false
    // The timer holds the whole render (the loader data, the React tree, the stream) until it fires:
    // it is cleared as soon as the page no longer needs it, or every page of the last seconds stays in
    // memory (issue 15).
    const cutOff = setTimeout(() => abort(), options.timeoutMs)
    const { pipe, abort } = renderToPipeableStream(element, {
      nonce: options.nonce,
      onAllReady() {
        clearTimeout(cutOff)
        sending = true
        const body = new PassThrough()
        options.headers.set('Content-Type', 'text/html; charset=utf-8')
        resolve(
          new Response(createReadableStreamFromReadable(body), {
            headers: options.headers,
            status,
          }),
        )
        pipe(body)
      },
      onShellError(error: unknown) {
        clearTimeout(cutOff)
        reject(error)
      },
      onError(error: unknown) {
        status = 500
        if (sending) options.onLateError?.(error)
      },
    })
  })
}
