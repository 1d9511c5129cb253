import { getFormProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { MinutesPageData } from '~/modules/minutes/minutes.server'
import { minutesSchema } from '~/modules/minutes/schema'
import { SubmitButton, TextAreaField } from '../form'
import { MinutesFormError } from './problem'

/** A small form with one button for a minutes step (generate the list, approve), with the version. */
function StepForm({
  intent,
  version,
  label,
}: {
  intent: 'generateDecisionList' | 'approveMinutes'
  version: number
  label: string
}) {
  return (
    <Form method="post" className="zwin-inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={version} />
      <button type="submit" className="utrecht-button utrecht-button--secondary-action">
        {label}
      </button>
    </Form>
  )
}

/**
 * The preparers' minutes form: make the decision list from the decisions, edit it and the minutes text,
 * choose a shared minutes document. Saving carries the meeting's version, so a stale form is refused.
 */
export function MinutesEditor({
  minutes,
  lastResult,
}: {
  minutes: MinutesPageData
  lastResult?: SubmissionResult<string[]>
}) {
  const { t } = useTranslation('minutes')
  const [form, fields] = useForm({
    id: 'minutes',
    lastResult,
    defaultValue: {
      decisionList: minutes.decisionList,
      minutesText: minutes.minutesText,
      minutesDocumentId: minutes.document?.id ?? '',
    },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: minutesSchema }),
  })
  const minutesTypes = ['verslag', 'besluitenlijst']
  const groups = [
    {
      label: t('minutes.minutesDocuments'),
      documents: minutes.documents.filter((d) => minutesTypes.includes(d.type)),
    },
    {
      label: t('minutes.otherDocuments'),
      documents: minutes.documents.filter((d) => !minutesTypes.includes(d.type)),
    },
  ].filter((g) => g.documents.length > 0)
  const document = fields.minutesDocumentId
  return (
    <>
      <p className="utrecht-paragraph">{t('minutes.decisionListHelp')}</p>
      <p className="zwin-actions">
        <StepForm
          intent="generateDecisionList"
          version={minutes.version}
          label={t('minutes.generate')}
        />
      </p>
      <Form method="post" {...getFormProps(form)} className="zwin-form">
        <MinutesFormError errors={form.errors} />
        <input type="hidden" name="intent" value="saveMinutes" />
        <input type="hidden" name="version" value={minutes.version} />
        <TextAreaField field={fields.decisionList} label={t('minutes.decisionList')} />
        <TextAreaField
          field={fields.minutesText}
          label={t('minutes.minutesText')}
          description={t('minutes.minutesTextHelp')}
        />
        {groups.length ? (
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor={document.id}>
              {t('minutes.document')}
            </label>
            <p id={document.descriptionId} className="utrecht-form-field-description">
              {t('minutes.documentHelp')}
            </p>
            <select
              {...getSelectProps(document, { ariaAttributes: false })}
              key={document.key}
              aria-describedby={document.descriptionId}
              className="utrecht-select utrecht-select--html-select"
            >
              <option value="">{t('minutes.noDocument')}</option>
              {groups.map((g) => (
                <optgroup key={g.label} label={g.label}>
                  {g.documents.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.title}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
        ) : null}
        <SubmitButton>{t('minutes.save')}</SubmitButton>
      </Form>
    </>
  )
}

/** "Verslag goedkeuren": for a held meeting; the route asks for confirmation first. */
export function MinutesApprove({ minutes }: { minutes: MinutesPageData }) {
  const { t } = useTranslation('minutes')
  return (
    <section aria-labelledby="approve-title">
      <h2 id="approve-title" className="utrecht-heading-2">
        {t('minutes.approveTitle')}
      </h2>
      {minutes.canApprove ? (
        <>
          <p className="utrecht-paragraph">{t('minutes.approveIntro')}</p>
          <p className="zwin-actions">
            <StepForm
              intent="approveMinutes"
              version={minutes.version}
              label={t('minutes.approve')}
            />
          </p>
        </>
      ) : (
        <p className="utrecht-paragraph zwin-muted">{t('minutes.approveOnlyHeld')}</p>
      )}
    </section>
  )
}
