/**
 * Moving an installation from SQLite to PostgreSQL (`npm run db:copy`, docs/decisions/0019-postgresql.md):
 * every row of the SQLite file goes into an empty PostgreSQL database, in one transaction, and is checked
 * there before the commit: the same number of rows per table, and the same checksum over their values.
 *
 * The SQLite file is opened read-only and read in one read transaction (one consistent moment, even if
 * something else still writes to it); nothing in it changes. The target gets Zwin's PostgreSQL migrations
 * first (outside the copy's transaction, as `npm run db:migrate` would), and must then hold no rows.
 */
import { createHash } from 'node:crypto'
import Database from 'better-sqlite3'
import pg from 'pg'
import { describePostgres } from './migrate-database.server'
import { applyPostgresMigrations } from './migrate-postgres.server'
import { appliedRows, readMigrations, type MigrationRow } from './migrate.server'

export class CopyError extends Error {
  override name = 'CopyError'
}

export type CopyOptions = {
  /** The SQLite file of the installation. */
  sqlitePath: string
  /** `postgresql://…` of an empty (or only migrated) database. */
  url: string
  /** prisma/migrations, to check the SQLite file is up to date. */
  sqliteMigrationsDir: string
  /** prisma/postgresql/migrations, applied to the target first. */
  postgresMigrationsDir: string
  log?: (line: string) => void
}

export type CopiedTable = { table: string; rows: number; checksum: string }
export type CopyResult = { tables: CopiedTable[]; rows: number; ms: number }

/**
 * Not copied, because the target makes them itself: its migration history, the goals' version counter
 * (its triggers move it), and the meeting search (SQLite's FTS5 index and its text table; PostgreSQL's
 * triggers fill MeetingSearchText from the meetings and agenda items as they arrive, checked below).
 */
const MADE_BY_TARGET = new Set([
  '_prisma_migrations',
  'GoalsVersion',
  'MeetingSearch',
  'MeetingSearchText',
])

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table. */
const BATCH_ROWS = 500

type Column = { name: string; type: string; deferred: boolean }
type Table = { name: string; columns: Column[]; primaryKey: string[] }

export async function copySqliteToPostgres(options: CopyOptions): Promise<CopyResult> {
  const started = Date.now()
  const log = options.log ?? (() => undefined)
  const sqlite = openSource(options.sqlitePath, options.sqliteMigrationsDir)
  try {
    const applied = await applyPostgresMigrations({
      url: options.url,
      migrationsDir: options.postgresMigrationsDir,
    })
    if (applied.length > 0)
      log(`Migrated ${describePostgres(options.url)}: ${applied.length} migration(s)`)
    const client = new pg.Client({ connectionString: options.url })
    client.on('error', () => undefined) // a broken connection fails the query under way instead
    await client.connect()
    try {
      await client.query('BEGIN')
      try {
        // One moment of the SQLite file for every table, until the copy is checked.
        sqlite.exec('BEGIN')
        const tables = await targetTables(client)
        checkSameTables(sqlite, tables)
        await refuseRows(client, tables)
        const copied: CopiedTable[] = []
        for (const table of tables) {
          const source = await copyTable(sqlite, client, table)
          log(`${table.name}: ${source.rows} row(s)`)
          copied.push(source)
        }
        for (const table of tables) await fillDeferred(sqlite, client, table)
        for (const [i, table] of tables.entries()) await verify(client, table, copied[i]!)
        await verifyMeetingSearch(sqlite, client)
        await client.query('COMMIT')
        const rows = copied.reduce((sum, t) => sum + t.rows, 0)
        return { tables: copied, rows, ms: Date.now() - started }
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined)
        throw error
      } finally {
        if (sqlite.inTransaction) sqlite.exec('COMMIT')
      }
    } finally {
      await client.end().catch(() => undefined)
    }
  } finally {
    sqlite.close()
  }
}

