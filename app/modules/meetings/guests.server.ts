/*
 * Guests: people without a Zwin account invited to one meeting (a speaker, a partner from outside the
 * network). They get the invitation, change and cancellation mails with the .ics, in the language chosen
 * for them, and never a link to a page they could not open; they answer by replying to the mail, which
 * goes to the secretary (invitation-mail.server.ts).
 */
import { createHash } from 'node:crypto'
import type { CurrentUser } from '../access/access.server'
import type { MeetingAccess } from '../access/meetings.server'
import { auditBy } from '../audit/audit.server'
import { queueMeetingInvitations } from '../calendar/invitation-mail.server'
import { db } from '../db/db.server'
import { Prisma } from '../db/generated/client'
import { invitationsOpen } from './attendance.server'
import type { GuestInput } from './schema'

class GuestRefusal extends Error {
  constructor(readonly problem: GuestProblem) {
    super(problem)
  }
}

/** A short, one-way fingerprint of an address: enough to match a complaint, useless as a mailing list. */
function addressFingerprint(email: string): string {
  return createHash('sha256').update(email).digest('hex').slice(0, 16)
}

export type GuestProblem = 'invitationsClosed' | 'guestExists' | 'guestNotFound' | 'tooManyGuests'

/** More than a meeting of partners invites from outside; a cap that keeps the guest list from mailing the world. */
export const MAX_GUESTS = 50

export function meetingGuests(access: MeetingAccess) {
  return db.meetingGuest.findMany({
    where: { meetingId: access.meeting.id, removedAt: null },
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
  | { id: string; notified?: Awaited<ReturnType<typeof queueMeetingInvitations>> }
  | { problem: GuestProblem }
> {
  if (!invitationsOpen(access.meeting.status)) return { problem: 'invitationsClosed' }
  const meetingId = access.meeting.id
  const email = input.email.toLowerCase()
  const details = { name: input.name, affiliation: input.affiliation, locale: input.locale }
  // Not for a meeting that is already over: an invitation would only confuse.
  const over = access.meeting.endsAt <= new Date()
  try {
    return await db.$transaction(async (tx) => {
      if ((await tx.meetingGuest.count({ where: { meetingId, removedAt: null } })) >= MAX_GUESTS) {
        throw new GuestRefusal('tooManyGuests')
      }
      const earlier = await tx.meetingGuest.findUnique({
        where: { meetingId_email: { meetingId, email } },
        select: { id: true, removedAt: true },
      })
      if (earlier && !earlier.removedAt) throw new GuestRefusal('guestExists')
      // Added again after being removed: the same row, so an address mailed once is not mailed again.
      const saved = earlier
        ? await tx.meetingGuest.update({
            where: { id: earlier.id },
            data: { ...details, removedAt: null },
            select: { id: true, notifiedAt: true },
          })
        : await tx.meetingGuest.create({
            data: { meetingId, email, ...details },
            select: { id: true, notifiedAt: true },
          })
      // The audit names who was invited and a fingerprint of the address, not the address itself.
      await auditBy(
        user,
        'meeting.guest_added',
        { type: 'Meeting', id: meetingId },
        { guestId: saved.id, name: input.name, address: addressFingerprint(email) },
        tx,
      )
      if (access.meeting.status === 'published' && saved.notifiedAt === null && !over) {
        const notified = await queueMeetingInvitations(tx, meetingId, 'published', {
          guestIds: [saved.id],
        })
        return { id: saved.id, notified }
      }
      return { id: saved.id }
    })
  } catch (error) {
    if (error instanceof GuestRefusal) return { problem: error.problem }
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      return { problem: 'guestExists' }
    }
    throw error
  }
}

/** Takes a guest off the meeting (asked first); they get no mail about it. The row stays (addGuest). */
export async function removeGuest(
  user: CurrentUser,
  access: MeetingAccess,
  guestId: string,
): Promise<{ ok: true } | { problem: GuestProblem }> {
  if (!invitationsOpen(access.meeting.status)) return { problem: 'invitationsClosed' }
  const meetingId = access.meeting.id
  return db.$transaction(async (tx) => {
    const { count } = await tx.meetingGuest.updateMany({
      where: { id: guestId, meetingId, removedAt: null },
      data: { removedAt: new Date() },
    })
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
