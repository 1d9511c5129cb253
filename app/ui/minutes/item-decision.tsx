import {
  getFormProps,
  getSelectProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { decisionOutcomes, type DecisionOutcome } from '~/modules/meetings/types'
import type { ItemMinutesData } from '~/modules/minutes/item.server'
import {
  actionItemSchema,
  decisionSchema,
  type ItemMinutesReply,
  type MinutesFormName,
} from '~/modules/minutes/schema'
import {
  type FormComponent,
  HiddenFields,
  RadioGroupField,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  useErrorText,
} from '../form'
import { ActionTable } from './action-table'
import { MinutesFormError } from './problem'

/** The reply of one of the item page's minutes forms in the page's action data, if it is there. */
export function replyFor(actionData: unknown, form: MinutesFormName) {
  const minutes = (actionData as Partial<ItemMinutesReply> | undefined)?.minutes
  return minutes?.form === form ? minutes.reply : undefined
}

/**
 * The decision on an agenda item and its action items, for the item's page (a preparers' page).
 * Preparers record the decision and add action items once the meeting has begun, until the minutes are
 * approved; before and after that they read them here. Forms post to the item page (intents
 * saveDecision, addActionItem, setActionStatus), which hands them to handleItemMinutesIntent.
 */
export function ItemDecision({
  networkSlug,
  minutes,
  actionData,
}: {
  networkSlug: string
  minutes: ItemMinutesData
  /** The item page's useActionData(), passed on as it is. */
  actionData?: unknown
}) {
  const { t } = useTranslation('minutes')
  const statusReply = replyFor(actionData, 'status')
  return (
    <>
      <section aria-labelledby="decision-title">
        <h2 id="decision-title" className="utrecht-heading-2">
          {t('decision.title')}
        </h2>
        {minutes.canRecord ? (
          <DecisionForm minutes={minutes} lastResult={replyFor(actionData, 'decision')} />
        ) : (
          <>
            <p className="utrecht-paragraph zwin-muted">{t('decision.notRecording')}</p>
            <DecisionText decision={minutes.decision} />
          </>
        )}
      </section>
      <section aria-labelledby="item-actions-title">
        <h2 id="item-actions-title" className="utrecht-heading-2">
          {t('actions.title')}
        </h2>
        {statusReply ? (
          <MinutesFormError
            errors={Object.values(statusReply.error ?? {}).flatMap((e) => e ?? [])}
          />
        ) : null}
        {minutes.actions.length ? (
          <ActionTable
            rows={minutes.actions}
            caption={t('actions.itemCaption')}
            networkSlug={networkSlug}
            showAgreedAt={false}
          />
        ) : (
          <p className="utrecht-paragraph zwin-muted">{t('actions.itemEmpty')}</p>
        )}
        {minutes.canRecord ? (
          <ActionItemForm
            key={minutes.actions.length}
            minutes={minutes}
            lastResult={replyFor(actionData, 'action')}
          />
        ) : null}
      </section>
    </>
  )
}

export function DecisionText({ decision }: { decision: ItemMinutesData['decision'] }) {
  const { t } = useTranslation('minutes')
  const outcome = decisionOutcomes.find((o) => o === decision.decisionOutcome)
  if (!outcome && !decision.decisionText) {
    return <p className="utrecht-paragraph zwin-muted">{t('decision.none')}</p>
  }
  return (
    <>
      {outcome ? (
        <p className="utrecht-paragraph">
          <span className="zwin-badge">{t(`outcome.${outcome}`)}</span>
        </p>
      ) : null}
      {decision.decisionText ? (
        <p className="utrecht-paragraph zwin-prewrap">{decision.decisionText}</p>
      ) : null}
    </>
  )
}

/**
 * How a minutes form is sent: a plain Remix form (the item page), or a fetcher's form with hidden fields
 * of its own (meeting mode, which stays on its page).
 */
export type MinutesFormSending = {
  FormAs?: FormComponent
  hidden?: Record<string, string>
}

/** The form's data as the minutes schema knows it: without the sending page's own hidden fields. */
export function minutesFields(formData: FormData, hidden?: Record<string, string>): FormData {
  if (!hidden) return formData
  const fields = new FormData()
  for (const [name, value] of formData) if (!(name in hidden)) fields.append(name, value)
  return fields
}

export function DecisionForm({
  minutes,
  lastResult,
  FormAs = Form,
  hidden,
}: {
  minutes: Pick<ItemMinutesData, 'itemId' | 'decision'>
  lastResult?: SubmissionResult<string[]>
} & MinutesFormSending) {
  const { t } = useTranslation('minutes')
  const [form, fields] = useForm({
    id: `decision-${minutes.itemId}`,
    lastResult,
    defaultValue: {
      decisionText: minutes.decision.decisionText,
      decisionOutcome: minutes.decision.decisionOutcome ?? '',
    },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) =>
      parseWithZod(minutesFields(formData, hidden), { schema: decisionSchema }),
  })
  const outcomes: { value: '' | DecisionOutcome; label: string }[] = [
    { value: '', label: t('decision.noOutcome') },
    ...decisionOutcomes.map((o) => ({ value: o, label: t(`outcome.${o}`) })),
  ]
  return (
    <FormAs method="post" {...getFormProps(form)} className="zwin-form">
      <MinutesFormError errors={form.errors} />
      <input type="hidden" name="intent" value="saveDecision" />
      <HiddenFields hidden={hidden} />
      <TextAreaField
        field={fields.decisionText}
        label={t('decision.text')}
        description={t('decision.textHelp')}
      />
      <RadioGroupField
        field={fields.decisionOutcome as FieldMetadata<string | undefined>}
        legend={t('decision.outcome')}
        options={outcomes}
      />
      <SubmitButton>{t('decision.save')}</SubmitButton>
    </FormAs>
  )
}

