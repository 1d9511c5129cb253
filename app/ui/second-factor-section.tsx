import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { paths } from '~/modules/auth/paths'
import { secondFactorChangeSchema } from '~/modules/auth/schemas'
import { FormError, SubmitButton, TextField, replyForIntent } from './form'
import { RecoveryCodes } from './recovery-codes'

type Status = { enrolled: boolean; recoveryCodesLeft: number; mayTurnOff: boolean }

/** The profile's "Tweestapsverificatie" section: status, set up, new recovery codes, switch off. */
export function SecondFactorSection({ status, result }: { status: Status; result: unknown }) {
  const { t } = useTranslation('auth')
  const reply =
    result && typeof result === 'object' && 'secondFactor' in result
      ? (result.secondFactor as SubmissionResult<string[]>)
      : undefined
  const codes =
    result && typeof result === 'object' && 'recoveryCodes' in result
      ? (result.recoveryCodes as string[])
      : null
  return (
    <section aria-labelledby="profile-second-factor">
      <h2 id="profile-second-factor" className="utrecht-heading-2">
        {t('secondFactor.profileTitle')}
      </h2>
      {codes ? <RecoveryCodes codes={codes} /> : null}
      {status.enrolled ? (
        <>
          <p className="utrecht-paragraph">
            {t('secondFactor.statusOn')}{' '}
            {t('secondFactor.recoveryLeft', { count: status.recoveryCodesLeft })}
          </p>
          <CodeForm
            intent="renewRecoveryCodes"
            title={t('secondFactor.renewTitle')}
            intro={t('secondFactor.renewIntro')}
            submit={t('secondFactor.renewSubmit')}
            reply={replyForIntent(reply, 'renewRecoveryCodes')}
          />
          {status.mayTurnOff ? (
            <CodeForm
              intent="turnOffSecondFactor"
              title={t('secondFactor.turnOffTitle')}
              submit={t('secondFactor.turnOffSubmit')}
              reply={replyForIntent(reply, 'turnOffSecondFactor')}
            />
          ) : (
            <p className="utrecht-paragraph">{t('secondFactor.turnOffRefused')}</p>
          )}
        </>
      ) : (
        <>
          <p className="utrecht-paragraph">{t('secondFactor.statusOff')}</p>
          <p className="utrecht-paragraph">
            <Link to={paths.enrolment} className="utrecht-link">
              {t('secondFactor.enrolLink')}
            </Link>
          </p>
        </>
      )}
    </section>
  )
}

function CodeForm(props: {
  intent: 'renewRecoveryCodes' | 'turnOffSecondFactor'
  title: string
  intro?: string
  submit: string
  reply?: SubmissionResult<string[]>
}) {
  const { t } = useTranslation('auth')
  const [form, fields] = useForm({
    id: props.intent,
    lastResult: props.reply,
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: secondFactorChangeSchema }),
  })
  return (
    <div className="zwin-form">
      <h3 className="utrecht-heading-3">{props.title}</h3>
      {props.intro ? <p className="utrecht-paragraph">{props.intro}</p> : null}
      <Form method="post" {...getFormProps(form)}>
        <FormError errors={form.errors} />
        <input type="hidden" name="intent" value={props.intent} />
        <TextField
          field={fields.code}
          label={t('secondFactor.currentCode')}
          autoComplete="one-time-code"
        />
        <SubmitButton>{props.submit}</SubmitButton>
      </Form>
    </div>
  )
}
