/**
 * `npm run db:copy`: a seeded SQLite installation moved into a real, empty PostgreSQL database, read
 * back through the PostgreSQL client. Runs in both test runs, as it needs both databases.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { createPostgresDatabase, type PostgresDatabase } from '../../../tests/setup/postgres-db'
import { seedFreshDataDir } from '../../../tests/setup/seeded-data-dir'
import { CopyError, copySqliteToPostgres } from './copy-to-postgres.server'
import { createDb, type Db } from './db.server'
import { Prisma } from './generated/client'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const migrationsDirs = {
  sqliteMigrationsDir: path.join(root, 'prisma', 'migrations'),
  postgresMigrationsDir: path.join(root, 'prisma', 'postgresql', 'migrations'),
}
const WORD = 'kreekruggenproject' // in no seeded text

let dir: string
let seeded: string
const databases: PostgresDatabase[] = []
const clients: Db[] = []

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwin-db-copy-'))
  seeded = (await seedFreshDataDir(path.join(dir, 'data'))).databasePath
})
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.$disconnect()))
})
afterAll(async () => {
  for (const database of databases) await database.drop()
  fs.rmSync(dir, { recursive: true, force: true })
})

/** The demo installation, with what the seed leaves out: nested agenda items, approved minutes, text. */
async function installation(name: string): Promise<string> {
  const file = path.join(dir, `${name}.sqlite`)
  fs.copyFileSync(seeded, file)
  const sqlite = new Database(file)
  try {
    const items = sqlite
      .prepare('SELECT id, meetingId FROM AgendaItem ORDER BY meetingId, position')
      .all() as { id: string; meetingId: string }[]
    const [first, second] = items
    sqlite.prepare('UPDATE AgendaItem SET parentId = ? WHERE id = ?').run(first!.id, second!.id)
    const meetings = sqlite.prepare('SELECT id FROM Meeting ORDER BY startsAt').all() as {
      id: string
    }[]
    sqlite
      .prepare('UPDATE Meeting SET minutesApprovedInId = ?, minutesApprovedAt = ? WHERE id = ?')
      .run(meetings[1]!.id, '2026-11-02T09:30:00.000+00:00', meetings[0]!.id)
    sqlite
      .prepare(
        'UPDATE DocumentSearch SET body = ? WHERE rowid = (SELECT min(searchRowId) FROM Document)',
      )
      .run(`Afspraken over het ${WORD} tussen Sluis en Maldegem.`)
    sqlite.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    sqlite.close()
  }
  return file
}

async function emptyDatabase(): Promise<PostgresDatabase> {
  const database = await createPostgresDatabase()
  databases.push(database)
  return database
}

function client(database: string | PostgresDatabase): Db {
  const created = createDb(
    typeof database === 'string'
      ? database
      : { provider: 'postgresql', url: database.url, poolSize: 2 },
  )
  clients.push(created)
  return created
}

async function query<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  values: unknown[] = [],
) {
  const connection = new pg.Client({ connectionString: url })
  await connection.connect()
  try {
    return (await connection.query<T>(sql, values)).rows
  } finally {
    await connection.end()
  }
}

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex')

/** Every record of every model, as the app reads it, in an order both databases agree on. */
async function everything(db: Db): Promise<Record<string, string[]>> {
  const models: Record<string, string[]> = {}
  for (const model of Object.values(Prisma.ModelName)) {
    // A counter the goal triggers move at every change, on each database by its own count: a new
    // value is all a reader asks of it.
    if (model === 'GoalsVersion') continue
    const delegate = (db as unknown as Record<string, { findMany: () => Promise<unknown[]> }>)[
      model.charAt(0).toLowerCase() + model.slice(1)
    ]!
    models[model] = (await delegate.findMany()).map((record) => JSON.stringify(record)).sort()
  }
  return models
}

