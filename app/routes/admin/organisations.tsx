import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/modules/access/access.server'
import { listOrganisations } from '~/modules/organisations/organisations.server'
import { BackLink, PrimaryLink } from '~/ui/links'
import { pageTitle } from '~/ui/meta'
import { ScrollableTable } from '~/ui/table-wrap'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:organisations.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const organisations = await listOrganisations(await requireUser(request))
  return { organisations }
}

export default function OrganisationsPage() {
  const { t } = useTranslation('admin')
  const { t: tc } = useTranslation()
  const { organisations } = useLoaderData<typeof loader>()
  return (
    <>
      <BackLink to="/beheer">{t('title')}</BackLink>
      <h1 className="utrecht-heading-1">{t('organisations.title')}</h1>
      <PrimaryLink to="/beheer/organisaties/nieuw">{t('organisations.new')}</PrimaryLink>
      <ScrollableTable
        caption={t('organisations.caption', { count: organisations.length })}
        captionClassName="zwin-muted"
      >
        <thead>
          <tr>
            <th scope="col">{t('fields.name')}</th>
            <th scope="col">{t('fields.kind')}</th>
            <th scope="col">{t('fields.country')}</th>
            <th scope="col">{t('fields.officialCode')}</th>
            <th scope="col">{t('organisations.accounts')}</th>
            <th scope="col">{t('organisations.networks')}</th>
          </tr>
        </thead>
        <tbody>
          {organisations.map((o) => (
            <tr key={o.id}>
              <td>
                <Link className="utrecht-link" to={`/beheer/organisaties/${o.slug}`}>
                  {o.name}
                </Link>
              </td>
              <td>{t(`kind.${o.kind}` as 'kind.municipality')}</td>
              <td>{tc(`country.${o.country}` as 'country.NL')}</td>
              <td>{o.officialCode ?? '—'}</td>
              <td>{o._count.users}</td>
              <td>{o._count.memberships}</td>
            </tr>
          ))}
        </tbody>
      </ScrollableTable>
    </>
  )
}
