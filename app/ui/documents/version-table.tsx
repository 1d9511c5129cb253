import { useTranslation } from 'react-i18next'
import { canPreview } from '~/modules/documents/types'
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
export function VersionTable({ versions, base }: { versions: Version[]; base: string }) {
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
            </tr>
          ))}
        </tbody>
      </ScrollableTable>
    </section>
  )
}
