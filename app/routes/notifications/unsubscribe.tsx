import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import {
  lookUpUnsubscribe,
  unsubscribe,
  type UnsubscribeLookup,
} from '~/modules/notifications/unsubscribe.server'
import { SubmitButton } from '~/ui/form'
import { pageTitle } from '~/ui/meta'

/*
 * /uitschrijven/<token>: the link under every notification mail and the one-click target of its
 * List-Unsubscribe header (RFC 8058). No sign-in: the signed token is the authorisation, and all it can
 * do is turn one kind of mail off for the person it names (app/modules/notifications/unsubscribe.server.ts).
 * A mail program POSTs `List-Unsubscribe=One-Click` without cookies and from another origin, so this one
 * route is exempt from the same-origin check (scripts/http/middleware.ts). "uitschrijven", not
 * "afmelden": in Flanders "afmelden" means signing out.
 */

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, 'notifications:unsubscribe.title')

type PageData =
  | { status: 'invalid' | 'gone' }
  | {
      status: 'ok'
      kind: string
      /** Set when the token is for one network; null name: that network no longer exists. */
      network: { name: string | null } | null
      done: boolean
    }

function pageData(found: UnsubscribeLookup, done: boolean): PageData {
  if (found.status !== 'ok') return { status: found.status }
  return {
    status: 'ok',
    kind: found.target.kind,
    network: found.target.networkId ? { name: found.networkName } : null,
    done,
  }
}

/** A link that does not verify is not found; a removed account's link is harmless and says so. */
const httpStatus = (page: PageData) => (page.status === 'invalid' ? 404 : 200)

export async function loader({ params }: LoaderFunctionArgs) {
  const page = pageData(await lookUpUnsubscribe(params.token ?? ''), false)
  return data(page, { status: httpStatus(page) })
}

export async function action({ request, params }: ActionFunctionArgs) {
  // The body (List-Unsubscribe=One-Click, or this page's empty form) decides nothing: read and drop it.
  await request.text().catch(() => '')
  const page = pageData(await unsubscribe(params.token ?? '', via(request)), true)
  return data(page, { status: httpStatus(page) })
}

/** For the audit log: a mail program's one-click POST, or the button on this page. */
function via(request: Request): 'page' | 'one-click' {
  return request.headers.get('Origin') || request.headers.get('Cookie') ? 'page' : 'one-click'
}

export default function UnsubscribePage() {
  const { t } = useTranslation('notifications')
  const loaded = useLoaderData<typeof loader>()
  const acted = useActionData<typeof action>()
  const page = acted ?? loaded
  return (
    <section aria-labelledby="unsubscribe-title">
      <h1 id="unsubscribe-title" className="utrecht-heading-1">
        {t('unsubscribe.title')}
      </h1>
      {page.status === 'ok' ? (
        <Question page={page} />
      ) : (
        <div
          className={`utrecht-alert ${page.status === 'invalid' ? 'utrecht-alert--error' : 'utrecht-alert--info'}`}
          role={page.status === 'invalid' ? 'alert' : 'status'}
        >
          <p className="utrecht-paragraph">{t(`unsubscribe.${page.status}`)}</p>
        </div>
      )}
    </section>
  )
}

function Question({ page }: { page: Extract<PageData, { status: 'ok' }> }) {
  const { t } = useTranslation('notifications')
  const kind = t(`kinds.${page.kind}` as 'kinds.documents')
  const variant = !page.network ? '' : page.network.name ? 'Network' : 'OneNetwork'
  const values = { kind: kind.toLowerCase(), network: page.network?.name ?? '' }
  if (page.done)
    return (
      <>
        <div className="utrecht-alert utrecht-alert--ok" role="status">
          <p className="utrecht-paragraph">
            {t(`unsubscribe.done${variant}` as 'unsubscribe.done', values)}
          </p>
        </div>
        <p className="utrecht-paragraph">
          <Link className="utrecht-link" to="/profiel/meldingen">
            {t('unsubscribe.preferencesLink')}
          </Link>
        </p>
      </>
    )
  return (
    <Form method="post" className="zwin-form">
      <p className="utrecht-paragraph">
        {t(`unsubscribe.question${variant}` as 'unsubscribe.question', values)}
      </p>
      {page.kind === 'invitations' ? (
        <p className="utrecht-paragraph">{t('preferences.invitationsOff')}</p>
      ) : null}
      <p className="utrecht-paragraph">{t('unsubscribe.explain')}</p>
      <SubmitButton>{t('unsubscribe.submit')}</SubmitButton>
    </Form>
  )
}
