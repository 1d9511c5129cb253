import { getFormProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { MinutesPageData } from '~/modules/minutes/minutes.server'
import { minutesSchema } from '~/modules/minutes/schema'
import { isMinutesDocumentType } from '~/modules/minutes/types'
import { useFormatters } from '../format'
import { SubmitButton, TextAreaField } from '../form'
import { MinutesFormError } from './problem'

/** The approval's first step: one button, with the version the page showed. */
function ApproveForm({ version, label }: { version: number; label: string }) {
  return (
    <Form method="post" className="zwin-inline-form">
      <input type="hidden" name="intent" value="approveMinutes" />
      <input type="hidden" name="version" value={version} />
      <button type="submit" className="utrecht-button utrecht-button--secondary-action">
        {label}
      </button>
    </Form>
  )
}

/**
 * The preparers' minutes form: the minutes text, additions to the decision list (the list itself comes
 * from the decisions per agenda item), a shared minutes document (or go and share one first). Saving carries the meeting's version,
 * so a stale form is refused.
 */
export function MinutesEditor({
  minutes,
  networkSlug,
  lastResult,
}: {
  minutes: MinutesPageData
  networkSlug: string
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
  const groups = [
    {
      label: t('minutes.minutesDocuments'),
      documents: minutes.documents.filter((d) => isMinutesDocumentType(d.type)),
    },
    {
      label: t('minutes.otherDocuments'),
      documents: minutes.documents.filter((d) => !isMinutesDocumentType(d.type)),
    },
  ].filter((g) => g.documents.length > 0)
  const uploadLink = (
    <p className="utrecht-paragraph">
      <Link
        className="utrecht-link"
        to={`/netwerken/${networkSlug}/documenten/nieuw?soort=verslag`}
      >
        {t('minutes.uploadDocument')}
      </Link>
    </p>
  )
  const document = fields.minutesDocumentId
  return (
    <>
      <Form method="post" {...getFormProps(form)} className="zwin-form">
        <MinutesFormError errors={form.errors} />
        <input type="hidden" name="intent" value="saveMinutes" />
        <input type="hidden" name="version" value={minutes.version} />
        <TextAreaField
          field={fields.minutesText}
          label={t('minutes.minutesText')}
          description={t('minutes.minutesTextHelp')}
        />
        <TextAreaField
          field={fields.decisionList}
          label={t('minutes.decisionList')}
          description={t('minutes.decisionListHelp')}
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
            {uploadLink}
          </div>
        ) : (
          <>
            <p className="utrecht-paragraph">{t('minutes.noDocuments')}</p>
            {uploadLink}
          </>
        )}
        <SubmitButton>{t('minutes.save')}</SubmitButton>
      </Form>
    </>
  )
}

/**
 * Approving the minutes ("Verslag vaststellen", nl-BE "goedkeuren"): for a held meeting, once the next
 * meeting of the network has begun; until then the preparer reads why the button is not there yet. The
 * route asks for confirmation first.
 */
export function MinutesApprove({ minutes }: { minutes: MinutesPageData }) {
  const { t } = useTranslation('minutes')
  const f = useFormatters()
  const next = minutes.nextMeeting
  return (
    <section aria-labelledby="approve-title">
      <h2 id="approve-title" className="utrecht-heading-2">
        {t('minutes.approveTitle')}
      </h2>
      {minutes.canApprove ? (
        <>
          <p className="utrecht-paragraph">
            {next
              ? t('minutes.approveIntroNext', { meeting: next.title, date: f.date(next.startsAt) })
              : t('minutes.approveIntro')}
          </p>
          <div className="zwin-actions">
            <ApproveForm version={minutes.version} label={t('minutes.approve')} />
          </div>
        </>
      ) : (
        <p className="utrecht-paragraph zwin-muted">
          {minutes.status !== 'held'
            ? t('minutes.approveOnlyHeld')
            : next
              ? t('minutes.approveWaiting', {
                  meeting: next.title,
                  dateTime: f.dateTime(next.startsAt),
                })
              : t('minutes.approveNoNextMeeting')}
        </p>
      )}
    </section>
  )
}
