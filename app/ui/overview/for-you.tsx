import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ForYou as ForYouData } from '~/modules/overview/for-you.server'
import { useFormatters } from '../format'
import { useMeetingWhen } from '../meetings/when'

// Single fetch keeps dates as Date objects between loader and component.
type Data = ForYouData

/**
 * "Voor u": what needs the reader, in the order they are likely to act on it. Every entry is a link to
 * the page where it is dealt with; lists that have nothing are left out, and when all are empty one
 * sentence says so.
 */
export function ForYou({ data, organisation }: { data: Data; organisation: string }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="for-you" className="zwin-for-you">
      <h2 id="for-you" className="utrecht-heading-2">
        {t('forYou.title')}
      </h2>
      {data.allDone ? (
        <div className="utrecht-alert utrecht-alert--ok" role="status">
          <p className="utrecht-paragraph">{t('forYou.allDone')}</p>
        </div>
      ) : (
        <div className="zwin-for-you-lists">
          <ActionItems data={data.actionItems} organisation={organisation} />
          <Invitations meetings={data.invitations} />
          <Preparing meetings={data.preparing} />
          <Minutes entries={data.minutes} />
          <Measurements goals={data.measurements} />
          <NewDocuments data={data.newDocuments} />
        </div>
      )}
    </section>
  )
}

function Group({
  id,
  title,
  children,
  more,
}: {
  id: string
  title: string
  children: ReactNode
  more?: ReactNode
}) {
  return (
    <section aria-labelledby={id} className="zwin-for-you-group">
      <h3 id={id} className="utrecht-heading-3">
        {title}
      </h3>
      <ul className="utrecht-unordered-list zwin-for-you-list">{children}</ul>
      {more ? <p className="utrecht-paragraph">{more}</p> : null}
    </section>
  )
}

function ActionItems({ data, organisation }: { data: Data['actionItems']; organisation: string }) {
  const { t } = useTranslation()
  const f = useFormatters()
  if (data.total === 0) return null
  return (
    <Group
      id="for-you-actions"
      title={t('forYou.actions.title', { organisation, count: data.total })}
      more={
        data.total > data.items.length ? (
          <PerNetwork
            entries={data.items.map((a) => ({ network: a.network.shortName, href: a.href }))}
            label={(network) => t('forYou.actions.allIn', { network })}
          />
        ) : null
      }
    >
      {data.items.map((a) => (
        <li key={a.id} className="utrecht-unordered-list__item">
          <Link className="utrecht-link" to={a.href}>
            {a.description}
          </Link>{' '}
          <span className="zwin-muted">
            {a.network.shortName} ·{' '}
            {a.dueDate
              ? t('forYou.actions.due', { date: f.date(a.dueDate) })
              : t('forYou.actions.noDueDate')}
          </span>
          {a.overdue ? (
            <>
              {' '}
              <span className="zwin-badge zwin-milestone-late">{t('forYou.actions.overdue')}</span>
            </>
          ) : null}
        </li>
      ))}
    </Group>
  )
}

function Invitations({ meetings }: { meetings: Data['invitations'] }) {
  const { t } = useTranslation()
  const when = useMeetingWhen()
  if (meetings.length === 0) return null
  return (
    <Group
      id="for-you-invitations"
      title={t('forYou.invitations.title', { count: meetings.length })}
    >
      {meetings.map((m) => (
        <li key={m.id} className="utrecht-unordered-list__item">
          <Link className="utrecht-link" to={m.href}>
            {m.title}
          </Link>{' '}
          <span className="zwin-muted">
            {m.network.shortName} · {when(m.startsAt, m.endsAt)}
          </span>{' '}
          <span className="zwin-badge">{t('forYou.invitations.reply')}</span>
        </li>
      ))}
    </Group>
  )
}

