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
import { requireGoalEditor, requireUser } from '~/modules/access/access.server'
import { isConfirmed } from '~/modules/forms/confirm'
import { toIsoDay } from '~/modules/forms/fields'
import { getGoalForEdit, removeGoal, updateGoal } from '~/modules/goals/goals.server'
import { goalSchema } from '~/modules/goals/schema'
import { ConfirmPanel, RowAction } from '~/ui/confirm'
import { FormError } from '~/ui/form'
import { GoalForm } from '~/ui/goals/goal-form'
import { BackLink } from '~/ui/links'
import { pageTitle } from '~/ui/meta'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'goals:edit')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireGoalEditor(user, params.network ?? '', params.goal ?? '')
  return { network: access.network, goal: await getGoalForEdit(access) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireGoalEditor(user, params.network ?? '', params.goal ?? '')
  const formData = await request.formData()
  if (formData.get('intent') === 'remove') {
    if (!isConfirmed(formData)) return { confirm: { intent: 'remove', id: access.goal.id } }
    const result = await removeGoal(user, access)
    if (result !== 'ok') return data({ error: result }, { status: 400 })
    return redirect(`/netwerken/${access.network.slug}/doelen`)
  }
  const submission = parseWithZod(formData, { schema: goalSchema })
  if (submission.status !== 'success') return data({ form: submission.reply() }, { status: 400 })
  await updateGoal(user, access, submission.value)
  return redirect(`/netwerken/${access.network.slug}/doelen/${access.goal.id}`)
}

/** Written back the way it is typed ("250000", "12,5"), and read again by the same rules. */
const typed = (value: number) =>
  value.toLocaleString('nl-NL', { maximumFractionDigits: 2, useGrouping: false })

export default function EditGoal() {
  const { t } = useTranslation('goals')
  const { network, goal } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <>
      <BackLink to={`/netwerken/${network.slug}/doelen/${goal.id}`}>{goal.name}</BackLink>
      <h1 className="utrecht-heading-1">{t('edit')}</h1>
      {result && 'error' in result ? <FormError errors={[result.error]} /> : null}
      {result && 'confirm' in result ? (
        <ConfirmPanel
          pending={{ ...result.confirm, question: t('removeQuestion', { goal: goal.name }) }}
          confirmLabel={t('removeConfirm')}
        />
      ) : null}
      <GoalForm
        lastResult={result && 'form' in result ? result.form : undefined}
        submitLabel={t('save')}
        defaultValue={{
          name: goal.name,
          unit: goal.unit,
          customUnit: goal.customUnit ?? '',
          direction: goal.direction,
          baselineValue: typed(goal.baselineValue),
          baselineDate: toIsoDay(goal.baselineDate),
          targetValue: typed(goal.targetValue),
          targetDate: toIsoDay(goal.targetDate),
          reportingPeriod: goal.reportingPeriod ?? '',
        }}
      />
      <div className="zwin-actions">
        <RowAction intent="remove" label={t('remove')} />
      </div>
    </>
  )
}
