/**
 * The bench of issue 14 (not a timed test), on the data of notifications-generate.ts (40 organisations,
 * 12 networks, 2,000 people, 5,000 events in the last week):
 *
 *  1. the query plans of the dashboard's "Voor u": every query it sends, run once in this process against
 *     the bench database and put through EXPLAIN QUERY PLAN; a full scan of a table is reported;
 *  2. the dashboard with "Voor u" for lid.sluis (Sluis is in every network; the person prepares the
 *     meetings of three), over HTTP against the production build, one request at a time after a warm-up
 *     that lets the JIT settle (a server runs for days): budget median server time < 20 ms, the time
 *     the server logs for each request (as in tests/bench/pages.ts), shown beside the round trip the
 *     bench sees;
 *  3. the daily digests of all 2,000 people over the week's 5,000 events, built and queued in a process
 *     of its own (notifications-digest.ts): budget < 20 s and < 150 MB added RSS.
 *
 *   npm run build && npx tsx tests/bench/notifications.ts
 *
 * BENCH_WARMUP and BENCH_RUNS change the number of requests (default 100 and 200).
 */
import { spawn } from 'node:child_process'
import Database from 'better-sqlite3'
import {
  EVERY_NETWORK_USER,
  generateNotificationsBenchData,
  notificationsBenchDir,
} from './notifications-generate'
import {
  agent,
  ms,
  request,
  requestLog,
  requireBuild,
  root,
  signIn,
  startServer,
  summarise,
} from './server'
import { fullScans as tableScans } from '../setup/sql-plans'

const WARMUP = Number(process.env.BENCH_WARMUP ?? 100)
const RUNS = Number(process.env.BENCH_RUNS ?? 200)
const DASHBOARD_BUDGET_MS = 20

type Captured = { query: string; params: unknown[] }

/** Runs "Voor u" for the person in this process, recording the SQL Prisma sends. */
async function forYouQueries(databasePath: string, email: string): Promise<Captured[]> {
  const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3')
  const { PrismaClient } = await import('../../app/modules/db/generated/client')
  const client = new PrismaClient({
    adapter: new PrismaBetterSqlite3({ url: `file:${databasePath}` }),
    log: [{ emit: 'event', level: 'query' }],
  })
  const captured: Captured[] = []
  client.$on('query', (event) => {
    captured.push({ query: event.query, params: JSON.parse(event.params) as unknown[] })
  })
  // The app's modules use this client (db.server.ts keeps its process-wide client here).
  ;(globalThis as unknown as { zwinDb?: unknown }).zwinDb = client
  const { cookieFor, userFor } = await import('../setup/route-calls')
  const { forYou } = await import('../../app/modules/overview/for-you.server')
  const { accessScope } = await import('../../app/modules/access/scope.server')
  const user = await userFor(await cookieFor(email))
  captured.length = 0
  await forYou(user, await accessScope(user))
  await client.$disconnect()
  return captured
}

/** The plan lines that read a whole table (the rule of tests/setup/sql-plans.ts: Network is small). */
function fullScans(sqlite: Database.Database, captured: Captured): string[] {
  const plan = sqlite
    .prepare(`EXPLAIN QUERY PLAN ${captured.query}`)
    .all(...captured.params.map((p) => (typeof p === 'boolean' ? Number(p) : p))) as {
    detail: string
  }[]
  return tableScans(plan.map((row) => row.detail))
}

