import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  data,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { locales } from '~/i18n/config'
import { localeCookie } from '~/i18n/i18n.server'
import { requireUser } from '~/modules/access/access.server'
import type { EndedAccess } from '~/modules/accounts/end-access.server'
import { changePassword, signOutEverywhere, updateProfile } from '~/modules/accounts/profile.server'
import { profileSchema } from '~/modules/accounts/schemas'
import { changePasswordSchema } from '~/modules/auth/schemas'
import { secondFactorAction } from '~/modules/auth/second-factor/profile-action.server'
import { mayTurnOff, secondFactorStatus } from '~/modules/auth/second-factor/totp.server'
import { retryAfterOnly, waitUntil } from '~/modules/auth/throttle.server'
import { clearSessionCookie } from '~/modules/auth/session.server'
import { redirectWithFlash, type FlashValues } from '~/modules/flash/flash.server'
import { isConfirmed } from '~/modules/forms/confirm'
import { ConfirmPanel, RowAction } from '~/ui/confirm'
import { CheckboxField, FormError, SelectField, SubmitButton, TextField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import { SecondFactorSection } from '~/ui/second-factor-section'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'profile.title')

// A throttled answer says when to try again, for the page as well as for its data request.
export const headers: HeadersFunction = ({ actionHeaders }) => retryAfterOnly(actionHeaders)

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return {
    name: user.name,
    email: user.email,
    locale: user.locale,
    organisation: user.organisation.name,
    secondFactor: { ...(await secondFactorStatus(user.id)), mayTurnOff: mayTurnOff(user) },
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const formData = await request.formData()
  if (formData.get('intent') === 'password') {
    const submission = parseWithZod(formData, { schema: changePasswordSchema })
    const hidden = { hideFields: ['currentPassword', 'newPassword', 'repeatPassword'] }
    if (submission.status !== 'success')
      return data({ password: submission.reply(hidden) }, { status: 400 })
    const result = await changePassword(user, {
      ...submission.value,
      endOtherSessions: submission.value.endOtherSessions ?? false,
      ip: context.clientIp ?? 'unknown',
    })
    if (!result.ok) {
      const wait = result.reason === 'throttled' ? waitUntil(result.retryAt) : null
      const message = wait ? `currentPasswordThrottled|${wait.minutes}` : 'currentPasswordWrong'
      return data(
        { password: submission.reply({ ...hidden, fieldErrors: { currentPassword: [message] } }) },
        wait ? { status: 429, headers: { 'Retry-After': String(wait.seconds) } } : { status: 400 },
      )
    }
    if (!result.ended) return redirectWithFlash('/profiel', 'passwordChanged')
    return redirectWithFlash('/profiel', 'passwordChangedSignedOut', {}, endedValues(result.ended))
  }
  const intent = formData.get('intent')
  if (intent === 'renewRecoveryCodes' || intent === 'turnOffSecondFactor') {
    return secondFactorAction(user, formData, context.clientIp ?? 'unknown')
  }
  if (formData.get('intent') === 'signOutEverywhere') {
    if (!isConfirmed(formData)) return { confirm: 'signOutEverywhere' as const }
    const ended = await signOutEverywhere(user)
    // Every session ended, this one too: the message goes with the sign-in page.
    return redirectWithFlash(
      '/login',
      'signedOutEverywhere',
      { headers: { 'Set-Cookie': await clearSessionCookie() } },
      endedValues({ ...ended, sessions: Math.max(0, ended.sessions - 1) }),
    )
  }
  const submission = parseWithZod(formData, { schema: profileSchema })
  if (submission.status !== 'success') return data({ profile: submission.reply() }, { status: 400 })
  await updateProfile(user, submission.value)
  return redirectWithFlash('/profiel', 'saved', {
    headers: { 'Set-Cookie': await localeCookie.serialize(submission.value.locale) },
  })
}

/** "op 2 andere apparaten", "en uw agendalink werkt niet meer": the counts the message needs. */
function endedValues(ended: EndedAccess): FlashValues {
  return { count: ended.sessions, context: ended.calendarFeed ? 'feed' : undefined }
}

