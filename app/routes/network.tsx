import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireNetworkAccess, requireUser } from '~/modules/access/access.server'
import { listMemberOrganisations, listNetworkContacts } from '~/modules/networks/networks.server'
import { useFormatters } from '~/ui/format'
import { BackLink } from '~/ui/links'
import { namedTitle } from '~/ui/meta'

export const meta: MetaFunction<typeof loader> = ({ data }) => namedTitle(data?.network.name)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireNetworkAccess(user, params.network ?? '')
  const [members, contacts] = await Promise.all([
    listMemberOrganisations(access),
    listNetworkContacts(access),
  ])
  return { network: access.network, roles: access.roles, members, contacts }
}

export default function NetworkPage() {
  const { t } = useTranslation()
  const { network, roles, members, contacts } = useLoaderData<typeof loader>()
  const { date } = useFormatters()
  return (
    <>
      <BackLink to="/">{t('shell.nav.networks')}</BackLink>
      <h1 className="utrecht-heading-1">{network.name}</h1>
      <dl className="zwin-dl">
        <dt>{t('network.levelLabel')}</dt>
        <dd>{t(`network.level.${network.level}` as 'network.level.regional')}</dd>
        <dt>{t('network.yourRole')}</dt>
        <dd>
          {roles.length
            ? roles.map((r) => t(`network.role.${r}` as 'network.role.coordinator')).join(', ')
            : t('network.role.member')}
        </dd>
      </dl>
      {network.description ? <p className="utrecht-paragraph">{network.description}</p> : null}
      <ul className="zwin-link-list">
        <li>
          <Link className="utrecht-link" to={`/netwerken/${network.slug}/vergaderingen`}>
            {t('network.meetingsLink')}
          </Link>
        </li>
        <li>
          <Link className="utrecht-link" to={`/netwerken/${network.slug}/vaste-deelnemers`}>
            {t('participants.link')}
          </Link>
        </li>
        <li>
          <Link className="utrecht-link" to={`/netwerken/${network.slug}/acties`}>
            {t('network.actionsLink')}
          </Link>
        </li>
        <li>
          <Link className="utrecht-link" to={`/netwerken/${network.slug}/documenten`}>
            {t('network.documentsLink')}
          </Link>
        </li>
        <li>
          <Link className="utrecht-link" to={`/netwerken/${network.slug}/projecten`}>
            {t('network.projectsLink')}
          </Link>
        </li>
        <li>
          <Link className="utrecht-link" to={`/netwerken/${network.slug}/doelen`}>
            {t('network.goalsLink')}
          </Link>
        </li>
        <li>
          <Link className="utrecht-link" to={`/netwerken/${network.slug}/programma`}>
            {t('network.programmeLink')}
          </Link>
        </li>
      </ul>
      {roles.includes('coordinator') ? (
        <p className="utrecht-paragraph">
          <Link className="utrecht-link" to={`/netwerken/${network.slug}/rollen`}>
            {t('network.manageRoles')}
          </Link>
        </p>
      ) : null}

      <h2 className="utrecht-heading-2">{t('network.membersTitle')}</h2>
      <div className="zwin-table-wrap">
        <table className="zwin-table">
          <caption className="zwin-muted">
            {t('network.membersCaption', { count: members.length })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('network.organisation')}</th>
              <th scope="col">{t('network.country')}</th>
              <th scope="col">{t('network.memberSince')}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.name}>
                <td>{m.name}</td>
                <td>{t(`country.${m.country}` as 'country.NL')}</td>
                <td>{date(m.since)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 className="utrecht-heading-2">{t('network.contactsTitle')}</h2>
      {contacts.length ? (
        <ul className="utrecht-unordered-list">
          {contacts.map((c) => (
            <li key={`${c.role}-${c.name}`}>
              {c.name} ({c.organisation}) —{' '}
              {t(`network.role.${c.role}` as 'network.role.coordinator')}
            </li>
          ))}
        </ul>
      ) : (
        <p className="utrecht-paragraph">{t('network.noContacts')}</p>
      )}
    </>
  )
}
