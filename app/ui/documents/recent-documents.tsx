import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useFormatters } from '../format'

/** The dashboard's "recently shared with you", across the user's networks. */
export function RecentDocuments({
  documents,
}: {
  documents: {
    id: string
    title: string
    updatedAt: string | Date
    network: { slug: string; shortName: string }
    ownerOrganisation: { name: string }
  }[]
}) {
  const { t } = useTranslation('documents')
  const f = useFormatters()
  return (
    <section aria-labelledby="recent-documents">
      <h2 id="recent-documents" className="utrecht-heading-2">
        {t('recent.title')}
      </h2>
      {documents.length ? (
        <ul className="utrecht-unordered-list">
          {documents.map((d) => (
            <li key={d.id}>
              <Link className="utrecht-link" to={`/netwerken/${d.network.slug}/documenten/${d.id}`}>
                {d.title}
              </Link>{' '}
              <span className="zwin-muted">
                ({d.network.shortName}, {d.ownerOrganisation.name}, {f.date(d.updatedAt)})
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="utrecht-paragraph">{t('recent.empty')}</p>
      )}
    </section>
  )
}
