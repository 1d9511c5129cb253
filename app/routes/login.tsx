import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getOptionalUser } from '~/modules/access/access.server'
import { safeRedirectPath } from '~/modules/access/redirect'
import { isKnownDevice, rememberDevice } from '~/modules/auth/device.server'
import { pendingSignInCookie } from '~/modules/auth/finish-sign-in.server'
import { signIn } from '~/modules/auth/login.server'
import { paths } from '~/modules/auth/paths'
import { loginSchema } from '~/modules/auth/schemas'
import { retryAfterOnly, waitUntil } from '~/modules/auth/throttle.server'
import { getConfig } from '~/modules/config/config.server'
import {
  commitSessionCookie,
  destroySessionByToken,
  readSessionToken,
} from '~/modules/auth/session.server'
import { FormError, SubmitButton, TextField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'auth:login.title')

// A throttled answer says when to try again, for the page as well as for its data request.
export const headers: HeadersFunction = ({ actionHeaders }) => retryAfterOnly(actionHeaders)

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect('/')
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: loginSchema })
  if (submission.status !== 'success') {
    return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
  }
  const email = submission.value.email.trim().toLowerCase()
  const redirectTo = safeRedirectPath(submission.value.redirectTo, '/', getConfig().publicOrigin)
  const result = await signIn({
    ...submission.value,
    redirectTo,
    ip: context.clientIp ?? 'unknown',
    userAgent: request.headers.get('User-Agent'),
    knownDevice: await isKnownDevice(request, email),
  })
  if (!result.ok && result.reason === 'throttled') {
    const wait = waitUntil(result.retryAt)
    return data(
      submission.reply({
        formErrors: [`loginThrottled|${wait.minutes}`],
        hideFields: ['password'],
      }),
      { status: 429, headers: { 'Retry-After': String(wait.seconds) } },
    )
  }
  if (!result.ok) {
    return data(submission.reply({ formErrors: ['loginInvalid'], hideFields: ['password'] }), {
      status: 400,
    })
  }
  // A new session id at every sign-in; an older session in this browser ends here.
  const previous = await readSessionToken(request)
  if (previous) await destroySessionByToken(previous)
  const headers = new Headers()
  if (result.next.kind === 'second_factor') {
    // The password was right; the code from the app is still to come (routes/login-second-step.tsx).
    headers.append('Set-Cookie', await pendingSignInCookie().serialize(result.next.token))
    headers.append('Set-Cookie', await rememberDevice(request, email))
    return redirect(paths.secondStep, { headers })
  }
  headers.append('Set-Cookie', await commitSessionCookie(result.next.token))
  headers.append('Set-Cookie', await rememberDevice(request, email))
  return redirect(redirectTo, { headers })
}

export default function LoginPage() {
  const { t } = useTranslation('auth')
  const lastResult = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
  })
  return (
    <section className="zwin-form" aria-labelledby="login-title">
      <h1 id="login-title" className="utrecht-heading-1">
        {t('login.title')}
      </h1>
      <p className="utrecht-paragraph">{t('login.intro')}</p>
      <Form
        method="post"
        {...getFormProps(form)}
        aria-describedby={form.errors?.length ? form.errorId : undefined}
      >
        <FormError errors={form.errors} id={form.errorId} />
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? '/'} />
        <TextField
          field={fields.email}
          label={t('fields.email')}
          type="email"
          autoComplete="username"
        />
        <TextField
          field={fields.password}
          label={t('fields.password')}
          type="password"
          autoComplete="current-password"
        />
        <SubmitButton>{t('login.submit')}</SubmitButton>
      </Form>
      <p className="utrecht-paragraph zwin-muted">{t('login.help')}</p>
    </section>
  )
}
