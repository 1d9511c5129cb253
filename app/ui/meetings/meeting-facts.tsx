import { useTranslation } from 'react-i18next'
import { useMeetingWhen } from './when'

export type MeetingFactsView = {
  startsAt: string | Date
  endsAt: string | Date
  location: string
  onlineUrl: string
  chair: string
  secretary: string
  description: string
  hostOrganisation: { name: string }
}

/** When, where, who hosts, chairs and takes the minutes. */
export function MeetingFacts({ meeting }: { meeting: MeetingFactsView }) {
  const { t } = useTranslation('meetings')
  const when = useMeetingWhen()
  return (
    <dl className="zwin-dl">
      <dt>{t('fields.when')}</dt>
      <dd>{when(meeting.startsAt, meeting.endsAt)}</dd>
      <dt>{t('fields.host')}</dt>
      <dd>{meeting.hostOrganisation.name}</dd>
      {meeting.location ? (
        <>
          <dt>{t('fields.location')}</dt>
          <dd className="zwin-prewrap">{meeting.location}</dd>
        </>
      ) : null}
      {meeting.onlineUrl ? (
        <>
          <dt>{t('fields.onlineUrl')}</dt>
          <dd>
            <a className="utrecht-link" href={meeting.onlineUrl} rel="noopener noreferrer">
              {meeting.onlineUrl}
            </a>
          </dd>
        </>
      ) : null}
      {meeting.chair ? (
        <>
          <dt>{t('fields.chair')}</dt>
          <dd>{meeting.chair}</dd>
        </>
      ) : null}
      {meeting.secretary ? (
        <>
          <dt>{t('fields.secretary')}</dt>
          <dd>{meeting.secretary}</dd>
        </>
      ) : null}
      {meeting.description ? (
        <>
          <dt>{t('fields.description')}</dt>
          <dd className="zwin-prewrap">{meeting.description}</dd>
        </>
      ) : null}
    </dl>
  )
}