/** The SQLite file, read-only, with every migration of this build applied (and no others). */
function openSource(sqlitePath: string, migrationsDir: string): Database.Database {
  let sqlite: Database.Database
  try {
    sqlite = new Database(sqlitePath, { readonly: true, fileMustExist: true })
  } catch (error) {
    throw new CopyError(`Cannot open the SQLite file ${sqlitePath}: ${(error as Error).message}`)
  }
  try {
    const rows = sqlite
      .prepare(
        `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
      )
      .all() as MigrationRow[]
    const done = new Set(appliedRows(rows).map((r) => r.migration_name))
    const known = readMigrations(migrationsDir, 'sqlite').map((m) => m.name)
    const missing = known.filter((name) => !done.has(name))
    const unknown = [...done].filter((name) => !known.includes(name))
    if (missing.length > 0) {
      throw new CopyError(
        `${sqlitePath} is not up to date (${missing.length} migration(s) missing, the first ${missing[0]}): ` +
          'run `npm run db:migrate` with this data folder first.',
      )
    }
    if (unknown.length > 0) {
      throw new CopyError(
        `${sqlitePath} was migrated by a newer Zwin (${unknown.join(', ')}): copy it with that version.`,
      )
    }
    return sqlite
  } catch (error) {
    sqlite.close()
    if (error instanceof CopyError) throw error
    throw new CopyError(`${sqlitePath} is not a Zwin database: ${(error as Error).message}`)
  }
}

/**
 * The target's tables in the order their foreign keys allow (parents first), each with its columns and
 * their types. A column that refers to its own table (an agenda item's parent, the meeting whose
 * minutes were approved in this one) is deferred: filled once all the table's rows are there.
 */
async function targetTables(client: pg.Client): Promise<Table[]> {
  const { rows: columns } = await client.query<{
    table: string
    column: string
    type: string
    generated: boolean
  }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
            a.attgenerated <> '' AS generated
     FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE c.relkind = 'r'
     ORDER BY c.relname, a.attnum`,
  )
  const { rows: constraints } = await client.query<{
    kind: 'f' | 'p'
    table: string
    parent: string | null
    columns: string[]
  }>(
    `SELECT con.contype AS kind, c.relname AS table, p.relname AS parent,
            array(SELECT attname FROM pg_attribute
                  WHERE attrelid = con.conrelid AND attnum = ANY(con.conkey) ORDER BY attnum)::text[] AS columns
     FROM pg_constraint con
     JOIN pg_class c ON c.oid = con.conrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
     LEFT JOIN pg_class p ON p.oid = con.confrelid
     WHERE con.contype IN ('f', 'p')`,
  )
  const tables = new Map<string, Table>()
  for (const row of columns) {
    if (MADE_BY_TARGET.has(row.table) || row.generated) continue
    const table = tables.get(row.table) ?? { name: row.table, columns: [], primaryKey: [] }
    table.columns.push({ name: row.column, type: row.type, deferred: false })
    tables.set(row.table, table)
  }
  const parents = new Map<string, Set<string>>([...tables.keys()].map((name) => [name, new Set()]))
  for (const constraint of constraints) {
    const table = tables.get(constraint.table)
    if (!table) continue
    if (constraint.kind === 'p') table.primaryKey = constraint.columns
    else if (constraint.parent === constraint.table) {
      for (const column of table.columns) {
        if (constraint.columns.includes(column.name)) column.deferred = true
      }
    } else if (constraint.parent) parents.get(constraint.table)!.add(constraint.parent)
  }
  // Parents first; a cycle between tables would need deferred columns across them, which Zwin has none of.
  const ordered: Table[] = []
  const placed = new Set<string>()
  while (placed.size < tables.size) {
    const ready = [...tables.values()].filter(
      (t) => !placed.has(t.name) && [...parents.get(t.name)!].every((p) => placed.has(p)),
    )
    if (ready.length === 0) {
      const left = [...tables.keys()].filter((name) => !placed.has(name))
      throw new CopyError(`The foreign keys between ${left.join(', ')} form a cycle.`)
    }
    for (const table of ready.sort((a, b) => a.name.localeCompare(b.name))) {
      ordered.push(table)
      placed.add(table.name)
    }
  }
  return ordered
}

/** The SQLite file has exactly the target's tables and columns (both from the same data model). */
function checkSameTables(sqlite: Database.Database, tables: Table[]): void {
  const listed = sqlite.pragma('table_list') as { name: string; type: string; schema: string }[]
  const sourceTables = listed
    .filter((t) => t.schema === 'main' && (t.type === 'table' || t.type === 'virtual'))
    .map((t) => t.name)
    .filter((name) => !name.startsWith('sqlite_') && !MADE_BY_TARGET.has(name))
  const targetNames = new Set(tables.map((t) => t.name))
  const onlySource = sourceTables.filter((name) => !targetNames.has(name))
  const onlyTarget = [...targetNames].filter((name) => !sourceTables.includes(name))
  if (onlySource.length > 0 || onlyTarget.length > 0) {
    throw new CopyError(
      'The SQLite file and the PostgreSQL schema have different tables ' +
        `(only in SQLite: ${onlySource.join(', ') || 'none'}; only in PostgreSQL: ${onlyTarget.join(', ') || 'none'}).`,
    )
  }
  for (const table of tables) {
    const sourceColumns = (
      sqlite.pragma(`table_info(${quote(table.name)})`) as { name: string }[]
    ).map((c) => c.name)
    // An FTS5 table (DocumentSearch) lists its text columns; its rowid is the target's "rowid" column.
    const targetColumns = table.columns.map((c) => c.name).filter((name) => name !== 'rowid')
    const differ =
      sourceColumns.length !== targetColumns.length ||
      sourceColumns.some((name) => !targetColumns.includes(name))
    if (differ) {
      throw new CopyError(
        `Table ${table.name} has other columns in the SQLite file (${sourceColumns.join(', ')}) ` +
          `than in PostgreSQL (${targetColumns.join(', ')}).`,
      )
    }
  }
}

async function refuseRows(client: pg.Client, tables: Table[]): Promise<void> {
  const filled: string[] = []
  for (const table of tables) {
    const { rows } = await client.query(`SELECT 1 FROM ${quote(table.name)} LIMIT 1`)
    if (rows.length > 0) filled.push(table.name)
  }
  if (filled.length > 0) {
    throw new CopyError(
      `The PostgreSQL database already holds data (${filled.slice(0, 5).join(', ')}` +
        `${filled.length > 5 ? ', …' : ''}): db:copy only fills an empty database, so nothing was copied.`,
    )
  }
}

async function copyTable(
  sqlite: Database.Database,
  client: pg.Client,
  table: Table,
): Promise<CopiedTable> {
  const select = table.columns.map((c) => quote(c.name)).join(', ')
  const statement = sqlite.prepare(`SELECT ${select} FROM ${quote(table.name)}`).raw(true)
  const digest = new RowDigest()
  let batch: unknown[][] = []
  const flush = async () => {
    if (batch.length === 0) return
    await insertRows(client, table, batch)
    batch = []
  }
  for (const raw of statement.iterate() as IterableIterator<unknown[]>) {
    const row = table.columns.map((column, i) => toTarget(table, column, raw[i]))
    digest.add(row)
    batch.push(table.columns.map((column, i) => (column.deferred ? null : row[i])))
    if (batch.length === BATCH_ROWS) await flush()
  }
  await flush()
  return { table: table.name, rows: digest.rows, checksum: digest.hex() }
}

async function insertRows(client: pg.Client, table: Table, rows: unknown[][]): Promise<void> {
  const width = table.columns.length
  const values = rows
    .map((_, r) => `(${table.columns.map((_, c) => `$${r * width + c + 1}`).join(', ')})`)
    .join(', ')
  const columns = table.columns.map((c) => quote(c.name)).join(', ')
  try {
    await client.query(
      `INSERT INTO ${quote(table.name)} (${columns}) VALUES ${values}`,
      rows.flat(),
    )
  } catch (error) {
    throw new CopyError(`Copying ${table.name} failed: ${(error as Error).message}`, {
      cause: error,
    })
  }
}

/** The self-references, once every row of the table is there. */
async function fillDeferred(
  sqlite: Database.Database,
  client: pg.Client,
  table: Table,
): Promise<void> {
  const deferred = table.columns.filter((c) => c.deferred)
  if (deferred.length === 0) return
  const key = table.primaryKey.map((name) => table.columns.find((c) => c.name === name)!)
  if (key.length !== 1)
    throw new CopyError(`${table.name} refers to itself without a one-column key.`)
  const id = key[0]!
  for (const column of deferred) {
    const pairs = sqlite
      .prepare(
        `SELECT ${quote(id.name)}, ${quote(column.name)} FROM ${quote(table.name)}
         WHERE ${quote(column.name)} IS NOT NULL`,
      )
      .raw(true)
      .all() as [unknown, unknown][]
    for (let i = 0; i < pairs.length; i += 5_000) {
      const slice = pairs.slice(i, i + 5_000)
      await client.query(
        `UPDATE ${quote(table.name)} SET ${quote(column.name)} = v.value
         FROM unnest($1::${id.type}[], $2::${column.type}[]) AS v(id, value)
         WHERE ${quote(table.name)}.${quote(id.name)} = v.id`,
        [slice.map((p) => p[0]), slice.map((p) => p[1])],
      )
    }
  }
}

/** Reads the copied rows back inside the transaction: the same count, the same values. */
async function verify(client: pg.Client, table: Table, source: CopiedTable): Promise<void> {
  const digest = new RowDigest()
  const select = table.columns.map((c) => quote(c.name)).join(', ')
  await client.query(
    `DECLARE zwin_copy NO SCROLL CURSOR FOR SELECT ${select} FROM ${quote(table.name)}`,
  )
  for (;;) {
    const { rows } = await client.query<unknown[]>({
      text: 'FETCH 2000 FROM zwin_copy',
      rowMode: 'array',
    })
    for (const row of rows) digest.add(row)
    if (rows.length < 2000) break
  }
  await client.query('CLOSE zwin_copy')
  if (digest.rows !== source.rows || digest.hex() !== source.checksum) {
    throw new CopyError(
      `${table.name} does not read back as it was copied (${source.rows} row(s) sent, ` +
        `${digest.rows} found; checksum ${digest.hex() === source.checksum ? 'equal' : 'different'}). ` +
        'Nothing was copied.',
    )
  }
}

/** The target's triggers made one meeting search text per meeting and agenda item, as SQLite has. */
async function verifyMeetingSearch(sqlite: Database.Database, client: pg.Client): Promise<void> {
  const source = (
    sqlite.prepare('SELECT count(*) AS n FROM "MeetingSearchText"').get() as { n: number }
  ).n
  const { rows } = await client.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM "MeetingSearchText"',
  )
  if (rows[0]!.n !== source) {
    throw new CopyError(
      `The meeting search holds ${rows[0]!.n} text(s) after the copy instead of ${source}. Nothing was copied.`,
    )
  }
}

