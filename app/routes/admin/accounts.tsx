import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireAccountAdmin, requireUser } from '~/modules/access/access.server'
import { listAccounts } from '~/modules/accounts/accounts.server'
import { BackLink, PrimaryLink } from '~/ui/links'
import { pageTitle } from '~/ui/meta'
import { ScrollableTable } from '~/ui/table-wrap'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:accounts.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  await requireAccountAdmin(user)
  return {
    accounts: await listAccounts(user),
    allOrganisations: user.isPlatformAdmin,
    organisation: user.organisation.name,
  }
}

export default function AccountsPage() {
  const { t } = useTranslation('admin')
  const { accounts, allOrganisations, organisation } = useLoaderData<typeof loader>()
  return (
    <>
      <BackLink to="/beheer">{t('title')}</BackLink>
      <h1 className="utrecht-heading-1">{t('accounts.title')}</h1>
      <p className="utrecht-paragraph">
        {allOrganisations ? t('accounts.scopeAll') : t('accounts.scopeOwn', { organisation })}
      </p>
      <PrimaryLink to="/beheer/accounts/nieuw">{t('accounts.new')}</PrimaryLink>
      <ScrollableTable
        caption={t('accounts.caption', { count: accounts.length })}
        captionClassName="zwin-muted"
      >
        <thead>
          <tr>
            <th scope="col">{t('fields.name')}</th>
            <th scope="col">{t('fields.email')}</th>
            {allOrganisations ? <th scope="col">{t('fields.organisation')}</th> : null}
            <th scope="col">{t('accounts.status')}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.id}>
              <td>
                <Link className="utrecht-link" to={`/beheer/accounts/${a.id}`}>
                  {a.name}
                </Link>
                {a.isOrgAdmin ? (
                  <>
                    {' '}
                    <span className="zwin-badge">{t('accounts.orgAdmin')}</span>
                  </>
                ) : null}
              </td>
              <td>{a.email}</td>
              {allOrganisations ? <td>{a.organisation}</td> : null}
              <td>
                {a.disabled
                  ? t('accounts.disabled')
                  : a.hasPassword
                    ? t('accounts.active')
                    : t('accounts.invited')}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollableTable>
    </>
  )
}
