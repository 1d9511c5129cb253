import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useFormatters } from '../format'

type Facts = {
  description: string
  type: string
  language: string
  tags: string[]
  audience: string
  audienceNames: string[] | null
  updatedAt: string | Date
  ownerOrganisation: { name: string }
  project: { id: string; title: string } | null
}

/** Who may see it ("Zichtbaar voor: …"), in plain words, then the other facts. */
export function AudienceLine({
  audience,
  names,
  networkName,
}: {
  audience: string
  names: string[] | null
  networkName: string
}) {
  const { t } = useTranslation('documents')
  return (
    <p className="utrecht-paragraph zwin-audience">
      <strong>{t('audience.visibleTo')}</strong>{' '}
      {audience === 'network' || !names
        ? t('audience.allPartners', { network: networkName })
        : names.join(', ')}
    </p>
  )
}

export function DocumentFacts({
  document,
  networkSlug,
  networkName,
}: {
  document: Facts
  networkSlug: string
  networkName: string
}) {
  const { t } = useTranslation('documents')
  const f = useFormatters()
  return (
    <>
      <AudienceLine
        audience={document.audience}
        names={document.audienceNames}
        networkName={networkName}
      />
      {document.description ? (
        <p className="utrecht-paragraph zwin-prewrap">{document.description}</p>
      ) : null}
      <dl className="zwin-dl">
        <dt>{t('fields.type')}</dt>
        <dd>{t(`type.${document.type}` as 'type.overig')}</dd>
        <dt>{t('fields.language')}</dt>
        <dd>{t(`language.${document.language}` as 'language.nl')}</dd>
        <dt>{t('fields.owner')}</dt>
        <dd>{document.ownerOrganisation.name}</dd>
        <dt>{t('fields.updatedAt')}</dt>
        <dd>{f.dateTime(document.updatedAt)}</dd>
        {document.tags.length ? (
          <>
            <dt>{t('fields.tags')}</dt>
            <dd>{document.tags.join(', ')}</dd>
          </>
        ) : null}
        {document.project ? (
          <>
            <dt>{t('fields.project')}</dt>
            <dd>
              <Link
                className="utrecht-link"
                to={`/netwerken/${networkSlug}/projecten/${document.project.id}`}
              >
                {document.project.title}
              </Link>
            </dd>
          </>
        ) : null}
      </dl>
    </>
  )
}
