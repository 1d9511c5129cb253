import { z } from 'zod'
import { choice, formSchema } from '../forms/fields'

/*
 * Notification preferences (issue 14): which mails a person gets, per kind of event, immediately or in a
 * digest, per network. Pure: the preferences page (browser and server), the unsubscribe page and the
 * mail sender share these lists and the rule of `deliveryFor`.
 */

export const notificationKinds = [
  'invitations',
  'meeting_changes',
  'action_items',
  'documents',
  'meeting_documents',
  'decisions',
  'minutes',
  'goals',
  'projects',
  'reminders',
] as const
export type NotificationKind = (typeof notificationKinds)[number]

export const deliveries = ['immediately', 'daily', 'weekly', 'off'] as const
export type Delivery = (typeof deliveries)[number]

/**
 * What someone gets before choosing: what asks for their own action (an invitation, a change to a
 * meeting they are invited to, their organisation's action items, a reminder) at once; the rest once a
 * day, so a busy network does not fill the inbox.
 */
export const defaultDelivery: Record<NotificationKind, Delivery> = {
  invitations: 'immediately',
  meeting_changes: 'immediately',
  action_items: 'immediately',
  documents: 'daily',
  meeting_documents: 'daily',
  decisions: 'daily',
  minutes: 'daily',
  goals: 'daily',
  projects: 'daily',
  reminders: 'immediately',
}

/**
 * The kind of mail each activity event (ActivityEvent.kind) belongs to. An event kind not listed here
 * sends no mail.
 */
export const notificationKindOfEvent = {
  document_shared: 'documents',
  document_version: 'documents',
  meeting_published: 'invitations',
  meeting_changed: 'meeting_changes',
  meeting_cancelled: 'meeting_changes',
  meeting_document_added: 'meeting_documents',
  decision_recorded: 'decisions',
  minutes_approved: 'minutes',
  action_assigned: 'action_items',
  action_done: 'action_items',
  measurement_recorded: 'goals',
  project_status_changed: 'projects',
} as const satisfies Record<string, NotificationKind>
export type NotifiedEventKind = keyof typeof notificationKindOfEvent

/** The notification kind of an event kind, or null when such events send no mail. */
export function notificationKindFor(eventKind: string): NotificationKind | null {
  return Object.hasOwn(notificationKindOfEvent, eventKind)
    ? notificationKindOfEvent[eventKind as NotifiedEventKind]
    : null
}

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === 'string' && (notificationKinds as readonly string[]).includes(value)
}

export function isDelivery(value: unknown): value is Delivery {
  return typeof value === 'string' && (deliveries as readonly string[]).includes(value)
}

/** A stored preference: `networkId` "" is the choice for every network. */
export type PreferenceRow = { kind: string; networkId: string; delivery: string }

/**
 * How a mail of `kind` about something in `networkId` reaches this person: their choice for that network,
 * else their choice for all networks, else the default. `prefs` are the person's own rows (a row with an
 * unknown kind or delivery, say from a later version, is skipped).
 */
export function deliveryFor(
  prefs: readonly PreferenceRow[],
  kind: NotificationKind,
  networkId?: string | null,
): Delivery {
  const pick = (network: string) =>
    prefs.find((p) => p.kind === kind && p.networkId === network && isDelivery(p.delivery))
      ?.delivery as Delivery | undefined
  return (networkId ? pick(networkId) : undefined) ?? pick('') ?? defaultDelivery[kind]
}

/** 1 = Monday … 7 = Sunday, as User.digestWeekday. */
export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const
export const digestHours = Array.from({ length: 24 }, (_, h) => h)

/** In a network's own choices: "as for all networks" (no row of its own). */
export const INHERIT = 'inherit'
const networkChoices = [INHERIT, ...deliveries] as const
export type NetworkChoice = (typeof networkChoices)[number]

const kindShape = <T extends readonly [string, ...string[]]>(values: T) =>
  z.strictObject(
    Object.fromEntries(notificationKinds.map((k) => [k, choice(values)])) as Record<
      NotificationKind,
      ReturnType<typeof choice<T>>
    >,
    { error: 'unexpectedField' },
  )

const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ error: 'choose' })
    .int({ error: 'choose' })
    .min(min, { error: 'choose' })
    .max(max, { error: 'choose' })

/**
 * The preferences form: `all.<kind>` for every network, `networks.<networkId>.<kind>` per network
 * (with "inherit"), the digest's hour (0–23, Amsterdam time) and weekday (1 = Monday).
 */
export const preferencesSchema = formSchema({
  digestHour: wholeNumber(0, 23),
  digestWeekday: wholeNumber(1, 7),
  all: kindShape(deliveries),
  networks: z.record(z.string().max(40), kindShape(networkChoices)).optional(),
})
export type PreferencesInput = z.output<typeof preferencesSchema>
