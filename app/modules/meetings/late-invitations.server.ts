/*
 * An organisation that joins a network after meetings were published is not invited to them: the
 * invitations were made when each meeting was created. The network's preparers are offered to invite it
 * to the published meetings still to come (network page), which mails its people.
 */
import { currentMembersWhere, type CurrentUser, type NetworkAccess } from '../access/access.server'
import { auditBy } from '../audit/audit.server'
import { sendMeetingInvitations } from '../calendar/invitation-mail.server'
import { db } from '../db/db.server'

/** Published meetings still to come, by the network's current members that are not invited to them. */
export async function uninvitedMembers(access: NetworkAccess, now = new Date()) {
  const [members, meetings] = await Promise.all([
    db.organisation.findMany({
      where: currentMembersWhere(access.network.id, now),
      select: { id: true, name: true },
      orderBy: { name: 'asc' },
    }),
    upcomingPublished(access, now),
  ])
  return members
    .map((organisation) => ({
      organisation,
      meetings: meetings
        .filter((m) => !m.invitations.some((i) => i.organisationId === organisation.id))
        .map(({ id, title, startsAt }) => ({ id, title, startsAt })),
    }))
    .filter((row) => row.meetings.length > 0)
}

function upcomingPublished(access: NetworkAccess, now: Date) {
  return db.meeting.findMany({
    where: { networkId: access.network.id, status: 'published', startsAt: { gt: now } },
    select: {
      id: true,
      title: true,
      startsAt: true,
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
): Promise<{ invited: number; failed: number } | { problem: 'organisationNotInNetwork' }> {
  const row = (await uninvitedMembers(access)).find((r) => r.organisation.id === organisationId)
  if (!row) {
    const member = await db.organisation.count({
      where: { id: organisationId, ...currentMembersWhere(access.network.id) },
    })
    return member ? { invited: 0, failed: 0 } : { problem: 'organisationNotInNetwork' }
  }
  const meetingIds = row.meetings.map((m) => m.id)
  await db.$transaction(async (tx) => {
    await tx.meetingInvitation.createMany({
      data: meetingIds.map((meetingId) => ({ meetingId, organisationId })),
    })
    await auditBy(
      user,
      'network.invited_to_upcoming',
      { type: 'Network', id: access.network.id },
      { organisationId, meetingIds },
      tx,
    )
  })
  let failed = 0
  for (const meetingId of meetingIds) {
    const result = await sendMeetingInvitations(meetingId, 'published', {
      organisationIds: [organisationId],
    })
    failed += result.failed
  }
  return { invited: meetingIds.length, failed }
}
