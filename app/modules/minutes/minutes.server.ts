/*
 * Minutes: after the meeting the preparers write minutes text, additions to the decision list and/or
 * choose an uploaded minutes document; attendance, the decisions per agenda item and the action items
 * come from what was recorded (draft.server.ts) and are put into words per reader (minutes-text.ts). The next
 * meeting of the network approves them: from its start, and recorded as the meeting that did. Every save
 * carries the meeting's version: a stale form is refused.
 */
import type { CurrentUser } from '../access/access.server'
import { visibleDocumentsWhere } from '../access/documents.server'
import { documentChoices } from '../documents/queries.server'
import { visibleMeetingsWhere, type MeetingAccess } from '../access/meetings.server'
import { recordActivity } from '../activity/record.server'
import { auditBy } from '../audit/audit.server'
import { db } from '../db/db.server'
import type { Prisma } from '../db/generated/client'
import { meetingHasBegun } from '../meetings/types'
import { minutesContent, minutesHaveContent } from './draft.server'
import { roundPageData, withdrawOpenRound } from './round.server'
import type { MinutesInput, MinutesProblem } from './schema'
import { minutesAreDraft, minutesDocumentTypes } from './types'

/** Minutes are written once the meeting has taken place: held, or published and over. */
function editableWhere(now = new Date()) {
  return { OR: [{ status: 'held' }, { status: 'published', endsAt: { lte: now } }] }
}

export function minutesEditable(meeting: { status: string; endsAt: Date }, now = new Date()) {
  return meeting.status === 'held' || (meeting.status === 'published' && meeting.endsAt <= now)
}

/**
 * The next meeting of the network that the user may see (not a draft, not cancelled): the one that
 * approves these minutes.
 */
export function nextMeeting(
  user: CurrentUser,
  access: MeetingAccess,
  client: Prisma.TransactionClient = db,
) {
  return client.meeting.findFirst({
    where: {
      ...visibleMeetingsWhere(user),
      networkId: access.network.id,
      status: { notIn: ['draft', 'cancelled'] },
      startsAt: { gt: access.meeting.startsAt },
    },
    orderBy: { startsAt: 'asc' },
    select: { id: true, title: true, startsAt: true },
  })
}

/** Minutes are approved in the next meeting, so from the moment it has begun. */
function hasBegun(next: { startsAt: Date } | null, now = new Date()): boolean {
  return next !== null && next.startsAt <= now
}

/** A document of this meeting's network that the user may see, or null. */
export function visibleMinutesDocument(user: CurrentUser, access: MeetingAccess, id: string) {
  return db.document.findFirst({
    where: { id, networkId: access.network.id, ...visibleDocumentsWhere(user) },
    select: { id: true, title: true, type: true },
  })
}

/**
 * What the minutes page shows: the decision list, minutes text and document (only when the user may see
 * that document), approval; for preparers also what they may do, the documents to choose from and, for
 * a held meeting, the next meeting that approves the minutes (null while none is planned).
 */
export async function minutesPageData(user: CurrentUser, access: MeetingAccess) {
  const meeting = await db.meeting.findUniqueOrThrow({
    where: { id: access.meeting.id },
    select: {
      status: true,
      endsAt: true,
      version: true,
      decisionList: true,
      minutesText: true,
      minutesDocumentId: true,
      minutesApprovedAt: true,
      minutesApprovedInId: true,
    },
  })
  const canEdit = access.canPrepare && minutesEditable(meeting)
  const awaitsApproval = access.canPrepare && meeting.status === 'held'
  const [content, round, document, approvedIn, documents, next] = await Promise.all([
    minutesContent(user, access),
    roundPageData(user, access),
    meeting.minutesDocumentId
      ? visibleMinutesDocument(user, access, meeting.minutesDocumentId)
      : null,
    meeting.minutesApprovedInId
      ? db.meeting.findFirst({
          where: { id: meeting.minutesApprovedInId, ...visibleMeetingsWhere(user) },
          select: { id: true, title: true, startsAt: true },
        })
      : null,
    canEdit
      ? documentChoices(user, access.network.id, {
          take: 100,
          current: meeting.minutesDocumentId,
          preferTypes: minutesDocumentTypes,
        })
      : [],
    awaitsApproval ? nextMeeting(user, access) : null,
  ])
  return {
    status: meeting.status,
    version: meeting.version,
    decisionList: meeting.decisionList,
    minutesText: meeting.minutesText,
    /** Attendance, decisions and action items, as structure; minutesSections puts them into words. */
    content,
    document,
    minutesApprovedAt: meeting.minutesApprovedAt,
    /** The meeting has begun: from then on attendance, decisions and action items are recorded. */
    begun: meetingHasBegun(access.meeting) || meeting.status === 'minutes_approved',
    /** Not approved yet: shown as draft minutes (Conceptverslag). */
    draft: minutesAreDraft(meeting.status),
    approvedIn,
    canEdit,
    /** The latest written round on these minutes, if any (round.server.ts). */
    round,
    /** Preparers of a held meeting, while no round is open. */
    canOpenRound: access.canPrepare && meeting.status === 'held' && round?.status !== 'open',
    /** Held, and the next meeting has begun. */
    canApprove: awaitsApproval && hasBegun(next),
    documents,
    nextMeeting: next,
  }
}
export type MinutesPageData = Awaited<ReturnType<typeof minutesPageData>>

