import { useTranslation } from 'react-i18next'
import { useFormatters } from '../format'

/**
 * "3 of 5 partners opened this", per organisation, for the document's owner and the coordinators. Never
 * which person opened it: this is not a surveillance list.
 */
export function OpenedSummary({
  opened,
}: {
  opened: {
    opened: number
    total: number
    organisations: { id: string; name: string; firstOpenedAt: string | Date | null }[]
  }
}) {
  const { t } = useTranslation('documents')
  const f = useFormatters()
  return (
    <section aria-labelledby="opened-heading">
      <h2 id="opened-heading" className="utrecht-heading-2">
        {t('opened.title')}
      </h2>
      <p className="utrecht-paragraph">
        {t('opened.summary', { opened: opened.opened, count: opened.total })}
      </p>
      <ul className="utrecht-unordered-list">
        {opened.organisations.map((o) => (
          <li key={o.id}>
            {o.name}:{' '}
            {o.firstOpenedAt
              ? t('opened.since', { date: f.dateTime(o.firstOpenedAt) })
              : t('opened.notYet')}
          </li>
        ))}
      </ul>
      <p className="utrecht-paragraph zwin-muted">{t('opened.privacy')}</p>
    </section>
  )
}
