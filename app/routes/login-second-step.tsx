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
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getOptionalUser } from '~/modules/access/access.server'
import { safeRedirectPath } from '~/modules/access/redirect'
import {
  completeSecondStep,
  findPendingSignIn,
  pendingSignInCookie,
  readPendingToken,
  stepUpSession,
} from '~/modules/auth/finish-sign-in.server'
import { secondStepSchema } from '~/modules/auth/schemas'
import type { CodeCheck } from '~/modules/auth/second-factor/totp.server'
import {
  commitSessionCookie,
  destroySessionByToken,
  readSessionToken,
} from '~/modules/auth/session.server'
import { retryAfterOnly, waitUntil } from '~/modules/auth/throttle.server'
import { getConfig } from '~/modules/config/config.server'
import { FormError, SubmitButton, TextField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'auth:secondFactor.stepTitle')

export const headers: HeadersFunction = ({ actionHeaders }) => retryAfterOnly(actionHeaders)

const back = (to: unknown) => safeRedirectPath(to, '/', getConfig().publicOrigin)

/**
 * Two ways here: after the password (a pending sign-in in its own cookie), or signed in already without
 * the second factor, sent by a page that needs it (access.server.ts requireSecondFactor).
 */
async function whoIsAsked(request: Request) {
  const pendingToken = await readPendingToken(request)
  const pending = pendingToken ? await findPendingSignIn(pendingToken) : null
  if (pendingToken && pending) return { mode: 'pending' as const, pendingToken, pending }
  const user = await getOptionalUser(request)
  if (user?.secondFactor.enrolled && !user.secondFactor.inSession)
    return { mode: 'stepUp' as const, user }
  return { mode: 'none' as const, user }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const asked = await whoIsAsked(request)
  const redirectTo = new URL(request.url).searchParams.get('redirectTo')
  if (asked.mode === 'none') throw redirect(asked.user ? back(redirectTo) : '/login')
  return { mode: asked.mode, redirectTo: asked.mode === 'pending' ? null : back(redirectTo) }
}

function refusal(submission: ReturnType<typeof parse>, check: Exclude<CodeCheck, { ok: true }>) {
  const hidden = { hideFields: ['code'] }
  if (check.reason === 'throttled') {
    const wait = waitUntil(check.retryAt)
    return data(
      submission.reply({ ...hidden, fieldErrors: { code: [`codeThrottled|${wait.minutes}`] } }),
      { status: 429, headers: { 'Retry-After': String(wait.seconds) } },
    )
  }
  return data(submission.reply({ ...hidden, fieldErrors: { code: ['codeInvalid'] } }), {
    status: 400,
  })
}

const parse = (formData: FormData) => parseWithZod(formData, { schema: secondStepSchema })

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parse(await request.formData())
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const ip = context.clientIp ?? 'unknown'
  const asked = await whoIsAsked(request)
  if (asked.mode === 'stepUp') {
    const result = await stepUpSession({ user: asked.user, code: submission.value.code, ip })
    if (!result.ok && result.reason !== 'not_enrolled') return refusal(submission, result)
    return redirect(back(submission.value.redirectTo))
  }
  if (asked.mode === 'none') {
    return data(submission.reply({ formErrors: ['signInExpired'], hideFields: ['code'] }), {
      status: 400,
    })
  }
  const result = await completeSecondStep({
    pendingToken: asked.pendingToken,
    code: submission.value.code,
    ip,
    userAgent: request.headers.get('User-Agent'),
  })
  if (!result.ok && (result.reason === 'expired' || result.reason === 'not_enrolled')) {
    return data(submission.reply({ formErrors: ['signInExpired'], hideFields: ['code'] }), {
      status: 400,
      headers: { 'Set-Cookie': await pendingSignInCookie().serialize('', { maxAge: 0 }) },
    })
  }
  if (!result.ok) return refusal(submission, result)
  // A new session id at every sign-in; an older session in this browser ends here.
  const previous = await readSessionToken(request)
  if (previous) await destroySessionByToken(previous)
  const headers = new Headers()
  headers.append('Set-Cookie', await commitSessionCookie(result.token))
  headers.append('Set-Cookie', await pendingSignInCookie().serialize('', { maxAge: 0 }))
  return redirect(back(result.redirectTo), { headers })
}

export default function SecondStepPage() {
  const { t } = useTranslation('auth')
  const { mode, redirectTo } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parse(formData),
  })
  return (
    <section className="zwin-form" aria-labelledby="second-step-title">
      <h1 id="second-step-title" className="utrecht-heading-1">
        {t('secondFactor.stepTitle')}
      </h1>
      {mode === 'stepUp' ? (
        <p className="utrecht-paragraph">{t('secondFactor.stepUpIntro')}</p>
      ) : null}
      <p className="utrecht-paragraph">{t('secondFactor.stepIntro')}</p>
      <Form
        method="post"
        {...getFormProps(form)}
        aria-describedby={form.errors?.length ? form.errorId : undefined}
      >
        <FormError errors={form.errors} id={form.errorId} />
        {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
        <TextField
          field={fields.code}
          label={t('secondFactor.codeLabel')}
          description={t('secondFactor.codeHelp')}
          autoComplete="one-time-code"
        />
        <SubmitButton>{t('secondFactor.stepSubmit')}</SubmitButton>
      </Form>
      {mode === 'pending' ? (
        <p className="utrecht-paragraph">
          <Link to="/login" className="utrecht-link">
            {t('secondFactor.startAgain')}
          </Link>
        </p>
      ) : null}
    </section>
  )
}
