/**
 * The rate limit on checking secrets: signing in, the current password on the profile and, later, a
 * second factor; and on asking for a reset link, which mails one. Why it is built this way: docs/decisions/0003-sessions-and-sign-in.md.
 *
 * An attempt is counted and recorded in one step (`beginAttempt`, one interactive transaction; the
 * better-sqlite3 adapter runs those one at a time, and on PostgreSQL advisory locks on the subject and
 * the address do the same across instances), so parallel requests cannot all pass the count before any
 * of them is written. Then the caller checks the secret and ends the attempt with
 * `failAttempt` or `succeedAttempt`.
 */
import { db } from '../db/db.server'
import { lockUntilCommit } from '../db/locks.server'

/** What is being checked; each has its own counts. */
export type AttemptScope = 'login' | 'password' | 'totp' | 'reset'

export const THROTTLE = {
  windowMs: 15 * 60_000,
  /** Failures per subject (account or typed e-mail address) from one client address. */
  perSubjectAndIp: 5,
  /** Failures from one client address, whatever the subject. */
  perIp: 30,
  /** Failures per subject from any address before each next attempt has to wait. */
  perSubjectFree: 10,
  /** The wait after the last failure once perSubjectFree is reached; it doubles with every failure more. */
  delayBaseMs: 30_000,
  delayMaxMs: 5 * 60_000,
} as const

/**
 * Asking for a reset link (/wachtwoord-vergeten) checks no secret, but each request may send a mail:
 * a hard cap per typed address from anywhere (nobody is mailed more than 3 links in 15 minutes), and
 * per client address. A browser that signed in to the account before is spared the per-address cap
 * (the per-client limits still hold), so others asking for links cannot keep the owner from one.
 */
export const RESET_THROTTLE = {
  /** Requests per typed address, from any client address. */
  perSubject: 3,
  /** Requests per typed address from one client address (what a trusted browser still meets). */
  perSubjectAndIp: 3,
  /** Requests from one client address, whatever the address typed (an office shares one). */
  perIp: 20,
} as const

type Limits = { perSubjectAndIp: number; perIp: number; perSubject?: number }

/** Scopes with limits of their own; the others use THROTTLE. */
const SCOPE_LIMITS: Partial<Record<AttemptScope, Limits>> = { reset: RESET_THROTTLE }

export type Attempt = { id: string; scope: AttemptScope; subject: string; ip: string }

export type AttemptStart = { ok: true; attempt: Attempt } | { ok: false; retryAt: Date }

/** The wait after the last failure for a subject with `failures` recent failures from any address. */
export function subjectDelayMs(failures: number): number {
  if (failures < THROTTLE.perSubjectFree) return 0
  const doublings = Math.min(failures - THROTTLE.perSubjectFree, 20)
  return Math.min(THROTTLE.delayBaseMs * 2 ** doublings, THROTTLE.delayMaxMs)
}

/**
 * Counts the recent failed (and still pending) attempts and, when every limit allows another one,
 * records it as pending: both in one transaction. Otherwise says when the next attempt can be made.
 *
 * `trustedAddress`: the subject recently succeeded from this address; failures elsewhere then do not
 * make it wait (the per-address limits still hold), so nobody can lock a person out of their own office.
 */
export async function beginAttempt(input: {
  scope: AttemptScope
  subject: string
  ip: string
  trustedAddress?: boolean
}): Promise<AttemptStart> {
  const { scope, subject, ip } = input
  const limits: Limits = SCOPE_LIMITS[scope] ?? THROTTLE
  return db.$transaction(async (tx) => {
    // On PostgreSQL, attempts for this subject or from this address wait for each other here, across
    // instances, as SQLite's single writer makes them wait anyway.
    await lockUntilCommit(tx, 'throttleSubject', `${scope}:${subject}`)
    await lockUntilCommit(tx, 'throttleAddress', `${scope}:${ip}`)
    const now = Date.now()
    const since = new Date(now - THROTTLE.windowMs)
    // Attempts older than the window count for nothing any more.
    await tx.authAttempt.deleteMany({ where: { createdAt: { lt: since } } })
    const recent = { scope, createdAt: { gte: since } }
    const newest = { orderBy: { createdAt: 'desc' }, select: { createdAt: true } } as const

    const retryAts: number[] = []
    // With `limit` attempts in the window the next may be made when the limit-th newest leaves it.
    const whenBelow = (rows: { createdAt: Date }[], limit: number) => {
      const leaving = rows[limit - 1]
      if (leaving) retryAts.push(leaving.createdAt.getTime() + THROTTLE.windowMs)
    }
    whenBelow(
      await tx.authAttempt.findMany({
        where: { ...recent, subject, ip },
        take: limits.perSubjectAndIp,
        ...newest,
      }),
      limits.perSubjectAndIp,
    )
    whenBelow(
      await tx.authAttempt.findMany({ where: { ...recent, ip }, take: limits.perIp, ...newest }),
      limits.perIp,
    )
    if (!input.trustedAddress && limits.perSubject !== undefined) {
      whenBelow(
        await tx.authAttempt.findMany({
          where: { ...recent, subject },
          take: limits.perSubject,
          ...newest,
        }),
        limits.perSubject,
      )
    } else if (!input.trustedAddress) {
      const failures = await tx.authAttempt.count({ where: { ...recent, subject } })
      const delay = subjectDelayMs(failures)
      if (delay > 0) {
        const last = await tx.authAttempt.findFirst({ where: { ...recent, subject }, ...newest })
        if (last) retryAts.push(last.createdAt.getTime() + delay)
      }
    }

    const retryAt = Math.max(0, ...retryAts)
    if (retryAt > now) return { ok: false as const, retryAt: new Date(retryAt) }
    const row = await tx.authAttempt.create({
      data: { scope, subject, ip, status: 'pending', createdAt: new Date(now) },
      select: { id: true },
    })
    return { ok: true as const, attempt: { id: row.id, scope, subject, ip } }
  })
}

/** The secret was wrong: the attempt stays in the counts, as a failure. */
export async function failAttempt(attempt: Attempt): Promise<void> {
  await db.authAttempt.updateMany({ where: { id: attempt.id }, data: { status: 'failed' } })
}

/**
 * The secret was right: the subject's attempts from this address are forgotten. Failures from other
 * addresses stay, so a success from one address does not reopen the door for a guesser elsewhere.
 */
export async function succeedAttempt(attempt: Attempt): Promise<void> {
  await db.authAttempt.deleteMany({
    where: { scope: attempt.scope, subject: attempt.subject, ip: attempt.ip },
  })
}

/** Whole seconds and minutes until `retryAt` (at least 1), for Retry-After and the message. */
export function waitUntil(retryAt: Date, now = Date.now()) {
  const seconds = Math.max(1, Math.ceil((retryAt.getTime() - now) / 1000))
  return { seconds, minutes: Math.ceil(seconds / 60) }
}

/** The Retry-After header of an action's answer, if it has one (for a route's `headers`). */
export function retryAfterOnly(actionHeaders: Headers): Headers {
  const out = new Headers()
  const value = actionHeaders.get('Retry-After')
  if (value) out.set('Retry-After', value)
  return out
}
