import { removeFeedOf } from '../calendar/feed.server'
import { db } from '../db/db.server'
import type { Prisma } from '../db/generated/client'

/** What ending someone's access took away, for the audit log and for telling them. */
export type EndedAccess = { sessions: number; calendarFeed: boolean; setPasswordLinks: number }

/**
 * Ends everything that lets a person in, or reads their meetings, without signing in again: their
 * sessions (all, or all but `keepSession`), their calendar feed link and their unused set-password
 * links. Used when an account is disabled, when its owner signs out everywhere or changes the password
 * with "end my other sessions", and when a password is set through a link. Inside the caller's
 * transaction when `client` is one; the caller audits, with the returned counts.
 */
export async function endAccess(
  userId: string,
  options: { keepSession?: string } = {},
  client: Prisma.TransactionClient = db,
): Promise<EndedAccess> {
  const keep = options.keepSession ? { id: { not: options.keepSession } } : {}
  const sessions = await client.session.deleteMany({ where: { userId, ...keep } })
  const calendarFeed = await removeFeedOf(userId, client)
  const links = await client.passwordToken.deleteMany({ where: { userId, usedAt: null } })
  return { sessions: sessions.count, calendarFeed, setPasswordLinks: links.count }
}
