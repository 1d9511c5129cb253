import { PassThrough } from 'node:stream'
import {
  createReadableStreamFromReadable,
  type AppLoadContext,
  type EntryContext,
} from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { createInstance } from 'i18next'
import { renderToPipeableStream } from 'react-dom/server'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { i18nOptions, isLocale, type Locale } from './i18n/config'
import { resolveLocale } from './i18n/i18n.server'
import { getSessionUser } from './modules/auth/session.server'
import { getConfig } from './modules/config/config.server'
import { UPLOAD_FORM_OVERHEAD_BYTES } from './modules/documents/upload.server'
import { NonceProvider } from './ui/nonce'

export const streamTimeout = 5_000

/**
 * Background work (text extraction, the bin, stray files) runs in the same module instance as the
 * routes that queue it; scripts/server.ts calls this through the build before it listens.
 */
export { startDocumentMaintenance } from './modules/documents/maintenance.server'
/** The translated page for a request the server refuses before Remix (scripts/http/middleware.ts). */
export { refusalResponse } from './modules/http/refusal.server'

/** Whether a Cookie header holds a live session: the server lets multipart bodies in only then. */
export async function hasSession(cookieHeader: string | undefined): Promise<boolean> {
  const request = new Request('http://zwin.invalid/', { headers: { Cookie: cookieHeader ?? '' } })
  return (await getSessionUser(request)) !== null
}

/** The most an upload's body may hold: the configured file limit and room for the form's fields. */
export function uploadBodyLimit(): number {
  return getConfig().uploadMaxBytes + UPLOAD_FORM_OVERHEAD_BYTES
}

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** Per-request nonce for the Content-Security-Policy set by the server. */
    cspNonce?: string
    /** The client's address (proxy headers are trusted only when TRUST_PROXY is set). */
    clientIp?: string
  }
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The root loader already chose the locale (saved preference, cookie, Accept-Language, organisation);
  // when it did not run (an error before it), fall back to what the request alone tells.
  const rootData = remixContext.staticHandlerContext.loaderData?.root as
    { locale?: string } | undefined
  const locale: Locale = isLocale(rootData?.locale) ? rootData.locale : await resolveLocale(request)
  const i18n = createInstance()
  await i18n.use(initReactI18next).init({ ...i18nOptions, lng: locale })
  const nonce = loadContext.cspNonce

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          shellRendered = true
          const body = new PassThrough()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          )
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          // Errors after the shell are logged here; the user sees the error boundary, not a stack trace.
          if (shellRendered) console.error(error)
        },
      },
    )
    setTimeout(abort, streamTimeout + 1_000)
  })
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return
  // A 404 or 405 is an answer, not a fault: only real errors go to the log.
  if (isRouteErrorResponse(error) && error.status < 500) return
  console.error(error)
}
