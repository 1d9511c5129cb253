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
import { requireUser } from '~/modules/access/access.server'
import { safeRedirectPath } from '~/modules/access/redirect'
import { enrolmentSchema } from '~/modules/auth/schemas'
import { paths, withRedirectTo } from '~/modules/auth/paths'
import {
  beginEnrolment,
  confirmEnrolment,
  pendingEnrolment,
} from '~/modules/auth/second-factor/totp.server'
import { retryAfterOnly, waitUntil } from '~/modules/auth/throttle.server'
import { getConfig } from '~/modules/config/config.server'
import { RecoveryCodes } from '~/ui/recovery-codes'
import { FormError, SubmitButton, TextField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, 'auth:secondFactor.enrolTitle')

export const headers: HeadersFunction = ({ actionHeaders }) => retryAfterOnly(actionHeaders)

const back = (to: unknown) => safeRedirectPath(to, '/profiel', getConfig().publicOrigin)

export async function loader({ request }: LoaderFunctionArgs) {
  // This page is where the requirement sends people, so it cannot itself demand the second factor.
  const user = await requireUser(request, { secondFactorOptional: true })
  const redirectTo = back(new URL(request.url).searchParams.get('redirectTo'))
  // Enrolled already (or just now: the page that shows the recovery codes loads again after the
  // action): no redirect, which would take the codes off the screen before they were noted.
  const enrolled = user.secondFactor.enrolled
  const enrolment = enrolled ? null : await pendingEnrolment(user)
  return {
    enrolled,
    enrolment: enrolment ? { qrSvg: enrolment.qrSvg, secret: enrolment.secret } : null,
    redirectTo,
    required: user.isPlatformAdmin || user.isOrgAdmin || user.secondFactor.required,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { secondFactorOptional: true })
  const formData = await request.formData()
  if (formData.get('intent') === 'start') {
    // A new secret is made by a POST (a page's GET changes nothing), then shown by the loader.
    const redirectTo = back(formData.get('redirectTo'))
    if (!(await beginEnrolment(user))) throw redirect(redirectTo)
    return redirect(withRedirectTo(paths.enrolment, redirectTo))
  }
  const submission = parseWithZod(formData, { schema: enrolmentSchema })
  if (submission.status !== 'success') return data({ form: submission.reply() }, { status: 400 })
  const result = await confirmEnrolment({
    user,
    sessionId: user.sessionId,
    code: submission.value.code,
    ip: context.clientIp ?? 'unknown',
  })
  if (result.ok) {
    return { recoveryCodes: result.recoveryCodes, redirectTo: back(submission.value.redirectTo) }
  }
  if (result.reason === 'not_enrolled') throw redirect(back(submission.value.redirectTo))
  const hidden = { hideFields: ['code'] }
  if (result.reason === 'throttled') {
    const wait = waitUntil(result.retryAt)
    return data(
      {
        form: submission.reply({
          ...hidden,
          fieldErrors: { code: [`codeThrottled|${wait.minutes}`] },
        }),
      },
      { status: 429, headers: { 'Retry-After': String(wait.seconds) } },
    )
  }
  return data(
    { form: submission.reply({ ...hidden, fieldErrors: { code: ['codeInvalid'] } }) },
    { status: 400 },
  )
}

export default function SecondFactorEnrolmentPage() {
  const { t } = useTranslation('auth')
  const { enrolled, enrolment, redirectTo, required } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const [form, fields] = useForm({
    lastResult: result && 'form' in result ? result.form : undefined,
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: enrolmentSchema }),
  })
  if (result && 'recoveryCodes' in result) {
    return (
      <section aria-labelledby="enrol-title">
        <h1 id="enrol-title" className="utrecht-heading-1">
          {t('secondFactor.enrolledTitle')}
        </h1>
        <RecoveryCodes codes={result.recoveryCodes} />
        <p className="utrecht-paragraph">
          <Link to={result.redirectTo} className="utrecht-link">
            {t('secondFactor.continue')}
          </Link>
        </p>
      </section>
    )
  }
  if (enrolled) {
    return (
      <section aria-labelledby="enrol-title">
        <h1 id="enrol-title" className="utrecht-heading-1">
          {t('secondFactor.enrolledTitle')}
        </h1>
        <p className="utrecht-paragraph">
          <Link to={redirectTo} className="utrecht-link">
            {t('secondFactor.continue')}
          </Link>
        </p>
      </section>
    )
  }
  return (
    <section className="zwin-form" aria-labelledby="enrol-title">
      <h1 id="enrol-title" className="utrecht-heading-1">
        {t('secondFactor.enrolTitle')}
      </h1>
      <p className="utrecht-paragraph">{t('secondFactor.enrolIntro')}</p>
      {required ? <p className="utrecht-paragraph">{t('secondFactor.enrolRequired')}</p> : null}
      {enrolment ? (
        <>
          <p className="utrecht-paragraph">{t('secondFactor.enrolScan')}</p>
          <div
            className="zwin-qr"
            role="img"
            aria-label={t('secondFactor.qrLabel')}
            // The SVG is made on the server by the qrcode package from our own otpauth address.
            dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }}
          />
          <p className="utrecht-paragraph">{t('secondFactor.manualEntry')}</p>
          <p className="utrecht-paragraph">
            <code data-testid="totp-secret">{enrolment.secret}</code>
          </p>
          <Form
            method="post"
            {...getFormProps(form)}
            aria-describedby={form.errors?.length ? form.errorId : undefined}
          >
            <FormError errors={form.errors} id={form.errorId} />
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <TextField
              field={fields.code}
              label={t('secondFactor.enrolCode')}
              autoComplete="one-time-code"
            />
            <SubmitButton>{t('secondFactor.enrolSubmit')}</SubmitButton>
          </Form>
        </>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="start" />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <SubmitButton>{t('secondFactor.enrolStart')}</SubmitButton>
        </Form>
      )}
    </section>
  )
}
