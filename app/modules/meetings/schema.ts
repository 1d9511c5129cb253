import { z } from 'zod'
import { locales } from '../../i18n/config'
import {
  choice,
  dateField,
  emailField,
  formSchema,
  optionalText,
  requiredText,
} from '../forms/fields'
import {
  MAX_ITEM_MINUTES,
  MAX_MEETING_HOURS,
  agendaItemKinds,
  meetingInstant,
  presenceValues,
  rsvpResponses,
  standingItems,
} from './types'

const clockTime = z
  .string({ error: 'required' })
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'time' })

const idField = z.string().min(1).max(40)
// Checkboxes named alike: conform turns nothing, one value or several into a list.
const idList = z.array(idField).max(300).default([])

/** Only web links: a `javascript:` or `file:` address must never become a clickable link. */
const onlineUrl = optionalText(500).refine((v) => v === '' || /^https:\/\/[^\s]+$/i.test(v), {
  message: 'httpsUrl',
})

const toIsoDay = (date: Date) => date.toISOString().slice(0, 10)

export const meetingSchema = formSchema({
  title: requiredText(200),
  description: optionalText(4000),
  day: dateField,
  startTime: clockTime,
  /** Only for a meeting over more days; empty means the same day. */
  endDay: dateField.optional(),
  endTime: clockTime,
  location: optionalText(300),
  onlineUrl,
  hostOrganisationId: z.string({ error: 'choose' }).min(1, 'choose').max(40),
  chair: optionalText(120),
  secretary: optionalText(120),
  /** New meetings: the standing items to start the agenda with, or a meeting to copy it from. */
  standing: z
    .array(choice(standingItems.map((s) => s.standing) as [string, ...string[]]))
    .default([]),
  copyFrom: z.string().max(40).optional(),
  /** Editing a published meeting: ticked, the invitees get no mail about this change (a typo fixed). */
  quiet: z.boolean().optional(),
  /** Present on the edit form: the version the form was loaded at. */
  version: z.number().int().min(1).optional(),
}).transform((v, ctx) => {
  const startsAt = meetingInstant(toIsoDay(v.day), v.startTime)
  const endsAt = meetingInstant(toIsoDay(v.endDay ?? v.day), v.endTime)
  if (!startsAt) ctx.addIssue({ code: 'custom', path: ['startTime'], message: 'timeMissing' })
  if (!endsAt) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'timeMissing' })
  if (!startsAt || !endsAt) return z.NEVER
  if (endsAt <= startsAt) {
    ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'endTimeBeforeStart' })
    return z.NEVER
  }
  if (endsAt.getTime() - startsAt.getTime() > MAX_MEETING_HOURS * 3_600_000) {
    ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'meetingTooLong' })
    return z.NEVER
  }
  if (!v.location && !v.onlineUrl) {
    ctx.addIssue({ code: 'custom', path: ['location'], message: 'locationOrOnline' })
    return z.NEVER
  }
  const { day: _day, startTime: _s, endDay: _d, endTime: _e, ...rest } = v
  return { ...rest, startsAt, endsAt }
})
export type MeetingInput = z.output<typeof meetingSchema>

export const agendaItemSchema = formSchema({
  intent: z.enum(['addItem', 'saveItem']),
  title: requiredText(200),
  description: optionalText(4000),
  kind: choice(agendaItemKinds),
  presenterOrganisationId: z.string().max(40).optional(),
  // conform turns the text of a number field into a number before zod sees it
  durationMinutes: z
    .number({ error: 'durationNumber' })
    .int('durationNumber')
    .min(0, 'durationNumber')
    .max(MAX_ITEM_MINUTES, `durationTooLong|${MAX_ITEM_MINUTES}`),
  /** The item it belongs under (a sub-item); empty for an item of its own. Saving it moves the item. */
  parentId: z.string().max(40).optional(),
})
export type AgendaItemInput = z.output<typeof agendaItemSchema>

export const moveSchema = formSchema({
  intent: z.literal('move'),
  id: idField,
  direction: z.enum(['up', 'down'], { error: 'choose' }),
})

export const cancelSchema = formSchema({
  intent: z.literal('cancel'),
  reason: requiredText(1000),
})

export const rsvpSchema = formSchema({
  intent: z.literal('respond'),
  response: choice(rsvpResponses),
  delegateName: optionalText(120),
}).refine((v) => v.response !== 'delegate' || v.delegateName.length > 0, {
  path: ['delegateName'],
  message: 'delegateNameRequired',
})
export type RsvpInput = z.output<typeof rsvpSchema>

export const invitationsSchema = formSchema({
  intent: z.literal('saveInvitations'),
  organisationIds: idList,
})

export const invitePersonSchema = formSchema({
  intent: z.enum(['invitePerson', 'uninvitePerson']),
  userId: z.string({ error: 'choose' }).min(1, 'choose').max(40),
})

/**
 * At most this many people in one attendance form. The form lists everyone of the invited organisations
 * (a large municipality has hundreds of accounts), so the ceiling only stops the absurd; the server's
 * 1 MB form limit bounds the body as well.
 */
const MAX_ATTENDANCE_ROWS = 3000
const perPerson = <T extends z.ZodType>(value: T) =>
  z
    .record(idField, value)
    .refine((r) => Object.keys(r).length <= MAX_ATTENDANCE_ROWS, 'choose')
    .default({})

/**
 * Attendance after the meeting: per person (`presence.<userId>`) present, excused or absent, and for
 * an excused person an optional reason (`reason.<userId>`).
 */
export const attendanceSchema = formSchema({
  intent: z.literal('saveAttendance'),
  presence: perPerson(choice(presenceValues)),
  reason: perPerson(optionalText(500)),
})
export type AttendanceInput = z.output<typeof attendanceSchema>

/** A guest without an account: their name, address, what they come as, and the language of the mails. */
export const guestSchema = formSchema({
  intent: z.literal('addGuest'),
  name: requiredText(120),
  email: emailField,
  affiliation: optionalText(160),
  locale: choice(locales),
})
export type GuestInput = z.output<typeof guestSchema>

export const removeGuestSchema = formSchema({
  intent: z.literal('removeGuest'),
  id: idField,
  confirmed: z.literal('yes').optional(),
})
