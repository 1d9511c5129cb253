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
import { isConfirmed } from '~/modules/forms/confirm'
import {
  deleteIdentityProvider,
  getIdentityProvider,
  organisationChoices,
  saveIdentityProvider,
} from '~/modules/identity/providers.server'
import { identityProviderSchema, lines } from '~/modules/identity/schema'
import { CALLBACK_PATH } from '~/modules/identity/oidc.server'
import { getConfig } from '~/modules/config/config.server'
import { ConfirmPanel, RowAction } from '~/ui/confirm'
import { IdentityProviderForm } from '~/ui/identity-provider-form'
import { BackLink } from '~/ui/links'
import { namedTitle } from '~/ui/meta'

export const meta: MetaFunction<typeof loader> = ({ data }) => namedTitle(data?.provider.name)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const provider = await getIdentityProvider(user, params.provider ?? '')
  return {
    provider,
    organisations: await organisationChoices(user),
    // What the provider's administrator registers for Zwin.
    redirectUri: `${getConfig().publicOrigin}${CALLBACK_PATH}`,
    logoutRedirectUri: `${getConfig().publicOrigin}/login`,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const provider = await getIdentityProvider(user, params.provider ?? '')
  const formData = await request.formData()
  if (formData.get('intent') === 'delete') {
    if (!isConfirmed(formData)) return { confirm: { intent: 'delete', id: provider.id } }
    await deleteIdentityProvider(user, provider.id)
    return redirectWithFlash('/beheer/inlogdiensten', 'identityProviderDeleted')
  }
  const submission = parseWithZod(formData, { schema: identityProviderSchema })
  const hidden = { hideFields: ['clientSecret'] }
  if (submission.status !== 'success') return data(submission.reply(hidden), { status: 400 })
  const result = await saveIdentityProvider(user, provider.id, submission.value)
  if (!result.ok) {
    return data(submission.reply({ ...hidden, fieldErrors: { [result.field]: [result.error] } }), {
      status: 400,
    })
  }
  return redirectWithFlash(`/beheer/inlogdiensten/${provider.id}`, 'saved')
}

export default function EditIdentityProvider() {
  const { t } = useTranslation('admin')
  const { provider, organisations, redirectUri, logoutRedirectUri } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <>
      <BackLink to="/beheer/inlogdiensten">{t('identityProviders.title')}</BackLink>
      <h1 className="utrecht-heading-1">{provider.name}</h1>
      {result && 'confirm' in result ? (
        <ConfirmPanel
          pending={{
            ...result.confirm,
            question: t('identityProviders.deleteQuestion', {
              name: provider.name,
              count: provider._count.identities,
            }),
          }}
          confirmLabel={t('identityProviders.deleteConfirm')}
        />
      ) : null}
      <dl className="zwin-dl">
        <dt>{t('identityProviders.redirectUri')}</dt>
        <dd>
          <code>{redirectUri}</code>
        </dd>
        <dt>{t('identityProviders.logoutRedirectUri')}</dt>
        <dd>
          <code>{logoutRedirectUri}</code>
        </dd>
        <dt>{t('identityProviders.linkedAccounts')}</dt>
        <dd>{provider._count.identities}</dd>
      </dl>
      <IdentityProviderForm
        key={String(provider.updatedAt)}
        lastResult={result && !('confirm' in result) ? result : undefined}
        defaultValue={{
          name: provider.name,
          issuer: provider.issuer,
          clientId: provider.clientId,
          scopes: provider.scopes,
          allowedTenants: lines(provider.allowedTenants).join('\n'),
          enabled: provider.enabled,
          organisationIds: provider.organisations.map((o) => o.id),
        }}
        organisations={organisations}
        submitLabel={t('actions.save')}
        editing
      />
      <h2 className="utrecht-heading-2">{t('identityProviders.deleteTitle')}</h2>
      <p className="utrecht-paragraph">{t('identityProviders.deleteIntro')}</p>
      <div className="zwin-actions">
        <RowAction intent="delete" label={t('identityProviders.delete')} />
      </div>
    </>
  )
}
