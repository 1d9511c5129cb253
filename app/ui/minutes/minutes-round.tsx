import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { MinutesPageData } from '~/modules/minutes/minutes.server'
import type { RoundPageData } from '~/modules/minutes/round.server'
import { roundAnswerSchema, roundOpenSchema } from '~/modules/minutes/schema'
import { useFormatters } from '../format'
import { RadioGroupField, SubmitButton, TextAreaField, TextField } from '../form'
import { ScrollableTable } from '../table-wrap'
import { MinutesFormError } from './problem'

/**
 * Approval by written procedure ("Schriftelijke ronde", nl-BE "Schriftelijke procedure"): for preparers
 * of a held meeting the form that opens a round; while one runs, every invited organisation's answer,
 * the reader's own answer form and, for preparers, the button that closes it (asked first).
 */
export function MinutesRound({
  minutes,
  lastResult,
}: {
  minutes: MinutesPageData
  lastResult?: SubmissionResult<string[]>
}) {
  const { t } = useTranslation('minutes')
  const { round } = minutes
  if (!round && !minutes.canOpenRound) return null
  return (
    <section aria-labelledby="round-title">
      <h2 id="round-title" className="utrecht-heading-2">
        {t('round.title')}
      </h2>
      {round ? <RoundStatus round={round} /> : null}
      {minutes.canOpenRound ? <OpenRoundForm lastResult={lastResult} /> : null}
      {round?.canAnswer ? <AnswerForm round={round} lastResult={lastResult} /> : null}
      {round?.canClose ? (
        <Form method="post" className="zwin-actions">
          <input type="hidden" name="intent" value="closeRound" />
          <input type="hidden" name="id" value={round.id} />
          <button type="submit" className="utrecht-button utrecht-button--secondary-action">
            {t('round.close')}
          </button>
        </Form>
      ) : null}
    </section>
  )
}

function RoundStatus({ round }: { round: RoundPageData }) {
  const { t } = useTranslation('minutes')
  const f = useFormatters()
  const status =
    round.status === 'open'
      ? t('round.statusOpen', { date: f.date(round.deadline) })
      : round.status === 'closed'
        ? t('round.statusClosed', { date: f.date(round.closedAt ?? round.deadline) })
        : t('round.statusWithdrawn')
  return (
    <>
      <p className="utrecht-paragraph">{status}</p>
      {round.deadlinePassed ? (
        <p className="utrecht-paragraph">
          <strong>{t('round.deadlinePassed', { date: f.date(round.deadline) })}</strong>
        </p>
      ) : null}
      <ScrollableTable caption={t('round.caption')}>
        <thead>
          <tr>
            <th scope="col">{t('round.organisation')}</th>
            <th scope="col">{t('round.answer')}</th>
            <th scope="col">{t('round.comment')}</th>
          </tr>
        </thead>
        <tbody>
          {round.organisations.map((o) => (
            <tr key={o.name}>
              <th scope="row">{o.name}</th>
              <td>
                {o.answer ? (
                  <>
                    {t(`round.reply.${o.answer.reply}`)}
                    <br />
                    <span className="zwin-muted">
                      {t('round.answeredBy', {
                        name: o.answer.by ?? '',
                        date: f.date(o.answer.answeredAt),
                      })}
                    </span>
                  </>
                ) : (
                  t('round.noAnswer')
                )}
              </td>
              <td className="zwin-prewrap">{o.answer?.comment ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </ScrollableTable>
    </>
  )
}

function OpenRoundForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation('minutes')
  const [form, fields] = useForm({
    id: 'round-open',
    lastResult,
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: roundOpenSchema }),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="zwin-form">
      <p className="utrecht-paragraph">{t('round.intro')}</p>
      <MinutesFormError errors={form.errors} />
      <input type="hidden" name="intent" value="openRound" />
      <TextField field={fields.deadline} label={t('round.deadline')} type="date" />
      <SubmitButton>{t('round.open')}</SubmitButton>
    </Form>
  )
}

function AnswerForm({
  round,
  lastResult,
}: {
  round: RoundPageData
  lastResult?: SubmissionResult<string[]>
}) {
  const { t } = useTranslation('minutes')
  const [form, fields] = useForm({
    id: 'round-answer',
    lastResult,
    defaultValue: {
      reply: round.ownAnswer?.reply ?? '',
      comment: round.ownAnswer?.comment ?? '',
    },
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: roundAnswerSchema }),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="zwin-form">
      <h3 className="utrecht-heading-3">{t('round.yourAnswer')}</h3>
      <MinutesFormError errors={form.errors} />
      <input type="hidden" name="intent" value="answerRound" />
      <RadioGroupField
        field={fields.reply}
        legend={t('round.answer')}
        options={[
          { value: 'agree', label: t('round.reply.agree') },
          { value: 'comment', label: t('round.reply.comment') },
        ]}
      />
      <TextAreaField
        field={fields.comment}
        label={t('round.yourComment')}
        description={t('round.yourCommentHelp')}
      />
      <SubmitButton>{t('round.send')}</SubmitButton>
    </Form>
  )
}
