import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useMeetingWhen } from './when'

/** The meetings found by the header search, above the documents. */
export function MeetingHits({
  meetings,
}: {
  meetings: {
    id: string
    title: string
    startsAt: string | Date
    endsAt: string | Date
    status: string
    network: { slug: string; shortName: string }
  }[]
}) {
  const { t } = useTranslation('meetings')
  const when = useMeetingWhen()
  if (meetings.length === 0) return null
  return (
    <section aria-labelledby="meeting-hits">
      <h2 id="meeting-hits" className="utrecht-heading-2">
        {t('searchHits', { count: meetings.length })}
      </h2>
      <ul className="utrecht-unordered-list">
        {meetings.map((m) => (
          <li key={m.id}>
            <Link
              className="utrecht-link"
              to={`/netwerken/${m.network.slug}/vergaderingen/${m.id}`}
            >
              {m.title}
            </Link>{' '}
            ({m.network.shortName}, {when(m.startsAt, m.endsAt)}
            {m.status === 'published' ? '' : `, ${t(`status.${m.status}` as 'status.draft')}`})
          </li>
        ))}
      </ul>
    </section>
  )
}
