import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireNetworkAccess, requireUser } from '~/modules/access/access.server'
import { documentFormOptions } from '~/modules/documents/documents.server'
import { listNetworkDocuments } from '~/modules/documents/queries.server'
import { documentTypes } from '~/modules/documents/types'
import { pageParam } from '~/modules/forms/fields'
import { DocumentTable } from '~/ui/documents/document-table'
import { DocumentFilterFields } from '~/ui/documents/filter-fields'
import { BackLink, PrimaryLink } from '~/ui/links'
import { namedTitle, pageTitle } from '~/ui/meta'
import { Pager } from '~/ui/pager'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? pageTitle(matches, 'documents:listTitle', { network: data.network.shortName })
    : namedTitle(undefined)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireNetworkAccess(user, params.network ?? '')
  const query = new URL(request.url).searchParams
  const type = documentTypes.find((t) => t === query.get('soort'))
  const organisationId = query.get('organisatie') || undefined
  const page = pageParam(query.get('pagina'))
  const { organisations } = await documentFormOptions(access)
  return {
    network: access.network,
    filters: { type: type ?? '', organisationId: organisationId ?? '' },
    organisations,
    ...(await listNetworkDocuments(user, access, { type, organisationId, page })),
  }
}

export default function NetworkDocuments() {
  const { t } = useTranslation('documents')
  const { network, filters, organisations, documents, total, pageCount, page } =
    useLoaderData<typeof loader>()
  const filtered = Boolean(filters.type || filters.organisationId)
  return (
    <>
      <BackLink to={`/netwerken/${network.slug}`}>{network.name}</BackLink>
      <h1 className="utrecht-heading-1">{t('listTitle', { network: network.shortName })}</h1>
      <p className="utrecht-paragraph">{t('listIntro')}</p>
      <PrimaryLink to={`/netwerken/${network.slug}/documenten/nieuw`}>{t('new')}</PrimaryLink>
      <Form method="get" className="zwin-filters" aria-label={t('filters.label')}>
        <DocumentFilterFields
          idPrefix="filter"
          type={filters.type}
          organisationId={filters.organisationId}
          organisations={organisations}
        />
        <button type="submit" className="utrecht-button utrecht-button--secondary-action">
          {t('filters.apply')}
        </button>
      </Form>
      {documents.length ? (
        <>
          <DocumentTable documents={documents} networkSlug={network.slug} />
          {pageCount > 1 ? <Pager page={page} pages={pageCount} total={total} /> : null}
        </>
      ) : (
        <div className="utrecht-alert utrecht-alert--info">
          <p className="utrecht-paragraph">{filtered ? t('emptyFiltered') : t('empty')}</p>
        </div>
      )}
      <ul className="zwin-link-list">
        <li>
          <Link className="utrecht-link" to={`/zoeken?netwerk=${network.slug}`}>
            {t('searchInNetwork', { network: network.shortName })}
          </Link>
        </li>
        <li>
          <Link className="utrecht-link" to={`/netwerken/${network.slug}/prullenbak`}>
            {t('bin.link')}
          </Link>
        </li>
      </ul>
    </>
  )
}
