import { useTranslation } from 'react-i18next'

/** Where a meeting is: the address, and "Online" (a link only when it is a web address). */
export function Place({ location, onlineUrl }: { location: string; onlineUrl: string }) {
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
