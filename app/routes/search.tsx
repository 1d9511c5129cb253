import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/modules/access/access.server'
import { listMyNetworks, listPartnerOrganisations } from '~/modules/networks/networks.server'
import { searchDocuments } from '~/modules/documents/search.server'
import { searchMeetings } from '~/modules/meetings/search.server'
import { searchProjects } from '~/modules/projects/search.server'
import { documentTypes } from '~/modules/documents/types'
import { isoDayParam, pageParam } from '~/modules/forms/fields'
import { MeetingHits } from '~/ui/meetings/meeting-hits'
import { DocumentFilterFields, PlainField } from '~/ui/documents/filter-fields'
import { DocumentHits, ProjectHits } from '~/ui/documents/search-hits'
import { LabelledSelect } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import { Pager } from '~/ui/pager'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'documents:search.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const params = new URL(request.url).searchParams
  const q = (params.get('q') ?? '').slice(0, 200)
  const [networks, organisations] = await Promise.all([
    listMyNetworks(user),
    listPartnerOrganisations(user),
  ])
  const organisation = organisations.find((o) => o.id === params.get('organisatie'))
  const network = networks.find((n) => n.slug === params.get('netwerk'))
  const type = documentTypes.find((t) => t === params.get('soort'))
  const from = isoDayParam(params.get('van'))
  const to = isoDayParam(params.get('tot'))
  const page = pageParam(params.get('pagina'))
  const [documents, projects, meetings] = await Promise.all([
    searchDocuments(user, q, {
      networkId: network?.id,
      type,
      organisationId: organisation?.id,
      from,
      to,
      page,
    }),
    page === 1 ? searchProjects(user, q) : Promise.resolve([]),
    page === 1 ? searchMeetings(user, q, network?.id) : Promise.resolve([]),
  ])
  return {
    q,
    filters: {
      network: network?.slug ?? '',
      type: type ?? '',
      organisation: organisation?.id ?? '',
      from: from ?? '',
      to: to ?? '',
    },
    networks: networks.map((n) => ({ slug: n.slug, name: n.name })),
    organisations,
    documents,
    projects,
    meetings,
    page,
  }
}

export default function Search() {
  const { t } = useTranslation('documents')
  const { q, filters, networks, organisations, documents, projects, meetings, page } =
    useLoaderData<typeof loader>()
  const filtered = Object.values(filters).some(Boolean)
  return (
    <>
      <h1 className="utrecht-heading-1">{t('search.title')}</h1>
      <Form
        method="get"
        role="search"
        aria-label={t('search.formLabel')}
        className="zwin-form zwin-search-form"
      >
        <PlainField
          id="search-q"
          name="q"
          type="search"
          label={t('search.query')}
          defaultValue={q}
        />
        <div className="zwin-filters">
          <LabelledSelect
            id="search-network"
            name="netwerk"
            label={t('search.network')}
            placeholder={t('search.allNetworks')}
            defaultValue={filters.network}
            options={networks.map((n) => ({ value: n.slug, label: n.name }))}
          />
          <DocumentFilterFields
            idPrefix="search"
            type={filters.type}
            organisationId={filters.organisation}
            organisations={organisations}
          />
          <PlainField
            id="search-from"
            name="van"
            type="date"
            label={t('search.from')}
            defaultValue={filters.from}
          />
          <PlainField
            id="search-to"
            name="tot"
            type="date"
            label={t('search.to')}
            defaultValue={filters.to}
          />
        </div>
        <button type="submit" className="utrecht-button utrecht-button--primary-action">
          {t('search.submit')}
        </button>
      </Form>
      {q || filtered ? (
        <>
          <MeetingHits meetings={meetings} />
          <ProjectHits projects={projects} />
          <DocumentHits q={q} documents={documents} />
          {documents.pageCount > 1 ? (
            <Pager
              page={Math.min(page, documents.pageCount)}
              pages={documents.pageCount}
              total={documents.total}
            />
          ) : null}
        </>
      ) : (
        <p className="utrecht-paragraph">{t('search.hint')}</p>
      )}
    </>
  )
}
