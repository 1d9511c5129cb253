/*
 * The generated part of a meeting's minutes, read from what was recorded: attendance per organisation,
 * the decisions per agenda item in agenda order, and the action items agreed at the meeting. It is kept
 * as structure and put into words per reader (minutes-text.ts), so a Flemish partner reads Flemish
 * labels in minutes a Dutch secretary wrote. Once the minutes are approved none of it changes any more:
 * decisions, action items and attendance are recorded only until then (decisions.server.ts,
 * meetings/attendance.server.ts).
 */
import type { CurrentUser } from '../access/access.server'
import type { MeetingAccess } from '../access/meetings.server'
import { db } from '../db/db.server'
import { attendanceByOrganisation } from '../meetings/attendance.server'
import { decisionOutcomes, numberAgenda } from '../meetings/types'
import { actionListForMeeting } from './actions.server'
import type { MinutesContent } from './minutes-text'

/** Attendance per organisation; a "no" reply not recorded yet counts as excused (recordAttendance). */
async function attendance(access: MeetingAccess): Promise<MinutesContent['attendance']> {
  const groups = await attendanceByOrganisation(access)
  return groups.map((group) => {
    const presence = (p: (typeof group.people)[number]) =>
      p.presence ?? (p.response === 'no' ? 'excused' : null)
    const named = (value: string) =>
      group.people.filter((p) => presence(p) === value).map((p) => p.user.name)
    return {
      organisation: group.name,
      present: named('present'),
      excused: group.people
        .filter((p) => presence(p) === 'excused')
        .map((p) => ({ name: p.user.name, reason: p.excuseReason })),
      absent: named('absent'),
    }
  })
}

async function decisions(access: MeetingAccess): Promise<MinutesContent['decisions']> {
  const items = await db.agendaItem.findMany({
    where: { meetingId: access.meeting.id },
    select: {
      id: true,
      parentId: true,
      position: true,
      durationMinutes: true,
      title: true,
      standing: true,
      decisionText: true,
      decisionOutcome: true,
    },
  })
  return numberAgenda(items, access.meeting.startsAt)
    .filter((i) => i.decisionOutcome || i.decisionText.trim())
    .map((i) => ({
      number: i.number,
      title: i.title,
      standing: i.standing,
      outcome: decisionOutcomes.find((o) => o === i.decisionOutcome) ?? null,
      text: i.decisionText.trim(),
    }))
}

/** The action items agreed at this meeting (not those carried over to it), as the user may see them. */
async function actions(
  user: CurrentUser,
  access: MeetingAccess,
): Promise<MinutesContent['actions']> {
  const rows = await actionListForMeeting(user, access)
  return rows
    .filter((row) => !row.carriedOver)
    .map((row) => ({
      number: row.itemNumber,
      organisation: row.organisation.name,
      assignee: row.assignee?.name ?? null,
      description: row.description,
      dueDate: row.dueDate,
    }))
}

/** What the minutes of this meeting hold beyond the secretary's own text, for the reader at hand. */
export async function minutesContent(
  user: CurrentUser,
  access: MeetingAccess,
): Promise<MinutesContent> {
  const [present, decided, agreed] = await Promise.all([
    attendance(access),
    decisions(access),
    actions(user, access),
  ])
  return { attendance: present, decisions: decided, actions: agreed }
}

/**
 * Whether there is anything to approve: the secretary's text, a minutes document, or a decision on an
 * agenda item.
 */
export async function minutesHaveContent(access: MeetingAccess): Promise<boolean> {
  const written = await db.meeting.count({
    where: {
      id: access.meeting.id,
      OR: [
        { decisionList: { not: '' } },
        { minutesText: { not: '' } },
        { minutesDocumentId: { not: null } },
        {
          agendaItems: {
            some: { OR: [{ decisionOutcome: { not: null } }, { decisionText: { not: '' } }] },
          },
        },
      ],
    },
  })
  return written > 0
}
