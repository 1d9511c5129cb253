import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { MeetingList, type MeetingListRow } from './meeting-list'

/** The dashboard's next meetings across all the user's networks. */
export function UpcomingMeetings({ meetings }: { meetings: MeetingListRow[] }) {
  const { t } = useTranslation('meetings')
  return (
    <section aria-labelledby="upcoming-meetings">
      <h2 id="upcoming-meetings" className="utrecht-heading-2">
        {t('dashboardTitle')}
      </h2>
      {meetings.length ? (
        <MeetingList meetings={meetings} showNetwork />
      ) : (
        <p className="utrecht-paragraph">{t('dashboardEmpty')}</p>
      )}
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to="/agenda">
          {t('dashboardAll')}
        </Link>
      </p>
    </section>
  )
}
