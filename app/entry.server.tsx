import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { createInstance, type i18n as I18n } from 'i18next'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { isLocale, type Locale } from './i18n/config'
import { keepLanguageHierarchies } from './i18n/hierarchy'
import { resolveLocale } from './i18n/i18n.server'
import { serverI18nOptions } from './i18n/resources'
import { renderHtml } from './modules/http/render-html.server'
import { log } from './modules/observability/logger.server'
import { NonceProvider } from './ui/nonce'

export const streamTimeout = 5_000

/**
 * One i18next instance per locale, made at its first page and then shared by every page in that
 * locale: the server never changes an instance's language, and the resources are bundled, so renders
 * at the same time can read the same one. Making one per request, all twelve namespaces in three
 * languages, cost about half a millisecond of every page (issue 15).
 */
const renderers = new Map<Locale, Promise<I18n>>()
function i18nFor(locale: Locale): Promise<I18n> {
  let found = renderers.get(locale)
  if (!found) {
    const i18n = createInstance()
    found = i18n
      .use(initReactI18next)
      .init({ ...serverI18nOptions, lng: locale })
      .then(() => {
        keepLanguageHierarchies(i18n)
        return i18n
      })
    renderers.set(locale, found)
  }
  return found
}

/** What the production server (scripts/server.ts) takes from the app: see the module. */
export * as runtime from './modules/runtime/server.server'

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
  const i18n = await i18nFor(locale)
  const nonce = loadContext.cspNonce

  return renderHtml(
    <NonceProvider value={nonce}>
      <I18nextProvider i18n={i18n}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </I18nextProvider>
    </NonceProvider>,
    {
      status: responseStatusCode,
      headers: responseHeaders,
      nonce,
      timeoutMs: streamTimeout + 1_000,
      // The reader sees the error boundary, not a stack trace.
      onLateError: (error) => log.error({ err: error }, 'Rendering a page failed after its shell'),
    },
  )
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return
  // A 404 or 405 is an answer, not a fault: only real errors go to the log.
  if (isRouteErrorResponse(error) && error.status < 500) return
  log.error({ err: error }, 'A loader or action failed')
}
