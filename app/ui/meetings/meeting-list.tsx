import { Link } from '@remix-run/react'
import { meetingLabel } from '~/modules/meetings/naming'
import { useTranslation } from 'react-i18next'
import { hasDraftMinutes } from '~/modules/minutes/types'
import { MinutesDraftLabel } from '../minutes/minutes-view'
import { useMeetingWhen } from './when'

export type MeetingListRow = {
  id: string
  title: string
  startsAt: string | Date
  endsAt: string | Date
  status: string
  location: string
  hostOrganisation: { name: string }
  network: { slug: string; shortName: string }
}

/** Meetings as a list of cards: when, what, where, and the status when it is not plain "published". */
export function MeetingList({
  meetings,
  showNetwork,
}: {
  meetings: MeetingListRow[]
  showNetwork?: boolean
}) {
  const { t } = useTranslation('meetings')
  const when = useMeetingWhen()
  return (
    <ul className="zwin-cards">
      {meetings.map((m) => (
        <li key={m.id} className="zwin-card">
          <p className="utrecht-paragraph">
            <strong>{when(m.startsAt, m.endsAt)}</strong>{' '}
            {m.status !== 'published' ? (
              <span className={`zwin-badge zwin-badge--${m.status}`}>
                {t(`status.${m.status}` as 'status.draft')}
              </span>
            ) : null}
            {hasDraftMinutes(m) ? (
              <>
                {' '}
                <MinutesDraftLabel />
              </>
            ) : null}
          </p>
          <h3 className="utrecht-heading-3">
            <Link
              className="utrecht-link"
              to={`/netwerken/${m.network.slug}/vergaderingen/${m.id}`}
            >
              {showNetwork ? meetingLabel(m.network.shortName, m.title) : m.title}
            </Link>
          </h3>
          <p className="utrecht-paragraph">
            {m.location
              ? t('hostedAt', { host: m.hostOrganisation.name, location: firstLine(m.location) })
              : t('hostedOnline', { host: m.hostOrganisation.name })}
          </p>
        </li>
      ))}
    </ul>
  )
}

function firstLine(text: string) {
  return text.split('\n')[0]!.trim()
}