/**
 * A value of the SQLite file as the target column takes it. SQLite keeps booleans as 0 and 1 and Prisma
 * keeps times as ISO text there; raw SQL and older rows may hold other shapes of a time.
 */
function toTarget(table: Table, column: Column, value: unknown): unknown {
  if (value === null) return null
  const where = () => `${table.name}.${column.name}`
  if (column.type === 'boolean') {
    if (value === 1 || value === 0) return value === 1
    throw new CopyError(`${where()} holds ${JSON.stringify(value)}, which is not a boolean.`)
  }
  if (column.type.startsWith('timestamp') || column.type === 'date') {
    const time = toTime(value)
    if (time === undefined) {
      throw new CopyError(`${where()} holds ${JSON.stringify(value)}, which is not a time.`)
    }
    return time
  }
  return value
}

function toTime(value: unknown): Date | undefined {
  let time: Date
  if (typeof value === 'number') time = new Date(value)
  else if (typeof value !== 'string') return undefined
  else if (/^\d{4}-\d{2}-\d{2}$/.test(value)) time = new Date(`${value}T00:00:00Z`)
  else {
    // SQLite's own shape (`2026-12-08 10:00:00`) has no zone: it is UTC.
    const iso = value.replace(/^(\d{4}-\d{2}-\d{2}) /, '$1T')
    time = new Date(/(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? iso : `${iso}Z`)
  }
  return Number.isNaN(time.getTime()) ? undefined : time
}

/**
 * A checksum over a table's rows in any order (the two databases sort text differently): the sum of
 * each row's sha256, modulo 2^256, over a canonical form of its values.
 */
class RowDigest {
  rows = 0
  private sum = 0n

  add(row: unknown[]): void {
    const canonical = JSON.stringify(row.map(canonicalValue))
    const hash = createHash('sha256').update(canonical).digest('hex')
    this.sum = (this.sum + BigInt(`0x${hash}`)) & ((1n << 256n) - 1n)
    this.rows++
  }

  hex(): string {
    return this.sum.toString(16).padStart(64, '0')
  }
}

function canonicalValue(value: unknown): unknown {
  if (value instanceof Date) return { time: value.toISOString() }
  if (Buffer.isBuffer(value)) return { bytes: value.toString('base64') }
  if (typeof value === 'bigint') return { integer: value.toString() }
  return value
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`
}
