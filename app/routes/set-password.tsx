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
import { findPasswordToken, redeemPasswordToken } from '~/modules/accounts/password-token.server'
import { setPasswordSchema } from '~/modules/auth/schemas'
import { redirectWithFlash } from '~/modules/flash/flash.server'
import { FormError, SubmitButton, TextField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'auth:password.setTitle')

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await findPasswordToken(params.token ?? '')
  return {
    valid: Boolean(found),
    purpose: found?.purpose ?? null,
    name: found?.user.name ?? null,
    email: found?.user.email ?? null,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: setPasswordSchema })
  const hidden = { hideFields: ['newPassword', 'repeatPassword'] }
  if (submission.status !== 'success') return data(submission.reply(hidden), { status: 400 })
  const ok = await redeemPasswordToken(params.token ?? '', submission.value.newPassword)
  if (!ok)
    return data(submission.reply({ ...hidden, formErrors: ['linkInvalid'] }), { status: 400 })
  return redirectWithFlash('/login', 'passwordSet')
}

export default function SetPasswordPage() {
  const { t } = useTranslation('auth')
  const { valid, purpose, name, email } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: setPasswordSchema }),
  })
  return (
    <section className="zwin-form" aria-labelledby="set-password-title">
      <h1 id="set-password-title" className="utrecht-heading-1">
        {t('password.setTitle')}
      </h1>
      {valid ? (
        <>
          <p className="utrecht-paragraph">
            {t(purpose === 'reset' ? 'password.resetIntro' : 'password.setIntro', { name })}
          </p>
          <Form method="post" {...getFormProps(form)}>
            <FormError errors={form.errors} />
            {/* Lets password managers store the new password under the right account. */}
            <input type="hidden" name="username" autoComplete="username" value={email ?? ''} />
            <TextField
              field={fields.newPassword}
              label={t('password.new')}
              description={t('password.rules', { min: 12 })}
              type="password"
              autoComplete="new-password"
            />
            <TextField
              field={fields.repeatPassword}
              label={t('password.repeat')}
              type="password"
              autoComplete="new-password"
            />
            <SubmitButton>{t('password.setSubmit')}</SubmitButton>
          </Form>
        </>
      ) : (
        <div className="utrecht-alert utrecht-alert--error" role="alert">
          {/* One column: the alert lays its children out side by side. */}
          <div>
            <p className="utrecht-paragraph">{t('password.linkInvalid')}</p>
            <p className="utrecht-paragraph">
              <Link className="utrecht-link" to="/wachtwoord-vergeten">
                {t('password.askNewLink')}
              </Link>
            </p>
            <p className="utrecht-paragraph">
              <Link className="utrecht-link" to="/login">
                {t('login.title')}
              </Link>
            </p>
          </div>
        </div>
      )}
    </section>
  )
}
