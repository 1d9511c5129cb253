import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { adminAreas, notFound, requireUser } from '~/modules/access/access.server'
import { pageTitle } from '~/ui/meta'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:title')

export async function loader({ request }: LoaderFunctionArgs) {
  const areas = adminAreas(await requireUser(request))
  if (!areas.platform && !areas.accounts) throw notFound()
  return areas
}

export default function AdminIndex() {
  const { t } = useTranslation('admin')
  const areas = useLoaderData<typeof loader>()
  return (
    <>
      <h1 className="utrecht-heading-1">{t('title')}</h1>
      <ul className="zwin-cards">
        {areas.accounts ? (
          <li className="zwin-card">
            <h2 className="utrecht-heading-2">
              <Link className="utrecht-link" to="/beheer/accounts">
                {t('accounts.title')}
              </Link>
            </h2>
            <p>{t('accounts.intro')}</p>
          </li>
        ) : null}
        {areas.platform ? (
          <>
            <li className="zwin-card">
              <h2 className="utrecht-heading-2">
                <Link className="utrecht-link" to="/beheer/organisaties">
                  {t('organisations.title')}
                </Link>
              </h2>
              <p>{t('organisations.intro')}</p>
            </li>
            <li className="zwin-card">
              <h2 className="utrecht-heading-2">
                <Link className="utrecht-link" to="/beheer/netwerken">
                  {t('networks.title')}
                </Link>
              </h2>
              <p>{t('networks.intro')}</p>
            </li>
            <li className="zwin-card">
              <h2 className="utrecht-heading-2">
                <Link className="utrecht-link" to="/beheer/inlogdiensten">
                  {t('identityProviders.title')}
                </Link>
              </h2>
              <p>{t('identityProviders.intro')}</p>
            </li>
            <li className="zwin-card">
              <h2 className="utrecht-heading-2">
                <Link className="utrecht-link" to="/beheer/mails">
                  {t('mails.title')}
                </Link>
              </h2>
              <p>{t('mails.intro')}</p>
            </li>
          </>
        ) : null}
      </ul>
    </>
  )
}
