/**
 * Queues a meeting's invitation mails in a transaction, as the changes that cause them do
 * (app/modules/calendar/invitation-mail.server.ts), then sends what the mail outbox holds, as the
 * server's sender would. Import it after createTestDatabase(): it reaches the app's modules.
 */
export async function sendMeetingInvitations(
  meetingId: string,
  reason: 'published' | 'updated' | 'cancelled',
) {
  const { db } = await import('../../app/modules/db/db.server')
  const { queueMeetingInvitations } =
    await import('../../app/modules/calendar/invitation-mail.server')
  const { sendDueMails } = await import('../../app/modules/mail/outbox.server')
  const { queued } = await db.$transaction((tx) => queueMeetingInvitations(tx, meetingId, reason))
  return { queued, ...(await sendDueMails()) }
}
