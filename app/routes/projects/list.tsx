import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireNetworkAccess, requireUser } from '~/modules/access/access.server'
import { listNetworkProjects } from '~/modules/projects/projects.server'
import { BackLink, PrimaryLink } from '~/ui/links'
import { namedTitle, pageTitle } from '~/ui/meta'
import { ProjectTable } from '~/ui/projects/project-table'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? pageTitle(matches, 'projects:listTitle', { network: data.network.shortName })
    : namedTitle(undefined)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireNetworkAccess(user, params.network ?? '')
  return {
    network: access.network,
    canCreate: access.roles.includes('coordinator'),
    projects: await listNetworkProjects(access),
  }
}

export default function NetworkProjects() {
  const { t } = useTranslation('projects')
  const { network, canCreate, projects } = useLoaderData<typeof loader>()
  return (
    <>
      <BackLink to={`/netwerken/${network.slug}`}>{network.name}</BackLink>
      <h1 className="utrecht-heading-1">{t('listTitle', { network: network.shortName })}</h1>
      <p className="utrecht-paragraph">{t('listIntro')}</p>
      {canCreate ? (
        <PrimaryLink to={`/netwerken/${network.slug}/projecten/nieuw`}>{t('new')}</PrimaryLink>
      ) : null}
      {projects.length ? (
        <ProjectTable projects={projects} networkSlug={network.slug} />
      ) : (
        <div className="utrecht-alert utrecht-alert--info">
          <p className="utrecht-paragraph">
            {canCreate ? t('listEmptyCoordinator') : t('listEmpty')}
          </p>
        </div>
      )}
    </>
  )
}
