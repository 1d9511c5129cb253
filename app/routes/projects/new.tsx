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
import { requireNetworkRole, requireUser } from '~/modules/access/access.server'
import { createProject } from '~/modules/projects/projects.server'
import { projectSchema } from '~/modules/projects/schema'
import { BackLink } from '~/ui/links'
import { pageTitle } from '~/ui/meta'
import { ProjectForm } from '~/ui/projects/project-form'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'projects:new')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireNetworkRole(user, params.network ?? '', ['coordinator'])
  return {
    network: access.network,
    organisations: await currentMemberOrganisations(access.network.id),
    ownOrganisationId: user.organisation.id,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireNetworkRole(user, params.network ?? '', ['coordinator'])
  const submission = parseWithZod(await request.formData(), { schema: projectSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await createProject(user, access, submission.value)
  if ('problem' in result) {
    return data(submission.reply({ formErrors: [result.problem] }), { status: 400 })
  }
  return redirect(`/netwerken/${access.network.slug}/projecten/${result.id}`)
}

export default function NewProject() {
  const { t } = useTranslation('projects')
  const { network, organisations, ownOrganisationId } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <>
      <BackLink to={`/netwerken/${network.slug}/projecten`}>
        {t('listTitle', { network: network.shortName })}
      </BackLink>
      <h1 className="utrecht-heading-1">{t('new')}</h1>
      <ProjectForm
        lastResult={lastResult}
        organisations={organisations}
        submitLabel={t('create')}
        defaultValue={{
          title: '',
          description: '',
          status: 'idea',
          stopReason: null,
          startDate: null,
          endDate: null,
          leadOrganisationId: ownOrganisationId,
          participantIds: [ownOrganisationId],
          maxEuSharePercent: 50,
        }}
      />
    </>
  )
}
