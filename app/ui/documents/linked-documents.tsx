import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useFormatters } from '../format'

/** The documents of a project (those the reader may see), with a way to share one for it. */
export function LinkedDocuments({
  networkSlug,
  projectId,
  documents,
}: {
  networkSlug: string
  projectId: string
  documents: { id: string; title: string; type: string; updatedAt: string | Date }[]
}) {
  const { t } = useTranslation('documents')
  const f = useFormatters()
  return (
    <section aria-labelledby="project-documents">
      <h2 id="project-documents" className="utrecht-heading-2">
        {t('project.title')}
      </h2>
      {documents.length ? (
        <ul className="utrecht-unordered-list">
          {documents.map((d) => (
            <li key={d.id}>
              <Link className="utrecht-link" to={`/netwerken/${networkSlug}/documenten/${d.id}`}>
                {d.title}
              </Link>{' '}
              ({t(`type.${d.type}` as 'type.overig')}, {f.date(d.updatedAt)})
            </li>
          ))}
        </ul>
      ) : (
        <p className="utrecht-paragraph">{t('project.empty')}</p>
      )}
      <p className="utrecht-paragraph">
        <Link
          className="utrecht-link"
          to={`/netwerken/${networkSlug}/documenten/nieuw?project=${projectId}`}
        >
          {t('project.share')}
        </Link>
      </p>
    </section>
  )
}
