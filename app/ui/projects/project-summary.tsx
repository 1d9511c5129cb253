import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ScrollableTable } from '../table-wrap'
import { useFormatters } from '../format'

type Summary = {
  id: string
  description: string
  status: string
  stopReason: string | null
  startDate: string | null
  endDate: string | null
  leadOrganisation: { name: string }
  participants: { id: string; name: string; country: string; contact: string | null }[]
}

export function ProjectSummary({
  network,
  project,
  canEdit,
  isParticipant,
}: {
  network: { slug: string }
  project: Summary
  canEdit: boolean
  isParticipant: boolean
}) {
  const { t } = useTranslation('projects')
  const { t: tc } = useTranslation()
  const { date } = useFormatters()
  const base = `/netwerken/${network.slug}/projecten/${project.id}`
  return (
    <>
      <dl className="zwin-dl">
        <dt>{t('fields.status')}</dt>
        <dd>
          <span className={`zwin-badge zwin-status-${project.status}`}>
            {t(`status.${project.status}` as 'status.idea')}
          </span>
        </dd>
        {project.status === 'stopped' && project.stopReason ? (
          <>
            <dt>{t('detail.stopReason')}</dt>
            <dd>{project.stopReason}</dd>
          </>
        ) : null}
        <dt>{t('detail.period')}</dt>
        <dd>
          {project.startDate || project.endDate
            ? `${project.startDate ? date(project.startDate) : '…'} – ${project.endDate ? date(project.endDate) : '…'}`
            : t('detail.noPeriod')}
        </dd>
        <dt>{t('detail.lead')}</dt>
        <dd>{project.leadOrganisation.name}</dd>
      </dl>
      {project.description ? (
        <p className="utrecht-paragraph zwin-prewrap">{project.description}</p>
      ) : null}
      {isParticipant ? <p className="utrecht-paragraph">{t('detail.yourPart')}</p> : null}
      <p className="zwin-actions">
        {canEdit ? (
          <Link className="utrecht-link" to={`${base}/bewerken`}>
            {t('detail.editLink')}
          </Link>
        ) : null}
        <Link className="utrecht-link" to={`${base}/begroting`}>
          {t('detail.budgetLink')}
        </Link>
      </p>
      <h2 id="project-participants" className="utrecht-heading-2">
        {t('detail.participantsTitle')}
      </h2>
      <ScrollableTable labelledBy="project-participants">
        <thead>
          <tr>
            <th scope="col">{t('columns.participants')}</th>
            <th scope="col">{tc('network.country')}</th>
            <th scope="col">{t('detail.contact')}</th>
          </tr>
        </thead>
        <tbody>
          {project.participants.map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td>{tc(`country.${p.country}` as 'country.NL')}</td>
              <td>{p.contact ?? <span className="zwin-muted">{t('detail.noContact')}</span>}</td>
            </tr>
          ))}
        </tbody>
      </ScrollableTable>
    </>
  )
}
