import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { meetingSchema } from '~/modules/meetings/schema'
import { meetingInstant, standingItems } from '~/modules/meetings/types'
import {
  CheckboxField,
  CheckboxGroupField,
  FormError,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
} from '../form'
import { OverrunWarning } from './agenda-manager'

export type MeetingFormValues = {
  title: string
  description: string
  day: string
  startTime: string
  endDay: string
  endTime: string
  location: string
  onlineUrl: string
  hostOrganisationId: string
  chair: string
  secretary: string
  version?: number
}

/**
 * One form for planning and changing a meeting. New meetings also choose how the agenda starts: the
 * standing items, or a copy of an earlier meeting's agenda.
 */
export function MeetingForm({
  lastResult,
  defaultValue,
  organisations,
  copyable,
  quietOption,
  plannedMinutes,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]>
  defaultValue: MeetingFormValues
  organisations: { id: string; name: string }[]
  /** Only for a new meeting: earlier meetings whose agenda can be copied. */
  copyable?: { value: string; label: string }[]
  /** Only for a published meeting: the choice not to mail the invitees about this change. */
  quietOption?: boolean
  /** Only for a meeting with an agenda: its minutes in all, to warn when they run past the end time. */
  plannedMinutes?: number
  submitLabel: string
}) {
  const { t } = useTranslation('meetings')
  const { t: standingTitle } = useTranslation('standing')
  const [form, fields] = useForm({
    id: 'meeting',
    lastResult,
    defaultValue: {
      ...defaultValue,
      version: defaultValue.version ? String(defaultValue.version) : undefined,
      standing: copyable ? standingItems.map((s) => s.standing) : undefined,
    },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: meetingSchema }),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="zwin-form">
      <FormError errors={form.errors} />
      {defaultValue.version ? (
        <input type="hidden" name="version" value={defaultValue.version} />
      ) : null}
      <TextField field={fields.title} label={t('fields.title')} />
      <TextField field={fields.day} type="date" label={t('fields.day')} />
      <div className="zwin-field-row">
        <TextField
          field={fields.startTime}
          type="time"
          label={t('fields.startTime')}
          description={t('fields.timeHelp')}
        />
        <TextField field={fields.endTime} type="time" label={t('fields.endTime')} />
      </div>
      {plannedMinutes ? (
        // Follows the times as they are typed (and as loaded, without JavaScript).
        <PlannedEndCheck
          plannedMinutes={plannedMinutes}
          day={fields.day.value}
          startTime={fields.startTime.value}
          endDay={fields.endDay.value}
          endTime={fields.endTime.value}
        />
      ) : null}
      <TextField
        field={fields.endDay}
        type="date"
        label={t('fields.endDay')}
        description={t('fields.endDayHelp')}
      />
      <SelectField
        field={fields.hostOrganisationId}
        label={t('fields.host')}
        description={t('fields.hostHelp')}
        placeholder={t('fields.choose')}
        options={organisations.map((o) => ({ value: o.id, label: o.name }))}
      />
      <TextAreaField
        field={fields.location}
        label={t('fields.location')}
        description={t('fields.locationHelp')}
      />
      <TextField
        field={fields.onlineUrl}
        type="url"
        label={t('fields.onlineUrl')}
        description={t('fields.onlineUrlHelp')}
      />
      <TextField field={fields.chair} label={t('fields.chair')} />
      <TextField field={fields.secretary} label={t('fields.secretary')} />
      <TextAreaField field={fields.description} label={t('fields.description')} />
      {copyable ? (
        <>
          <CheckboxGroupField
            field={fields.standing}
            legend={t('fields.standing')}
            description={t('fields.standingHelp')}
            options={standingItems.map((s) => ({
              value: s.standing,
              label: standingTitle(s.standing),
            }))}
          />
          <SelectField
            field={fields.copyFrom}
            label={t('fields.copyFrom')}
            description={t('fields.copyFromHelp')}
            placeholder={t('fields.noCopy')}
            options={copyable}
          />
        </>
      ) : null}
      {quietOption ? <CheckboxField field={fields.quiet} label={t('fields.quiet')} /> : null}
      <SubmitButton>{submitLabel}</SubmitButton>
    </Form>
  )
}

function PlannedEndCheck({
  plannedMinutes,
  day,
  startTime,
  endDay,
  endTime,
}: {
  plannedMinutes: number
  day?: string
  startTime?: string
  endDay?: string
  endTime?: string
}) {
  const startsAt = day && startTime ? meetingInstant(day, startTime) : null
  const endsAt = day && endTime ? meetingInstant(endDay || day, endTime) : null
  if (!startsAt || !endsAt) return null
  const plannedEnd = new Date(startsAt.getTime() + plannedMinutes * 60_000)
  return <OverrunWarning plannedEnd={plannedEnd} endsAt={endsAt} />
}
