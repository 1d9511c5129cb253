import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { rsvpSchema } from '~/modules/meetings/schema'
import { rsvpResponses } from '~/modules/meetings/types'
import { FormError, RadioGroupField, SubmitButton, TextField } from '../form'

/** "Komt u?": yes, no, maybe, or sending a delegate (with the delegate's name). */
export function RsvpForm({
  lastResult,
  reply,
  suggested,
}: {
  lastResult?: SubmissionResult<string[]>
  reply: { response: string | null; delegateName: string | null } | null
  /** The answer chosen by a link in the invitation mail, to confirm. */
  suggested?: string | null
}) {
  const { t } = useTranslation('meetings')
  const [form, fields] = useForm({
    id: 'rsvp',
    lastResult,
    defaultValue: {
      response: suggested ?? reply?.response ?? undefined,
      delegateName: reply?.delegateName ?? '',
    },
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: rsvpSchema }),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="zwin-form">
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="respond" />
      <RadioGroupField
        field={fields.response}
        legend={t('rsvp.question')}
        options={rsvpResponses.map((r) => ({ value: r, label: t(`rsvp.${r}`) }))}
      />
      <TextField
        field={fields.delegateName}
        label={t('rsvp.delegateName')}
        description={t('rsvp.delegateHelp')}
      />
      <SubmitButton>{t('rsvp.send')}</SubmitButton>
    </Form>
  )
}

/** "Uw aanwezigheid": the current reply, and the form to give or change it. */
export function RsvpSection({
  reply,
  suggested,
  lastResult,
}: {
  reply: { response: string | null; delegateName: string | null } | null
  suggested?: string | null
  lastResult?: SubmissionResult<string[]>
}) {
  const { t } = useTranslation('meetings')
  return (
    <section id="antwoord" aria-labelledby="rsvp-heading">
      <h2 id="rsvp-heading" className="utrecht-heading-2">
        {t('rsvp.title')}
      </h2>
      {reply?.response ? (
        <p className="utrecht-paragraph">
          {t('rsvp.current', {
            response:
              reply.response === 'delegate'
                ? t('rsvp.delegateNamed', { name: reply.delegateName ?? '' })
                : t(`rsvp.${reply.response}` as 'rsvp.yes'),
          })}
        </p>
      ) : null}
      {suggested ? (
        <p className="utrecht-paragraph" role="status">
          {t('rsvp.confirmSuggested', { response: t(`rsvp.${suggested}` as 'rsvp.yes') })}
        </p>
      ) : null}
      <RsvpForm lastResult={lastResult} reply={reply} suggested={suggested} />
    </section>
  )
}
