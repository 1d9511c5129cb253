import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/modules/access/access.server'
import { listAllNetworks } from '~/modules/networks/admin.server'
import { BackLink, PrimaryLink } from '~/ui/links'
import { pageTitle } from '~/ui/meta'
import { ScrollableTable } from '~/ui/table-wrap'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:networks.title')

export async function loader({ request }: LoaderFunctionArgs) {
  return { networks: await listAllNetworks(await requireUser(request)) }
}

export default function NetworksAdminPage() {
  const { t } = useTranslation('admin')
  const { t: tc } = useTranslation()
  const { networks } = useLoaderData<typeof loader>()
  return (
    <>
      <BackLink to="/beheer">{t('title')}</BackLink>
      <h1 className="utrecht-heading-1">{t('networks.title')}</h1>
      <PrimaryLink to="/beheer/netwerken/nieuw">{t('networks.new')}</PrimaryLink>
      <ScrollableTable
        caption={t('networks.caption', { count: networks.length })}
        captionClassName="zwin-muted"
      >
        <thead>
          <tr>
            <th scope="col">{t('fields.name')}</th>
            <th scope="col">{t('fields.level')}</th>
            <th scope="col">{t('networks.memberCount')}</th>
          </tr>
        </thead>
        <tbody>
          {networks.map((n) => (
            <tr key={n.slug}>
              <td>
                <Link className="utrecht-link" to={`/beheer/netwerken/${n.slug}`}>
                  {n.name}
                </Link>
              </td>
              <td>{tc(`network.level.${n.level}` as 'network.level.regional')}</td>
              <td>{n._count.memberships}</td>
            </tr>
          ))}
        </tbody>
      </ScrollableTable>
    </>
  )
}
