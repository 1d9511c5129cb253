import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/modules/access/access.server'
import { listIdentityProviders } from '~/modules/identity/providers.server'
import { BackLink, PrimaryLink } from '~/ui/links'
import { pageTitle } from '~/ui/meta'
import { ScrollableTable } from '~/ui/table-wrap'

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, 'admin:identityProviders.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const providers = await listIdentityProviders(await requireUser(request))
  return { providers }
}

export default function IdentityProvidersPage() {
  const { t } = useTranslation('admin')
  const { providers } = useLoaderData<typeof loader>()
  return (
    <>
      <BackLink to="/beheer">{t('title')}</BackLink>
      <h1 className="utrecht-heading-1">{t('identityProviders.title')}</h1>
      <p className="utrecht-paragraph">{t('identityProviders.intro')}</p>
      <PrimaryLink to="/beheer/inlogdiensten/nieuw">{t('identityProviders.new')}</PrimaryLink>
      {providers.length === 0 ? (
        <p className="utrecht-paragraph zwin-muted">{t('identityProviders.empty')}</p>
      ) : (
        <ScrollableTable
          caption={t('identityProviders.caption', { count: providers.length })}
          captionClassName="zwin-muted"
        >
          <thead>
            <tr>
              <th scope="col">{t('identityProviders.fields.name')}</th>
              <th scope="col">{t('identityProviders.fields.issuer')}</th>
              <th scope="col">{t('identityProviders.fields.organisations')}</th>
              <th scope="col">{t('identityProviders.linkedAccounts')}</th>
              <th scope="col">{t('identityProviders.status')}</th>
            </tr>
          </thead>
          <tbody>
            {providers.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link className="utrecht-link" to={`/beheer/inlogdiensten/${p.id}`}>
                    {p.name}
                  </Link>
                </td>
                <td className="zwin-break">{p.issuer}</td>
                <td>{p.organisations.map((o) => o.name).join(', ') || '—'}</td>
                <td>{p._count.identities}</td>
                <td>{p.enabled ? t('identityProviders.on') : t('identityProviders.off')}</td>
              </tr>
            ))}
          </tbody>
        </ScrollableTable>
      )}
    </>
  )
}
