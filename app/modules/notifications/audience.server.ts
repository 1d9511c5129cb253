/*
 * Who hears of an activity event, and how. Reading it is decided by the access rule
 * (app/modules/access/activity.server.ts, per organisation); whether a mail goes out by the person's
 * preferences (preferences.ts) and by whether the event concerns them:
 *
 *  - a meeting published, changed or cancelled concerns its invitees only. They hear of it as their
 *    invitation mail with the calendar file (app/modules/calendar/invitation-mail.server.ts) when they
 *    want it at once, or in their digest; nobody else is mailed about a meeting they are not invited to;
 *  - an action item assigned or done concerns the people of the organisation it is assigned to only;
 *  - a stuk added to a meeting after publication goes at once to its invitees (the "nagezonden stuk"),
 *    and to the other readers as they chose (by default in the daily digest);
 *  - documents, decisions, approved minutes, measurements and project status: every reader, as they
 *    chose (by default in the daily digest).
 *
 * Nobody is mailed about what they did themselves.
 */
import { activeMemberUsersWhere } from '../access/access.server'
import { organisationActivityWhere } from '../access/activity.server'
import type { LoadedActivity } from '../activity/feed.server'
import { db } from '../db/db.server'
import {
  deliveryFor,
  notificationKindFor,
  type Delivery,
  type NotificationKind,
  type PreferenceRow,
} from './preferences'

export type Reader = {
  id: string
  email: string
  name: string
  locale: string | null
  organisationId: string
  organisation: { defaultLocale: string }
  notificationPreferences: PreferenceRow[]
}

export const readerSelect = {
  id: true,
  email: true,
  name: true,
  locale: true,
  organisationId: true,
  organisation: { select: { defaultLocale: true } },
  notificationPreferences: { select: { kind: true, networkId: true, delivery: true } },
} as const

/** The events only their invitees or the assigned organisation hear of. */
const inviteeKinds = new Set(['meeting_published', 'meeting_changed', 'meeting_cancelled'])
const assigneeKinds = new Set(['action_assigned', 'action_done'])

/**
 * Whom a meeting concerns: the organisations invited as a whole, and the people invited by name or mailed
 * about it (MeetingNotice). Kept as two sets, so a large network costs no list of its people.
 */
export type Invitees = { organisations: Set<string>; people: Set<string> }

export function isInvited(
  invitees: Invitees | undefined,
  person: { id: string; organisationId: string },
): boolean {
  return Boolean(
    invitees &&
    (invitees.people.has(person.id) || invitees.organisations.has(person.organisationId)),
  )
}

export async function inviteesOf(meetingIds: string[]): Promise<Map<string, Invitees>> {
  const result = new Map<string, Invitees>(
    meetingIds.map((id) => [id, { organisations: new Set<string>(), people: new Set<string>() }]),
  )
  if (meetingIds.length === 0) return result
  const [named, invited, noticed] = await Promise.all([
    db.meetingAttendance.findMany({
      where: { meetingId: { in: meetingIds }, invited: true },
      select: { meetingId: true, userId: true },
    }),
    db.meetingInvitation.findMany({
      where: { meetingId: { in: meetingIds } },
      select: { meetingId: true, organisationId: true },
    }),
    db.meetingNotice.findMany({
      where: { meetingId: { in: meetingIds } },
      select: { meetingId: true, userId: true },
    }),
  ])
  for (const row of [...named, ...noticed]) result.get(row.meetingId)!.people.add(row.userId)
  for (const row of invited) result.get(row.meetingId)!.organisations.add(row.organisationId)
  return result
}

/**
 * How this reader wants to hear of the event: a delivery, or null when the event does not concern them
 * (or sends no mail at all). `invitees` are those of the event's meeting (inviteesOf).
 */
export function deliveryOf(
  reader: Pick<Reader, 'id' | 'organisationId' | 'notificationPreferences'>,
  event: LoadedActivity['event'],
  invitees: Invitees | undefined,
): { kind: NotificationKind; delivery: Delivery; invitationMail: boolean } | null {
  const kind = notificationKindFor(event.kind)
  if (!kind || event.actorId === reader.id) return null
  const invited = isInvited(invitees, reader)
  if (inviteeKinds.has(event.kind)) {
    if (!invited) return null
    const delivery = deliveryFor(reader.notificationPreferences, kind, event.networkId)
    // At once, it is the invitation mail itself (with the calendar file), not a notification.
    return { kind, delivery, invitationMail: delivery === 'immediately' }
  }
  if (assigneeKinds.has(event.kind) && event.actionOrganisationId !== reader.organisationId) {
    return null
  }
  if (kind === 'meeting_documents' && invited && !hasChoice(reader, kind, event.networkId)) {
    return { kind, delivery: 'immediately', invitationMail: false }
  }
  return {
    kind,
    delivery: deliveryFor(reader.notificationPreferences, kind, event.networkId),
    invitationMail: false,
  }
}

function hasChoice(
  reader: Pick<Reader, 'notificationPreferences'>,
  kind: string,
  networkId: string,
) {
  return reader.notificationPreferences.some(
    (p) => p.kind === kind && (p.networkId === networkId || p.networkId === ''),
  )
}

/**
 * The active people of the network's current members whose organisation may read the event, with their
 * preferences. The access rule is asked once per organisation (organisationActivityWhere).
 */
export async function readersOf(event: { id: string; networkId: string }): Promise<Reader[]> {
  const people = await db.user.findMany({
    where: activeMemberUsersWhere(event.networkId),
    select: readerSelect,
  })
  const organisations = [...new Set(people.map((p) => p.organisationId))]
  const allowed = new Set<string>()
  for (const organisationId of organisations) {
    const visible = await db.activityEvent.count({
      where: { AND: [{ id: event.id }, organisationActivityWhere(organisationId)] },
    })
    if (visible) allowed.add(organisationId)
  }
  return people.filter((p) => allowed.has(p.organisationId))
}
