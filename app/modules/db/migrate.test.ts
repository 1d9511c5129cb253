import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { diagnoseMigrationHistory, diff } from '../../../scripts/schema-engine'
import { applyMigrations, MigrationError } from './migrate.server'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const projectMigrations = path.join(root, 'prisma', 'migrations')
// Every migration the project has; the tests hold whatever later issues add.
const projectMigrationNames = fs
  .readdirSync(projectMigrations)
  .filter((name) => fs.existsSync(path.join(projectMigrations, name, 'migration.sql')))
  .sort()
const initName = projectMigrationNames[0]!

let tmp: string
let databasePath: string
let migrationsDir: string

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zwin-migrate-'))
  databasePath = path.join(tmp, 'zwin.sqlite')
  // A private copy of the project's migrations, so a test can add or edit one.
  migrationsDir = path.join(tmp, 'migrations')
  fs.cpSync(projectMigrations, migrationsDir, { recursive: true })
})
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true })
})

function addMigration(name: string, sql: string): void {
  fs.mkdirSync(path.join(migrationsDir, name))
  fs.writeFileSync(path.join(migrationsDir, name, 'migration.sql'), sql)
}

/** Runs `work` on its own connection to the test database and closes it again. */
function withSqlite<T>(work: (db: Database.Database) => T): T {
  const db = new Database(databasePath)
  try {
    return work(db)
  } finally {
    db.close()
  }
}

const tableNames = () =>
  withSqlite((db) =>
    (
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as {
        name: string
      }[]
    ).map((t) => t.name),
  )
const columnNames = (table: string) =>
  withSqlite((db) => (db.pragma(`table_info("${table}")`) as { name: string }[]).map((c) => c.name))
