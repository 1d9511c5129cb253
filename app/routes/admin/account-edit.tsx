import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireAccountAdmin, requireUser } from '~/modules/access/access.server'
import {
  getAccount,
  resendSetPasswordLink,
  setAccountDisabled,
} from '~/modules/accounts/accounts.server'
import { resetSecondFactor } from '~/modules/auth/second-factor/admin-reset.server'
import { redirectWithFlash } from '~/modules/flash/flash.server'
import { isConfirmed } from '~/modules/forms/confirm'
import { ConfirmPanel, RowAction } from '~/ui/confirm'
import { BackLink } from '~/ui/links'
import { FormError } from '~/ui/form'
import { namedTitle } from '~/ui/meta'

export const meta: MetaFunction<typeof loader> = ({ data }) => namedTitle(data?.account.name)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  await requireAccountAdmin(user)
  const account = await getAccount(user, params.account ?? '')
  return { account, isSelf: account.id === user.id }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  await requireAccountAdmin(user)
  const account = await getAccount(user, params.account ?? '')
  const formData = await request.formData()
  const intent = formData.get('intent')
  const back = `/beheer/accounts/${account.id}`
  if (intent === 'disable') {
    if (!isConfirmed(formData)) return { confirm: { intent: 'disable', id: account.id } }
    const result = await setAccountDisabled(user, account.id, true)
    if (result === 'self') return data({ error: 'cannotDisableSelf' as const }, { status: 400 })
    return redirectWithFlash(back, 'accountDisabled')
  }
  if (intent === 'enable') {
    await setAccountDisabled(user, account.id, false)
    return redirectWithFlash(back, 'accountEnabled')
  }
  if (intent === 'resetSecondFactor') {
    if (!isConfirmed(formData)) return { confirm: { intent: 'resetSecondFactor', id: account.id } }
    const result = await resetSecondFactor(user, account.id)
    if (result === 'self') return data({ error: 'cannotResetOwnFactor' as const }, { status: 400 })
    return redirectWithFlash(back, 'secondFactorReset')
  }
  if (intent === 'resend') {
    const result = await resendSetPasswordLink(user, account.id)
    if (result === 'disabled') return data({ error: 'accountDisabled' as const }, { status: 400 })
    return redirectWithFlash(back, 'linkSent')
  }
  return data({ error: 'unknownAction' as const }, { status: 400 })
}

export default function EditAccount() {
  const { t } = useTranslation('admin')
  const { t: tc } = useTranslation()
  const { account, isSelf } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <>
      <BackLink to="/beheer/accounts">{t('accounts.title')}</BackLink>
      <h1 className="utrecht-heading-1">{account.name}</h1>
      {result && 'error' in result ? <FormError errors={[result.error]} /> : null}
      {result && 'confirm' in result ? (
        <ConfirmPanel
          pending={{
            ...result.confirm,
            question:
              result.confirm.intent === 'resetSecondFactor'
                ? t('accounts.resetSecondFactorQuestion', { name: account.name })
                : t('accounts.disableQuestion', { name: account.name }),
          }}
          confirmLabel={
            result.confirm.intent === 'resetSecondFactor'
              ? t('accounts.resetSecondFactorConfirm')
              : t('accounts.disableConfirm')
          }
        />
      ) : null}
      <dl className="zwin-dl">
        <dt>{t('fields.email')}</dt>
        <dd>{account.email}</dd>
        <dt>{t('fields.organisation')}</dt>
        <dd>{account.organisation}</dd>
        <dt>{t('accounts.status')}</dt>
        <dd>
          {account.disabled
            ? t('accounts.disabled')
            : account.hasPassword
              ? t('accounts.active')
              : t('accounts.invited')}
        </dd>
        <dt>{t('accounts.orgAdmin')}</dt>
        <dd>{account.isOrgAdmin ? tc('yes') : tc('no')}</dd>
        <dt>{t('accounts.secondFactor')}</dt>
        <dd>
          {account.hasSecondFactor ? t('accounts.secondFactorOn') : t('accounts.secondFactorOff')}
        </dd>
      </dl>
      {isSelf ? (
        <p className="utrecht-paragraph">{t('accounts.selfNote')}</p>
      ) : (
        <div className="zwin-actions">
          {account.disabled ? (
            <RowAction intent="enable" label={t('accounts.enable')} primary />
          ) : (
            <>
              <RowAction intent="resend" label={t('accounts.resend')} />
              {account.hasSecondFactor ? (
                <RowAction intent="resetSecondFactor" label={t('accounts.resetSecondFactor')} />
              ) : null}
              <RowAction intent="disable" label={t('accounts.disable')} />
            </>
          )}
        </div>
      )}
    </>
  )
}
