import type { CurrentUser, NetworkAccess } from '../access/access.server'
import { visibleMeetingsWhere, type MeetingAccess } from '../access/meetings.server'
import { recordActivity, type ActivityChange, type ActivityInput } from '../activity/record.server'
import { auditBy } from '../audit/audit.server'
import { queueMeetingInvitations } from '../calendar/invitation-mail.server'
import { db } from '../db/db.server'
import type { Prisma } from '../db/generated/client'
import { currentMemberOrganisations, isCurrentMember } from '../networks/networks.server'
import { participantsToInvite } from '../networks/participants.server'
import type { MeetingInput } from './schema'
import { standingItems, type MeetingStatus, type StandingItem } from './types'

export type MeetingProblem =
  | 'meetingConflict'
  | 'meetingOver'
  | 'hostNotInNetwork'
  | 'copyNotFound'
  | 'notDraft'
  | 'notPublished'
  | 'notStarted'
  | 'alreadyClosed'

class MeetingRefusal extends Error {
  constructor(readonly problem: MeetingProblem) {
    super(problem)
  }
}

/** Earlier meetings of the network the user may see, to copy an agenda from (newest first). */
export function copyableMeetings(user: CurrentUser, access: NetworkAccess) {
  return db.meeting.findMany({
    where: { networkId: access.network.id, ...visibleMeetingsWhere(user) },
    select: { id: true, title: true, startsAt: true },
    orderBy: { startsAt: 'desc' },
    take: 20,
  })
}

function meetingData(input: MeetingInput) {
  return {
    title: input.title,
    description: input.description,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    location: input.location,
    onlineUrl: input.onlineUrl,
    hostOrganisationId: input.hostOrganisationId,
    chair: input.chair,
    secretary: input.secretary,
  }
}

/**
 * A new draft meeting with every current member organisation invited (and the network's standing
 * participants by name, participants.server.ts), and an agenda to start from: a
 * copy of an earlier meeting's agenda (items and sub-items, not their decisions or documents), or else
 * the chosen standing items.
 */
export async function createMeeting(
  user: CurrentUser,
  access: NetworkAccess,
  input: MeetingInput,
  standingTitle: (standing: StandingItem) => string,
): Promise<{ id: string } | { problem: MeetingProblem }> {
  const networkId = access.network.id
  if (!(await isCurrentMember(networkId, input.hostOrganisationId))) {
    return { problem: 'hostNotInNetwork' }
  }
  let copied: Awaited<ReturnType<typeof agendaToCopy>> = []
  if (input.copyFrom) {
    const source = await db.meeting.findFirst({
      where: { id: input.copyFrom, networkId, ...visibleMeetingsWhere(user) },
      select: { id: true },
    })
    if (!source) return { problem: 'copyNotFound' }
    copied = await agendaToCopy(source.id)
  }
  const [members, participants] = await Promise.all([
    currentMemberOrganisations(networkId),
    participantsToInvite(networkId),
  ])
  // A presenter that has left the network since is not carried into the new agenda.
  const memberIds = new Set(members.map((m) => m.id))
  copied = copied.map((item) => ({
    ...item,
    presenterOrganisationId:
      item.presenterOrganisationId && memberIds.has(item.presenterOrganisationId)
        ? item.presenterOrganisationId
        : null,
  }))
  return db.$transaction(async (tx) => {
    const meeting = await tx.meeting.create({
      data: {
        ...meetingData(input),
        networkId,
        createdById: user.id,
        invitations: { create: members.map((m) => ({ organisationId: m.id })) },
        // The network's standing participants by name: they get the invitation, rather than every
        // account of their organisation.
        attendance: {
          create: participants.map((p) => ({
            userId: p.userId,
            organisationId: p.user.organisationId,
            invited: true,
          })),
        },
      },
      select: { id: true },
    })
    if (copied.length > 0) {
      const newIds = new Map<string, string>()
      // Items before their sub-items, so every parent exists when its children are written.
      for (const item of [...copied].sort((a, b) => Number(!!a.parentId) - Number(!!b.parentId))) {
        const { id, parentId, ...fields } = item
        const created = await tx.agendaItem.create({
          data: {
            ...fields,
            meetingId: meeting.id,
            parentId: parentId ? (newIds.get(parentId) ?? null) : null,
          },
          select: { id: true },
        })
        newIds.set(id, created.id)
      }
    } else {
      const chosen = standingItems.filter((s) => input.standing.includes(s.standing))
      await tx.agendaItem.createMany({
        data: chosen.map((s, position) => ({
          meetingId: meeting.id,
          position,
          // In the preparer's language; like any title, theirs to change.
          title: standingTitle(s.standing),
          standing: s.standing,
          kind: s.kind,
          durationMinutes: s.durationMinutes,
        })),
      })
    }
    await auditBy(
      user,
      'meeting.created',
      { type: 'Meeting', id: meeting.id },
      { title: input.title, copiedFrom: input.copyFrom ?? null },
      tx,
    )
    return meeting
  })
}

