import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { getOptionalUser } from '~/modules/access/access.server'
import { safeRedirectPath } from '~/modules/access/redirect'
import { isKnownDevice, rememberDevice } from '~/modules/auth/device.server'
import { pendingSignInCookie } from '~/modules/auth/finish-sign-in.server'
import { signIn } from '~/modules/auth/login.server'
import { paths } from '~/modules/auth/paths'
import { emailStepSchema, loginSchema } from '~/modules/auth/schemas'
import { retryAfterOnly, waitUntil } from '~/modules/auth/throttle.server'
import { getConfig } from '~/modules/config/config.server'
import {
  commitSessionCookie,
  destroySessionByToken,
  readSessionToken,
} from '~/modules/auth/session.server'
import { providerForEmail } from '~/modules/identity/link.server'
import { beginProviderSignIn } from '~/modules/identity/oidc.server'
import { log } from '~/modules/observability/logger.server'
import { FormError, SubmitButton, TextField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'auth:login.title')

// A throttled answer says when to try again, for the page as well as for its data request.
export const headers: HeadersFunction = ({ actionHeaders }) => retryAfterOnly(actionHeaders)

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect('/')
  return null
}

type Step = { step: 'email' | 'password'; email: string; reply: SubmissionResult<string[]> }

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  if (formData.get('intent') === 'email') return emailStep(formData)
  return passwordStep(formData, request, context.clientIp ?? 'unknown')
}

/**
 * Home-realm discovery: an address whose domain belongs to an organisation with its own identity
 * provider goes there; any other gets the password field.
 */
async function emailStep(formData: FormData) {
  const submission = parseWithZod(formData, { schema: emailStepSchema })
  if (submission.status !== 'success') {
    return data<Step>({ step: 'email', email: '', reply: submission.reply() }, { status: 400 })
  }
  const { email, redirectTo } = submission.value
  const provider = await providerForEmail(email)
  if (!provider) return data<Step>({ step: 'password', email, reply: submission.reply() })
  try {
    const started = await beginProviderSignIn({
      providerId: provider.id,
      redirectTo: safeRedirectPath(redirectTo, '/', getConfig().publicOrigin),
      loginHint: email,
    })
    return redirect(started.url.href, { headers: { 'Set-Cookie': started.setCookie } })
  } catch (error) {
    log.warn({ err: error, providerId: provider.id }, 'identity provider unreachable at sign-in')
    // Not the person's fault, and nothing they sent: the page says so and offers to try again.
    return data<Step>({
      step: 'email',
      email,
      reply: submission.reply({ formErrors: ['providerUnavailable'] }),
    })
  }
}

async function passwordStep(formData: FormData, request: Request, ip: string) {
  const submission = parseWithZod(formData, { schema: loginSchema })
  const email = String(formData.get('email') ?? '')
    .trim()
    .toLowerCase()
    .slice(0, 254)
  const answer = (reply: SubmissionResult<string[]>, init: ResponseInit) =>
    data<Step>({ step: 'password', email, reply }, init)
  const hidden = { hideFields: ['password'] }
  if (submission.status !== 'success') return answer(submission.reply(hidden), { status: 400 })
  const redirectTo = safeRedirectPath(submission.value.redirectTo, '/', getConfig().publicOrigin)
  const result = await signIn({
    email: submission.value.email,
    password: submission.value.password,
    redirectTo,
    ip,
    userAgent: request.headers.get('User-Agent'),
    knownDevice: await isKnownDevice(request, email),
  })
  if (!result.ok && result.reason === 'throttled') {
    const wait = waitUntil(result.retryAt)
    return answer(submission.reply({ formErrors: [`loginThrottled|${wait.minutes}`], ...hidden }), {
      status: 429,
      headers: { 'Retry-After': String(wait.seconds) },
    })
  }
  if (!result.ok) {
    const error = result.reason === 'useProvider' ? 'loginUseProvider' : 'loginInvalid'
    return answer(submission.reply({ formErrors: [error], ...hidden }), { status: 400 })
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
  const answer = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const step = answer?.step ?? 'email'
  const [form, fields] = useForm<z.input<typeof loginSchema>>({
    // A new form for each step, so the password step starts without the email step's errors.
    id: `login-${step}`,
    lastResult: answer?.reply,
    defaultValue: { email: answer?.email ?? '' },
    // Checked by the server only: validating here would bring zod and its conform adapter into the
    // page every first visit starts on, a quarter of its JavaScript (issue 15, client weight). The
    // answer comes back as fast as a page does, with the same messages at the same fields.
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onSubmit',
  })
  // After "Volgende" the password field shows while the page still reloads its data. Signing in then
  // would cut that reload off (the browser logs an AbortError), so the button waits for it.
  const busy = useNavigation().state !== 'idle'
  const formProps = getFormProps(form)
  return (
    <section className="zwin-form" aria-labelledby="login-title">
      <h1 id="login-title" className="utrecht-heading-1">
        {t('login.title')}
      </h1>
      <p className="utrecht-paragraph">
        {step === 'email' ? t('login.introEmail') : t('login.intro')}
      </p>
      <Form
        method="post"
        {...formProps}
        onSubmit={(event) => (busy ? event.preventDefault() : formProps.onSubmit(event))}
        aria-describedby={form.errors?.length ? form.errorId : undefined}
      >
        <FormError errors={form.errors} id={form.errorId} />
        <input type="hidden" name="intent" value={step} />
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? '/'} />
        <TextField
          field={fields.email}
          label={t('fields.email')}
          type="email"
          autoComplete="username"
        />
        {step === 'password' ? (
          <TextField
            field={fields.password}
            label={t('fields.password')}
            type="password"
            autoComplete="current-password"
          />
        ) : null}
        <SubmitButton busy={busy}>
          {step === 'email' ? t('login.next') : t('login.submit')}
        </SubmitButton>
      </Form>
      <p className="zwin-actions">
        <Link className="utrecht-link" to="/wachtwoord-vergeten">
          {t('login.forgot')}
        </Link>
      </p>
      <p className="utrecht-paragraph zwin-muted">{t('login.help')}</p>
    </section>
  )
}
