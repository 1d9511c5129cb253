/*
 * Full-text search over documents (FTS5), always inside the access rule: the visibility condition is
 * part of the same SQL as the MATCH, so results, counts and snippets can only come from documents the
 * user may see. A user never learns that an invisible document matched.
 */
import type { CurrentUser } from '../access/access.server'
import { visibleDocumentsSql } from '../access/documents.server'
import { db, sqlTimestamp } from '../db/db.server'
import { Prisma } from '../db/generated/client'
import { nextCalendarDay, startOfCalendarDay } from '../projects/milestones'
import { MATCH_END, MATCH_START } from './search-marks'

const PAGE_SIZE = 20
/** Beyond this many hits the count says "more than 1,000" and the pages stop. */
export const MAX_COUNTED = 1000
const MAX_TERMS = 8

/** The words of a search, letters and digits only (what the user typed around them does not count). */
export function searchWords(input: string): string[] {
  return (input.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_TERMS)
}

/**
 * The user's words as an FTS5 query: every word must occur (accents and case do not matter), the last
 * one also as the start of a longer word ("begrot" finds "begroting"). Quoting each word keeps FTS5
 * syntax (AND, NEAR, *, quotes) typed by the user from meaning anything. Null when nothing is left.
 */
export function toFtsQuery(input: string): string | null {
  const words = searchWords(input)
  if (words.length === 0) return null
  return words
    .map((w, i) => (i === words.length - 1 && w.length >= 3 ? `"${w}"*` : `"${w}"`))
    .join(' ')
}

export type SearchFilters = {
  networkId?: string
  type?: string
  organisationId?: string
  /** yyyy-mm-dd, inclusive, on the date of the latest change. */
  from?: string
  to?: string
  page: number
}

export type DocumentHit = {
  id: string
  title: string
  type: string
  networkSlug: string
  networkShortName: string
  ownerName: string
  updatedAt: string
  snippet: string
}

function filterSql(filters: SearchFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = []
  if (filters.networkId) parts.push(Prisma.sql`AND d."networkId" = ${filters.networkId}`)
  if (filters.type) parts.push(Prisma.sql`AND d."type" = ${filters.type}`)
  if (filters.organisationId)
    parts.push(Prisma.sql`AND d."ownerOrganisationId" = ${filters.organisationId}`)
  // Days are Amsterdam days; stored times are UTC ISO text, so compare with the days' first moments.
  if (filters.from) {
    parts.push(Prisma.sql`AND d."updatedAt" >= ${sqlTimestamp(startOfCalendarDay(filters.from))}`)
  }
  if (filters.to) {
    const end = startOfCalendarDay(nextCalendarDay(filters.to))
    parts.push(Prisma.sql`AND d."updatedAt" < ${sqlTimestamp(end)}`)
  }
  return parts.length ? Prisma.join(parts, ' ') : Prisma.empty
}

type SearchResult = { total: number; capped: boolean; hits: DocumentHit[]; pageCount: number }

/** True when the user chose any filter (then a search without words lists what the filters select). */
export function hasFilters(filters: SearchFilters): boolean {
  return Boolean(
    filters.networkId || filters.type || filters.organisationId || filters.from || filters.to,
  )
}

/**
 * Documents the user may see that hold every word (ranked, with a snippet of the text around the words);
 * with no words but filters, every document the filters select, newest first (all besluitenlijsten of
 * all networks, say), with the start of the description as snippet.
 */
export async function searchDocuments(
  user: CurrentUser,
  text: string,
  filters: SearchFilters,
): Promise<SearchResult> {
  const query = toFtsQuery(text)
  if (!query && !hasFilters(filters)) return { total: 0, capped: false, hits: [], pageCount: 1 }
  const visible = Prisma.sql`${visibleDocumentsSql(user)} ${filterSql(filters)}`
  const [from, where, snippet, order] = query
    ? [
        Prisma.sql`FROM "DocumentSearch" s JOIN "Document" d ON d."searchRowId" = s.rowid`,
        Prisma.sql`"DocumentSearch" MATCH ${query} AND ${visible}`,
        Prisma.sql`snippet("DocumentSearch", -1, ${MATCH_START}, ${MATCH_END}, '…', 24)`,
        Prisma.sql`s.rank, d."updatedAt" DESC`,
      ]
    : [
        Prisma.sql`FROM "Document" d`,
        visible,
        Prisma.sql`substr(d."description", 1, 240)`,
        Prisma.sql`d."updatedAt" DESC, d."id"`,
      ]

  // Counting stops past MAX_COUNTED: a count of 9,000 helps nobody, and counting it costs the time.
  const { found, oldest } = query
    ? await newestHits(from, where)
    : { found: await countUpToMax(from, where), oldest: undefined }
  const capped = found > MAX_COUNTED
  const total = Math.min(found, MAX_COUNTED)
  if (total === 0) return { total, capped, hits: [], pageCount: 1 }

  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const offset = (Math.min(filters.page, pageCount) - 1) * PAGE_SIZE
  const ranked =
    capped && oldest !== undefined ? Prisma.sql`${where} AND s.rowid >= ${oldest}` : where
  const hits = await db.$queryRaw<DocumentHit[]>`
    SELECT d."id", d."title", d."type", n."slug" AS "networkSlug", n."shortName" AS "networkShortName",
           o."name" AS "ownerName", d."updatedAt" AS "updatedAt", ${snippet} AS "snippet"
    ${from}
    JOIN "Network" n ON n."id" = d."networkId"
    JOIN "Organisation" o ON o."id" = d."ownerOrganisationId"
    WHERE ${ranked}
    ORDER BY ${order}
    LIMIT ${PAGE_SIZE} OFFSET ${offset}`
  return {
    total,
    capped,
    pageCount,
    // A raw query returns DATETIME columns as Date objects; String() of one is not an ISO date.
    hits: hits.map((h) => ({ ...h, updatedAt: new Date(h.updatedAt).toISOString() })),
  }
}

async function countUpToMax(from: Prisma.Sql, where: Prisma.Sql): Promise<number> {
  const [counted] = await db.$queryRaw<{ total: bigint | number }[]>`
    SELECT count(*) AS total FROM (SELECT 1 ${from} WHERE ${where} LIMIT ${MAX_COUNTED + 1})`
  return Number(counted?.total ?? 0)
}

/**
 * How many hits the user may see (up to MAX_COUNTED + 1) and, past MAX_COUNTED, the search row of the
 * MAX_COUNTED-th newest: only the hits from there on are ranked. Ranking every hit of a common word
 * (44,000 at the bench's scale) took 100 ms and more, ranking the newest 1,000 takes 2 ms, and the pages
 * stop at 1,000 anyway (the page says which these are). A search row's rowid follows the order in which
 * documents were shared, and FTS5 walks its hits by rowid: one walk from the newest down, checking each
 * hit against the access rule, answers both (issue 15: counting and finding the 1,000th were two walks,
 * two thirds of a small network's search, whose visible hits are spread thin among everyone's).
 */
async function newestHits(
  from: Prisma.Sql,
  where: Prisma.Sql,
): Promise<{ found: number; oldest: number | undefined }> {
  const rows = await db.$queryRaw<{ rowId: bigint | number }[]>`
    SELECT s.rowid AS "rowId" ${from} WHERE ${where}
    ORDER BY s.rowid DESC LIMIT ${MAX_COUNTED + 1}`
  const oldest = rows.length > MAX_COUNTED ? rows[MAX_COUNTED - 1] : undefined
  return { found: rows.length, oldest: oldest && Number(oldest.rowId) }
}
