import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { identityProviderSchema } from '~/modules/identity/schema'
import {
  CheckboxField,
  CheckboxGroupField,
  FormError,
  SubmitButton,
  TextAreaField,
  TextField,
} from './form'

type Values = {
  name: string
  issuer: string
  clientId: string
  scopes: string
  allowedTenants: string
  enabled: boolean
  organisationIds: string[]
}

/**
 * Create and edit share one form. The client secret is never sent back to the browser: on edit the field
 * starts empty and stays empty to keep the stored secret.
 */
export function IdentityProviderForm({
  lastResult,
  defaultValue,
  organisations,
  submitLabel,
  editing,
}: {
  lastResult?: SubmissionResult<string[]>
  defaultValue?: Values
  organisations: { id: string; name: string; identityProviderId: string | null }[]
  submitLabel: string
  editing: boolean
}) {
  const { t } = useTranslation('admin')
  const [form, fields] = useForm({
    lastResult,
    defaultValue: defaultValue
      ? { ...defaultValue, enabled: defaultValue.enabled ? 'on' : undefined }
      : { scopes: 'openid email profile', enabled: 'on' },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: identityProviderSchema }),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="zwin-form">
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="save" />
      <TextField field={fields.name} label={t('identityProviders.fields.name')} />
      <TextField
        field={fields.issuer}
        label={t('identityProviders.fields.issuer')}
        description={t('identityProviders.fields.issuerHelp')}
        type="url"
      />
      <TextField field={fields.clientId} label={t('identityProviders.fields.clientId')} />
      <TextField
        field={fields.clientSecret}
        label={t('identityProviders.fields.clientSecret')}
        description={
          editing
            ? t('identityProviders.fields.clientSecretKeep')
            : t('identityProviders.fields.clientSecretHelp')
        }
        type="password"
        autoComplete="new-password"
      />
      <TextField
        field={fields.scopes}
        label={t('identityProviders.fields.scopes')}
        description={t('identityProviders.fields.scopesHelp')}
      />
      <TextAreaField
        field={fields.allowedTenants}
        label={t('identityProviders.fields.allowedTenants')}
        description={t('identityProviders.fields.allowedTenantsHelp')}
      />
      <CheckboxGroupField
        field={fields.organisationIds}
        legend={t('identityProviders.fields.organisations')}
        description={t('identityProviders.fields.organisationsHelp')}
        options={organisations.map((o) => ({ value: o.id, label: o.name }))}
      />
      <CheckboxField field={fields.enabled} label={t('identityProviders.fields.enabled')} />
      <SubmitButton>{submitLabel}</SubmitButton>
    </Form>
  )
}
