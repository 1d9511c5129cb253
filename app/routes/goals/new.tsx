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
import { notFound, requireNetworkAccess, requireUser } from '~/modules/access/access.server'
import { createGoal, goalProjectsFor } from '~/modules/goals/goals.server'
import { goalSchema } from '~/modules/goals/schema'
import { GoalForm } from '~/ui/goals/goal-form'
import { BackLink } from '~/ui/links'
import { pageTitle } from '~/ui/meta'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'goals:new')

async function allowedTargets(request: Request, networkSlug: string) {
  const user = await requireUser(request)
  const access = await requireNetworkAccess(user, networkSlug)
  const projects = await goalProjectsFor(user, access)
  const forNetwork = access.roles.includes('coordinator')
  // Only coordinators and the lead organisations of projects set goals; others get the same 404.
  if (!forNetwork && projects.length === 0) throw notFound()
  return { user, access, projects, forNetwork }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { access, projects, forNetwork } = await allowedTargets(request, params.network ?? '')
  const wanted = new URL(request.url).searchParams.get('project')
  return {
    network: access.network,
    projects,
    forNetwork,
    projectId: projects.some((p) => p.id === wanted)
      ? wanted
      : forNetwork
        ? ''
        : (projects[0]?.id ?? ''),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, access } = await allowedTargets(request, params.network ?? '')
  const submission = parseWithZod(await request.formData(), { schema: goalSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await createGoal(user, access, submission.value)
  if (result.problem) {
    return data(submission.reply({ fieldErrors: { projectId: [result.problem] } }), { status: 400 })
  }
  return redirect(`/netwerken/${access.network.slug}/doelen/${result.id}`)
}

export default function NewGoal() {
  const { t } = useTranslation('goals')
  const { network, projects, forNetwork, projectId } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const targets = [
    ...(forNetwork
      ? [{ value: '', label: t('fields.networkItself', { network: network.shortName }) }]
      : []),
    ...projects.map((p) => ({ value: p.id, label: p.title })),
  ]
  return (
    <>
      <BackLink to={`/netwerken/${network.slug}/doelen`}>{t('overviewTitle')}</BackLink>
      <h1 className="utrecht-heading-1">{t('new')}</h1>
      <GoalForm
        lastResult={lastResult}
        targets={targets}
        defaultValue={{
          projectId: projectId ?? '',
          unit: 'EUR',
          direction: 'higher',
          baselineValue: '0',
        }}
        submitLabel={t('create')}
      />
    </>
  )
}