export function ActionItemForm({
  minutes,
  lastResult,
  FormAs = Form,
  hidden,
  defaultOrganisationId,
}: {
  minutes: Pick<ItemMinutesData, 'itemId' | 'organisations'>
  lastResult?: SubmissionResult<string[]>
  /** The organisation chosen to start with (meeting mode: the one presenting the item). */
  defaultOrganisationId?: string
} & MinutesFormSending) {
  const { t } = useTranslation('minutes')
  const errorText = useErrorText()
  const [form, fields] = useForm({
    id: `action-${minutes.itemId}`,
    lastResult,
    defaultValue: { organisationId: defaultOrganisationId ?? '' },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) =>
      parseWithZod(minutesFields(formData, hidden), { schema: actionItemSchema }),
  })
  const assignee = fields.assigneeUserId
  return (
    <FormAs
      method="post"
      {...getFormProps(form)}
      className="zwin-form"
      aria-labelledby={`add-action-${minutes.itemId}`}
    >
      <h3 id={`add-action-${minutes.itemId}`} className="utrecht-heading-3">
        {t('actions.addTitle')}
      </h3>
      <MinutesFormError errors={form.errors} />
      <input type="hidden" name="intent" value="addActionItem" />
      <HiddenFields hidden={hidden} />
      <TextAreaField field={fields.description} label={t('actions.description')} />
      <SelectField
        field={fields.organisationId}
        label={t('actions.organisation')}
        placeholder={t('actions.chooseOrganisation')}
        options={minutes.organisations.map((o) => ({ value: o.id, label: o.name }))}
      />
      {/* People grouped by organisation; the server checks the person belongs to the chosen one. */}
      <div className="utrecht-form-field">
        <label className="utrecht-form-label" htmlFor={assignee.id}>
          {t('actions.assignee')}
        </label>
        {assignee.errors?.length ? (
          <p id={assignee.errorId} className="zwin-field-error">
            {assignee.errors.map(errorText).join(' ')}
          </p>
        ) : null}
        <select
          {...getSelectProps(assignee)}
          key={assignee.key}
          className="utrecht-select utrecht-select--html-select"
        >
          <option value="">{t('actions.noAssignee')}</option>
          {minutes.organisations
            .filter((o) => o.users.length > 0)
            .map((o) => (
              <optgroup key={o.id} label={o.name}>
                {o.users.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </optgroup>
            ))}
        </select>
      </div>
      <TextField field={fields.dueDate} type="date" label={t('actions.dueDate')} />
      <SubmitButton>{t('actions.add')}</SubmitButton>
    </FormAs>
  )
}
