import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useFormatters } from '../format'
import { ScrollableTable } from '../table-wrap'

type Row = {
  id: string
  title: string
  type: string
  audience: string
  updatedAt: string | Date
  ownerOrganisation: { name: string }
  latest: { size: number; mediaType: string } | null
}

export function DocumentTable({
  documents,
  networkSlug,
}: {
  documents: Row[]
  networkSlug: string
}) {
  const { t } = useTranslation('documents')
  const f = useFormatters()
  return (
    <ScrollableTable caption={t('tableCaption')}>
      <thead>
        <tr>
          <th scope="col">{t('fields.title')}</th>
          <th scope="col">{t('fields.type')}</th>
          <th scope="col">{t('fields.owner')}</th>
          <th scope="col">{t('fields.audience')}</th>
          <th scope="col">{t('fields.updatedAt')}</th>
          <th scope="col">{t('version.size')}</th>
        </tr>
      </thead>
      <tbody>
        {documents.map((d) => (
          <tr key={d.id}>
            <td>
              <Link className="utrecht-link" to={`/netwerken/${networkSlug}/documenten/${d.id}`}>
                {d.title}
              </Link>
            </td>
            <td>{t(`type.${d.type}` as 'type.overig')}</td>
            <td>{d.ownerOrganisation.name}</td>
            <td>
              {d.audience === 'network'
                ? t('audience.short.network')
                : t('audience.short.selected')}
            </td>
            <td>{f.date(d.updatedAt)}</td>
            <td>{d.latest ? f.fileSize(d.latest.size) : ''}</td>
          </tr>
        ))}
      </tbody>
    </ScrollableTable>
  )
}
