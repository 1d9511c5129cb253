/*
 * Who is invited to a meeting, who replied what, and who was present, excused or absent. Organisations are invited as a
 * whole (all members by default); people may also be invited by name.
 */
import {
  activeMemberUsersWhere,
  currentMembersWhere,
  type CurrentUser,
} from '../access/access.server'
import { mayRespond, type MeetingAccess } from '../access/meetings.server'
import { auditBy } from '../audit/audit.server'
import { db } from '../db/db.server'
import { queueMeetingInvitations } from '../calendar/invitation-mail.server'
import type { AttendanceInput, RsvpInput } from './schema'
import { agendaIsOpen, meetingHasBegun } from './types'

export type AttendanceProblem =
  | 'organisationNotInNetwork'
  | 'personNotInNetwork'
  | 'notInvited'
  | 'notYetHeld'
  | 'invitationsClosed'
  | 'personNotInvited'

type Result = { ok: true } | { problem: AttendanceProblem }

/** Invitations change while the agenda does: until the meeting is held or cancelled. */
export const invitationsOpen = agendaIsOpen

/** Attendance is recorded once the meeting has begun. */
export const canRecordAttendance = meetingHasBegun

/** Replaces the invited organisations; each must be a current member of the network. */
export async function saveInvitedOrganisations(
  user: CurrentUser,
  access: MeetingAccess,
  organisationIds: string[],
): Promise<Result> {
  if (!invitationsOpen(access.meeting.status)) return { problem: 'invitationsClosed' }
  const wanted = [...new Set(organisationIds)]
  const before = await db.meetingInvitation.findMany({
    where: { meetingId: access.meeting.id },
    select: { organisationId: true },
  })
  const members = await db.organisation.count({
    where: { id: { in: wanted }, ...currentMembersWhere(access.network.id) },
  })
  if (members !== wanted.length) return { problem: 'organisationNotInNetwork' }
  const meetingId = access.meeting.id
  await db.$transaction(async (tx) => {
    await tx.meetingInvitation.deleteMany({
      where: { meetingId, organisationId: { notIn: wanted } },
    })
    for (const organisationId of wanted) {
      await tx.meetingInvitation.upsert({
        where: { meetingId_organisationId: { meetingId, organisationId } },
        create: { meetingId, organisationId },
        update: {},
      })
    }
    await auditBy(
      user,
      'meeting.invitations_changed',
      { type: 'Meeting', id: meetingId },
      { organisations: wanted },
      tx,
    )
    const added = wanted.filter((id) => !before.some((b) => b.organisationId === id))
    if (access.meeting.status === 'published' && added.length > 0) {
      await queueMeetingInvitations(tx, meetingId, 'published', { organisationIds: added })
    }
  })
  return { ok: true }
}

/** Invites one person by name: an active user of a current member organisation. */
export async function invitePerson(
  user: CurrentUser,
  access: MeetingAccess,
  userId: string,
): Promise<Result> {
  if (!invitationsOpen(access.meeting.status)) return { problem: 'invitationsClosed' }
  const person = await db.user.findFirst({
    where: { id: userId, ...activeMemberUsersWhere(access.network.id) },
    select: { id: true, organisationId: true },
  })
  if (!person) return { problem: 'personNotInNetwork' }
  const meetingId = access.meeting.id
  const earlier = await db.meetingAttendance.findUnique({
    where: { meetingId_userId: { meetingId, userId } },
    select: { invited: true },
  })
  // Whether their organisation's invitation reached all its people: only when none was named.
  const namedColleagues = await db.meetingAttendance.count({
    where: { meetingId, invited: true, user: { organisationId: person.organisationId } },
  })
  // Mailed unless they had the invitation already, personally or through their organisation (which
  // mails all its people only while none of them is invited by name).
  const throughOrganisation =
    namedColleagues === 0 &&
    (await db.meetingInvitation.count({
      where: { meetingId, organisationId: person.organisationId },
    })) > 0
  await db.$transaction(async (tx) => {
    await tx.meetingAttendance.upsert({
      where: { meetingId_userId: { meetingId, userId } },
      create: { meetingId, userId, organisationId: person.organisationId, invited: true },
      update: { invited: true },
    })
    await auditBy(
      user,
      'meeting.person_invited',
      { type: 'Meeting', id: meetingId },
      { userId },
      tx,
    )
    if (access.meeting.status === 'published' && !earlier?.invited && !throughOrganisation) {
      await queueMeetingInvitations(tx, meetingId, 'published', { userIds: [userId] })
    }
  })
  return { ok: true }
}

/**
 * Withdraws a personal invitation. The person keeps a reply they gave (their organisation may still be
 * invited); without one, their row goes.
 */
export async function uninvitePerson(
  user: CurrentUser,
  access: MeetingAccess,
  userId: string,
): Promise<Result> {
  if (!invitationsOpen(access.meeting.status)) return { problem: 'invitationsClosed' }
  const meetingId = access.meeting.id
  const invited = await db.meetingAttendance.count({ where: { meetingId, userId, invited: true } })
  if (invited === 0) return { problem: 'personNotInvited' }
  await db.$transaction(async (tx) => {
    await tx.meetingAttendance.deleteMany({
      where: { meetingId, userId, invited: true, response: null, presence: null },
    })
    await tx.meetingAttendance.updateMany({
      where: { meetingId, userId, invited: true },
      data: { invited: false },
    })
    await auditBy(
      user,
      'meeting.person_uninvited',
      { type: 'Meeting', id: meetingId },
      { userId },
      tx,
    )
  })
  return { ok: true }
}

