/*
 * Decisions: per agenda item the decision text (besluit) and its outcome, recorded by the meeting's
 * preparers while the meeting is published or held. A draft has not happened yet, a cancelled meeting
 * will not, and approved minutes are final.
 */
import type { CurrentUser } from '../access/access.server'
import { requireAgendaItem, type MeetingAccess } from '../access/meetings.server'
import { auditBy } from '../audit/audit.server'
import { db } from '../db/db.server'
import type { MeetingStatus } from '../meetings/types'
import type { DecisionInput, MinutesProblem } from './schema'

/** The statuses in which decisions and action items are recorded. */
const recordingStatuses: readonly MeetingStatus[] = ['published', 'held']

export function isRecording(access: MeetingAccess): boolean {
  return (recordingStatuses as readonly string[]).includes(access.meeting.status)
}

export async function saveDecision(
  user: CurrentUser,
  access: MeetingAccess,
  itemId: string,
  input: DecisionInput,
): Promise<'ok' | MinutesProblem> {
  const item = await requireAgendaItem(user, access, itemId)
  if (!isRecording(access)) return 'meetingNotOpen'
  const before = await db.agendaItem.findUniqueOrThrow({
    where: { id: item.id },
    select: { decisionText: true, decisionOutcome: true },
  })
  const after = {
    decisionText: input.decisionText,
    decisionOutcome: input.decisionOutcome ?? null,
  }
  // The meeting's status is checked again in the write, so a meeting cancelled a moment ago stays as it is.
  const { count } = await db.agendaItem.updateMany({
    where: {
      id: item.id,
      meeting: { id: access.meeting.id, status: { in: [...recordingStatuses] } },
    },
    data: after,
  })
  if (count !== 1) return 'meetingNotOpen'
  await auditBy(
    user,
    'meeting.decision_saved',
    { type: 'AgendaItem', id: item.id },
    { meetingId: access.meeting.id, before, after },
  )
  return 'ok'
}