function agendaToCopy(meetingId: string) {
  return db.agendaItem.findMany({
    where: { meetingId },
    select: {
      id: true,
      parentId: true,
      position: true,
      title: true,
      description: true,
      kind: true,
      standing: true,
      presenterOrganisationId: true,
      durationMinutes: true,
    },
  })
}

/**
 * Saves the details if nobody saved them since the form was loaded. A change that calendars show (title,
 * time, place, description) of a published meeting raises its SEQUENCE, and mails the invitees again
 * unless the preparer chose not to (`quiet`: a typing error fixed need not reach everyone).
 */
export async function updateMeeting(
  user: CurrentUser,
  access: MeetingAccess,
  input: MeetingInput,
): Promise<
  | { id: string; notified?: Awaited<ReturnType<typeof queueMeetingInvitations>> }
  | { problem: MeetingProblem }
> {
  const id = access.meeting.id
  if (!(await isCurrentMember(access.network.id, input.hostOrganisationId))) {
    return { problem: 'hostNotInNetwork' }
  }
  const before = await db.meeting.findUniqueOrThrow({
    where: { id },
    select: {
      title: true,
      startsAt: true,
      endsAt: true,
      location: true,
      onlineUrl: true,
      description: true,
      status: true,
    },
  })
  // Held, approved or cancelled: what happened is history, and calendars have moved on.
  if (before.status !== 'draft' && before.status !== 'published')
    return { problem: 'alreadyClosed' }
  const calendarChange =
    before.title !== input.title ||
    before.startsAt.getTime() !== input.startsAt.getTime() ||
    before.endsAt.getTime() !== input.endsAt.getTime() ||
    before.location !== input.location ||
    before.onlineUrl !== input.onlineUrl ||
    before.description !== input.description
  const mailed = calendarChange && before.status === 'published' && !input.quiet
  try {
    return await db.$transaction(async (tx) => {
      const { count } = await tx.meeting.updateMany({
        where: { id, version: input.version ?? -1 },
        data: {
          ...meetingData(input),
          version: { increment: 1 },
          ...(calendarChange && before.status !== 'draft' ? { sequence: { increment: 1 } } : {}),
        },
      })
      if (count !== 1) throw new MeetingRefusal('meetingConflict')
      // Partners see a published meeting change; a draft's changes are the preparers' own business.
      const changes = before.status === 'published' ? meetingChanges(before, input) : []
      if (changes.length > 0) {
        await recordActivity(tx, {
          networkId: access.network.id,
          kind: 'meeting_changed',
          actor: user,
          meetingId: id,
          data: { title: input.title, changes },
        })
      }
      await auditBy(
        user,
        'meeting.updated',
        { type: 'Meeting', id },
        { before, after: meetingData(input) },
        tx,
      )
      // The invitees' mails, with the change (app/modules/mail/outbox.server.ts).
      return mailed ? { id, notified: await queueMeetingInvitations(tx, id, 'updated') } : { id }
    })
  } catch (error) {
    if (error instanceof MeetingRefusal) return { problem: error.problem }
    throw error
  }
}

/**
 * The fields of a meeting's time, place and title that changed, old → new, for the activity feed
 * (dates as ISO strings; the feed shows them in Europe/Amsterdam).
 */
function meetingChanges(
  before: {
    title: string
    startsAt: Date
    endsAt: Date
    location: string
    onlineUrl: string
  },
  input: MeetingInput,
): ActivityChange[] {
  const changes: ActivityChange[] = []
  if (before.title !== input.title)
    changes.push({ field: 'title', from: before.title, to: input.title })
  if (before.startsAt.getTime() !== input.startsAt.getTime())
    changes.push({
      field: 'startsAt',
      from: before.startsAt.toISOString(),
      to: input.startsAt.toISOString(),
    })
  if (before.endsAt.getTime() !== input.endsAt.getTime())
    changes.push({
      field: 'endsAt',
      from: before.endsAt.toISOString(),
      to: input.endsAt.toISOString(),
    })
  if (before.location !== input.location)
    changes.push({ field: 'location', from: before.location, to: input.location })
  if (before.onlineUrl !== input.onlineUrl)
    changes.push({ field: 'onlineUrl', from: before.onlineUrl, to: input.onlineUrl })
  return changes
}

