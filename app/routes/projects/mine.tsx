import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/modules/access/access.server'
import { listMyOrganisationProjects } from '~/modules/projects/projects.server'
import { pageTitle } from '~/ui/meta'
import { ProjectTable } from '~/ui/projects/project-table'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'projects:mineTitle')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return { organisation: user.organisation.name, projects: await listMyOrganisationProjects(user) }
}

export default function MyProjects() {
  const { t } = useTranslation('projects')
  const { organisation, projects } = useLoaderData<typeof loader>()
  return (
    <>
      <h1 className="utrecht-heading-1">{t('mineTitle')}</h1>
      <p className="utrecht-paragraph">{t('mineIntro', { organisation })}</p>
      {projects.length ? (
        <ProjectTable projects={projects} />
      ) : (
        <div className="utrecht-alert utrecht-alert--info">
          <p className="utrecht-paragraph">{t('mineEmpty')}</p>
        </div>
      )}
    </>
  )
}
