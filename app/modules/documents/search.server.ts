/*
 * Full-text search over documents (FTS5), always inside the access rule: the visibility condition is
 * part of the same SQL as the MATCH, so results, counts and snippets can only come from documents the
 * user may see. A user never learns that an invisible document matched.
 */
import { memberNetworkIdsSql, type CurrentUser } from '../access/access.server'
import { visibleDocumentsSql } from '../access/documents.server'
import { db, isPostgres, sqlTimestamp } from '../db/db.server'
import { Prisma } from '../db/generated/client'
import { nextCalendarDay, startOfCalendarDay } from '../projects/milestones'
import { newestHitsPostgres, rankedHitsPostgres, toTsQuery } from './search-postgres.server'
import type { DocumentHit } from './search-hit'
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

export type { DocumentHit }

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
 * When the search gathers the rows of the documents the reader may see first and walks the index
 * against that set, instead of checking each hit against the access rule: when the reader's networks
 * hold at most `atMost` documents, or at most `share` of all documents. See `scopeOf`.
 */
export type GatherRule = { atMost: number; share: number }
const GATHER: GatherRule = { atMost: 5000, share: 1 / 8 }

/**
 * Documents the user may see that hold every word (ranked, with a snippet of the text around the words);
 * with no words but filters, every document the filters select, newest first (all besluitenlijsten of
 * all networks, say), with the start of the description as snippet. `gather` is for tests, which hold
 * both ways of walking the index to the same answers.
 */
