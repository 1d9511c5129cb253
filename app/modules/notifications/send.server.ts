/*
 * "Send everything due now": what `npm run notifications:send` runs (scripts/notifications-send.ts) and
 * what the server's scheduler runs on its own (app/modules/mail/outbox.server.ts, startMailOutbox).
 */
import { sendDueMails, type OutboxRun } from '../mail/outbox.server'

/**
 * Composes the mails that are due by the clock, then sends every mail due at `now`. The composing steps
 * (digests, reminders) go here, before the outbox: each queues its mails with queueMail, in the
 * transaction that records what it composed, so that this run sends them too.
 */
export async function runNotificationsNow(
  now = new Date(),
  options: { shouldStop?: () => boolean } = {},
): Promise<OutboxRun> {
  return sendDueMails(now, options)
}
