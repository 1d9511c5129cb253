import {
  data,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/modules/access/access.server'
import { createFeedToken, feedUrl, getFeed, revokeFeed } from '~/modules/calendar/feed.server'
import { listMeetings } from '~/modules/meetings/queries.server'
import { getConfig } from '~/modules/config/config.server'
import { isConfirmed } from '~/modules/forms/confirm'
import { pageParam } from '~/modules/forms/fields'
import { FeedSection } from '~/ui/calendar/feed-section'
import { MeetingTable } from '~/ui/calendar/meeting-table'
import { pageTitle } from '~/ui/meta'
import { Pager } from '~/ui/pager'

// The answer to "make a link" holds the secret feed address: never kept by a browser or proxy cache.
export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) =>
  actionHeaders.has('Cache-Control') ? actionHeaders : loaderHeaders

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'calendar:agenda.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const page = pageParam(new URL(request.url).searchParams.get('pagina'))
  const [agenda, feed] = await Promise.all([
    listMeetings(user, { when: 'upcoming', page, pageSize: 25 }),
    getFeed(user),
  ])
  return { ...agenda, feed }
}

// The new link is in this answer only: no browser or proxy may keep a copy.
const noStore = { headers: { 'Cache-Control': 'no-store' } }

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (intent === 'create') {
    if (!isConfirmed(formData) && (await getFeed(user))) return { confirm: 'replace' as const }
    const token = await createFeedToken(user)
    return data({ created: feedUrl(getConfig().publicOrigin, token) }, noStore)
  }
  if (intent === 'revoke') {
    if (!isConfirmed(formData) && (await getFeed(user))) return { confirm: 'revoke' as const }
    await revokeFeed(user)
    return { revoked: true as const }
  }
  return data({ error: 'unknownAction' as const }, { status: 400 })
}

export default function Agenda() {
  const { t } = useTranslation('calendar')
  const { meetings, page, pageCount, total, feed } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <>
      <h1 className="utrecht-heading-1">{t('agenda.title')}</h1>
      <p className="utrecht-paragraph">{t('agenda.intro')}</p>
      {meetings.length ? (
        <>
          <MeetingTable meetings={meetings} />
          {pageCount > 1 ? <Pager page={page} pages={pageCount} total={total} /> : null}
        </>
      ) : (
        <div className="utrecht-alert utrecht-alert--info">
          <p className="utrecht-paragraph">{t('agenda.empty')}</p>
        </div>
      )}
      <FeedSection since={feed?.createdAt ?? null} result={result} />
    </>
  )
}
