/**
 * Part of the notifications bench (notifications.ts), in a process of its own against the bench data
 * folder in ZWIN_DATA_DIR: makes the daily digest of every person due (their cursor a week back, their
 * hour passed), then times queueDueDigests — reading the events per organisation, choosing per person,
 * composing and queueing the mails — and measures the RSS it adds (sampled every 20 ms).
 * Budget: < 20 s and < 150 MB added RSS.
 */
import Database from 'better-sqlite3'

const SECONDS_BUDGET = 20
const MEGABYTES_BUDGET = 150

async function main() {
  const dataDir = process.env.ZWIN_DATA_DIR
  if (!dataDir) throw new Error('ZWIN_DATA_DIR must name the bench data folder')
  const sqlite = new Database(`${dataDir}/zwin.sqlite`)
  const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().replace('Z', '+00:00')
  // Everyone's daily digest is due, at an hour already past today; the weekly one is not.
  sqlite
    .prepare('UPDATE User SET digestCursor = ?, digestHour = 0, weeklyDigestCursor = ?')
    .run(weekAgo, new Date(Date.now() + 86_400_000).toISOString().replace('Z', '+00:00'))
  sqlite.prepare('DELETE FROM OutboxMail').run()
  sqlite.close()

  const { queueDueDigests } = await import('../../app/modules/notifications/digest.server')
  const { db } = await import('../../app/modules/db/db.server')
  await db.user.count() // the connection and Prisma's engine loaded before measuring

  global.gc?.()
  const before = process.memoryUsage().rss
  let peak = before
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 20)
  const started = performance.now()
  const run = await queueDueDigests(new Date())
  const seconds = (performance.now() - started) / 1000
  clearInterval(sampler)
  peak = Math.max(peak, process.memoryUsage().rss)
  const added = (peak - before) / 1024 / 1024

  const mails = await db.outboxMail.count({ where: { category: 'digest' } })
  const bytes = await db.$queryRaw<
    { n: bigint }[]
  >`SELECT sum(length(message)) AS n FROM OutboxMail`
  console.info(
    `  ${run.people} people due, ${run.digests} digests queued (${mails} in the outbox, ` +
      `${Math.round(Number(bytes[0]?.n ?? 0) / 1024 / 1024)} MB of mail)`,
  )
  console.info(
    `budget: digests under ${SECONDS_BUDGET} s — ${seconds < SECONDS_BUDGET ? 'met' : 'MISSED'} (${seconds.toFixed(1)} s)`,
  )
  console.info(
    `budget: under ${MEGABYTES_BUDGET} MB added RSS — ${added < MEGABYTES_BUDGET ? 'met' : 'MISSED'} (${added.toFixed(0)} MB)`,
  )
  await db.$disconnect()
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