test('copies every row into an empty database, reads back the same through the app’s client, and leaves the SQLite file as it was', async () => {
  const file = await installation('demo')
  const before = sha256(file)
  const target = await emptyDatabase()

  const result = await copySqliteToPostgres({
    sqlitePath: file,
    url: target.url,
    ...migrationsDirs,
  })

  expect(sha256(file)).toBe(before)
  const source = new Database(file, { readonly: true })
  try {
    for (const table of result.tables) {
      const { n } = source.prepare(`SELECT count(*) AS n FROM "${table.table}"`).get() as {
        n: number
      }
      expect(table.rows, table.table).toBe(n)
    }
  } finally {
    source.close()
  }
  expect(result.rows).toBeGreaterThan(100)

  const fromSqlite = await everything(client(file))
  const fromPostgres = await everything(client(target))
  expect(Object.keys(fromPostgres).length).toBeGreaterThan(30)
  for (const model of Object.keys(fromSqlite)) {
    expect(fromPostgres[model], model).toEqual(fromSqlite[model])
  }
  const nested = await client(target).agendaItem.findMany({ where: { parentId: { not: null } } })
  expect(nested).toHaveLength(1)
  const approved = await client(target).meeting.findMany({
    where: { minutesApprovedInId: { not: null } },
  })
  expect(approved.map((m) => m.minutesApprovedAt?.toISOString())).toEqual([
    '2026-11-02T09:30:00.000Z',
  ])

  // The search index came along: PostgreSQL's own vector finds the word, the triggers made the
  // meeting search texts.
  const hits = await query<{ id: string }>(
    target.url,
    `SELECT d.id FROM "DocumentSearch" s JOIN "Document" d ON d."searchRowId" = s.rowid
     WHERE s.vector @@ plainto_tsquery('zwin_nl', $1)`,
    [WORD],
  )
  const searched = await client(target).document.findFirstOrThrow({
    orderBy: { searchRowId: 'asc' },
  })
  expect(hits).toEqual([{ id: searched.id }])
  const meeting = await client(target).meeting.findFirstOrThrow({ orderBy: { startsAt: 'asc' } })
  const texts = await query<{ meetingId: string }>(
    target.url,
    `SELECT "meetingId" FROM "MeetingSearchText" WHERE "sourceId" = $1`,
    [meeting.id],
  )
  expect(texts).toEqual([{ meetingId: meeting.id }])
})

test('refuses a database that already holds rows, and changes nothing in it', async () => {
  const file = await installation('twice')
  const target = await emptyDatabase()
  await copySqliteToPostgres({ sqlitePath: file, url: target.url, ...migrationsDirs })
  const organisations = await client(target).organisation.count()

  const again = copySqliteToPostgres({ sqlitePath: file, url: target.url, ...migrationsDirs })
  await expect(again).rejects.toThrow(CopyError)
  await expect(again).rejects.toThrow(/already holds data .*nothing was copied/)
  expect(await client(target).organisation.count()).toBe(organisations)
})

test('copies in one transaction: a row that cannot go in leaves the database without any row', async () => {
  const file = await installation('broken')
  // A row whose meeting is gone, as a file written with foreign keys off could hold.
  const sqlite = new Database(file)
  sqlite.pragma('foreign_keys = OFF')
  sqlite.prepare("UPDATE ActionItem SET meetingId = 'gone' WHERE rowid = 1").run()
  sqlite.close()
  const target = await emptyDatabase()

  await expect(
    copySqliteToPostgres({ sqlitePath: file, url: target.url, ...migrationsDirs }),
  ).rejects.toThrow(/Copying ActionItem failed: .*foreign key/)
  expect(await client(target).organisation.count()).toBe(0)
  expect(await client(target).meeting.count()).toBe(0)
  // Migrated all the same, so the next try can go ahead once the file is put right.
  const migrated = await query(target.url, 'SELECT 1 FROM "_prisma_migrations"')
  expect(migrated.length).toBeGreaterThan(0)
})

test('refuses a SQLite file that misses a migration, before touching the target', async () => {
  const file = await installation('old')
  const sqlite = new Database(file)
  sqlite
    .prepare(
      'DELETE FROM "_prisma_migrations" WHERE migration_name = (SELECT max(migration_name) FROM "_prisma_migrations")',
    )
    .run()
  sqlite.close()
  const target = await emptyDatabase()

  await expect(
    copySqliteToPostgres({ sqlitePath: file, url: target.url, ...migrationsDirs }),
  ).rejects.toThrow(/is not up to date .*npm run db:migrate/)
  const tables = await query(target.url, `SELECT 1 FROM pg_tables WHERE schemaname = 'public'`)
  expect(tables).toEqual([])
})
