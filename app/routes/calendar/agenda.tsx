import {
  data,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/modules/access/access.server'
import {
  createFeedToken,
  feedUrl,
  getFeed,
  revokeFeed,
  upcomingMeetings,
} from '~/modules/calendar/feed.server'
import { getConfig } from '~/modules/config/config.server'
import { isConfirmed } from '~/modules/forms/confirm'
import { pageParam } from '~/modules/forms/fields'
import { ConfirmPanel, RowAction } from '~/ui/confirm'
import { FormError } from '~/ui/form'
import { useFormatters } from '~/ui/format'
import { pageTitle } from '~/ui/meta'
import { Pager } from '~/ui/pager'

// The answer to "make a link" holds the secret feed address: never kept by a browser or proxy cache.
export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) =>
  actionHeaders.has('Cache-Control') ? actionHeaders : loaderHeaders

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'calendar:agenda.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const page = pageParam(new URL(request.url).searchParams.get('pagina'))
  const [agenda, feed] = await Promise.all([upcomingMeetings(user, page), getFeed(user)])
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
  const { meetings, page, pages, total, feed } = useLoaderData<typeof loader>()
  return (
    <>
      <h1 className="utrecht-heading-1">{t('agenda.title')}</h1>
      <p className="utrecht-paragraph">{t('agenda.intro')}</p>
      {meetings.length ? (
        <>
          <MeetingTable meetings={meetings} />
          {pages > 1 ? <Pager page={page} pages={pages} total={total} /> : null}
        </>
      ) : (
        <div className="utrecht-alert utrecht-alert--info">
          <p className="utrecht-paragraph">{t('agenda.empty')}</p>
        </div>
      )}
      <FeedSection since={feed?.createdAt ?? null} />
    </>
  )
}

