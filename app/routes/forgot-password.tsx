import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  data,
  type ActionFunctionArgs,
  type HeadersFunction,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requestPasswordReset } from '~/modules/accounts/password-reset.server'
import { isKnownDevice } from '~/modules/auth/device.server'
import { forgotPasswordSchema } from '~/modules/auth/schemas'
import { retryAfterOnly, waitUntil } from '~/modules/auth/throttle.server'
import { FormError, SubmitButton, TextField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'auth:forgot.title')

// A throttled answer says when to try again, for the page as well as for its data request.
export const headers: HeadersFunction = ({ actionHeaders }) => retryAfterOnly(actionHeaders)

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: forgotPasswordSchema })
  if (submission.status !== 'success') {
    return data({ sent: false, reply: submission.reply() }, { status: 400 })
  }
  const { email } = submission.value
  const result = await requestPasswordReset({
    email,
    ip: context.clientIp ?? 'unknown',
    knownDevice: await isKnownDevice(request, email),
  })
  if (!result.ok) {
    const wait = waitUntil(result.retryAt)
    return data(
      { sent: false, reply: submission.reply({ formErrors: [`resetThrottled|${wait.minutes}`] }) },
      { status: 429, headers: { 'Retry-After': String(wait.seconds) } },
    )
  }
  // One answer for every address: with or without an account, disabled, or without Zwin passwords.
  return { sent: true, reply: submission.reply({ resetForm: true }) }
}

export default function ForgotPasswordPage() {
  const { t } = useTranslation('auth')
  const answer = useActionData<typeof action>()
  const [form, fields] = useForm({
    lastResult: answer?.reply,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: forgotPasswordSchema }),
  })
  return (
    <section className="zwin-form" aria-labelledby="forgot-title">
      <h1 id="forgot-title" className="utrecht-heading-1">
        {t('forgot.title')}
      </h1>
      {answer?.sent ? (
        <div className="utrecht-alert utrecht-alert--ok" role="status">
          {/* One column: the alert lays its children out side by side. */}
          <div>
            <p className="utrecht-paragraph">{t('forgot.sent')}</p>
            <p className="utrecht-paragraph">{t('forgot.noMail')}</p>
          </div>
        </div>
      ) : (
        <>
          <p className="utrecht-paragraph">{t('forgot.intro')}</p>
          <Form
            method="post"
            {...getFormProps(form)}
            aria-describedby={form.errors?.length ? form.errorId : undefined}
          >
            <FormError errors={form.errors} id={form.errorId} />
            <TextField
              field={fields.email}
              label={t('fields.email')}
              type="email"
              autoComplete="email"
            />
            <SubmitButton>{t('forgot.submit')}</SubmitButton>
          </Form>
        </>
      )}
      <p className="zwin-actions">
        <Link className="utrecht-link" to="/login">
          {t('forgot.backToLogin')}
        </Link>
      </p>
    </section>
  )
}
