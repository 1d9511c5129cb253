/*
 * Full-text search over documents on PostgreSQL: the twin of the FTS5 search in search.server.ts, on
 * the DocumentSearch table of prisma/postgresql/migrations/…_search (a tsvector with the zwin_nl
 * configuration: Dutch stems, accents removed; a GIN index). The same rules: every word must occur, the
 * last one also as the start of a longer word; the access rule is part of the same SQL as the match; past
 * MAX_COUNTED only the newest MAX_COUNTED hits are ranked; a match in the title weighs most.
 */
import type { Prisma as PrismaTypes } from '../db/generated/client'
import { Prisma } from '../db/generated/client'
import { db } from '../db/db.server'
import { MATCH_END, MATCH_START } from './search-marks'
import type { DocumentHit } from './search-hit'

/**
 * The user's words as a tsquery for to_tsquery: every word must occur, the last one (of three letters
 * or more) also as a prefix. searchWords leaves letters and digits only, so nothing typed is an
 * operator. Null when nothing is left.
 */
export function toTsQuery(words: string[]): string | null {
  if (words.length === 0) return null
  return words.map((w, i) => (i === words.length - 1 && w.length >= 3 ? `${w}:*` : w)).join(' & ')
}

// The text a snippet is cut from: as FTS5's snippet(-1), whichever column holds the words.
const SNIPPET_TEXT = Prisma.sql`concat_ws(' · ', s."title", nullif(s."description", ''),
  nullif(s."tags", ''), left(s."body", 200000))`
const SNIPPET_OPTIONS = `StartSel="${MATCH_START}", StopSel="${MATCH_END}", MaxWords=24, MinWords=12, ShortWord=2, MaxFragments=1, FragmentDelimiter="…"`

/** A hit as the query returns it: its time as PostgreSQL's driver gives it. */
export type PostgresHitRow = Omit<DocumentHit, 'updatedAt'> & { updatedAt: Date | string }

/**
 * The search rows of the hits the user may see (`visible`, on the alias `d`), newest first, up to
 * `limit`: their number is the count, and the last of the first `MAX_COUNTED` bounds what is ranked.
 */
export async function newestHitsPostgres(
  tsQuery: string,
  visible: PrismaTypes.Sql,
  limit: number,
): Promise<number[]> {
  const rows = await db.$queryRaw<{ rowId: number | bigint }[]>`
    SELECT s.rowid AS "rowId" FROM "DocumentSearch" s JOIN "Document" d ON d."searchRowId" = s.rowid
    WHERE s."vector" @@ to_tsquery('zwin_nl', ${tsQuery}) AND ${visible}
    ORDER BY s.rowid DESC LIMIT ${limit}`
  return rows.map((row) => Number(row.rowId))
}

/** One page of the ranked hits among `rowIds` (the newest hits found by newestHitsPostgres). */
export async function rankedHitsPostgres(
  tsQuery: string,
  rowIds: number[],
  page: { limit: number; offset: number },
): Promise<PostgresHitRow[]> {
  return db.$queryRaw<PostgresHitRow[]>`
    SELECT d."id", d."title", d."type", n."slug" AS "networkSlug", n."shortName" AS "networkShortName",
           o."name" AS "ownerName", d."updatedAt" AS "updatedAt",
           ts_headline('zwin_nl', ${SNIPPET_TEXT}, q, ${SNIPPET_OPTIONS}) AS "snippet"
    FROM "DocumentSearch" s
    CROSS JOIN to_tsquery('zwin_nl', ${tsQuery}) q
    JOIN "Document" d ON d."searchRowId" = s.rowid
    JOIN "Network" n ON n."id" = d."networkId"
    JOIN "Organisation" o ON o."id" = d."ownerOrganisationId"
    WHERE s.rowid = ANY(${rowIds}::int[]) AND s."vector" @@ q
    ORDER BY ts_rank(s."vector", q) DESC, d."updatedAt" DESC, d."id"
    LIMIT ${page.limit} OFFSET ${page.offset}`
}
