/*
 * The answer to a request that is refused before (or instead of) a page: a body too large, of the wrong
 * kind or too slow, a queue that is full. It is a small page of its own in the reader's language, with
 * the portal's style sheets, because it must be made without running the page's loaders. A client that
 * asks for JSON (the upload with a progress bar) gets the same texts as JSON.
 */
import { renderToStaticMarkup } from 'react-dom/server'
import type { Locale } from '~/i18n/config'
import { resolveLocale } from '~/i18n/i18n.server'
import { plainTranslator } from '~/i18n/translate'
import { ErrorMessage } from '~/ui/error-message'
import layoutCss from '~/ui/layout.css?url'
import themeCss from '~/ui/theme.css?url'
import utrechtCss from '~/ui/utrecht.css?url'

/** Why a request is refused; each has a title and a text under `errors.<reason>` in common.json. */
export type RefusalReason =
  | 'badRequest'
  | 'tooLarge'
  | 'unsupportedType'
  | 'timeout'
  | 'busy'
  | 'server'
  | 'notFound'
  | 'forbidden'
  | 'agendaPackFailed'
  | 'minutesExportFailed'

export type Refusal = {
  status: number
  reason: RefusalReason
  /** Seconds after which trying again makes sense (sent as Retry-After, and said in the text). */
  retryAfterSeconds?: number
  headers?: Record<string, string>
  /** The reader's language when the caller knows it (a saved choice); else cookie and header decide. */
  locale?: Locale
}

export async function refusalResponse(request: Request, refusal: Refusal): Promise<Response> {
  const locale = refusal.locale ?? (await resolveLocale(request))
  const t = plainTranslator(locale)
  const title = t(`errors.${refusal.reason}.title`)
  const body = t(`errors.${refusal.reason}.body`)
  const retry =
    refusal.retryAfterSeconds === undefined
      ? ''
      : t('errors.retryAfter', { count: Math.max(1, Math.ceil(refusal.retryAfterSeconds / 60)) })
  const headers = new Headers(refusal.headers)
  headers.set('Cache-Control', 'no-store')
  if (refusal.retryAfterSeconds !== undefined) {
    headers.set('Retry-After', String(Math.ceil(refusal.retryAfterSeconds)))
  }
  const accept = request.headers.get('Accept') ?? ''
  if (accept.includes('application/json') && !accept.includes('text/html')) {
    headers.set('Content-Type', 'application/json; charset=utf-8')
    const error = {
      reason: refusal.reason,
      title,
      message: [body, retry].filter(Boolean).join(' '),
    }
    return new Response(JSON.stringify({ error }), { status: refusal.status, headers })
  }
  headers.set('Content-Type', 'text/html; charset=utf-8')
  const page = renderToStaticMarkup(
    <html lang={locale} className="zwin-theme utrecht-document">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – Zwin`}</title>
        <link rel="stylesheet" href={utrechtCss} />
        <link rel="stylesheet" href={themeCss} />
        <link rel="stylesheet" href={layoutCss} />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </head>
      <body className="utrecht-body">
        <header className="zwin-header">
          <div className="zwin-header__bar">
            <a href="/" className="zwin-brand">
              <span className="zwin-brand__name">Zwin</span>
              <span className="zwin-brand__tagline">{t('shell.tagline')}</span>
            </a>
          </div>
        </header>
        <main id="inhoud" className="zwin-main">
          <ErrorMessage
            title={title}
            texts={[body, retry].filter(Boolean)}
            homeLabel={t('errors.home')}
          />
        </main>
      </body>
    </html>,
  )
  return new Response(`<!DOCTYPE html>${page}`, { status: refusal.status, headers })
}
