import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { goalDirections, goalUnits } from '~/modules/goals/progress'
import { reportingPeriods } from '~/modules/goals/reporting-period'
import { goalSchema } from '~/modules/goals/schema'
import { FormError, SelectField, SubmitButton, TextField } from '../form'

export type GoalFormValues = Partial<
  Record<
    | 'projectId'
    | 'name'
    | 'unit'
    | 'customUnit'
    | 'direction'
    | 'baselineValue'
    | 'baselineDate'
    | 'targetValue'
    | 'targetDate'
    | 'reportingPeriod',
    string
  >
>

/**
 * One form for adding and changing a goal. `targets` (network or one of its projects) is offered only when
 * adding; a goal keeps the project it was made for.
 */
export function GoalForm({
  lastResult,
  defaultValue,
  targets,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]>
  defaultValue: GoalFormValues
  targets?: { value: string; label: string }[]
  submitLabel: string
}) {
  const { t } = useTranslation('goals')
  const [form, fields] = useForm({
    id: 'goal',
    lastResult,
    // Plain strings from the loader; the schema reads them as the form would.
    defaultValue: defaultValue as Partial<z.input<typeof goalSchema>>,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: goalSchema }),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="zwin-form">
      <FormError errors={form.errors} />
      {targets ? (
        <SelectField field={fields.projectId} label={t('fields.for')} options={targets} />
      ) : null}
      <TextField field={fields.name} label={t('fields.name')} description={t('fields.nameHelp')} />
      <SelectField
        field={fields.unit}
        label={t('fields.unit')}
        options={goalUnits.map((u) => ({ value: u, label: t(`unit.${u}`) }))}
      />
      <TextField
        field={fields.customUnit}
        label={t('fields.customUnit')}
        description={t('fields.customUnitHelp')}
      />
      <SelectField
        field={fields.direction}
        label={t('fields.direction')}
        options={goalDirections.map((d) => ({ value: d, label: t(`direction.${d}`) }))}
      />
      <TextField
        field={fields.baselineValue}
        inputMode="decimal"
        label={t('fields.baselineValue')}
      />
      <TextField
        field={fields.baselineDate}
        type="date"
        label={t('fields.baselineDate')}
        description={t('fields.baselineDateHelp')}
      />
      <TextField field={fields.targetValue} inputMode="decimal" label={t('fields.targetValue')} />
      <TextField field={fields.targetDate} type="date" label={t('fields.targetDate')} />
      <SelectField
        field={fields.reportingPeriod}
        label={t('fields.reportingPeriod')}
        description={t('fields.reportingPeriodHelp')}
        placeholder={t('fields.reportingPeriodNone')}
        options={reportingPeriods.map((p) => ({ value: p, label: t(`reportingPeriod.${p}`) }))}
      />
      <SubmitButton>{submitLabel}</SubmitButton>
    </Form>
  )
}
