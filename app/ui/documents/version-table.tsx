import { useTranslation } from 'react-i18next'
import { canPreview } from '~/modules/documents/types'
import { RowAction } from '../confirm'
import { useFormatters } from '../format'
import { ScrollableTable } from '../table-wrap'

type Version = {
  id: string
  number: number
  size: number
  mediaType: string
  originalName: string
  textStatus: string
  createdAt: string | Date
  uploadedBy: { name: string } | null
  organisation: { name: string }
}

/** Every version, newest first; each can be downloaded (and images viewed). */
export function VersionTable({
  versions,
  base,
  canWithdraw,
}: {
  versions: Version[]
  base: string
  /** The document's managers may withdraw a version, as long as another one remains. */
  canWithdraw: boolean
}) {
  const { t } = useTranslation('documents')
  const f = useFormatters()
  return (
    <section aria-labelledby="versions-heading">
      <h2 id="versions-heading" className="utrecht-heading-2">
        {t('version.listTitle')}
      </h2>
      <ScrollableTable labelledBy="versions-heading">
        <thead>
          <tr>
            <th scope="col">{t('version.number')}</th>
            <th scope="col">{t('version.file')}</th>
            <th scope="col">{t('version.uploadedBy')}</th>
            <th scope="col">{t('version.date')}</th>
            <th scope="col">{t('version.size')}</th>
            <th scope="col">{t('version.search')}</th>
            {canWithdraw && versions.length > 1 ? (
              <th scope="col">
                <span className="zwin-visually-hidden">{t('version.actions')}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {versions.map((v, i) => (
            <tr key={v.id}>
              <td>
                {v.number}
                {i === 0 ? ` (${t('version.latest')})` : ''}
              </td>
              <td>
                <a
                  className="utrecht-link"
                  href={`${base}/versies/${v.id}/download`}
                  aria-label={t('version.downloadLabel', {
                    number: v.number,
                    name: v.originalName,
                  })}
                >
                  {v.originalName}
                </a>
                {canPreview(v.mediaType) ? (
                  <>
                    {' · '}
                    <a
                      className="utrecht-link"
                      href={`${base}/versies/${v.id}/download?weergave=inline`}
                      target="_blank"
                      rel="noopener noreferrer"
                    >
                      {t('version.preview')}
                    </a>
                  </>
                ) : null}
              </td>
              <td>
                {v.uploadedBy?.name ?? t('version.formerUser')}, {v.organisation.name}
              </td>
              <td>{f.dateTime(v.createdAt)}</td>
              <td>{f.fileSize(v.size)}</td>
              <td>
                {i === 0
                  ? t(`textStatus.${v.textStatus}` as 'textStatus.done')
                  : t('version.olderVersion')}
              </td>
              {canWithdraw && versions.length > 1 ? (
                <td>
                  <RowAction
                    intent="withdrawVersion"
                    id={v.id}
                    label={t('version.withdraw')}
                    accessibleLabel={t('version.withdrawLabel', { number: v.number })}
                  />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </ScrollableTable>
    </section>
  )
}