/** Moves the meeting from one status to the next, only from the expected one (checked in the write). */
async function changeStatus<T extends object = object>(
  user: CurrentUser,
  access: MeetingAccess,
  from: MeetingStatus[],
  to: MeetingStatus,
  extra: Record<string, unknown>,
  problem: MeetingProblem,
  /** Facts for the audit beyond the columns written. */
  noted: Record<string, unknown> = {},
  /** The activity event of this change, if partners see it (written in the same transaction). */
  activity?: Omit<ActivityInput, 'networkId' | 'actor' | 'meetingId'>,
  /** More of the change, in its transaction (the invitees' mails). */
  then?: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<({ id: string } & Partial<T>) | { problem: MeetingProblem }> {
  const id = access.meeting.id
  return db.$transaction(async (tx): Promise<({ id: string } & Partial<T>) | { problem: MeetingProblem }> => {
    const { count } = await tx.meeting.updateMany({
      where: { id, status: { in: from } },
      data: { status: to, version: { increment: 1 }, ...extra },
    })
    if (count !== 1) return { problem }
    // The audit keeps the facts (a reason, a time), not the counter arithmetic.
    const { sequence: _sequence, ...facts } = extra
    await auditBy(user, `meeting.${to}`, { type: 'Meeting', id }, { ...facts, ...noted }, tx)
    if (activity) {
      await recordActivity(tx, {
        ...activity,
        networkId: access.network.id,
        actor: user,
        meetingId: id,
      })
    }
    const more: Partial<T> = then ? await then(tx) : {}
    return { id, ...more }
  })
}

/**
 * Publishes a draft: every partner sees it, and the invitees get a mail with the .ics attached. Its
 * SEQUENCE rises, so a preparer's earlier (tentative) calendar entry is replaced. A meeting that is
 * already over is not published: nobody can still come, so an invitation would only confuse.
 */
export async function publishMeeting(user: CurrentUser, access: MeetingAccess) {
  if (access.meeting.endsAt <= new Date()) return { problem: 'meetingOver' as const }
  const result = await changeStatus(
    user,
    access,
    ['draft'],
    'published',
    { publishedAt: new Date(), sequence: { increment: 1 } },
    'notDraft',
    {},
    { kind: 'meeting_published', data: { title: access.meeting.title } },
    async (tx) => ({ notified: await queueMeetingInvitations(tx, access.meeting.id, 'published') }),
  )
  return result
}

/** Cancels a draft or published meeting with a reason; a published one's invitees are told. */
export async function cancelMeeting(user: CurrentUser, access: MeetingAccess, reason: string) {
  const wasPublished = access.meeting.status === 'published'
  const result = await changeStatus(
    user,
    access,
    ['draft', 'published'],
    'cancelled',
    { cancelReason: reason, sequence: { increment: 1 } },
    'alreadyClosed',
    {},
    // A draft called off was never seen by the partners: nothing to tell them.
    wasPublished
      ? { kind: 'meeting_cancelled', data: { title: access.meeting.title, reason } }
      : undefined,
    async (tx) => ({
      notified: wasPublished
        ? await queueMeetingInvitations(tx, access.meeting.id, 'cancelled')
        : undefined,
    }),
  )
  return result
}

/**
 * After it has begun, a published meeting is marked as held: decisions and minutes follow. A draft that
 * has begun is registered after the fact (a meeting held before Zwin was used, or planned elsewhere):
 * held at once, never published, so nobody is mailed an invitation to something already past.
 */
export async function markHeld(user: CurrentUser, access: MeetingAccess) {
  if (access.meeting.startsAt > new Date()) return { problem: 'notStarted' as const }
  if (access.meeting.status === 'draft') {
    return changeStatus(user, access, ['draft'], 'held', {}, 'notPublished', { afterTheFact: true })
  }
  return changeStatus(user, access, ['published'], 'held', {}, 'notPublished')
}
