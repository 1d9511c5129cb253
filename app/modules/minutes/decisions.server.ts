/*
 * Decisions: per agenda item the decision text (besluit) and its outcome, recorded by the meeting's
 * preparers once the meeting has begun (published and started, or held). A draft or a meeting still to
 * come has not happened yet, a cancelled meeting will not, and approved minutes are final.
 */
import type { CurrentUser } from '../access/access.server'
import { requireAgendaItem, type MeetingAccess } from '../access/meetings.server'
import { recordActivity } from '../activity/record.server'
import { auditBy } from '../audit/audit.server'
import { db } from '../db/db.server'
import { meetingHasBegun } from '../meetings/types'
import type { DecisionInput, MinutesProblem } from './schema'

/** Meetings in which decisions and action items are recorded, for a `where` on Meeting. */
export function recordingWhere(now = new Date()) {
  return { OR: [{ status: 'held' }, { status: 'published', startsAt: { lte: now } }] }
}

/** The same rule for a meeting at hand (meetingHasBegun), for the pages and the checks before a write. */
export function isRecording(access: MeetingAccess, now = new Date()): boolean {
  return meetingHasBegun(access.meeting, now)
}

export async function saveDecision(
  user: CurrentUser,
  access: MeetingAccess,
  itemId: string,
  input: DecisionInput,
): Promise<'ok' | MinutesProblem> {
  const item = await requireAgendaItem(user, access, itemId)
  if (!isRecording(access)) return 'meetingNotOpen'
  const after = {
    decisionText: input.decisionText,
    decisionOutcome: input.decisionOutcome ?? null,
  }
  return db.$transaction(async (tx) => {
    const before = await tx.agendaItem.findUniqueOrThrow({
      where: { id: item.id },
      select: { decisionText: true, decisionOutcome: true },
    })
    // The meeting is checked again in the write, so a meeting cancelled a moment ago stays as it is.
    const { count } = await tx.agendaItem.updateMany({
      where: { id: item.id, meeting: { id: access.meeting.id, ...recordingWhere() } },
      data: after,
    })
    if (count !== 1) return 'meetingNotOpen'
    // A decision written or changed is news; clearing one (or saving it unchanged) is not.
    const changed =
      before.decisionText !== after.decisionText || before.decisionOutcome !== after.decisionOutcome
    if (changed && after.decisionText.trim() !== '') {
      await recordActivity(tx, {
        networkId: access.network.id,
        kind: 'decision_recorded',
        actor: user,
        meetingId: access.meeting.id,
        data: {
          meetingTitle: access.meeting.title,
          itemTitle: item.title,
          ...(after.decisionOutcome ? { outcome: after.decisionOutcome } : {}),
        },
      })
    }
    await auditBy(
      user,
      'meeting.decision_saved',
      { type: 'AgendaItem', id: item.id },
      { meetingId: access.meeting.id, before, after },
      tx,
    )
    return 'ok'
  })
}
