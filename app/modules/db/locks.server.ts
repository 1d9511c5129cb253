/**
 * Locks that hold across Zwin's instances (docs/decisions/0019-postgresql.md). On SQLite a write
 * transaction already runs alone: the adapter begins it with BEGIN IMMEDIATE, which takes the one write
 * lock of the file, so these do nothing there. On PostgreSQL, where transactions of several instances
 * run side by side, they take an advisory lock that the end of the transaction releases.
 */
import pg from 'pg'
import type { DatabaseConfig } from '../config/config.server'
import { log } from '../observability/logger.server'
import { isPostgres } from './db.server'
import type { Prisma } from './generated/client'

/**
 * What a lock is about. Each space has its own numbers, so a key in one never collides with a key in
 * another; a transaction that takes several takes them in this order (no two can wait for each other).
 */
const SPACES = {
  /** Numbering new search rows (app/modules/documents/search-index.server.ts). */
  searchRow: 1,
  /** Sign-in attempts for one subject (app/modules/auth/throttle.server.ts). */
  throttleSubject: 2,
  /** Sign-in attempts from one client address. */
  throttleAddress: 3,
  /** Inviting one organisation to a network's coming meetings (meetings/late-invitations.server.ts). */
  lateInvitation: 4,
  /** Periodic work that one instance at a time does (runOnOneInstance); never waited for. */
  periodicWork: 5,
} as const

export type LockSpace = keyof typeof SPACES

/** Waits for the lock on `key` in `space`, held until `tx` commits or rolls back (PostgreSQL only). */
export async function lockUntilCommit(
  tx: Prisma.TransactionClient,
  space: LockSpace,
  key = '',
): Promise<void> {
  if (!isPostgres(tx)) return
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SPACES[space]}::int, hashtext(${key}))`
}

/** The periodic work that several instances must not do at the same moment. */
export type PeriodicWork =
  /** The bin, unreferenced files and old jobs (app/modules/documents/maintenance.server.ts). */
  | 'tidyUp'
  /** Digests and reminders (app/modules/notifications/clock-process.server.ts). */
  | 'clockWork'

export type PeriodicOutcome<T> = { ran: true; value: T } | { ran: false }

/**
 * Runs `task` unless another instance is doing the same periodic work right now; then it is not run
 * (that instance does it, and the next period comes). On PostgreSQL a connection of its own, outside
 * the pool the task and the requests use, opens a transaction and takes a transaction advisory lock,
 * held while the task runs (a transaction lock also holds behind PgBouncer in transaction mode). When an
 * instance dies its connection closes and the lock is released; if the connection is lost while the
 * task runs, the task finishes all the same (both kinds of work may run twice). Connecting and taking
 * the lock give up after LOCK_TIMEOUT_MS, so an unreachable database skips a round instead of hanging.
 * (A machine that vanishes without closing its connections keeps its lock until PostgreSQL's TCP
 * keepalive notices: see the README's "Several servers".) On SQLite one server runs: the task just runs.
 */
export async function runOnOneInstance<T>(
  database: DatabaseConfig,
  work: PeriodicWork,
  task: () => Promise<T>,
): Promise<PeriodicOutcome<T>> {
  if (database.provider !== 'postgresql') return { ran: true, value: await task() }
  const client = new pg.Client({
    connectionString: database.url,
    connectionTimeoutMillis: LOCK_TIMEOUT_MS,
    query_timeout: LOCK_TIMEOUT_MS,
    keepAlive: true,
    keepAliveInitialDelayMillis: LOCK_TIMEOUT_MS,
  })
  let lost = false
  client.on('error', (error) => {
    if (!lost) log.warn({ err: error, work }, 'The connection holding a periodic lock failed')
    lost = true
  })
  try {
    await client.connect()
    await client.query('BEGIN')
    const { rows } = await client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_xact_lock($1::int, hashtext($2)) AS "locked"',
      [SPACES.periodicWork, work],
    )
    if (!rows[0]?.locked) return { ran: false }
    return { ran: true, value: await task() }
  } finally {
    // Ending the transaction (or, failing that, the session) releases the lock.
    await closeWithin(client, LOCK_TIMEOUT_MS).catch((error: unknown) => {
      if (!lost) log.warn({ err: error, work }, 'A periodic lock’s connection did not close')
    })
  }
}

/** How long connecting, taking a periodic lock and letting it go may take. */
const LOCK_TIMEOUT_MS = 10_000

async function closeWithin(client: pg.Client, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not closed within ${ms} ms`)), ms)
  })
  try {
    await Promise.race([client.query('COMMIT').finally(() => client.end()), late])
  } finally {
    clearTimeout(timer)
  }
}