function Preparing({ meetings }: { meetings: Data['preparing'] }) {
  const { t } = useTranslation()
  const when = useMeetingWhen()
  if (meetings.length === 0) return null
  return (
    <Group id="for-you-preparing" title={t('forYou.preparing.title', { count: meetings.length })}>
      {meetings.map((m) => (
        <li key={m.id} className="utrecht-unordered-list__item">
          <Link className="utrecht-link" to={`${m.href}/deelnemers`}>
            {m.title}
          </Link>{' '}
          <span className="zwin-muted">
            {m.network.shortName} · {when(m.startsAt, m.endsAt)}
          </span>
          <br />
          <span>
            {t('forYou.preparing.replies', {
              yes: m.replies.yes,
              no: m.replies.no,
              maybe: m.replies.maybe,
              delegate: m.replies.delegate,
            })}{' '}
            <strong>{t('forYou.preparing.none', { count: m.replies.none })}</strong>
          </span>
        </li>
      ))}
    </Group>
  )
}

function Minutes({ entries }: { entries: Data['minutes'] }) {
  const { t } = useTranslation()
  const f = useFormatters()
  if (entries.length === 0) return null
  return (
    <Group id="for-you-minutes" title={t('forYou.minutes.title', { count: entries.length })}>
      {entries.map((m) => (
        <li key={`${m.kind}-${m.id}`} className="utrecht-unordered-list__item">
          <Link className="utrecht-link" to={m.href}>
            {m.title}
          </Link>{' '}
          <span className="zwin-muted">
            {m.network.shortName} ·{' '}
            {m.kind === 'round' && m.deadline
              ? t('forYou.minutes.round', { date: f.date(m.deadline) })
              : t('forYou.minutes.approve', { date: f.date(m.startsAt) })}
          </span>
        </li>
      ))}
    </Group>
  )
}

function Measurements({ goals }: { goals: Data['measurements'] }) {
  const { t } = useTranslation()
  const f = useFormatters()
  if (goals.length === 0) return null
  return (
    <Group
      id="for-you-measurements"
      title={t('forYou.measurements.title', { count: goals.length })}
    >
      {goals.map((g) => (
        <li key={g.id} className="utrecht-unordered-list__item">
          <Link className="utrecht-link" to={g.href}>
            {g.name}
          </Link>{' '}
          <span className="zwin-muted">
            {t('forYou.measurements.period', {
              network: g.network.shortName,
              from: f.date(`${g.period.firstDay}T12:00:00Z`),
              to: f.date(`${g.period.lastDay}T12:00:00Z`),
            })}
          </span>
          <br />
          {t('forYou.measurements.missing', {
            count: g.organisations.length,
            organisations: g.organisations.join(', '),
          })}
        </li>
      ))}
    </Group>
  )
}

function NewDocuments({ data }: { data: Data['newDocuments'] }) {
  const { t } = useTranslation()
  const f = useFormatters()
  if (data.total === 0) return null
  return (
    <Group
      id="for-you-documents"
      title={t('forYou.documents.title', { count: data.total })}
      more={
        data.total > data.items.length ? (
          <PerNetwork
            entries={data.items.map((d) => ({
              network: d.network.shortName,
              href: `/netwerken/${d.network.slug}/documenten`,
            }))}
            label={(network) => t('forYou.documents.allIn', { network })}
          />
        ) : null
      }
    >
      {data.items.map((d) => (
        <li key={d.id} className="utrecht-unordered-list__item">
          <Link className="utrecht-link" to={d.href}>
            {d.title}
          </Link>{' '}
          <span className="zwin-muted">
            {t('forYou.documents.by', {
              organisation: d.ownerOrganisation.name,
              network: d.network.shortName,
              date: f.date(d.createdAt),
            })}
          </span>
        </li>
      ))}
    </Group>
  )
}

/** One link per network among the entries shown: the lists there hold the rest. */
function PerNetwork({
  entries,
  label,
}: {
  entries: { network: string; href: string }[]
  label: (network: string) => string
}) {
  const unique = [...new Map(entries.map((e) => [e.href, e])).values()]
  return unique.map((e, i) => (
    <span key={e.href}>
      {i ? ' · ' : null}
      <Link className="utrecht-link" to={e.href}>
        {label(e.network)}
      </Link>
    </span>
  ))
}
