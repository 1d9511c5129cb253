import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireNetworkAccess, requireUser } from '~/modules/access/access.server'
import { canPrepareMeetings, requireMeetingCreator } from '~/modules/access/meetings.server'
import { redirectWithFlash } from '~/modules/flash/flash.server'
import { inviteToUpcoming, uninvitedMembers } from '~/modules/meetings/late-invitations.server'
import { FormError } from '~/ui/form'
import { listMemberOrganisations, listNetworkContacts } from '~/modules/networks/networks.server'
import { useFormatters } from '~/ui/format'
import { BackLink } from '~/ui/links'
import { namedTitle } from '~/ui/meta'
import { ScrollableTable } from '~/ui/table-wrap'

export const meta: MetaFunction<typeof loader> = ({ data }) => namedTitle(data?.network.name)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireNetworkAccess(user, params.network ?? '')
  const [members, contacts, uninvited] = await Promise.all([
    listMemberOrganisations(access),
    listNetworkContacts(access),
    // For the preparers: partners that joined after meetings were published.
    canPrepareMeetings(access) ? uninvitedMembers(access) : [],
  ])
  return { network: access.network, roles: access.roles, members, contacts, uninvited }
}

/** The preparers invite a partner to the published meetings still to come. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireMeetingCreator(user, params.network ?? '')
  const formData = await request.formData()
  if (formData.get('intent') !== 'inviteToUpcoming') {
    return data({ error: 'unknownAction' as const }, { status: 400 })
  }
  const result = await inviteToUpcoming(user, access, String(formData.get('organisationId') ?? ''))
  if ('problem' in result) return data({ error: result.problem }, { status: 400 })
  return redirectWithFlash(`/netwerken/${access.network.slug}`, 'invitedToUpcoming')
}

export default function NetworkPage() {
  const { t } = useTranslation()
  const { network, roles, members, contacts, uninvited } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
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
        <li>
          <Link className="utrecht-link" to={`/netwerken/${network.slug}/activiteit`}>
            {t('network.activityLink')}
          </Link>
        </li>
      </ul>
      {result?.error ? <FormError errors={[result.error]} /> : null}
      {uninvited.length > 0 ? (
        <section aria-labelledby="late-invitations" className="utrecht-alert utrecht-alert--info">
          <h2 id="late-invitations" className="utrecht-heading-2">
            {t('network.lateInvitations.title')}
          </h2>
          <ul className="utrecht-unordered-list">
            {uninvited.map(({ organisation, meetings }) => (
              <li key={organisation.id}>
                <p className="utrecht-paragraph">
                  {t('network.lateInvitations.notInvited', {
                    organisation: organisation.name,
                    count: meetings.length,
                    meetings: meetings.map((m) => `${m.title} (${date(m.startsAt)})`).join(', '),
                  })}
                </p>
                <Form method="post">
                  <input type="hidden" name="intent" value="inviteToUpcoming" />
                  <input type="hidden" name="organisationId" value={organisation.id} />
                  <button type="submit" className="utrecht-button utrecht-button--primary-action">
                    {t('network.lateInvitations.invite', { organisation: organisation.name })}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {roles.includes('coordinator') ? (
        <p className="utrecht-paragraph">
          <Link className="utrecht-link" to={`/netwerken/${network.slug}/rollen`}>
            {t('network.manageRoles')}
          </Link>
        </p>
      ) : null}

      <h2 className="utrecht-heading-2">{t('network.membersTitle')}</h2>
      <ScrollableTable
        caption={t('network.membersCaption', { count: members.length })}
        captionClassName="zwin-muted"
      >
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
      </ScrollableTable>

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