export async function searchDocuments(
  user: CurrentUser,
  text: string,
  filters: SearchFilters,
  gather: GatherRule = GATHER,
): Promise<SearchResult> {
  const query = toFtsQuery(text)
  if (!query && !hasFilters(filters)) return { total: 0, capped: false, hits: [], pageCount: 1 }
  const visible = Prisma.sql`${visibleDocumentsSql(user)} ${filterSql(filters)}`

  if (query && isPostgres(db)) return searchDocumentsPostgres(text, visible, filters.page)

  // Counting stops past MAX_COUNTED: a count of 9,000 helps nobody, and counting it costs the time.
  let found: number
  let where: Prisma.Sql
  if (query) {
    const scope = await scopeOf(user, visible, gather)
    const rowIds = await newestHits(query, scope)
    found = rowIds.length
    // Past MAX_COUNTED, only the newest MAX_COUNTED are ranked: a range FTS5 reads directly.
    const oldest = rowIds.length > MAX_COUNTED ? rowIds[MAX_COUNTED - 1] : undefined
    const range = oldest === undefined ? Prisma.empty : Prisma.sql`AND s.rowid >= ${oldest}`
    // Gathered, the hits just found are the ones to rank: no need to gather the set again.
    const ranked = scope.gathered
      ? Prisma.sql`+s.rowid IN (SELECT value FROM json_each(${JSON.stringify(rowIds.slice(0, MAX_COUNTED))}))`
      : scope.condition
    where = Prisma.sql`"DocumentSearch" MATCH ${query} ${range} AND ${ranked}`
  } else {
    const [counted] = await db.$queryRaw<{ total: bigint | number }[]>`
      SELECT count(*) AS total FROM (
        SELECT 1 FROM "Document" d WHERE ${visible} LIMIT ${MAX_COUNTED + 1}) AS "counted"`
    found = Number(counted?.total ?? 0)
    where = visible
  }
  const capped = found > MAX_COUNTED
  const total = Math.min(found, MAX_COUNTED)
  if (total === 0) return { total, capped, hits: [], pageCount: 1 }

  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const offset = (Math.min(filters.page, pageCount) - 1) * PAGE_SIZE
  const [from, snippet, order] = query
    ? [
        Prisma.sql`FROM "DocumentSearch" s JOIN "Document" d ON d."searchRowId" = s.rowid`,
        Prisma.sql`snippet("DocumentSearch", -1, ${MATCH_START}, ${MATCH_END}, '…', 24)`,
        Prisma.sql`s.rank, d."updatedAt" DESC`,
      ]
    : [
        Prisma.sql`FROM "Document" d`,
        Prisma.sql`substr(d."description", 1, 240)`,
        Prisma.sql`d."updatedAt" DESC, d."id"`,
      ]
  const hits = await db.$queryRaw<DocumentHit[]>`
    SELECT d."id", d."title", d."type", n."slug" AS "networkSlug", n."shortName" AS "networkShortName",
           o."name" AS "ownerName", d."updatedAt" AS "updatedAt", ${snippet} AS "snippet"
    ${from}
    JOIN "Network" n ON n."id" = d."networkId"
    JOIN "Organisation" o ON o."id" = d."ownerOrganisationId"
    WHERE ${where}
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

/** searchDocuments with words, on PostgreSQL (search-postgres.server.ts): the same steps and answers. */
async function searchDocumentsPostgres(
  text: string,
  visible: Prisma.Sql,
  requestedPage: number,
): Promise<SearchResult> {
  const tsQuery = toTsQuery(searchWords(text))
  if (!tsQuery) return { total: 0, capped: false, hits: [], pageCount: 1 }
  const rowIds = await newestHitsPostgres(tsQuery, visible, MAX_COUNTED + 1)
  const capped = rowIds.length > MAX_COUNTED
  const total = Math.min(rowIds.length, MAX_COUNTED)
  if (total === 0) return { total, capped, hits: [], pageCount: 1 }
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const offset = (Math.min(requestedPage, pageCount) - 1) * PAGE_SIZE
  const hits = await rankedHitsPostgres(tsQuery, rowIds.slice(0, MAX_COUNTED), {
    limit: PAGE_SIZE,
    offset,
  })
  return {
    total,
    capped,
    pageCount,
    hits: hits.map((h) => ({ ...h, updatedAt: new Date(h.updatedAt).toISOString() })),
  }
}

/**
 * How the walk through the index keeps to the documents the user may see (`visible`, on the alias `d`
 * of the Document a hit belongs to), as a condition on a search row `s`.
 *
 * Checking each hit against the access rule costs a document lookup per hit: cheap for a reader in many
 * networks, whose visible hits come thick, but a small network's reader walks through thousands of
 * others' hits for each of their own (issue 15: 16 ms for a common word at scale 1, and as much again to
 * rank them). When the reader's networks hold few documents, absolutely or as a share of all (counted
 * from indexes, without the rule), the rows of those they may see are gathered once and each hit is
 * looked up in that set (7 ms); for a reader in every network, gathering would cost far more than it
 * saves (94 ms). The share keeps a small network gathered as the installation grows: at scale 2 a P10
 * reader's networks held over 5,000 documents, and the check per hit tripled the search's time.
 */
async function scopeOf(
  user: CurrentUser,
  visible: Prisma.Sql,
  gather: GatherRule,
): Promise<{ gathered: boolean; condition: Prisma.Sql }> {
  // Search rows are numbered as documents are shared: the highest is about how many there are.
  const [all] = await db.$queryRaw<{ n: bigint | number | null }[]>`
    SELECT max("searchRowId") AS n FROM "Document"`
  const atMost = Math.max(gather.atMost, Math.floor(Number(all?.n ?? 0) * gather.share))
  const [inNetworks] = await db.$queryRaw<{ n: bigint | number }[]>`
    SELECT count(*) AS n FROM (
      SELECT 1 FROM "Document" d
      WHERE d."networkId" IN (${memberNetworkIdsSql(user.organisation.id)}) AND d."deletedAt" IS NULL
      LIMIT ${Math.max(0, atMost + 1)}) AS "counted"`
  return Number(inNetworks?.n ?? 0) <= atMost
    ? {
        gathered: true,
        condition: Prisma.sql`+s.rowid IN (SELECT d."searchRowId" FROM "Document" d WHERE ${visible})`,
      }
    : { gathered: false, condition: visible }
}

/**
 * The search rows of the hits the user may see, newest first, up to MAX_COUNTED + 1: their number is
 * the count, and past MAX_COUNTED only the MAX_COUNTED newest are ranked. Ranking every hit of a common
 * word (44,000 at the bench's scale) took 100 ms and more, and the pages stop at 1,000 anyway (the page
 * says which these are). A search row's rowid follows the order in which documents were shared, and
 * FTS5 walks its hits by rowid, so this is one walk from the newest down.
 */
async function newestHits(
  query: string,
  scope: { gathered: boolean; condition: Prisma.Sql },
): Promise<number[]> {
  const from = scope.gathered
    ? Prisma.sql`"DocumentSearch" s`
    : Prisma.sql`"DocumentSearch" s JOIN "Document" d ON d."searchRowId" = s.rowid`
  const rows = await db.$queryRaw<{ rowId: bigint | number }[]>`
    SELECT s.rowid AS "rowId" FROM ${from}
    WHERE "DocumentSearch" MATCH ${query} AND ${scope.condition}
    ORDER BY s.rowid DESC LIMIT ${MAX_COUNTED + 1}`
  return rows.map((row) => Number(row.rowId))
}