/** The signed-in person's reply; only for a published meeting they are invited to. */
export async function respond(
  user: CurrentUser,
  access: MeetingAccess,
  input: RsvpInput,
): Promise<Result> {
  if (!(await mayRespond(user, access.meeting.id))) return { problem: 'notInvited' }
  const meetingId = access.meeting.id
  const reply = {
    response: input.response,
    delegateName: input.response === 'delegate' ? input.delegateName : null,
    respondedAt: new Date(),
  }
  await db.$transaction(async (tx) => {
    await tx.meetingAttendance.upsert({
      where: { meetingId_userId: { meetingId, userId: user.id } },
      create: { meetingId, userId: user.id, organisationId: user.organisation.id, ...reply },
      update: reply,
    })
    await auditBy(
      user,
      'meeting.replied',
      { type: 'Meeting', id: meetingId },
      { response: reply.response },
      tx,
    )
  })
  return { ok: true }
}

/**
 * Records attendance after the meeting has begun: per person present, excused (with an optional
 * reason) or absent. People who never replied are added as they are recorded. Anyone invited or
 * replied who is not in the form and not recorded yet counts as excused after a "no" reply (they sent
 * notice) and as absent otherwise.
 */
export async function recordAttendance(
  user: CurrentUser,
  access: MeetingAccess,
  input: Pick<AttendanceInput, 'presence' | 'reason'>,
): Promise<Result> {
  const meetingId = access.meeting.id
  if (!canRecordAttendance(access.meeting)) return { problem: 'notYetHeld' }
  const wanted = Object.keys(input.presence)
  const people = await db.user.findMany({
    where: { id: { in: wanted }, organisation: currentMembersWhere(access.network.id) },
    select: { id: true, organisationId: true },
  })
  if (people.length !== wanted.length) return { problem: 'personNotInNetwork' }
  await db.$transaction(async (tx) => {
    for (const person of people) {
      const presence = input.presence[person.id]!
      const recorded = {
        presence,
        excuseReason: presence === 'excused' ? input.reason[person.id] || null : null,
      }
      await tx.meetingAttendance.upsert({
        where: { meetingId_userId: { meetingId, userId: person.id } },
        create: {
          meetingId,
          userId: person.id,
          organisationId: person.organisationId,
          ...recorded,
        },
        update: recorded,
      })
    }
    const unrecorded = { meetingId, userId: { notIn: wanted }, presence: null }
    await tx.meetingAttendance.updateMany({
      where: { ...unrecorded, response: 'no' },
      data: { presence: 'excused' },
    })
    await tx.meetingAttendance.updateMany({ where: unrecorded, data: { presence: 'absent' } })
    await auditBy(
      user,
      'meeting.attendance_recorded',
      { type: 'Meeting', id: meetingId },
      { recorded: wanted.length },
      tx,
    )
  })
  return { ok: true }
}

/** The signed-in person's own reply, and whether they may reply at all. */
export async function ownReply(user: CurrentUser, access: MeetingAccess) {
  const [reply, canRespond] = await Promise.all([
    db.meetingAttendance.findUnique({
      where: { meetingId_userId: { meetingId: access.meeting.id, userId: user.id } },
      select: { response: true, delegateName: true, respondedAt: true },
    }),
    mayRespond(user, access.meeting.id),
  ])
  return { reply, canRespond }
}

/**
 * The attendance list per organisation: every invited organisation (and the organisations of people
 * invited by name) with its people who replied, were invited by name or whose presence is recorded.
 */
export async function attendanceByOrganisation(access: MeetingAccess) {
  const meetingId = access.meeting.id
  const [invitations, rows] = await Promise.all([
    db.meetingInvitation.findMany({
      where: { meetingId },
      select: { organisation: { select: { id: true, name: true } } },
    }),
    db.meetingAttendance.findMany({
      where: { meetingId },
      select: {
        invited: true,
        response: true,
        delegateName: true,
        presence: true,
        excuseReason: true,
        organisationId: true,
        user: { select: { id: true, name: true } },
        organisation: { select: { id: true, name: true } },
      },
      orderBy: { user: { name: 'asc' } },
    }),
  ])
  const groups = new Map<
    string,
    { id: string; name: string; invited: boolean; people: typeof rows }
  >()
  for (const { organisation } of invitations) {
    groups.set(organisation.id, { ...organisation, invited: true, people: [] })
  }
  for (const row of rows) {
    const group = groups.get(row.organisationId) ?? {
      ...row.organisation,
      invited: false,
      people: [],
    }
    group.people.push(row)
    groups.set(row.organisationId, group)
  }
  return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name, 'nl'))
}

/** People of the network's member organisations, for inviting by name and recording attendance. */
export function networkPeople(access: MeetingAccess) {
  return db.user.findMany({
    where: activeMemberUsersWhere(access.network.id),
    select: { id: true, name: true, organisation: { select: { id: true, name: true } } },
    orderBy: [{ organisation: { name: 'asc' } }, { name: 'asc' }],
  })
}
