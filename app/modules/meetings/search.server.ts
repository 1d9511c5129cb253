import type { CurrentUser } from '../access/access.server'
import { visibleMeetingsSql } from '../access/meetings.server'
import { db, isPostgres } from '../db/db.server'
import { Prisma } from '../db/generated/client'
import { searchWords } from '../documents/search.server'

const LIMIT = 10
/** The trigram index finds words of at least this many characters; shorter ones are compared as text. */
const TRIGRAM = 3

/**
 * The meetings (among those this text belongs to: their title and description, their agenda items'
 * titles) that hold the word anywhere, also inside a longer word. Through the trigram index
 * (MeetingSearch, kept by triggers: prisma/migrations/…_meeting_search) accents and case do not matter;
 * a word of one or two characters, which the index cannot find, is compared with LIKE (case only).
 */
function meetingsHolding(word: string): Prisma.Sql {
  if (isPostgres(db)) {
    // PostgreSQL (prisma/postgresql/migrations/…_search): the texts' folded form (lower case, accents
    // removed) with a trigram index, which LIKE uses for a word of three characters or more.
    return Prisma.sql`SELECT t."meetingId" FROM "MeetingSearchText" t
      WHERE t."folded" LIKE '%' || lower(unaccent(${word})) || '%'`
  }
  if (word.length >= TRIGRAM) {
    return Prisma.sql`SELECT t."meetingId" FROM "MeetingSearch" s
      JOIN "MeetingSearchText" t ON t."id" = s.rowid
      WHERE "MeetingSearch" MATCH ${`"${word}"`}`
  }
  // searchWords leaves letters and digits only: nothing in the word is a LIKE wildcard.
  return Prisma.sql`SELECT t."meetingId" FROM "MeetingSearchText" t
    WHERE t."text" LIKE ${`%${word}%`}`
}

/**
 * Meetings whose title, description or agenda item titles hold every word (each may be in a different
 * one), among the meetings the user may see (drafts only for their preparers), the latest first (header
 * search); within one network when the search page's network filter is set.
 */
export async function searchMeetings(user: CurrentUser, text: string, networkId?: string) {
  const words = searchWords(text)
  if (words.length === 0) return []
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT m."id" FROM "Meeting" m
    WHERE ${visibleMeetingsSql(user)}
      ${networkId ? Prisma.sql`AND m."networkId" = ${networkId}` : Prisma.empty}
      ${Prisma.join(
        words.map((w) => Prisma.sql`AND m."id" IN (${meetingsHolding(w)})`),
        ' ',
      )}
    ORDER BY m."startsAt" DESC
    LIMIT ${LIMIT}`
  if (rows.length === 0) return []
  const order = new Map(rows.map((r, i) => [r.id, i]))
  const meetings = await db.meeting.findMany({
    where: { id: { in: rows.map((r) => r.id) } },
    select: {
      id: true,
      title: true,
      startsAt: true,
      endsAt: true,
      status: true,
      network: { select: { slug: true, shortName: true } },
    },
  })
  return meetings.sort((a, b) => order.get(a.id)! - order.get(b.id)!)
}
