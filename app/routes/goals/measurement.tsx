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
import { deny, requireGoalMeasurer, requireUser } from '~/modules/access/access.server'
import { isConfirmed } from '~/modules/forms/confirm'
import {
  evidenceOptions,
  findOwnMeasurement,
  removeMeasurement,
  updateMeasurement,
} from '~/modules/goals/measurements.server'
import { measurementProblem, measurementSchema } from '~/modules/goals/schema'
import { ConfirmPanel, RowAction } from '~/ui/confirm'
import { MeasurementForm } from '~/ui/goals/measurement-form'
import { BackLink } from '~/ui/links'
import { pageTitle } from '~/ui/meta'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'goals:measure.editTitle')

/** Only the organisation that entered a measurement may change it; for anyone else it does not exist. */
async function ownMeasurement(request: Request, params: LoaderFunctionArgs['params']) {
  const user = await requireUser(request)
  const access = await requireGoalMeasurer(user, params.network ?? '', params.goal ?? '')
  const measurement = await findOwnMeasurement(user, access, params.measurement ?? '')
  if (!measurement) throw await deny(user, 'Measurement', params.measurement ?? '')
  return { user, access, measurement }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, access, measurement } = await ownMeasurement(request, params)
  return {
    network: access.network,
    goal: access.goal,
    measurement,
    organisation: user.organisation.name,
    evidence: await evidenceOptions(user, access, measurement.evidenceDocumentId),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, access, measurement } = await ownMeasurement(request, params)
  const back = `/netwerken/${access.network.slug}/doelen/${access.goal.id}`
  const formData = await request.formData()
  if (formData.get('intent') === 'remove') {
    if (!isConfirmed(formData)) return { confirm: { intent: 'remove', id: measurement.id } }
    await removeMeasurement(user, access, measurement.id)
    return redirect(back)
  }
  const submission = parseWithZod(formData, { schema: measurementSchema })
  if (submission.status !== 'success') return data({ form: submission.reply() }, { status: 400 })
  const result = await updateMeasurement(user, access, measurement.id, submission.value)
  if (result !== 'ok')
    return data({ form: submission.reply(measurementProblem(result)) }, { status: 400 })
  return redirect(back)
}

export default function EditMeasurement() {
  const { t } = useTranslation('goals')
  const { network, goal, measurement, organisation, evidence } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <>
      <BackLink to={`/netwerken/${network.slug}/doelen/${goal.id}`}>{goal.name}</BackLink>
      <h1 className="utrecht-heading-1">{t('measure.editTitle')}</h1>
      {result && 'confirm' in result ? (
        <ConfirmPanel
          pending={{ ...result.confirm, question: t('measure.removeQuestion') }}
          confirmLabel={t('measure.removeConfirm')}
        />
      ) : null}
      <MeasurementForm
        organisation={organisation}
        defaultValue={measurement}
        evidence={evidence}
        lastResult={result && 'form' in result ? result.form : undefined}
      />
      <div className="zwin-actions">
        <RowAction intent="remove" label={t('measure.remove')} />
      </div>
    </>
  )
}
