/**
 * A real, migrated SQLite database for one test file: a copy of the template that
 * tests/setup/global-setup.ts migrated for this run, in a fresh data folder of its own.
 *
 * ```ts
 * import { createTestDatabase, type TestDatabase } from '../../tests/setup/test-db' // relative to the test
 *
 * let t: TestDatabase
 * beforeAll(async () => {
 *   t = await createTestDatabase()
 * })
 * afterAll(() => t.cleanup())
 *
 * test('…', async () => {
 *   await t.db.organisation.create({ data: { … } }) // or call app modules: they use the same database
 * })
 * ```
 *
 * Call it once per test file, before anything reads the configuration: it points `ZWIN_DATA_DIR` at the
 * new folder, and `getConfig()` caches what it first sees. Vitest runs each file in its own process
 * (pool "forks"), so files never share a database or a cached config.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { inject } from 'vitest'
import { getConfig } from '../../app/modules/config/config.server'
import { createDb, prepareDb, type Db } from '../../app/modules/db/db.server'
import { createPostgresDatabase } from './postgres-db'

export type TestDatabase = {
  /** The SQLite file, `<dataDir>/zwin.sqlite`. */
  databasePath: string
  /** The data folder, also in `process.env.ZWIN_DATA_DIR`; a test may write mail or files here. */
  dataDir: string
  /** A client on the database, prepared like the app's (WAL, foreign keys, busy timeout). */
  db: Db
  /** Disconnects and deletes the data folder. */
  cleanup: () => Promise<void>
  /**
   * Runs one statement on a connection of its own, outside Prisma, as an import script would; `?` for
   * each value, on either database.
   */
  runOwn: (statement: string, ...values: unknown[]) => Promise<void>
  /** The database of this run (ZWIN_TEST_DATABASE). */
  provider: 'sqlite' | 'postgresql'
}

// db.server.ts keeps its process-wide client here; setting it makes the app's `db` this same client.
const globalForDb = globalThis as unknown as { zwinDb?: Db }

export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwin-test-'))
  const databasePath = path.join(dataDir, 'zwin.sqlite')
  fs.copyFileSync(inject('zwinTemplateDatabasePath'), databasePath)
  process.env.ZWIN_DATA_DIR = dataDir
  // A PostgreSQL run (ZWIN_TEST_DATABASE=postgresql): the app's database is a copy of the template.
  const template = inject('zwinTemplatePostgresDatabase')
  const postgres = template ? await createPostgresDatabase(template) : undefined
  if (postgres) process.env.DATABASE_URL = postgres.url

  // Fails loudly instead of letting the app quietly use another database (or the developer's own).
  const configured = getConfig().databasePath
  if (configured !== databasePath) {
    fs.rmSync(dataDir, { recursive: true, force: true })
    throw new Error(
      `The configuration was read before createTestDatabase() (it points at ${configured}). ` +
        'Call createTestDatabase() once per test file, in beforeAll, before app code reads getConfig().',
    )
  }

  const db = createDb(getConfig().database)
  await prepareDb(db)
  globalForDb.zwinDb = db

  const cleanup = async () => {
    if (globalForDb.zwinDb === db) delete globalForDb.zwinDb
    await db.$disconnect()
    await postgres?.drop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  const runOwn = async (statement: string, ...values: unknown[]) => {
    if (postgres) {
      let n = 0
      const client = new pg.Client({ connectionString: postgres.url })
      await client.connect()
      try {
        await client.query(
          statement.replace(/\?/g, () => `$${++n}`),
          values,
        )
      } finally {
        await client.end()
      }
      return
    }
    const sqlite = new Database(databasePath)
    try {
      sqlite.prepare(statement).run(...values)
    } finally {
      sqlite.close()
    }
  }
  const provider = postgres ? 'postgresql' : 'sqlite'
  return { databasePath, dataDir, db, cleanup, runOwn, provider }
}
