/*
 * "Send everything due now": what `npm run notifications:send` runs (scripts/notifications-send.ts), and
 * what the server's scheduler runs on its own every few seconds (app/modules/mail/outbox.server.ts,
 * startMailOutbox). First the mails are composed — those of new activity events, then the digests and
 * reminders that are due — each queued in the transaction that records it, then the outbox sends every
 * mail due. The server has the digests and reminders built in a child process of their own
 * (clock-process.server.ts); the command, a process of its own already, builds them itself.
 */
import { sendDueMails, type OutboxRun } from '../mail/outbox.server'
import { log } from '../observability/logger.server'
import { startClockWork } from './clock-process.server'
import { queueDueDigests, type DigestRun } from './digest.server'
import { queueEventMails } from './event-mails.server'
import { queueDueReminders, type ReminderRun } from './reminders.server'

/** Digests and reminders are looked for at most this often by the scheduler (they read every person). */
const CLOCK_WORK_EVERY_MS = 60_000
let lastClockWork = 0

/**
 * The server's tick: event mails, the clock work's child started once a minute (not waited for: what
 * it queues goes out at a later tick), then sending.
 */
export async function runScheduledNotifications(
  now: Date,
  shouldStop: () => boolean,
): Promise<OutboxRun & { eventMails: number }> {
  const eventMails = await queueEventMails(now)
  if (Date.now() - lastClockWork >= CLOCK_WORK_EVERY_MS) {
    lastClockWork = Date.now()
    void startClockWork(now)
  }
  const sent = await sendDueMails(now, { shouldStop })
  return { ...sent, eventMails }
}

export type NotificationsRun = OutboxRun & {
  eventMails: number
  digests: DigestRun
  reminders: ReminderRun
}

/** Everything due now, digests and reminders built here: for the command and the tests. */
export async function runNotificationsNow(
  now = new Date(),
  options: { shouldStop?: () => boolean } = {},
): Promise<NotificationsRun> {
  const eventMails = await queueEventMails(now)
  const digests = await queueDueDigests(now)
  const reminders = await queueDueReminders(now)
  if (digests.digests || reminders.actions || reminders.replies || reminders.measurements) {
    log.info({ digests, reminders }, 'Digests and reminders queued')
  }
  const sent = await sendDueMails(now, options)
  return { ...sent, eventMails, digests, reminders }
}