async function main() {
  requireBuild()
  process.env.ZWIN_DATA_DIR = notificationsBenchDir
  console.info('Generating the notifications bench data…')
  const summary = await generateNotificationsBenchData()
  console.info(
    `  ${summary.organisations} organisations, ${summary.networks} networks, ${summary.users} people, ` +
      `${summary.documents} documents, ${summary.meetings} meetings, ${summary.actionItems} action ` +
      `items, ${summary.events} events (${summary.seconds} s)`,
  )
  const databasePath = `${summary.dataDir}/zwin.sqlite`

  console.info('')
  console.info(`Query plans of "Voor u" for ${EVERY_NETWORK_USER}:`)
  const queries = await forYouQueries(databasePath, EVERY_NETWORK_USER)
  const sqlite = new Database(databasePath, { readonly: true })
  let scanning = 0
  for (const captured of queries) {
    const scans = fullScans(sqlite, captured)
    if (scans.length === 0) continue
    scanning++
    console.info(`  ${scans.join('; ')}  ←  ${captured.query.slice(0, 160)}…`)
  }
  sqlite.close()
  console.info(`  ${queries.length} queries, ${scanning} with a full scan of a table`)

  const log = requestLog()
  const server = await startServer(summary.dataDir, {}, [], (line) => log.onLine(line))
  try {
    const cookie = await signIn(server.port, EVERY_NETWORK_USER)
    const get = () =>
      request(server.port, '/', { headers: { Cookie: cookie, 'Accept-Encoding': 'gzip' } })
    const first = await get()
    if (first.status !== 200) throw new Error(`The dashboard answered ${first.status}`)
    // The dashboard as people meet it on a normal day: the server's scheduler first mails what the
    // generated week left due at its start (5,000 events, 2,000 digests, thousands of reminders), in
    // its clock process and its outbox, which would otherwise share the two cores with the timing.
    const settled = await schedulerSettled(databasePath)
    console.info(`  the scheduler's start-up mail was sent after ${settled.toFixed(0)} s`)
    for (let i = 0; i < WARMUP; i++) await get()
    const times: number[] = []
    const ids: string[] = []
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now()
      const answer = await get()
      times.push(performance.now() - started)
      if (answer.status !== 200) throw new Error(`The dashboard answered ${answer.status}`)
      ids.push(String(answer.headers['x-request-id']))
    }
    const roundTrip = summarise(times)
    const serverTime = summarise(await log.durations(ids))
    console.info('')
    console.info(
      `dashboard with Voor u, ${RUNS} requests after ${WARMUP}:  median ms    p95 ms    min ms    max ms`,
    )
    for (const [label, s] of [
      ['server time (logged)', serverTime],
      ['round trip', roundTrip],
    ] as const) {
      console.info(`  ${label.padEnd(46)}${ms(s.median)}  ${ms(s.p95)}  ${ms(s.min)}  ${ms(s.max)}`)
    }
    console.info(
      `budget: dashboard median server time under ${DASHBOARD_BUDGET_MS} ms — ` +
        `${serverTime.median < DASHBOARD_BUDGET_MS ? 'met' : 'MISSED'} (${serverTime.median.toFixed(1)} ms; ` +
        `round trip ${roundTrip.median.toFixed(1)} ms)`,
    )
    // A figure taken while the server's own work failed (and was tried again each minute beside the
    // requests) says nothing: the bench stops on any error the server logged.
    const { errors } = log.background()
    if (errors.length) {
      for (const error of errors) console.error(`The server logged an error: ${error}`)
      throw new Error(`The server logged ${errors.length} errors during the bench (above)`)
    }
  } finally {
    agent.destroy()
    await server.stop()
  }

  console.info('')
  console.info('Building the daily digests of everyone over the last week (a process of its own)…')
  await digestsInOwnProcess(summary.dataDir)
}

/**
 * Waits until the server has composed and sent what was due when it started: no event left to notify,
 * nothing queued or being sent, for fifteen seconds in a row (the clock process starts at the first
 * tick and queues its reminders in batches a few seconds later). The seconds it took.
 */
async function schedulerSettled(databasePath: string): Promise<number> {
  const started = performance.now()
  const sqlite = new Database(databasePath, { readonly: true })
  const pending = sqlite.prepare(
    `SELECT (SELECT count(*) FROM OutboxMail WHERE status IN ('queued', 'sending'))
          + (SELECT count(*) FROM ActivityEvent WHERE notifiedAt IS NULL) AS n`,
  )
  try {
    let quietSince = 0
    while (performance.now() - started < 300_000) {
      const { n } = pending.get() as { n: number }
      if (n > 0) quietSince = 0
      else if (!quietSince) quietSince = performance.now()
      else if (performance.now() - quietSince >= 15_000) return (performance.now() - started) / 1000
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
    throw new Error('The scheduler had not sent its start-up mail after 5 minutes')
  } finally {
    sqlite.close()
  }
}

/** notifications-digest.ts in a child process: its memory is the digest builder's alone. */
function digestsInOwnProcess(dataDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/bench/notifications-digest.ts'],
      {
        cwd: root,
        env: { ...process.env, ZWIN_DATA_DIR: dataDir },
        stdio: 'inherit',
      },
    )
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`The digest bench failed (exit code ${code})`)),
    )
  })
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
