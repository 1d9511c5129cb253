/*
 * The DocumentSearch table (created by hand: FTS5 in the SQLite documents migration, a tsvector in the
 * PostgreSQL search migration): one row per document, rowid = Document.searchRowId. Written in the same
 * transaction as the document itself; the statements are the same on both databases but one.
 */
import { isPostgres } from '../db/db.server'
import { lockUntilCommit } from '../db/locks.server'
import type { Prisma } from '../db/generated/client'

type Tx = Prisma.TransactionClient

export type IndexedFields = { title: string; description: string; tags: string[] }

/**
 * The next free FTS rowid; called inside the transaction that creates the document (one writer). The
 * index is asked too: a row left behind by a document removed some other way must not be reused.
 */
export async function nextSearchRowId(tx: Tx): Promise<number> {
  // Several instances write at once on PostgreSQL: the lock, held to the end of the transaction,
  // keeps two new documents from taking the same number (SQLite's single writer does that there).
  await lockUntilCommit(tx, 'searchRow')
  if (isPostgres(tx)) {
    const [row] = await tx.$queryRaw<{ last: bigint | number | null }[]>`
      SELECT greatest((SELECT max("searchRowId") FROM "Document"),
                      (SELECT max(rowid) FROM "DocumentSearch")) AS "last"`
    return Number(row?.last ?? 0) + 1
  }
  const [row] = await tx.$queryRaw<{ last: bigint | number | null }[]>`
    SELECT max(coalesce((SELECT max("searchRowId") FROM "Document"), 0),
               coalesce((SELECT max(rowid) FROM "DocumentSearch"), 0)) AS "last"`
  return Number(row?.last ?? 0) + 1
}

export async function indexNewDocument(tx: Tx, rowId: number, fields: IndexedFields) {
  await tx.$executeRaw`INSERT INTO "DocumentSearch" (rowid, title, description, tags, body)
    VALUES (${rowId}, ${fields.title}, ${fields.description}, ${fields.tags.join(' ')}, '')`
}

export async function reindexDetails(tx: Tx, rowId: number, fields: IndexedFields) {
  await tx.$executeRaw`UPDATE "DocumentSearch"
    SET title = ${fields.title}, description = ${fields.description}, tags = ${fields.tags.join(' ')}
    WHERE rowid = ${rowId}`
}

/** The text of the document's newest version (empty when it has none). */
export async function reindexBody(tx: Tx, rowId: number, body: string) {
  await tx.$executeRaw`UPDATE "DocumentSearch" SET body = ${body} WHERE rowid = ${rowId}`
}

export async function removeFromIndex(tx: Tx, rowId: number) {
  await tx.$executeRaw`DELETE FROM "DocumentSearch" WHERE rowid = ${rowId}`
}
