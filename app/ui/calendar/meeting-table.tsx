import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useMeetingWhen } from '../meetings/when'
import { ScrollableTable } from '../table-wrap'
import { Place } from './place'

export type AgendaMeeting = {
  id: string
  title: string
  startsAt: Date | string
  endsAt: Date | string
  location: string
  onlineUrl: string
  status: string
  cancelReason: string | null
  network: { slug: string; shortName: string; name: string }
}

/** "Mijn agenda": the coming meetings of all the user's networks, each with its own .ics file. */
export function MeetingTable({ meetings }: { meetings: AgendaMeeting[] }) {
  const { t } = useTranslation(['calendar', 'meetings'])
  const meetingWhen = useMeetingWhen()
  return (
    <ScrollableTable caption={t('agenda.caption')}>
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
          const when = meetingWhen(m.startsAt, m.endsAt)
          return (
            <tr key={m.id}>
              <td>
                <time dateTime={new Date(m.startsAt).toISOString()}>{when}</time>
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
                  {t(`meetings:status.${m.status}` as 'meetings:status.draft')}
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
                  aria-label={t('agenda.icsLabel', { title: m.title, when })}
                >
                  {t('agenda.ics')}
                </a>
              </td>
            </tr>
          )
        })}
      </tbody>
    </ScrollableTable>
  )
}
