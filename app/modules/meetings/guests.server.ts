/*
 * Guests: people without a Zwin account invited to one meeting (a speaker, a partner from outside the
 * network). They get the invitation, change and cancellation mails with the .ics, in the language chosen
 * for them, and never a link to a page they could not open; they answer by replying to the mail, which
 * goes to the secretary (invitation-mail.server.ts).
 */
import type { CurrentUser } from '../access/access.server'
import type { MeetingAccess } from '../access/meetings.server'
import { auditBy } from '../audit/audit.server'
import { sendMeetingInvitations } from '../calendar/invitation-mail.server'
import { db } from '../db/db.server'
import { Prisma } from '../db/generated/client'
import { invitationsOpen } from './attendance.server'
import type { GuestInput } from './schema'

export type GuestProblem = 'invitationsClosed' | 'guestExists' | 'guestNotFound'

export function meetingGuests(access: MeetingAccess) {
  return db.meetingGuest.findMany({
    where: { meetingId: access.meeting.id },
    select: { id: true, name: true, email: true, affiliation: true, locale: true },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  })
}

/** Adds a guest; a guest added to a published meeting gets the invitation at once. */
export async function addGuest(
  user: CurrentUser,
  access: MeetingAccess,
  input: GuestInput,
): Promise<
  | { id: string; notified?: Awaited<ReturnType<typeof sendMeetingInvitations>> }
  | { problem: GuestProblem }
> {
  if (!invitationsOpen(access.meeting.status)) return { problem: 'invitationsClosed' }
  const meetingId = access.meeting.id
  let guest: { id: string }
  try {
    guest = await db.$transaction(async (tx) => {
      const created = await tx.meetingGuest.create({
        data: {
          meetingId,
          name: input.name,
          email: input.email.toLowerCase(),
          affiliation: input.affiliation,
          locale: input.locale,
        },
        select: { id: true },
      })
      // The audit keeps who was invited, not their address.
      await auditBy(
        user,
        'meeting.guest_added',
        { type: 'Meeting', id: meetingId },
        { guestId: created.id, name: input.name },
        tx,
      )
      return created
    })
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      return { problem: 'guestExists' }
    }
    throw error
  }
  if (access.meeting.status === 'published') {
    return {
      ...guest,
      notified: await sendMeetingInvitations(meetingId, 'published', { guestIds: [guest.id] }),
    }
  }
  return guest
}

/** Takes a guest off the meeting (asked first); they get no mail about it. */
export async function removeGuest(
  user: CurrentUser,
  access: MeetingAccess,
  guestId: string,
): Promise<{ ok: true } | { problem: GuestProblem }> {
  if (!invitationsOpen(access.meeting.status)) return { problem: 'invitationsClosed' }
  const meetingId = access.meeting.id
  return db.$transaction(async (tx) => {
    const { count } = await tx.meetingGuest.deleteMany({ where: { id: guestId, meetingId } })
    if (count !== 1) return { problem: 'guestNotFound' as const }
    await auditBy(
      user,
      'meeting.guest_removed',
      { type: 'Meeting', id: meetingId },
      { guestId },
      tx,
    )
    return { ok: true as const }
  })
}
