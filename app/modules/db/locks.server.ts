/**
 * Locks that hold across Zwin's instances (docs/decisions/0019-postgresql.md). On SQLite a write
 * transaction already runs alone: the adapter begins it with BEGIN IMMEDIATE, which takes the one write
 * lock of the file, so these do nothing there. On PostgreSQL, where transactions of several instances
 * run side by side, they take an advisory lock that the end of the transaction releases.
 */
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