function MeetingTable({ meetings }: { meetings: Awaited<ReturnType<typeof loader>>['meetings'] }) {
  const { t } = useTranslation('calendar')
  const when = useWhen()
  return (
    <div className="zwin-table-wrap">
      <table className="zwin-table">
        <caption>{t('agenda.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('agenda.when')}</th>
            <th scope="col">{t('agenda.meeting')}</th>
            <th scope="col">{t('agenda.network')}</th>
            <th scope="col">{t('agenda.place')}</th>
            <th scope="col">{t('agenda.status')}</th>
            <th scope="col">{t('agenda.calendar')}</th>
          </tr>
        </thead>
        <tbody>
          {meetings.map((m) => {
            const page = `/netwerken/${m.network.slug}/vergaderingen/${m.id}`
            const { date, time } = when(m.startsAt, m.endsAt)
            return (
              <tr key={m.id}>
                <td>
                  <time dateTime={new Date(m.startsAt).toISOString()}>{date}</time>
                  <br />
                  {time}
                </td>
                <th scope="row">
                  <Link className="utrecht-link" to={page}>
                    {m.title}
                  </Link>
                </th>
                <td>
                  <abbr title={m.network.name}>{m.network.shortName}</abbr>
                </td>
                <td>
                  <Place location={m.location} onlineUrl={m.onlineUrl} />
                </td>
                <td>
                  <span
                    className={
                      m.status === 'draft' || m.status === 'cancelled'
                        ? `zwin-badge zwin-badge--${m.status}`
                        : undefined
                    }
                  >
                    {t(`status.${m.status}` as 'status.draft')}
                  </span>
                  {m.status === 'draft' ? (
                    <p className="zwin-muted">{t('agenda.draftNote')}</p>
                  ) : null}
                  {m.status === 'cancelled' && m.cancelReason ? (
                    <p className="zwin-muted">
                      {t('agenda.cancelReason', { reason: m.cancelReason })}
                    </p>
                  ) : null}
                </td>
                <td>
                  <a
                    className="utrecht-link"
                    href={`${page}/vergadering.ics`}
                    aria-label={t('agenda.icsLabel', { title: m.title, date })}
                  >
                    {t('agenda.ics')}
                  </a>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

function Place({ location, onlineUrl }: { location: string; onlineUrl: string }) {
  const { t } = useTranslation('calendar')
  // Only a web address becomes a link; anything else a preparer typed stays text.
  const online = /^https?:\/\//i.test(onlineUrl) ? (
    <a className="utrecht-link" href={onlineUrl} rel="noopener noreferrer">
      {t('agenda.online')}
    </a>
  ) : onlineUrl ? (
    t('agenda.online')
  ) : null
  if (!location && !online) return <span className="zwin-muted">{t('agenda.noPlace')}</span>
  return (
    <>
      {location}
      {location && online ? <br /> : null}
      {online}
    </>
  )
}

/** Day and clock time in Europe/Amsterdam in the reader's language; always a clock time. */
function useWhen() {
  const { t, i18n } = useTranslation('calendar')
  const { date: longDate } = useFormatters()
  const clock = new Intl.DateTimeFormat(i18n.language, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Europe/Amsterdam',
  })
  return (start: Date | string, end: Date | string) => {
    const date = longDate(start)
    const sameDay = longDate(end) === date
    return {
      date,
      time: sameDay
        ? t('agenda.timeRange', {
            start: clock.format(new Date(start)),
            end: clock.format(new Date(end)),
          })
        : `${clock.format(new Date(start))} ${t('agenda.until', { end: `${longDate(end)} ${clock.format(new Date(end))}` })}`,
    }
  }
}

function FeedSection({ since }: { since: Date | string | null }) {
  const { t } = useTranslation('calendar')
  const { date } = useFormatters()
  const result = useActionData<typeof action>()
  const created = result && 'created' in result ? result.created : null
  const confirm = result && 'confirm' in result ? result.confirm : null
  return (
    <section aria-labelledby="feed-title">
      <h2 id="feed-title" className="utrecht-heading-2">
        {t('feed.title')}
      </h2>
      <p className="utrecht-paragraph">{t('feed.intro')}</p>
      <p className="utrecht-paragraph">{t('feed.private')}</p>
      {result && 'error' in result ? <FormError errors={[result.error]} /> : null}
      {result && 'revoked' in result ? (
        <div className="utrecht-alert utrecht-alert--ok" role="status">
          <p className="utrecht-paragraph">{t('feed.revoked')}</p>
        </div>
      ) : null}
      {created ? (
        <div className="utrecht-alert utrecht-alert--ok utrecht-form-field" role="status">
          <h3 className="utrecht-heading-3">{t('feed.createdTitle')}</h3>
          <label className="utrecht-form-label" htmlFor="feed-url">
            {t('feed.urlLabel')}
          </label>
          <p id="feed-url-help" className="utrecht-form-field-description">
            {t('feed.createdHint')}
          </p>
          <input
            id="feed-url"
            type="text"
            readOnly
            value={created}
            aria-describedby="feed-url-help"
            onFocus={(e) => e.currentTarget.select()}
            spellCheck={false}
            className="utrecht-textbox utrecht-textbox--html-input utrecht-textbox--readonly"
          />
        </div>
      ) : null}
      {confirm ? (
        <ConfirmPanel
          pending={{
            intent: confirm === 'replace' ? 'create' : 'revoke',
            id: 'feed',
            question: t(confirm === 'replace' ? 'feed.replaceQuestion' : 'feed.revokeQuestion'),
          }}
          confirmLabel={t(confirm === 'replace' ? 'feed.replaceConfirm' : 'feed.revokeConfirm')}
        />
      ) : null}
      <p className="utrecht-paragraph">
        {since
          ? `${t('feed.active', { date: date(since) })} ${created ? '' : t('feed.activeHint')}`
          : t('feed.none')}
      </p>
      <div className="zwin-actions">
        <RowAction intent="create" label={t(since ? 'feed.replace' : 'feed.create')} primary />
        {since ? <RowAction intent="revoke" label={t('feed.revoke')} /> : null}
      </div>
    </section>
  )
}