const count = (table: string) =>
  withSqlite((db) => (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n)

function seedNetworkWithMembers(): void {
  withSqlite((db) =>
    db.exec(`
      INSERT INTO "Organisation" (id, slug, name, kind, country, defaultLocale, updatedAt)
        VALUES ('org1', 'zwinstad', 'Zwinstad', 'municipality', 'NL', 'nl-NL', 0);
      INSERT INTO "Network" (id, slug, name, shortName, level, updatedAt)
        VALUES ('net1', 'kust', 'Kustnetwerk', 'Kust', 'regional', 0);
      INSERT INTO "NetworkMembership" (id, networkId, organisationId) VALUES ('m1', 'net1', 'org1');
      INSERT INTO "User" (id, email, name, organisationId, updatedAt)
        VALUES ('u1', 'a@zwinstad.nl', 'An', 'org1', 0);
      INSERT INTO "NetworkRole" (id, userId, networkId, role) VALUES ('r1', 'u1', 'net1', 'coordinator');
    `),
  )
}

describe('applyMigrations', () => {
  test('migrates an empty database and then has nothing left to do', () => {
    expect(applyMigrations({ databasePath, migrationsDir })).toEqual(projectMigrationNames)
    expect(tableNames()).toEqual(
      expect.arrayContaining(['_prisma_migrations', 'Organisation', 'User']),
    )
    expect(withSqlite((db) => db.pragma('journal_mode', { simple: true }))).toBe('wal')

    expect(applyMigrations({ databasePath, migrationsDir })).toEqual([])
    expect(count('_prisma_migrations')).toBe(projectMigrationNames.length)
  })

  test('records migrations the way Prisma does, and Prisma agrees', async () => {
    const before = Date.now()
    applyMigrations({ databasePath, migrationsDir })
    const after = Date.now()

    const ddl = withSqlite(
      (db) =>
        (
          db.prepare(`SELECT sql FROM sqlite_master WHERE name = '_prisma_migrations'`).get() as {
            sql: string
          }
        ).sql,
    )
    // The text of Prisma's schema engine (sqlite connector), column alignment included.
    expect(ddl).toBe(`CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`)

    const rows = withSqlite((db) =>
      db
        .prepare(
          `SELECT *, typeof(started_at) AS startedType, typeof(finished_at) AS finishedType
           FROM _prisma_migrations ORDER BY migration_name`,
        )
        .all(),
    ) as Record<string, unknown>[]
    const checksum = (name: string) =>
      createHash('sha256')
        .update(fs.readFileSync(path.join(migrationsDir, name, 'migration.sql')))
        .digest('hex')
    expect(rows).toEqual(
      projectMigrationNames.map((name) => ({
        id: expect.stringMatching(
          /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        ),
        checksum: checksum(name),
        migration_name: name,
        logs: null,
        rolled_back_at: null,
        applied_steps_count: 1,
        // Native Prisma stores DATETIME as epoch milliseconds on SQLite.
        started_at: expect.any(Number),
        finished_at: expect.any(Number),
        startedType: 'integer',
        finishedType: 'integer',
      })),
    )
    const row = rows[0] as { started_at: number; finished_at: number }
    expect(row.started_at).toBeGreaterThanOrEqual(before)
    expect(row.finished_at).toBeGreaterThanOrEqual(row.started_at)
    expect(row.finished_at).toBeLessThanOrEqual(after)

    // Prisma's own engine reads the table as a complete, unedited history.
    expect(
      await diagnoseMigrationHistory({
        connection: { provider: 'sqlite', databasePath },
        migrationsDir,
      }),
    ).toEqual({
      editedMigrationNames: [],
      failedMigrationNames: [],
      hasMigrationsTable: true,
      history: null,
    })
  })

  test('a failing migration throws and leaves the previous schema and data as they were', () => {
    applyMigrations({ databasePath, migrationsDir })
    seedNetworkWithMembers()
    addMigration(
      '29990101000000_broken',
      `ALTER TABLE "Organisation" ADD COLUMN "motto" TEXT;
       CREATE TABLE "Motto" ("id" TEXT NOT NULL PRIMARY KEY);
       DELETE FROM "NetworkMembership";
       INSERT INTO "NoSuchTable" VALUES (1);`,
    )

    expect(() => applyMigrations({ databasePath, migrationsDir })).toThrow(
      /29990101000000_broken failed and was rolled back[\s\S]*no such table: NoSuchTable/,
    )
    expect(columnNames('Organisation')).not.toContain('motto')
    expect(tableNames()).not.toContain('Motto')
    expect(count('NetworkMembership')).toBe(1)
    // No failed row is left behind, so fixing the file is all it takes to move on.
    expect(count('_prisma_migrations')).toBe(projectMigrationNames.length)

    fs.writeFileSync(
      path.join(migrationsDir, '29990101000000_broken', 'migration.sql'),
      `ALTER TABLE "Organisation" ADD COLUMN "motto" TEXT;`,
    )
    expect(applyMigrations({ databasePath, migrationsDir })).toEqual(['29990101000000_broken'])
    expect(columnNames('Organisation')).toContain('motto')
  })

  test('a migration that leaves a broken foreign key is rolled back', () => {
    applyMigrations({ databasePath, migrationsDir })
    addMigration(
      '29990101000000_orphan',
      `INSERT INTO "Password" ("userId", "hash") VALUES ('ghost', 'x');`,
    )

    expect(() => applyMigrations({ databasePath, migrationsDir })).toThrow(
      /foreign key.*Password → User/,
    )
    expect(count('Password')).toBe(0)
    // The runner restores foreign keys on its connection; the file itself keeps no setting.
    expect(count('_prisma_migrations')).toBe(projectMigrationNames.length)
  })

  test('a table rebuild does not cascade-delete the child rows', async () => {
    applyMigrations({ databasePath, migrationsDir })
    seedNetworkWithMembers()

    // Let Prisma write a real rebuild: SQLite cannot make a column optional in place.
    const schemaPath = path.join(tmp, 'schema.prisma')
    const schema = fs.readFileSync(path.join(root, 'prisma', 'schema.prisma'), 'utf8')
    fs.writeFileSync(schemaPath, schema.replace(/(\n\s+shortName\s+)String\n/, '$1String?\n'))
    const { sql } = await diff(
      { kind: 'migrations', dir: migrationsDir },
      { kind: 'schema', path: schemaPath },
    )
    expect(sql).toContain('DROP TABLE "Network"')

    // The pitfall this guards against: the same SQL inside a transaction with foreign keys on
    // empties the children of Network.
    withSqlite((db) => {
      db.pragma('foreign_keys = ON')
      db.exec('BEGIN')
      db.exec(sql)
      expect(db.prepare(`SELECT count(*) AS n FROM "NetworkMembership"`).get()).toEqual({ n: 0 })
      db.exec('ROLLBACK')
    })

    addMigration('29990101000000_optional_short_name', sql)
    expect(applyMigrations({ databasePath, migrationsDir })).toEqual([
      '29990101000000_optional_short_name',
    ])
    expect(count('NetworkMembership')).toBe(1)
    expect(count('NetworkRole')).toBe(1)
    expect(count('Network')).toBe(1)
  })
})

describe('applyMigrations refuses', () => {
  test('a non-empty database without _prisma_migrations, and leaves it alone', () => {
    withSqlite((db) => db.exec('CREATE TABLE "Legacy" ("id" INTEGER PRIMARY KEY)'))

    expect(() => applyMigrations({ databasePath, migrationsDir })).toThrow(MigrationError)
    expect(() => applyMigrations({ databasePath, migrationsDir })).toThrow(
      /not empty \(table Legacy\)/,
    )
    expect(tableNames()).toEqual(['Legacy'])
  })

  test('migrations written for another provider', () => {
    fs.writeFileSync(path.join(migrationsDir, 'migration_lock.toml'), 'provider = "postgresql"\n')

    expect(() => applyMigrations({ databasePath, migrationsDir })).toThrow(/provider "postgresql"/)
    expect(fs.existsSync(databasePath)).toBe(false)
  })

  test('a database with a failed migration', () => {
    applyMigrations({ databasePath, migrationsDir })
    withSqlite((db) =>
      db.exec(`INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, logs)
               VALUES ('x', 'y', '29990101000000_half', 0, 'boom')`),
    )
    addMigration('29990101000001_next', 'CREATE TABLE "Next" ("id" TEXT NOT NULL PRIMARY KEY);')

    expect(() => applyMigrations({ databasePath, migrationsDir })).toThrow(
      /failed migrations: 29990101000000_half/,
    )
    expect(tableNames()).not.toContain('Next')
  })

  test('an applied migration whose file changed since', () => {
    applyMigrations({ databasePath, migrationsDir })
    fs.appendFileSync(path.join(migrationsDir, initName, 'migration.sql'), '\n-- an afterthought\n')

    expect(() => applyMigrations({ databasePath, migrationsDir })).toThrow(
      new RegExp(`changed after they ran: ${initName}`),
    )
  })

  test('but accepts an applied migration that only gained CRLF line endings', () => {
    applyMigrations({ databasePath, migrationsDir })
    const file = path.join(migrationsDir, initName, 'migration.sql')
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/\n/g, '\r\n'))

    expect(applyMigrations({ databasePath, migrationsDir })).toEqual([])
  })
})
