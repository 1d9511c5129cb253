import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { MATCH_END, MATCH_START } from '~/modules/documents/search-marks'
import type { DocumentHit } from '~/modules/documents/search.server'
import { useFormatters } from '../format'

/** A snippet with its matched words in <mark>; the text itself is never parsed as HTML. */
export function Snippet({ text }: { text: string }) {
  const parts = text.split(MATCH_START)
  return (
    <>
      {parts.map((part, i) => {
        if (i === 0) return <span key={i}>{part}</span>
        const [hit = '', rest = ''] = part.split(MATCH_END)
        return (
          <span key={i}>
            <mark>{hit}</mark>
            {rest}
          </span>
        )
      })}
    </>
  )
}

export function DocumentHits({
  q,
  documents,
}: {
  q: string
  documents: { total: number; capped: boolean; hits: DocumentHit[] }
}) {
  const { t } = useTranslation('documents')
  const f = useFormatters()
  return (
    <section aria-labelledby="document-hits">
      <h2 id="document-hits" className="utrecht-heading-2">
        {documents.capped
          ? t('search.documentsMany', { max: f.number(documents.total) })
          : t('search.documents', { count: documents.total })}
      </h2>
      {documents.hits.length ? (
        <ol className="zwin-hits">
          {documents.hits.map((h) => (
            <li key={h.id}>
              <Link
                className="utrecht-link zwin-hits__title"
                to={`/netwerken/${h.networkSlug}/documenten/${h.id}`}
              >
                {h.title}
              </Link>
              <p className="utrecht-paragraph zwin-muted">
                {t(`type.${h.type}` as 'type.overig')} · {h.networkShortName} · {h.ownerName} ·{' '}
                {f.date(h.updatedAt)}
              </p>
              {h.snippet ? (
                <p className="utrecht-paragraph">
                  <Snippet text={h.snippet} />
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="utrecht-paragraph">
          {q ? t('search.noDocuments', { q }) : t('search.noDocumentsFiltered')}
        </p>
      )}
    </section>
  )
}

export function ProjectHits({
  projects,
}: {
  projects: { id: string; title: string; network: { slug: string; shortName: string } }[]
}) {
  const { t } = useTranslation('documents')
  if (projects.length === 0) return null
  return (
    <section aria-labelledby="project-hits">
      <h2 id="project-hits" className="utrecht-heading-2">
        {t('search.projects', { count: projects.length })}
      </h2>
      <ul className="utrecht-unordered-list">
        {projects.map((p) => (
          <li key={p.id}>
            <Link className="utrecht-link" to={`/netwerken/${p.network.slug}/projecten/${p.id}`}>
              {p.title}
            </Link>{' '}
            ({p.network.shortName})
          </li>
        ))}
      </ul>
    </section>
  )
}
