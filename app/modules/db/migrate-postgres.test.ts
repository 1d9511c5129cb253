/**
 * The PostgreSQL migration runner against the real server: what `prisma migrate deploy` would leave,
 * with the same refusals as the SQLite runner, and safe when several instances start at once.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { diagnoseMigrationHistory, diff } from '../../../scripts/schema-engine'
import { createPostgresDatabase, type PostgresDatabase } from '../../../tests/setup/postgres-db'
import { applyPostgresMigrations } from './migrate-postgres.server'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const projectMigrations = path.join(root, 'prisma', 'postgresql', 'migrations')
const projectMigrationNames = fs
  .readdirSync(projectMigrations)
  .filter((name) => fs.existsSync(path.join(projectMigrations, name, 'migration.sql')))
  .sort()

let tmp: string
let migrationsDir: string
let database: PostgresDatabase

beforeEach(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zwin-migrate-pg-'))
  migrationsDir = path.join(tmp, 'migrations')
  fs.cpSync(projectMigrations, migrationsDir, { recursive: true })
  database = await createPostgresDatabase()
})
afterEach(async () => {
  await database.drop()
  fs.rmSync(tmp, { recursive: true, force: true })
})

function addMigration(name: string, sql: string): void {
  fs.mkdirSync(path.join(migrationsDir, name))
  fs.writeFileSync(path.join(migrationsDir, name, 'migration.sql'), sql)
}

async function query<T extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url })
  await client.connect()
  try {
    return (await client.query<T>(sql, values)).rows
  } finally {
    await client.end()
  }
}

const tableNames = async () =>
  (
    await query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    )
  ).map((r) => r.name)

describe('applyPostgresMigrations', () => {
  test('migrates an empty database, records it as Prisma does, and then has nothing to do', async () => {
    const applied = await applyPostgresMigrations({ url: database.url, migrationsDir })

    expect(applied).toEqual(projectMigrationNames)
    expect(await tableNames()).toEqual(
      expect.arrayContaining(['_prisma_migrations', 'Organisation', 'Document', 'Meeting']),
    )
    const rows = await query<{ migration_name: string; applied_steps_count: number }>(
      `SELECT migration_name, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    )
    expect(rows).toEqual(
      projectMigrationNames.map((name) => ({ migration_name: name, applied_steps_count: 1 })),
    )
    // Prisma's own engine reads the table as a complete, unedited history.
    expect(
      await diagnoseMigrationHistory({
        connection: { provider: 'postgresql', url: database.url },
        migrationsDir,
      }),
    ).toEqual({
      editedMigrationNames: [],
      failedMigrationNames: [],
      hasMigrationsTable: true,
      history: null,
    })

    expect(await applyPostgresMigrations({ url: database.url, migrationsDir })).toEqual([])
  })

  test('instances starting at once apply each migration once', async () => {
    const runs = await Promise.all(
      [1, 2, 3].map(() => applyPostgresMigrations({ url: database.url, migrationsDir })),
    )

    expect(runs.flat().sort()).toEqual(projectMigrationNames)
    const [row] = await query<{ n: string }>(`SELECT count(*) AS n FROM "_prisma_migrations"`)
    expect(Number(row?.n)).toBe(projectMigrationNames.length)
  })

  test('a failing migration throws and leaves the previous schema and data as they were', async () => {
    await applyPostgresMigrations({ url: database.url, migrationsDir })
    await query(
      `INSERT INTO "Network" (id, slug, name, "shortName", level, "updatedAt")
       VALUES ('n1', 'gos', 'GOS', 'GOS', 'cross_border', now())`,
    )
    addMigration(
      '29990101000000_broken',
      `ALTER TABLE "Organisation" ADD COLUMN "motto" TEXT;
       CREATE TABLE "Motto" ("id" TEXT NOT NULL PRIMARY KEY);
       DELETE FROM "Network";
       INSERT INTO "NoSuchTable" VALUES (1);`,
    )

    await expect(applyPostgresMigrations({ url: database.url, migrationsDir })).rejects.toThrow(
      /29990101000000_broken failed and was rolled back[\s\S]*"NoSuchTable" does not exist/,
    )
    const columns = await query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'Organisation'`,
    )
    expect(columns.map((c) => c.column_name)).not.toContain('motto')
    expect(await tableNames()).not.toContain('Motto')
    expect(await query(`SELECT id FROM "Network"`)).toEqual([{ id: 'n1' }])
    // No failed row is left behind, so fixing the file is all it takes to move on.
    fs.writeFileSync(
      path.join(migrationsDir, '29990101000000_broken', 'migration.sql'),
      `ALTER TABLE "Organisation" ADD COLUMN "motto" TEXT;`,
    )
    expect(await applyPostgresMigrations({ url: database.url, migrationsDir })).toEqual([
      '29990101000000_broken',
    ])
  })

  test('refuses an applied migration that was edited afterwards', async () => {
    await applyPostgresMigrations({ url: database.url, migrationsDir })
    const first = path.join(migrationsDir, projectMigrationNames[0]!, 'migration.sql')
    fs.appendFileSync(first, '\n-- a change after the fact\n')

    await expect(applyPostgresMigrations({ url: database.url, migrationsDir })).rejects.toThrow(
      `Applied migrations were changed after they ran: ${projectMigrationNames[0]}`,
    )
  })

  test('refuses a database that holds tables but no migration history', async () => {
    await query(`CREATE TABLE "Stranger" (id integer)`)

    await expect(applyPostgresMigrations({ url: database.url, migrationsDir })).rejects.toThrow(
      /is not empty \(Stranger\) but has no _prisma_migrations table/,
    )
    expect(await tableNames()).toEqual(['Stranger'])
  })

  test('refuses the SQLite migrations', async () => {
    await expect(
      applyPostgresMigrations({
        url: database.url,
        migrationsDir: path.join(root, 'prisma', 'migrations'),
      }),
    ).rejects.toThrow(/written for provider "sqlite", but this database is PostgreSQL/)
    expect(await tableNames()).toEqual([])
  })
})

describe('prisma/postgresql', () => {
  test('a freshly migrated database matches the derived schema', async () => {
    await applyPostgresMigrations({ url: database.url, migrationsDir })

    const result = await diff(
      { kind: 'database' },
      { kind: 'schema', path: path.join(root, 'prisma', 'postgresql', 'schema.prisma') },
      { provider: 'postgresql', url: database.url },
    )

    expect(result.sql).toBe('-- This is an empty migration.\n')
    expect(result.isEmpty).toBe(true)
  })
})