/** Why a version-guarded write touched nothing: the meeting moved on, or someone saved in between. */
async function whyNotSaved(
  access: MeetingAccess,
  open: (m: { status: string; endsAt: Date }) => boolean,
  closed: MinutesProblem,
): Promise<MinutesProblem> {
  const now = await db.meeting.findUniqueOrThrow({
    where: { id: access.meeting.id },
    select: { status: true, endsAt: true },
  })
  return open(now) ? 'minutesConflict' : closed
}

export async function saveMinutes(
  user: CurrentUser,
  access: MeetingAccess,
  input: MinutesInput,
): Promise<'ok' | MinutesProblem> {
  const stored = await db.meeting.findUniqueOrThrow({
    where: { id: access.meeting.id },
    select: {
      status: true,
      endsAt: true,
      decisionList: true,
      minutesText: true,
      minutesDocumentId: true,
    },
  })
  if (!minutesEditable(stored)) return 'minutesNotOpen'
  let minutesDocumentId: string | null = null
  if (input.minutesDocumentId) {
    const document = await visibleMinutesDocument(user, access, input.minutesDocumentId)
    if (!document) return 'minutesDocumentNotFound'
    minutesDocumentId = document.id
  } else if (stored.minutesDocumentId) {
    // A document this preparer cannot see was not offered in the form, so an empty choice keeps it
    // rather than dropping it unseen.
    const seen = await visibleMinutesDocument(user, access, stored.minutesDocumentId)
    if (!seen) minutesDocumentId = stored.minutesDocumentId
  }
  const after = {
    decisionList: input.decisionList,
    minutesText: input.minutesText,
    minutesDocumentId,
  }
  const { status: _status, endsAt: _endsAt, ...before } = stored
  const saved = await db.$transaction(async (tx) => {
    const { count } = await tx.meeting.updateMany({
      where: { id: access.meeting.id, version: input.version, ...editableWhere() },
      data: { ...after, version: { increment: 1 } },
    })
    if (count !== 1) return false
    await auditBy(
      user,
      'meeting.minutes_saved',
      { type: 'Meeting', id: access.meeting.id },
      { before, after },
      tx,
    )
    return true
  })
  return saved ? 'ok' : whyNotSaved(access, minutesEditable, 'minutesNotOpen')
}

/**
 * Approves the minutes of a held meeting (after a confirmation) in the network's next meeting: status
 * "minutes approved", recorded as approved in that meeting. Not before the next meeting has begun, and
 * not while none is planned ('approveAtNextMeeting').
 */
export async function approveMinutes(
  user: CurrentUser,
  access: MeetingAccess,
  options: { version: number; confirmed: boolean },
): Promise<'ok' | 'confirm' | MinutesProblem> {
  const meeting = await db.meeting.findUniqueOrThrow({
    where: { id: access.meeting.id },
    select: { status: true, version: true },
  })
  if (meeting.status !== 'held') return 'approveOnlyHeld'
  if (meeting.version !== options.version) return 'minutesConflict'
  if (!(await minutesHaveContent(access))) return 'minutesEmpty'
  if (!hasBegun(await nextMeeting(user, access))) return 'approveAtNextMeeting'
  if (!options.confirmed) return 'confirm'
  const result = await db.$transaction(async (tx) => {
    // The next meeting is read again in the write: it may have been cancelled or moved meanwhile.
    const next = await nextMeeting(user, access, tx)
    if (!next || !hasBegun(next)) return 'approveAtNextMeeting' as const
    const approved = {
      status: 'minutes_approved',
      minutesApprovedAt: new Date(),
      minutesApprovedInId: next.id,
    }
    const { count } = await tx.meeting.updateMany({
      where: { id: access.meeting.id, version: options.version, status: 'held' },
      data: { ...approved, version: { increment: 1 } },
    })
    if (count !== 1) return 'notSaved' as const
    await withdrawOpenRound(tx, access.meeting.id)
    await recordActivity(tx, {
      networkId: access.network.id,
      kind: 'minutes_approved',
      actor: user,
      meetingId: access.meeting.id,
      data: { title: access.meeting.title, via: 'meeting' },
    })
    await auditBy(
      user,
      'meeting.minutes_approved',
      { type: 'Meeting', id: access.meeting.id },
      { after: approved },
      tx,
    )
    return 'ok' as const
  })
  if (result !== 'notSaved') return result
  return whyNotSaved(access, (m) => m.status === 'held', 'approveOnlyHeld')
}
