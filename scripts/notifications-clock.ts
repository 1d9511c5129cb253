/**
 * The notifications' clock work — the digests and reminders due — in a process of its own. The server's
 * scheduler starts it at most once a minute (app/modules/notifications/clock-process.server.ts), so that
 * composing two thousand digests costs this process's memory, capped by its heap limit, and this
 * process's time, never the event loop that answers requests.
 *
 *   node --import tsx scripts/notifications-clock.ts   (started with an IPC channel: fork)
 *
 * It receives one job ({ now }) as a message, queues what is due in the outbox (the server's sender
 * sends it), answers with what it queued and ends. When the server goes away first, it stops: what it
 * queued is committed per batch, and the next run goes on from the cursors.
 */
import { clockJobSchema, type ClockResult } from '../app/modules/notifications/clock-job'
import { getDb, prepareDb } from '../app/modules/db/db.server'
import { queueDueDigests } from '../app/modules/notifications/digest.server'
import { queueDueReminders } from '../app/modules/notifications/reminders.server'

if (!process.send) {
  console.error(
    'notifications-clock.ts is started by the server, with an IPC channel (child_process.fork)',
  )
  process.exit(2)
}

let answered = false
process.on('disconnect', () => {
  if (!answered) process.exit(1)
})
process.once('message', (message: unknown) => {
  run(message)
    .catch((error: unknown): ClockResult => ({
      status: 'failed',
      reason: `the digests and reminders could not be queued: ${String(error)}`.slice(0, 500),
    }))
    .then((result) => {
      answered = true
      process.send!(result, () => {
        if (process.connected) process.disconnect()
      })
    })
})

async function run(message: unknown): Promise<ClockResult> {
  const job = clockJobSchema.parse(message)
  const db = getDb()
  try {
    await prepareDb(db)
    // The process at rest (Node, the app's modules, the database open): what the work adds is above it.
    const startRssMb = process.memoryUsage().rss / 1024 / 1024
    const now = new Date(job.now)
    const started = performance.now()
    const digests = await queueDueDigests(now)
    const digestsSeconds = (performance.now() - started) / 1000
    // The whole process's peak so far, for the log and the bench (resourceUsage gives kilobytes).
    const digestsMaxRssMb = process.resourceUsage().maxRSS / 1024
    const reminders = await queueDueReminders(now)
    return {
      status: 'done',
      digests,
      reminders,
      digestsSeconds,
      startRssMb,
      digestsMaxRssMb,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    }
  } finally {
    await db.$disconnect()
  }
}
