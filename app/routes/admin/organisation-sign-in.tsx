import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/modules/access/access.server'
import { redirectWithFlash } from '~/modules/flash/flash.server'
import { getSignInSettings, saveSignInSettings } from '~/modules/identity/providers.server'
import { lines, signInSettingsSchema } from '~/modules/identity/schema'
import { CheckboxField, FormError, SubmitButton, TextAreaField } from '~/ui/form'
import { BackLink } from '~/ui/links'
import { namedTitle } from '~/ui/meta'

export const meta: MetaFunction<typeof loader> = ({ data }) => namedTitle(data?.organisation.name)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return { organisation: await getSignInSettings(user, params.organisation ?? '') }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const slug = params.organisation ?? ''
  await getSignInSettings(user, slug)
  const submission = parseWithZod(await request.formData(), { schema: signInSettingsSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await saveSignInSettings(user, slug, submission.value)
  if (!result.ok) {
    return data(submission.reply({ fieldErrors: { [result.field]: [result.error] } }), {
      status: 400,
    })
  }
  return redirectWithFlash(`/beheer/organisaties/${slug}/inloggen`, 'saved')
}

export default function OrganisationSignIn() {
  const { t } = useTranslation('admin')
  const { organisation } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm({
    lastResult,
    defaultValue: {
      emailDomains: lines(organisation.emailDomains).join('\n'),
      passwordSignIn: organisation.passwordSignIn ? 'on' : undefined,
      provisionAccounts: organisation.provisionAccounts ? 'on' : undefined,
    },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signInSettingsSchema }),
  })
  return (
    <>
      <BackLink to={`/beheer/organisaties/${organisation.slug}`}>{organisation.name}</BackLink>
      <h1 className="utrecht-heading-1">{t('signIn.title')}</h1>
      <p className="utrecht-paragraph">
        {organisation.identityProvider ? (
          <>
            {t('signIn.usesProvider')}{' '}
            <Link
              className="utrecht-link"
              to={`/beheer/inlogdiensten/${organisation.identityProvider.id}`}
            >
              {organisation.identityProvider.name}
            </Link>
          </>
        ) : (
          <>
            {t('signIn.noProvider')}{' '}
            <Link className="utrecht-link" to="/beheer/inlogdiensten">
              {t('identityProviders.title')}
            </Link>
          </>
        )}
      </p>
      <Form method="post" {...getFormProps(form)} className="zwin-form">
        <FormError errors={form.errors} />
        <TextAreaField
          field={fields.emailDomains}
          label={t('signIn.emailDomains')}
          description={t('signIn.emailDomainsHelp')}
        />
        <CheckboxField field={fields.passwordSignIn} label={t('signIn.passwordSignIn')} />
        <CheckboxField field={fields.provisionAccounts} label={t('signIn.provisionAccounts')} />
        <SubmitButton>{t('actions.save')}</SubmitButton>
      </Form>
    </>
  )
}
