import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/** Previous / next between pages of a long list, as ordinary links (`?pagina=N`). */
export function Pager({ page, pages, total }: { page: number; pages: number; total: number }) {
  const { t } = useTranslation()
  return (
    <nav aria-label={t('pager.label')} className="zwin-pager">
      {page > 1 ? (
        <Link className="utrecht-link" to={`?pagina=${page - 1}`} rel="prev">
          {t('pager.previous')}
        </Link>
      ) : null}
      <span>{t('pager.position', { page, pages, total })}</span>
      {page < pages ? (
        <Link className="utrecht-link" to={`?pagina=${page + 1}`} rel="next">
          {t('pager.next')}
        </Link>
      ) : null}
    </nav>
  )
}
