import { currentMemberOrganisations } from '~/modules/networks/networks.server'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireProjectEditor, requireUser } from '~/modules/access/access.server'
import { getProject, updateProject } from '~/modules/projects/projects.server'
import { projectSchema } from '~/modules/projects/schema'
import { BackLink } from '~/ui/links'
import { namedTitle } from '~/ui/meta'
import { ProjectForm } from '~/ui/projects/project-form'

export const meta: MetaFunction<typeof loader> = ({ data }) => namedTitle(data?.project.title)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireProjectEditor(user, params.network ?? '', params.project ?? '')
  const [project, members] = await Promise.all([
    getProject(access),
    currentMemberOrganisations(access.network.id),
  ])
  // A partner whose membership ended stays on the form as long as it is in the project.
  const former = project.participants
    .filter((p) => !members.some((m) => m.id === p.id))
    .map((p) => ({ id: p.id, name: p.name, country: p.country }))
  return { network: access.network, project, organisations: [...members, ...former] }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireProjectEditor(user, params.network ?? '', params.project ?? '')
  const submission = parseWithZod(await request.formData(), { schema: projectSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await updateProject(user, access, submission.value)
  if ('problem' in result) {
    return data(submission.reply({ formErrors: [result.problem] }), {
      status: result.problem === 'conflict' ? 409 : 400,
    })
  }
  return redirect(`/netwerken/${access.network.slug}/projecten/${access.project.id}`)
}

export default function EditProject() {
  const { t } = useTranslation('projects')
  const { network, project, organisations } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <>
      <BackLink to={`/netwerken/${network.slug}/projecten/${project.id}`}>{project.title}</BackLink>
      <h1 className="utrecht-heading-1">{t('edit')}</h1>
      <ProjectForm
        key={project.version}
        lastResult={lastResult}
        organisations={organisations}
        submitLabel={t('save')}
        defaultValue={{
          ...project,
          leadOrganisationId: project.leadOrganisation.id,
          participantIds: project.participants.map((p) => p.id),
        }}
      />
    </>
  )
}
