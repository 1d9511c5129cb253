import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { useFetcher } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { decisionOutcomes } from '~/modules/meetings/types'
import type { ItemMinutesData } from '~/modules/minutes/item.server'
import { decisionSchema } from '~/modules/minutes/schema'
import { HiddenFields, TextAreaField } from '../form'
import { useHydrated } from '../hydrated'
import { ActionTable, type ActionTableRow } from '../minutes/action-table'
import {
  ActionItemForm,
  DecisionText,
  minutesFields,
  replyFor,
  type MinutesFormSending,
} from '../minutes/item-decision'
import { MinutesFormError } from '../minutes/problem'
import { AttendanceList } from './attendance-list'
import { clockTime } from './when'

type Saved = { saved?: { form: string; itemId: string } }

/**
 * One agenda item in meeting mode: its decision and its action items, each form saving this item only.
 * Once the page runs in the browser the forms go through fetchers: the page stays where it is and a
 * status line says what was saved. Before that (or without JavaScript) they are plain forms that come
 * back to this item.
 */
export function MeetingModeItem({
  item,
  networkSlug,
  returnTo,
  organisations,
  canRecord,
}: {
  item: {
    id: string
    number: string
    title: string
    depth: number
    kind: string
    startsAt: string | Date
    presenterOrganisationId: string | null
    decision: ItemMinutesData['decision']
    actions: ActionTableRow[]
  }
  networkSlug: string
  returnTo: string
  organisations: ItemMinutesData['organisations']
  canRecord: boolean
}) {
  const { t, i18n } = useTranslation('meetings')
  const decision = useFetcher<Saved>()
  const action = useFetcher<Saved>()
  const hydrated = useHydrated()
  const hidden = { itemId: item.id, ...(hydrated ? { stay: '1' } : {}) }
  const minutes = { itemId: item.id, decision: item.decision, organisations }
  const headingId = `punt-${item.id}-titel`
  const savedNow = (fetcher: typeof decision) => fetcher.state === 'idle' && fetcher.data?.saved
  return (
    <section
      id={`punt-${item.id}`}
      aria-labelledby={headingId}
      className={item.depth ? 'zwin-meeting-mode-item zwin-subitem' : 'zwin-meeting-mode-item'}
    >
      <h2 id={headingId} className="utrecht-heading-2">
        {item.number}. {item.title}
      </h2>
      <p className="utrecht-paragraph zwin-muted">
        {clockTime(i18n.language)(item.startsAt)} · {t(`kind.${item.kind}` as 'kind.information')}
      </p>
      {canRecord ? (
        <>
          <QuickDecisionForm
            itemId={item.id}
            decision={item.decision}
            lastResult={replyFor(decision.data, 'decision')}
            FormAs={decision.Form}
            hidden={hidden}
          />
          <p role="status" className="utrecht-paragraph">
            {savedNow(decision) ? t('mode.savedDecision', { number: item.number }) : ''}
          </p>
        </>
      ) : (
        <DecisionText decision={item.decision} />
      )}
      {item.actions.length > 0 ? (
        <ActionTable
          rows={item.actions}
          caption={t('mode.actionsCaption', { number: item.number })}
          networkSlug={networkSlug}
          showAgreedAt={false}
          statusAction={`/netwerken/${networkSlug}/acties`}
          redirectTo={returnTo}
        />
      ) : null}
      {canRecord ? (
        <>
          <ActionItemForm
            // A new, empty form once the added action item is on the list.
            key={item.actions.length}
            minutes={minutes}
            lastResult={replyFor(action.data, 'action')}
            FormAs={action.Form}
            hidden={hidden}
            defaultOrganisationId={item.presenterOrganisationId ?? undefined}
          />
          <p role="status" className="utrecht-paragraph">
            {savedNow(action) ? t('mode.savedAction', { number: item.number }) : ''}
          </p>
        </>
      ) : null}
    </section>
  )
}

/**
 * The decision in two steps: its text, then the outcome it is saved with (one button per outcome). An
 * item only taken note of needs no text: one press on "Voor kennisgeving aangenomen".
 */
function QuickDecisionForm({
  itemId,
  decision,
  lastResult,
  FormAs,
  hidden,
}: {
  itemId: string
  decision: ItemMinutesData['decision']
  lastResult?: SubmissionResult<string[]>
} & Required<Pick<MinutesFormSending, 'FormAs'>> &
  Pick<MinutesFormSending, 'hidden'>) {
  const { t } = useTranslation('minutes')
  const [form, fields] = useForm({
    id: `decision-${itemId}`,
    lastResult,
    defaultValue: { decisionText: decision.decisionText },
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) =>
      parseWithZod(minutesFields(formData, hidden), { schema: decisionSchema }),
  })
  const recorded = decisionOutcomes.find((o) => o === decision.decisionOutcome)
  const legendId = `decision-${itemId}-outcome`
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
      <p className="utrecht-paragraph">
        {recorded ? (
          <>
            {t('mode.recorded')} <span className="zwin-badge">{t(`outcome.${recorded}`)}</span>
          </>
        ) : (
          t('mode.notRecorded')
        )}
      </p>
      <div role="group" aria-labelledby={legendId} className="zwin-actions">
        <span id={legendId} className="utrecht-form-label">
          {t('mode.saveWith')}
        </span>
        {decisionOutcomes.map((outcome) => (
          <button
            key={outcome}
            type="submit"
            name="decisionOutcome"
            value={outcome}
            className="utrecht-button utrecht-button--secondary-action"
          >
            {t(`outcome.${outcome}`)}
          </button>
        ))}
      </div>
    </FormAs>
  )
}

/** Who is there, recorded in meeting mode: the attendance form, sent without leaving the page. */
export function MeetingModeAttendance({
  groups,
  people,
}: {
  groups: Parameters<typeof AttendanceList>[0]['groups']
  people: NonNullable<Parameters<typeof AttendanceList>[0]['recordFor']>
}) {
  const { t } = useTranslation('meetings')
  const fetcher = useFetcher<{ saved?: { form: string } }>()
  const hydrated = useHydrated()
  return (
    <div id="aanwezigheid">
      <AttendanceList
        groups={groups}
        recordFor={people}
        canUninvite={false}
        FormAs={fetcher.Form}
        hidden={hydrated ? { stay: '1' } : undefined}
      />
      <p role="status" className="utrecht-paragraph">
        {fetcher.state === 'idle' && fetcher.data?.saved ? t('mode.savedAttendance') : ''}
      </p>
    </div>
  )
}
