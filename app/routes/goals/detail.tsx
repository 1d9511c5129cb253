import { parseWithZod } from '@conform-to/zod/v4'
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireGoalAccess, requireGoalMeasurer, requireUser } from '~/modules/access/access.server'
import { getGoal } from '~/modules/goals/goals.server'
import { addMeasurement, evidenceOptions } from '~/modules/goals/measurements.server'
import { measurementProblem, measurementSchema } from '~/modules/goals/schema'
import { GoalCharts } from '~/ui/goals/goal-charts'
import { GoalFacts } from '~/ui/goals/goal-facts'
import { MeasurementForm } from '~/ui/goals/measurement-form'
import { MeasurementTable } from '~/ui/goals/measurement-table'
import { GoalRule } from '~/ui/goals/goal-rule'
import { BackLink } from '~/ui/links'
import { namedTitle } from '~/ui/meta'

export const meta: MetaFunction<typeof loader> = ({ data }) => namedTitle(data?.goal.name)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireGoalAccess(user, params.network ?? '', params.goal ?? '')
  return {
    network: access.network,
    canMeasure: access.canMeasure,
    canEdit: access.canEdit,
    organisation: user.organisation.name,
    goal: await getGoal(access, user),
    evidence: access.canMeasure ? await evidenceOptions(user, access) : [],
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireGoalMeasurer(user, params.network ?? '', params.goal ?? '')
  const submission = parseWithZod(await request.formData(), { schema: measurementSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await addMeasurement(user, access, submission.value)
  if (result !== 'ok') return data(submission.reply(measurementProblem(result)), { status: 400 })
  return redirect(`/netwerken/${access.network.slug}/doelen/${access.goal.id}`)
}

export default function GoalPage() {
  const { t } = useTranslation('goals')
  const { network, goal, canMeasure, canEdit, organisation, evidence } =
    useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <>
      <BackLink to={`/netwerken/${network.slug}/doelen`}>{t('overviewTitle')}</BackLink>
      <h1 className="utrecht-heading-1">{goal.name}</h1>
      <GoalFacts network={network} goal={goal} />
      {canEdit ? (
        <p className="zwin-actions">
          <Link
            className="utrecht-link"
            to={`/netwerken/${network.slug}/doelen/${goal.id}/bewerken`}
          >
            {t('edit')}
          </Link>
        </p>
      ) : null}
      <GoalCharts goal={goal} />
      <GoalRule />
      <MeasurementTable network={network} goal={goal} />
      {canMeasure ? (
        <MeasurementForm
          key={goal.measurements.length}
          organisation={organisation}
          lastResult={lastResult}
          evidence={evidence}
        />
      ) : (
        <p className="utrecht-paragraph zwin-muted">{t('measure.notAllowed')}</p>
      )}
    </>
  )
}
