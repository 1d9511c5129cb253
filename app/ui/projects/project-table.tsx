import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useFormatters } from '../format'
import { ScrollableTable } from '../table-wrap'

export type ProjectRow = {
  id: string
  title: string
  status: string
  startDate: string | null
  endDate: string | null
  lead: string
  participantCount: number
  network?: { slug: string; shortName: string }
}

/** Projects as a table; with `networkSlug` for one network, otherwise each row names its network. */
export function ProjectTable({
  projects,
  networkSlug,
}: {
  projects: ProjectRow[]
  networkSlug?: string
}) {
  const { t } = useTranslation('projects')
  const { date } = useFormatters()
  return (
    <ScrollableTable caption={t('caption', { count: projects.length })}>
      <thead>
        <tr>
          <th scope="col">{t('columns.title')}</th>
          {networkSlug ? null : <th scope="col">{t('columns.network')}</th>}
          <th scope="col">{t('columns.status')}</th>
          <th scope="col">{t('columns.lead')}</th>
          <th scope="col">{t('columns.period')}</th>
          <th scope="col">{t('columns.participants')}</th>
        </tr>
      </thead>
      <tbody>
        {projects.map((p) => (
          <tr key={p.id}>
            <td>
              <Link
                className="utrecht-link"
                to={`/netwerken/${networkSlug ?? p.network?.slug}/projecten/${p.id}`}
              >
                {p.title}
              </Link>
            </td>
            {networkSlug ? null : <td>{p.network?.shortName}</td>}
            <td>
              <span className={`zwin-badge zwin-status-${p.status}`}>
                {t(`status.${p.status}` as 'status.idea')}
              </span>
            </td>
            <td>{p.lead}</td>
            <td>
              {p.startDate || p.endDate
                ? `${p.startDate ? date(p.startDate) : '…'} – ${p.endDate ? date(p.endDate) : '…'}`
                : t('detail.noPeriod')}
            </td>
            <td>{p.participantCount}</td>
          </tr>
        ))}
      </tbody>
    </ScrollableTable>
  )
}
