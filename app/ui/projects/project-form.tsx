import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { toIsoDay } from '~/modules/forms/fields'
import { projectSchema, projectStatuses } from '~/modules/projects/schema'
import {
  CheckboxGroupField,
  FormError,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
} from '../form'

export type ProjectFormValues = {
  title: string
  description: string
  status: string
  stopReason: string | null
  startDate: string | null
  endDate: string | null
  leadOrganisationId: string
  participantIds: string[]
  maxEuSharePercent: number
  version?: number
}

/** One form for creating and editing a project, so both apply the same rules the same way. */
export function ProjectForm({
  lastResult,
  defaultValue,
  organisations,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]>
  defaultValue: ProjectFormValues
  organisations: { id: string; name: string }[]
  submitLabel: string
}) {
  const { t } = useTranslation('projects')
  const [form, fields] = useForm({
    id: 'project',
    lastResult,
    defaultValue: {
      ...defaultValue,
      stopReason: defaultValue.stopReason ?? '',
      startDate: toIsoDay(defaultValue.startDate),
      endDate: toIsoDay(defaultValue.endDate),
      maxEuSharePercent: String(defaultValue.maxEuSharePercent),
      version: defaultValue.version ? String(defaultValue.version) : undefined,
    },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: projectSchema }),
  })
  const organisationOptions = organisations.map((o) => ({ value: o.id, label: o.name }))
  return (
    <Form method="post" {...getFormProps(form)} className="zwin-form">
      <FormError errors={form.errors} />
      {defaultValue.version ? (
        <input type="hidden" name="version" value={defaultValue.version} />
      ) : null}
      <TextField field={fields.title} label={t('fields.title')} />
      <TextAreaField field={fields.description} label={t('fields.description')} />
      <SelectField
        field={fields.status}
        label={t('fields.status')}
        options={projectStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
      />
      <TextAreaField
        field={fields.stopReason}
        label={t('fields.stopReason')}
        description={t('fields.stopReasonHelp')}
      />
      <TextField field={fields.startDate} type="date" label={t('fields.startDate')} />
      <TextField field={fields.endDate} type="date" label={t('fields.endDate')} />
      <SelectField
        field={fields.leadOrganisationId}
        label={t('fields.lead')}
        placeholder={t('fields.chooseLead')}
        options={organisationOptions}
      />
      <CheckboxGroupField
        field={fields.participantIds}
        legend={t('fields.participants')}
        description={t('fields.participantsHelp')}
        options={organisationOptions}
      />
      <TextField
        field={fields.maxEuSharePercent}
        type="number"
        label={t('fields.maxEuShare')}
        description={t('fields.maxEuShareHelp')}
      />
      <SubmitButton>{submitLabel}</SubmitButton>
    </Form>
  )
}
