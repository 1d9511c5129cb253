/*
 * An organisation that joins a network after meetings were published is not invited to them: the
 * invitations were made when each meeting was created (with its standing participants by name). The network's preparers are offered to invite it
 * to the published meetings still to come (network page), which mails its people.
 */
import { currentMembersWhere, type CurrentUser, type NetworkAccess } from '../access/access.server'
import { auditBy } from '../audit/audit.server'
import { queueMeetingInvitations } from '../calendar/invitation-mail.server'
import { db } from '../db/db.server'
import { lockUntilCommit } from '../db/locks.server'
import { participantsToInvite } from '../networks/participants.server'

/**
 * Published meetings still to come, by the current members that joined after each was published and
 * are not invited to it. A member that was there at publication and is not invited was left out on
 * purpose (the invitation list), and is not offered again.
 */
export async function uninvitedMembers(access: NetworkAccess, now = new Date()) {
  const [members, meetings] = await Promise.all([
    db.organisation.findMany({
      where: currentMembersWhere(access.network.id, now),
      select: {
        id: true,
        name: true,
        memberships: {
          where: { networkId: access.network.id },
          select: { activeFrom: true },
        },
      },
      orderBy: { name: 'asc' },
    }),
    upcomingPublished(access, now),
  ])
  return members
    .map(({ memberships, ...organisation }) => {
      const joined = memberships[0]?.activeFrom ?? new Date(0)
      return {
        organisation,
        meetings: meetings
          .filter((m) => m.publishedAt !== null && joined > m.publishedAt)
          .filter((m) => !m.invitations.some((i) => i.organisationId === organisation.id))
          .map(({ id, title, startsAt }) => ({ id, title, startsAt })),
      }
    })
    .filter((row) => row.meetings.length > 0)
}

function upcomingPublished(access: NetworkAccess, now: Date) {
  return db.meeting.findMany({
    where: { networkId: access.network.id, status: 'published', startsAt: { gt: now } },
    select: {
      id: true,
      title: true,
      startsAt: true,
      publishedAt: true,
      invitations: { select: { organisationId: true } },
    },
    orderBy: { startsAt: 'asc' },
  })
}

/**
 * Invites a current member organisation to every published meeting still to come that it is not invited
 * to, and mails its people about each. Returns how many meetings it was invited to.
 */
export async function inviteToUpcoming(
  user: CurrentUser,
  access: NetworkAccess,
  organisationId: string,
): Promise<{ invited: number } | { problem: 'organisationNotInNetwork' }> {
  const row = (await uninvitedMembers(access)).find((r) => r.organisation.id === organisationId)
  if (!row) {
    const member = await db.organisation.count({
      where: { id: organisationId, ...currentMembersWhere(access.network.id) },
    })
    return member ? { invited: 0 } : { problem: 'organisationNotInNetwork' }
  }
  const meetingIds = row.meetings.map((m) => m.id)
  // Its standing participants by name, as a new meeting would have them (participants.server.ts).
  const participants = (await participantsToInvite(access.network.id)).filter(
    (p) => p.user.organisationId === organisationId,
  )
  await db.$transaction(async (tx) => {
    // A second click at the same moment waits for the first on PostgreSQL too (SQLite's one writer
    // makes it wait anyway), so its upserts find the rows instead of both inserting them.
    await lockUntilCommit(tx, 'lateInvitation', `${access.network.id}:${organisationId}`)
    for (const meetingId of meetingIds) {
      // Upserts: a second click a moment later changes nothing.
      await tx.meetingInvitation.upsert({
        where: { meetingId_organisationId: { meetingId, organisationId } },
        create: { meetingId, organisationId },
        update: {},
      })
      for (const p of participants) {
        await tx.meetingAttendance.upsert({
          where: { meetingId_userId: { meetingId, userId: p.userId } },
          create: { meetingId, userId: p.userId, organisationId, invited: true },
          update: { invited: true },
        })
      }
    }
    await auditBy(
      user,
      'network.invited_to_upcoming',
      { type: 'Network', id: access.network.id },
      { organisationId, meetingIds },
      tx,
    )
    for (const meetingId of meetingIds) {
      await queueMeetingInvitations(tx, meetingId, 'published', {
        organisationIds: [organisationId],
      })
    }
  })
  return { invited: meetingIds.length }
}
