/** Facts about meetings shared by server, browser, calendar and agenda pack. */

import { dateTimeFormat } from '../../i18n/intl'

export const MEETING_TIME_ZONE = 'Europe/Amsterdam'

export const meetingStatuses = [
  'draft',
  'published',
  'held',
  'minutes_approved',
  'cancelled',
] as const
export type MeetingStatus = (typeof meetingStatuses)[number]

export const agendaItemKinds = ['information', 'discussion', 'decision'] as const
export type AgendaItemKind = (typeof agendaItemKinds)[number]

/** The standing items offered for a new meeting, in agenda order, with their usual kind and length. */
export const standingItems = [
  { standing: 'opening', kind: 'information', durationMinutes: 5 },
  { standing: 'previous_minutes', kind: 'decision', durationMinutes: 10 },
  { standing: 'action_list', kind: 'discussion', durationMinutes: 15 },
  { standing: 'any_other_business', kind: 'discussion', durationMinutes: 10 },
  { standing: 'closing', kind: 'information', durationMinutes: 5 },
] as const satisfies readonly { standing: string; kind: AgendaItemKind; durationMinutes: number }[]
export type StandingItem = (typeof standingItems)[number]['standing']
/** Standing items that stay at the end of the agenda when new items are added. */
export const closingStandingItems: readonly string[] = ['any_other_business', 'closing']

export const decisionOutcomes = ['adopted', 'amended', 'rejected', 'postponed', 'noted'] as const
export type DecisionOutcome = (typeof decisionOutcomes)[number]

export const rsvpResponses = ['yes', 'no', 'maybe', 'delegate'] as const
export type RsvpResponse = (typeof rsvpResponses)[number]

/** At the meeting, away with notice (excused), away without; the Presence enum of schema.prisma. */
export const presenceValues = ['present', 'excused', 'absent'] as const
export type PresenceValue = (typeof presenceValues)[number]

/**
 * The answers an invitation mail links to, as the word in the link (`?antwoord=ja`): the link opens the
 * meeting page with that answer chosen, and only the form sends it.
 */
export const rsvpLinkWords = { ja: 'yes', nee: 'no', misschien: 'maybe' } as const

export function rsvpFromLink(word: string | null): RsvpResponse | null {
  return word !== null && Object.hasOwn(rsvpLinkWords, word)
    ? rsvpLinkWords[word as keyof typeof rsvpLinkWords]
    : null
}

export const actionStatuses = ['open', 'done', 'dropped'] as const
export type ActionStatus = (typeof actionStatuses)[number]

/** Whether agenda items may still be added, changed, moved or removed. */
export function agendaIsOpen(status: string): boolean {
  return status === 'draft' || status === 'published'
}

/**
 * Whether a meeting has begun: published and past its start, or held. From then on decisions, action
 * items and attendance are recorded (a draft or a meeting still to come has not happened yet).
 */
export function meetingHasBegun(meeting: { status: string; startsAt: Date }, now = new Date()) {
  return meeting.status === 'held' || (meeting.status === 'published' && meeting.startsAt <= now)
}

/**
 * The longest meeting we accept (a two-day conference); longer is surely a typing error. The database
 * holds it too (prisma/migrations/…_meeting_length): the upcoming lists rely on it.
 */
export const MAX_MEETING_HOURS = 48
export const MAX_ITEM_MINUTES = 600

function wallClockParts(date: Date, timeZone: string) {
  const parts = dateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(date)
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return {
    day: `${part('year')}-${part('month')}-${part('day')}`,
    time: `${part('hour')}:${part('minute')}`,
  }
}

/** A UTC instant as the day (YYYY-MM-DD) and clock time (HH:MM) in Europe/Amsterdam. */
export function meetingWallClock(date: Date): { day: string; time: string } {
  return wallClockParts(date, MEETING_TIME_ZONE)
}

/**
 * The UTC instant of a day and clock time in Europe/Amsterdam, or null for a time that does not exist
 * there (the hour skipped when summer time starts) or malformed input. An hour that happens twice (when
 * summer time ends) is read as the first, summer-time one.
 */
export function meetingInstant(day: string, time: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  const t = /^(\d{2}):(\d{2})$/.exec(time)
  if (!d || !t) return null
  const [year, month, date] = [Number(d[1]), Number(d[2]), Number(d[3])]
  const [hour, minute] = [Number(t[1]), Number(t[2])]
  if (hour > 23 || minute > 59) return null
  const asUtc = Date.UTC(year, month - 1, date, hour, minute)
  if (new Date(asUtc).getUTCDate() !== date) return null
  // Amsterdam is UTC+1 or UTC+2: try both offsets, the larger (summer) first.
  for (const offsetHours of [2, 1]) {
    const candidate = new Date(asUtc - offsetHours * 3_600_000)
    const wall = meetingWallClock(candidate)
    if (wall.day === day && wall.time === time) return candidate
  }
  return null
}

export type AgendaRow = {
  id: string
  parentId: string | null
  position: number
  durationMinutes: number
}

export type NumberedAgendaRow<T extends AgendaRow> = T & {
  /** "1", "2", "2a": what the agenda shows. */
  number: string
  /** 0 for an item, 1 for a sub-item. */
  depth: 0 | 1
  startsAt: Date
  endsAt: Date
}

/**
 * The agenda in order (each item followed by its sub-items), numbered 1, 2, 2a, 2b, 3…, with a timetable
 * from the meeting's start: every row takes its own planned minutes, one after the other.
 */
export function numberAgenda<T extends AgendaRow>(
  rows: readonly T[],
  meetingStart: Date,
): NumberedAgendaRow<T>[] {
  const byPosition = (a: T, b: T) => a.position - b.position
  const top = rows.filter((r) => r.parentId === null).sort(byPosition)
  const result: NumberedAgendaRow<T>[] = []
  let clock = meetingStart.getTime()
  const push = (row: T, number: string, depth: 0 | 1) => {
    const startsAt = new Date(clock)
    clock += row.durationMinutes * 60_000
    result.push({ ...row, number, depth, startsAt, endsAt: new Date(clock) })
  }
  top.forEach((item, index) => {
    const number = String(index + 1)
    push(item, number, 0)
    rows
      .filter((r) => r.parentId === item.id)
      .sort(byPosition)
      .forEach((sub, subIndex) => push(sub, `${number}${subLetter(subIndex)}`, 1))
  })
  return result
}

/** a…z, then aa, ab… (an agenda item with more than 26 sub-items is unlikely, but must not break). */
function subLetter(index: number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz'
  return index < 26 ? letters[index]! : subLetter(Math.floor(index / 26) - 1) + letters[index % 26]!
}
