import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { toIsoDay } from '~/modules/forms/fields'
import { measurementSchema } from '~/modules/goals/schema'
import { calendarDay } from '~/modules/projects/milestones'
import { FormError, SelectField, SubmitButton, TextField } from '../form'

/** Add (no `defaultValue`) or change a measurement of the user's own organisation. */
export function MeasurementForm({
  organisation,
  lastResult,
  defaultValue,
  evidence,
}: {
  organisation: string
  lastResult?: SubmissionResult<string[]>
  defaultValue?: { date: string; value: number; note: string; evidenceDocumentId: string | null }
  /** Shared documents of the network the user may pick as evidence. */
  evidence: { id: string; title: string }[]
}) {
  const { t } = useTranslation('goals')
  const [form, fields] = useForm({
    id: 'measurement',
    lastResult,
    defaultValue: defaultValue
      ? {
          date: toIsoDay(defaultValue.date),
          value: String(defaultValue.value),
          note: defaultValue.note,
          evidenceDocumentId: defaultValue.evidenceDocumentId ?? '',
        }
      : { date: calendarDay(new Date()) },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: measurementSchema }),
  })
  return (
    <section aria-labelledby="measure-title">
      <h2 id="measure-title" className="utrecht-heading-2">
        {defaultValue ? organisation : t('measure.title', { organisation })}
      </h2>
      <p className="utrecht-paragraph">{t('measure.intro')}</p>
      <Form method="post" {...getFormProps(form)} className="zwin-form">
        <FormError errors={form.errors} />
        {defaultValue ? null : <input type="hidden" name="intent" value="addMeasurement" />}
        <TextField field={fields.date} type="date" label={t('measure.date')} />
        <TextField field={fields.value} inputMode="decimal" label={t('measure.value')} />
        <TextField field={fields.note} label={t('measure.note')} />
        {evidence.length ? (
          <SelectField
            field={fields.evidenceDocumentId}
            label={t('measure.evidence')}
            description={t('measure.evidenceHelp')}
            placeholder={t('measure.noEvidence')}
            options={evidence.map((d) => ({ value: d.id, label: d.title }))}
          />
        ) : null}
        <SubmitButton>{defaultValue ? t('measure.save') : t('measure.add')}</SubmitButton>
      </Form>
    </section>
  )
}
