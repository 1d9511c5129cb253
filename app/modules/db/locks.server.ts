/**
 * Locks that hold across Zwin's instances (docs/decisions/0019-postgresql.md). On SQLite a write
 * transaction already runs alone: the adapter begins it with BEGIN IMMEDIATE, which takes the one write
 * lock of the file, so these do nothing there. On PostgreSQL, where transactions of several instances
 * run side by side, they take an advisory lock that the end of the transaction releases.
 */
import { isPostgres } from './db.server'
import type { Prisma, PrismaClient } from './generated/client'

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
 * (that instance does it, and the next period comes). On PostgreSQL a transaction holds an advisory lock
 * while the task runs (on connections of its own, so the pool needs two at least); when an instance dies
 * its connection closes and the lock is released. On SQLite one server runs, so the task just runs.
 * `maxMs` bounds the transaction: the task should be limited well within it.
 */
export async function runOnOneInstance<T>(
  client: PrismaClient,
  work: PeriodicWork,
  task: () => Promise<T>,
  maxMs: number,
): Promise<PeriodicOutcome<T>> {
  if (!isPostgres(client)) return { ran: true, value: await task() }
  return client.$transaction(
    async (tx): Promise<PeriodicOutcome<T>> => {
      const [row] = await tx.$queryRaw<{ locked: boolean }[]>`
        SELECT pg_try_advisory_xact_lock(${SPACES.periodicWork}::int, hashtext(${work})) AS "locked"`
      if (!row?.locked) return { ran: false }
      return { ran: true, value: await task() }
    },
    { maxWait: 10_000, timeout: maxMs },
  )
}
