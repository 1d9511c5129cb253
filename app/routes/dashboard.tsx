import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/modules/access/access.server'
import { accessScope } from '~/modules/access/scope.server'
import { listRecentDocuments } from '~/modules/documents/recent.server'
import { nextMeetings } from '~/modules/meetings/queries.server'
import { networkCards } from '~/modules/networks/networks.server'
import { forYou } from '~/modules/overview/for-you.server'
import { RecentDocuments } from '~/ui/documents/recent-documents'
import { ForYou } from '~/ui/overview/for-you'
import { UpcomingMeetings } from '~/ui/meetings/upcoming-meetings'
import { pageTitle } from '~/ui/meta'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'dashboard.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  // The person's networks and roles, read once for every list on the page.
  const scope = await accessScope(user)
  const [networks, recentDocuments, meetings, overview] = await Promise.all([
    networkCards(scope),
    listRecentDocuments(user, scope),
    nextMeetings(scope, 5),
    forYou(user, scope),
  ])
  return {
    organisation: user.organisation.name,
    firstName: user.name.split(' ')[0],
    networks,
    recentDocuments,
    meetings,
    forYou: overview,
  }
}

export default function Dashboard() {
  const { t } = useTranslation()
  const { organisation, firstName, networks, recentDocuments, meetings, forYou } =
    useLoaderData<typeof loader>()
  return (
    <>
      <h1 className="utrecht-heading-1">{t('dashboard.title')}</h1>
      <p className="utrecht-paragraph">{t('dashboard.intro', { name: firstName, organisation })}</p>
      {networks.length ? <ForYou data={forYou} organisation={organisation} /> : null}
      {networks.length === 0 ? (
        <div className="utrecht-alert utrecht-alert--info">
          <p className="utrecht-paragraph">{t('dashboard.empty')}</p>
        </div>
      ) : (
        <ul className="zwin-cards" aria-label={t('dashboard.listLabel')}>
          {networks.map((n) => (
            <li key={n.slug} className="zwin-card">
              <h2 className="utrecht-heading-2">
                <Link className="utrecht-link" to={`/netwerken/${n.slug}`}>
                  {n.name}
                </Link>
              </h2>
              <p className="zwin-muted">
                {t(`network.level.${n.level}` as 'network.level.regional')} ·{' '}
                {t('dashboard.members', { count: n.memberCount })}
              </p>
              {n.roles.length ? (
                <p>
                  {n.roles.map((r) => (
                    <span key={r} className="zwin-badge">
                      {t(`network.role.${r}` as 'network.role.coordinator')}
                    </span>
                  ))}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {networks.length ? <UpcomingMeetings meetings={meetings} /> : null}
      {networks.length ? <RecentDocuments documents={recentDocuments} /> : null}
    </>
  )
}
