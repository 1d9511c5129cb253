import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { agendaItemSchema } from '~/modules/meetings/schema'
import { agendaItemKinds } from '~/modules/meetings/types'
import { FormError, SelectField, SubmitButton, TextAreaField, TextField } from '../form'

export type AgendaItemFormValues = {
  title: string
  description: string
  kind: string
  presenterOrganisationId: string
  durationMinutes: number
}

/** Adding an item (with an optional parent for a sub-item) and changing one use the same fields. */
export function AgendaItemForm({
  intent,
  lastResult,
  defaultValue,
  organisations,
  parents,
  submitLabel,
}: {
  intent: 'addItem' | 'saveItem'
  lastResult?: SubmissionResult<string[]>
  defaultValue: AgendaItemFormValues
  organisations: { id: string; name: string }[]
  /** Only when adding: the items a new sub-item may go under. */
  parents?: { value: string; label: string }[]
  submitLabel: string
}) {
  const { t } = useTranslation('meetings')
  const [form, fields] = useForm({
    id: `agenda-${intent}`,
    lastResult,
    defaultValue: { ...defaultValue, durationMinutes: String(defaultValue.durationMinutes) },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: agendaItemSchema }),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="zwin-form">
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value={intent} />
      <TextField field={fields.title} label={t('item.fields.title')} />
      {parents ? (
        <SelectField
          field={fields.parentId}
          label={t('manage.parent')}
          placeholder={t('manage.noParent')}
          options={parents}
        />
      ) : null}
      <SelectField
        field={fields.kind}
        label={t('item.fields.kind')}
        options={agendaItemKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
      />
      <SelectField
        field={fields.presenterOrganisationId}
        label={t('item.fields.presenter')}
        placeholder={t('item.fields.noPresenter')}
        options={organisations.map((o) => ({ value: o.id, label: o.name }))}
      />
      <TextField
        field={fields.durationMinutes}
        inputMode="numeric"
        label={t('item.fields.duration')}
        description={t('item.fields.durationHelp')}
      />
      <TextAreaField field={fields.description} label={t('item.fields.description')} />
      <SubmitButton>{submitLabel}</SubmitButton>
    </Form>
  )
}
