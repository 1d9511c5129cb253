/**
 * Part of the notifications bench (notifications.ts), against the bench data folder in ZWIN_DATA_DIR:
 * makes the daily digest of every person due (their cursor a week back, their hour passed), then runs
 * the clock process exactly as the server's scheduler starts it (build/runtime/notifications-clock.js,
 * with its heap limit: app/modules/notifications/clock-process.server.ts) — reading the events,
 * choosing per person, composing and queueing the mails — and times it and samples its RSS every 20 ms.
 * The process's whole memory is counted as added: none of it is there when no digest is built, and the
 * server itself adds nothing.
 * Budget: < 20 s and < 150 MB added RSS.
 */
import { fork } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { CLOCK_LIMITS } from '../../app/modules/notifications/clock-limits'
import { requireBuild, root } from './server'

const SECONDS_BUDGET = 20
const MEGABYTES_BUDGET = 150

async function main() {
  requireBuild()
  const dataDir = process.env.ZWIN_DATA_DIR
  if (!dataDir) throw new Error('ZWIN_DATA_DIR must name the bench data folder')
  const sqlite = new Database(`${dataDir}/zwin.sqlite`)
  const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().replace('Z', '+00:00')
  // Everyone's daily digest is due, at an hour already past today; the weekly one is not.
  sqlite
    .prepare('UPDATE User SET digestCursor = ?, digestHour = 0, weeklyDigestCursor = ?')
    .run(weekAgo, new Date(Date.now() + 86_400_000).toISOString().replace('Z', '+00:00'))
  sqlite.prepare('DELETE FROM OutboxMail').run()

  const started = performance.now()
  const child = fork(path.join(root, 'build', 'runtime', 'notifications-clock.js'), [], {
    cwd: root,
    execArgv: [
      `--max-old-space-size=${CLOCK_LIMITS.heapMb}`,
      `--max-semi-space-size=${CLOCK_LIMITS.semiSpaceMb}`,
    ],
    env: { ...process.env, NODE_ENV: 'production' },
    serialization: 'json',
  })
  let peakKb = 0
  const sampler = setInterval(() => {
    const status = readStatus(child.pid)
    if (status) peakKb = Math.max(peakKb, status)
  }, 20)
  const result = await new Promise<unknown>((resolve, reject) => {
    let answer: unknown
    child.on('message', (message) => (answer = message))
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve(answer) : reject(new Error(`The clock process ended with ${code}`)),
    )
    child.send({ now: new Date().toISOString() })
  })
  const seconds = (performance.now() - started) / 1000
  clearInterval(sampler)
  const done = result as {
    status: string
    digests: { people: number; digests: number }
    reminders: { actions: number; replies: number; measurements: number }
    digestsSeconds: number
    startRssMb: number
    digestsMaxRssMb: number
    maxRssMb: number
  }
  if (done.status !== 'done') throw new Error(`The clock process failed: ${JSON.stringify(result)}`)
  // The sampler may miss the last peak; the process's own count (getrusage) does not.
  const peakMb = Math.max(peakKb / 1024, done.maxRssMb)
  const addedMb = done.digestsMaxRssMb - done.startRssMb

  const [mails] = sqlite
    .prepare(
      "SELECT count(*) AS n, sum(length(message)) AS bytes FROM OutboxMail WHERE category = 'digest'",
    )
    .all() as { n: number; bytes: number }[]
  sqlite.close()
  const mb = (n: number) => `${n.toFixed(0)} MB`
  console.info(
    `  ${done.digests.people} people due, ${done.digests.digests} digests queued (${mails!.n} in the ` +
      `outbox, ${Math.round(mails!.bytes / 1024 / 1024)} MB of mail); then ` +
      `${done.reminders.actions + done.reminders.replies + done.reminders.measurements} reminders`,
  )
  console.info(
    `  the clock process (heap limit ${CLOCK_LIMITS.heapMb} MB): ${mb(done.startRssMb)} at rest, ` +
      `${mb(done.digestsMaxRssMb)} at its peak after the digests, ${mb(peakMb)} at its peak after the reminders`,
  )
  console.info(
    `budget: digests under ${SECONDS_BUDGET} s — ${done.digestsSeconds < SECONDS_BUDGET ? 'met' : 'MISSED'} ` +
      `(${done.digestsSeconds.toFixed(1)} s; ${seconds.toFixed(1)} s for the whole process, its start and ` +
      `the reminders included)`,
  )
  console.info(
    `budget: under ${MEGABYTES_BUDGET} MB added RSS — ${addedMb < MEGABYTES_BUDGET ? 'met' : 'MISSED'} ` +
      `(${mb(addedMb)} above the process at rest; the whole process ${mb(done.digestsMaxRssMb)}, ` +
      `and the server adds nothing)`,
  )
}

/** VmRSS of a running process in kB (Linux), or undefined once it is gone. */
function readStatus(pid: number | undefined): number | undefined {
  if (!pid) return undefined
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
    const match = /^VmRSS:\s+(\d+) kB/m.exec(status)
    return match ? Number(match[1]) : undefined
  } catch {
    return undefined
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