const languageNames = {
  'nl-NL': 'Nederlands (Nederland)',
  'nl-BE': 'Nederlands (België)',
  en: 'English',
}

export default function ProfilePage() {
  const { t, i18n } = useTranslation()
  const { t: ta } = useTranslation('auth')
  const { t: tn } = useTranslation('notifications')
  const profile = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const [profileForm, profileFields] = useForm({
    id: 'profile',
    lastResult: result && 'profile' in result ? result.profile : undefined,
    defaultValue: { name: profile.name, locale: profile.locale ?? i18n.language },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profileSchema }),
  })
  const [passwordForm, passwordFields] = useForm({
    id: 'password',
    lastResult: result && 'password' in result ? result.password : undefined,
    defaultValue: { endOtherSessions: 'on' },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema }),
  })
  return (
    <>
      <h1 className="utrecht-heading-1">{t('profile.title')}</h1>
      <dl className="zwin-dl">
        <dt>{t('fields.email')}</dt>
        <dd>{profile.email}</dd>
        <dt>{t('fields.organisation')}</dt>
        <dd>{profile.organisation}</dd>
      </dl>
      <section className="zwin-form" aria-labelledby="profile-details">
        <h2 id="profile-details" className="utrecht-heading-2">
          {t('profile.detailsTitle')}
        </h2>
        <Form method="post" {...getFormProps(profileForm)}>
          <FormError errors={profileForm.errors} />
          <input type="hidden" name="intent" value="profile" />
          <TextField field={profileFields.name} label={t('fields.name')} autoComplete="name" />
          <SelectField
            field={profileFields.locale}
            label={t('profile.language')}
            description={t('profile.languageHelp')}
            options={locales.map((l) => ({ value: l, label: languageNames[l] }))}
          />
          <SubmitButton>{t('actions.save')}</SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="profile-notifications">
        <h2 id="profile-notifications" className="utrecht-heading-2">
          {tn('preferences.title')}
        </h2>
        <p className="utrecht-paragraph">{tn('preferences.profileIntro')}</p>
        <p className="utrecht-paragraph">
          <Link className="utrecht-link" to="/profiel/meldingen">
            {tn('preferences.profileLink')}
          </Link>
        </p>
      </section>
      <section className="zwin-form" aria-labelledby="profile-password">
        <h2 id="profile-password" className="utrecht-heading-2">
          {ta('password.changeTitle')}
        </h2>
        <Form method="post" {...getFormProps(passwordForm)}>
          <FormError errors={passwordForm.errors} />
          <input type="hidden" name="intent" value="password" />
          <TextField
            field={passwordFields.currentPassword}
            label={ta('password.current')}
            type="password"
            autoComplete="current-password"
          />
          <TextField
            field={passwordFields.newPassword}
            label={ta('password.new')}
            description={ta('password.rules', { min: 12 })}
            type="password"
            autoComplete="new-password"
          />
          <TextField
            field={passwordFields.repeatPassword}
            label={ta('password.repeat')}
            type="password"
            autoComplete="new-password"
          />
          <CheckboxField
            field={passwordFields.endOtherSessions}
            label={ta('password.endOtherSessions')}
          />
          <SubmitButton>{ta('password.changeSubmit')}</SubmitButton>
        </Form>
      </section>
      <SecondFactorSection status={profile.secondFactor} result={result} />
      <section aria-labelledby="profile-sign-out-everywhere">
        <h2 id="profile-sign-out-everywhere" className="utrecht-heading-2">
          {t('profile.signOutEverywhereTitle')}
        </h2>
        <p className="utrecht-paragraph">{t('profile.signOutEverywhereIntro')}</p>
        {result && 'confirm' in result ? (
          <ConfirmPanel
            pending={{
              intent: 'signOutEverywhere',
              id: 'self',
              question: t('profile.signOutEverywhereQuestion'),
            }}
            confirmLabel={t('profile.signOutEverywhereConfirm')}
          />
        ) : (
          <div className="zwin-actions">
            <RowAction intent="signOutEverywhere" label={t('profile.signOutEverywhere')} />
          </div>
        )}
      </section>
    </>
  )
}
