import { Link, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/**
 * Previous / next between pages of a long list, as ordinary links (`?pagina=N`, other parameters kept).
 * `capped`: the list holds more than `total`, and its pages show the first `total` of them.
 */
export function Pager({
  page,
  pages,
  total,
  capped = false,
}: {
  page: number
  pages: number
  total: number
  capped?: boolean
}) {
  const { t } = useTranslation()
  const { search } = useLocation()
  // Keeps the other parameters (search words, filters) and changes only the page.
  const to = (n: number) => {
    const params = new URLSearchParams(search)
    params.set('pagina', String(n))
    return `?${params}`
  }
  return (
    <nav aria-label={t('pager.label')} className="zwin-pager">
      {page > 1 ? (
        <Link className="utrecht-link" to={to(page - 1)} rel="prev">
          {t('pager.previous')}
        </Link>
      ) : null}
      <span>
        {capped
          ? t('pager.positionCapped', { page, pages, total })
          : t('pager.position', { page, pages, total })}
      </span>
      {page < pages ? (
        <Link className="utrecht-link" to={to(page + 1)} rel="next">
          {t('pager.next')}
        </Link>
      ) : null}
    </nav>
  )
}
