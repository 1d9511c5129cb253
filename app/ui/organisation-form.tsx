import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { locales } from '~/i18n/config'
import { countries, organisationKinds, organisationSchema } from '~/modules/organisations/schema'
import { CheckboxField, FormError, SelectField, SubmitButton, TextField } from './form'

type Values = {
  name: string
  slug: string
  kind: string
  country: string
  officialCode: string | null
  defaultLocale: string
  totpRequired: boolean
  totpForProvider: boolean
}

/** Create and edit share one form, so both check the same rules the same way. */
export function OrganisationForm({
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
    lastResult,
    defaultValue: defaultValue
      ? {
          ...defaultValue,
          officialCode: defaultValue.officialCode ?? '',
          totpRequired: defaultValue.totpRequired ? 'on' : undefined,
          totpForProvider: defaultValue.totpForProvider ? 'on' : undefined,
        }
      : { defaultLocale: 'nl-NL', country: 'NL', kind: 'municipality' },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: organisationSchema }),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="zwin-form">
      <FormError errors={form.errors} />
      <TextField field={fields.name} label={t('fields.name')} />
      <TextField field={fields.slug} label={t('fields.slug')} description={t('fields.slugHelp')} />
      <SelectField
        field={fields.kind}
        label={t('fields.kind')}
        options={organisationKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
      />
      <SelectField
        field={fields.country}
        label={t('fields.country')}
        options={countries.map((c) => ({ value: c, label: tc(`country.${c}`) }))}
      />
      <TextField
        field={fields.officialCode}
        label={t('fields.officialCode')}
        description={t('fields.officialCodeHelp')}
      />
      <SelectField
        field={fields.defaultLocale}
        label={t('fields.defaultLocale')}
        options={locales.map((l) => ({ value: l, label: tc(`localeName.${l}`) }))}
      />
      <fieldset className="utrecht-form-fieldset">
        <legend className="utrecht-form-fieldset__legend">{t('fields.secondFactor')}</legend>
        <CheckboxField field={fields.totpRequired} label={t('fields.totpRequired')} />
        <CheckboxField field={fields.totpForProvider} label={t('fields.totpForProvider')} />
      </fieldset>
      <SubmitButton>{submitLabel}</SubmitButton>
    </Form>
  )
}
