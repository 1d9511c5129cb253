import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { agendaItemSchema } from '~/modules/meetings/schema'
import { agendaItemKinds } from '~/modules/meetings/types'
import { FormError, SelectField, SubmitButton, TextAreaField, TextField } from '../form'

export type AgendaItemFormValues = {
  /** The item it is a sub-item of; '' for an item of its own. */
  parentId: string
  title: string
  description: string
  kind: string
  presenterOrganisationId: string
  durationMinutes: number
}

/** The items another item may go under: the items of their own ("4. Shuttle"), except `self`. */
export function parentChoices(
  agenda: { id: string; depth: number; number: string; title: string }[],
  self?: string,
) {
  return agenda
    .filter((i) => i.depth === 0 && i.id !== self)
    .map((i) => ({ value: i.id, label: `${i.number}. ${i.title}` }))
}

/**
 * Adding an item and changing one use the same fields; "Subpunt van" makes it a sub-item, or moves an
 * existing item under another one or back to the top level.
 */
export function AgendaItemForm({
  intent,
  lastResult,
  defaultValue,
  organisations,
  parents,
  submitLabel,
  focusTitle = false,
}: {
  intent: 'addItem' | 'saveItem'
  lastResult?: SubmissionResult<string[]>
  defaultValue: AgendaItemFormValues
  organisations: { id: string; name: string }[]
  /** The items it may go under. */
  parents: { value: string; label: string }[]
  submitLabel: string
  /** Puts the focus in the title when the form appears (the next item, after an add). */
  focusTitle?: boolean
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
  const titleId = fields.title.id
  useEffect(() => {
    if (focusTitle) document.getElementById(titleId)?.focus()
  }, [focusTitle, titleId])
  return (
    <Form method="post" {...getFormProps(form)} className="zwin-form">
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value={intent} />
      <TextField field={fields.title} label={t('item.fields.title')} />
      <SelectField
        field={fields.parentId}
        label={t('manage.parent')}
        placeholder={t('manage.noParent')}
        options={parents}
      />
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
