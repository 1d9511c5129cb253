import { parseWithZod } from '@conform-to/zod/v4'
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/modules/access/access.server'
import { redirectWithFlash } from '~/modules/flash/flash.server'
import { organisationChoices, saveIdentityProvider } from '~/modules/identity/providers.server'
import { identityProviderSchema } from '~/modules/identity/schema'
import { IdentityProviderForm } from '~/ui/identity-provider-form'
import { BackLink } from '~/ui/links'
import { pageTitle } from '~/ui/meta'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:identityProviders.new')

export async function loader({ request }: LoaderFunctionArgs) {
  return { organisations: await organisationChoices(await requireUser(request)) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  await organisationChoices(user)
  const submission = parseWithZod(await request.formData(), { schema: identityProviderSchema })
  const hidden = { hideFields: ['clientSecret'] }
  if (submission.status !== 'success') return data(submission.reply(hidden), { status: 400 })
  const result = await saveIdentityProvider(user, null, submission.value)
  if (!result.ok) {
    return data(submission.reply({ ...hidden, fieldErrors: { [result.field]: [result.error] } }), {
      status: 400,
    })
  }
  return redirectWithFlash(`/beheer/inlogdiensten/${result.id}`, 'saved')
}

export default function NewIdentityProvider() {
  const { t } = useTranslation('admin')
  const { organisations } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <>
      <BackLink to="/beheer/inlogdiensten">{t('identityProviders.title')}</BackLink>
      <h1 className="utrecht-heading-1">{t('identityProviders.new')}</h1>
      <IdentityProviderForm
        lastResult={lastResult}
        organisations={organisations}
        submitLabel={t('actions.save')}
        editing={false}
      />
    </>
  )
}
