/**
 * `npm run notifications:send`: sends every mail that is due now (the outbox, with what the scheduler
 * composes first: app/modules/notifications/send.server.ts), and says how many were sent, will be tried
 * again, or failed. For tests and operators; the server does the same on its own every few seconds.
 *
 * Compiled to build/runtime/notifications-send.js by `npm run build` (scripts/vite.runtime.config.ts).
 */
import { ConfigError } from '../app/modules/config/config.server'
import { getDb, prepareDb } from '../app/modules/db/db.server'
import { runNotificationsNow } from '../app/modules/notifications/send.server'

async function main() {
  const db = getDb()
  try {
    await prepareDb(db)
    // Everything due by the clock, also what the server's scheduler would look for only at its next minute.
    const run = await runNotificationsNow(new Date())
    console.info(
      `Composed: ${run.eventMails} notification(s), ${run.digests?.digests ?? 0} digest(s), ` +
        `${(run.reminders?.actions ?? 0) + (run.reminders?.replies ?? 0) + (run.reminders?.measurements ?? 0)} reminder(s)`,
    )
    console.info(
      `Mails sent: ${run.sent}; to be tried again: ${run.retrying}; failed: ${run.failed}`,
    )
    if (run.failed > 0 || run.retrying > 0) process.exitCode = 2
  } finally {
    await db.$disconnect()
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error)
  process.exitCode = 1
})
