/*
 * "Send everything due now": what `npm run notifications:send` runs (scripts/notifications-send.ts) and
 * what the server's scheduler runs on its own every few seconds (app/modules/mail/outbox.server.ts,
 * startMailOutbox). First the mails are composed — those of new activity events, then the digests and
 * reminders that are due — each queued in the transaction that records it, then the outbox sends every
 * mail due.
 */
import { sendDueMails, type OutboxRun } from '../mail/outbox.server'
import { log } from '../observability/logger.server'
import { queueDueDigests, type DigestRun } from './digest.server'
import { queueEventMails } from './event-mails.server'
import { queueDueReminders, type ReminderRun } from './reminders.server'

/** Digests and reminders are looked for at most this often by the scheduler (they read every person). */
const CLOCK_WORK_EVERY_MS = 60_000
let lastClockWork = 0

export type NotificationsRun = OutboxRun & {
  eventMails: number
  digests?: DigestRun
  reminders?: ReminderRun
}

export async function runNotificationsNow(
  now = new Date(),
  options: { shouldStop?: () => boolean; everything?: boolean } = {},
): Promise<NotificationsRun> {
  const eventMails = await queueEventMails(now)
  let digests: DigestRun | undefined
  let reminders: ReminderRun | undefined
  if (options.everything || Date.now() - lastClockWork >= CLOCK_WORK_EVERY_MS) {
    lastClockWork = Date.now()
    digests = await queueDueDigests(now)
    reminders = await queueDueReminders(now)
    if (digests.digests || reminders.actions || reminders.replies || reminders.measurements) {
      log.info({ digests, reminders }, 'Digests and reminders queued')
    }
  }
  const sent = await sendDueMails(now, options)
  return { ...sent, eventMails, digests, reminders }
}
