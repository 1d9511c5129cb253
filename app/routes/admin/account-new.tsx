import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireAccountAdmin, requireUser } from '~/modules/access/access.server'
import { createAccount, creatableOrganisations } from '~/modules/accounts/accounts.server'
import { newAccountSchema } from '~/modules/accounts/schemas'
import { redirectWithFlash } from '~/modules/flash/flash.server'
import { CheckboxField, FormError, SelectField, SubmitButton, TextField } from '~/ui/form'
import { BackLink } from '~/ui/links'
import { pageTitle } from '~/ui/meta'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:accounts.new')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  await requireAccountAdmin(user)
  return {
    organisations: await creatableOrganisations(user),
    ownOrganisationId: user.organisation.id,
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  await requireAccountAdmin(user)
  const submission = parseWithZod(await request.formData(), { schema: newAccountSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await createAccount(user, submission.value)
  if (result === 'notAllowed') {
    return data(submission.reply({ formErrors: ['notAllowed'] }), { status: 400 })
  }
  if (result === 'emailTaken') {
    return data(submission.reply({ fieldErrors: { email: ['accountEmailTaken'] } }), {
      status: 400,
    })
  }
  return redirectWithFlash('/beheer/accounts', 'accountCreated')
}

export default function NewAccount() {
  const { t } = useTranslation('admin')
  const { organisations, ownOrganisationId } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { organisationId: ownOrganisationId },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newAccountSchema }),
  })
  return (
    <>
      <BackLink to="/beheer/accounts">{t('accounts.title')}</BackLink>
      <h1 className="utrecht-heading-1">{t('accounts.new')}</h1>
      <p className="utrecht-paragraph">{t('accounts.newIntro')}</p>
      <Form method="post" {...getFormProps(form)} className="zwin-form">
        <FormError errors={form.errors} />
        <TextField field={fields.name} label={t('fields.name')} autoComplete="off" />
        <TextField field={fields.email} label={t('fields.email')} type="email" autoComplete="off" />
        {organisations.length > 1 ? (
          <SelectField
            field={fields.organisationId}
            label={t('fields.organisation')}
            options={organisations.map((o) => ({ value: o.id, label: o.name }))}
          />
        ) : (
          <input type="hidden" name="organisationId" value={ownOrganisationId} />
        )}
        <CheckboxField field={fields.isOrgAdmin} label={t('accounts.makeOrgAdmin')} />
        <SubmitButton>{t('accounts.create')}</SubmitButton>
      </Form>
    </>
  )
}
