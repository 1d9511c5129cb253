import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { networkLevels, networkSchema } from '~/modules/networks/schema'
import { FormError, SelectField, SubmitButton, TextAreaField, TextField } from './form'

type Values = { name: string; shortName: string; slug: string; level: string; description: string }

export function NetworkForm({
  lastResult,
  defaultValue,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]>
  defaultValue?: Values
  submitLabel: string
}) {
  const { t } = useTranslation('admin')
  const { t: tc } = useTranslation()
  const [form, fields] = useForm({
    id: 'network',
    lastResult,
    defaultValue: defaultValue ?? { level: 'regional' },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: networkSchema }),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="zwin-form">
      <input type="hidden" name="intent" value="details" />
      <FormError errors={form.errors} />
      <TextField field={fields.name} label={t('fields.name')} />
      <TextField field={fields.shortName} label={t('fields.shortName')} />
      <TextField field={fields.slug} label={t('fields.slug')} description={t('fields.slugHelp')} />
      <SelectField
        field={fields.level}
        label={t('fields.level')}
        options={networkLevels.map((l) => ({ value: l, label: tc(`network.level.${l}`) }))}
      />
      <TextAreaField field={fields.description} label={t('fields.description')} />
      <SubmitButton>{submitLabel}</SubmitButton>
    </Form>
  )
}
