/**
 * Applies `prisma/postgresql/migrations/<name>/migration.sql` to a PostgreSQL database: the job of
 * `prisma migrate deploy`, as migrate.server.ts does it for SQLite, with the same rules and the same
 * `_prisma_migrations` bookkeeping Prisma itself writes (docs/decisions/0019-postgresql.md).
 *
 * Several instances may start at once against one database: an advisory lock lets one of them migrate
 * while the others wait, then find nothing left to do. Each migration runs in one transaction
 * (PostgreSQL's DDL is transactional), so a failure leaves the previous schema behind.
 */
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import {
  appliedRows,
  checkHistory,
  MigrationError,
  readMigrations,
  type MigrationFile,
  type MigrationRow,
} from './migrate.server'

export type ApplyPostgresMigrationsOptions = {
  /** `postgresql://…` of the database; it must exist (empty or migrated by Zwin). */
  url: string
  /** The folder holding `migration_lock.toml` and one `<name>/migration.sql` per migration. */
  migrationsDir: string
}

// Copied from Prisma's schema engine (postgres connector), so the table is indistinguishable from its own.
const MIGRATIONS_TABLE_DDL = `CREATE TABLE "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);
`

/** The advisory lock key of migrating (any fixed bigint; the text says whose it is). */
const MIGRATION_LOCK = "hashtextextended('zwin:migrate', 0)"

/** Applies the pending migrations in name order and returns their names (empty when up to date). */
export async function applyPostgresMigrations({
  url,
  migrationsDir,
}: ApplyPostgresMigrationsOptions): Promise<string[]> {
  const migrations = readMigrations(migrationsDir, 'postgresql')
  const client = new pg.Client({ connectionString: url })
  // A connection that breaks while idle must not become an uncaught 'error' event.
  client.on('error', () => undefined)
  await client.connect()
  try {
    await client.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`)
    try {
      await ensureMigrationsTable(client)
      checkHistory(await readRows(client), migrations)
      const applied: string[] = []
      for (const migration of migrations) {
        if (await applyOne(client, migration)) applied.push(migration.name)
      }
      return applied
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`)
    }
  } finally {
    await client.end()
  }
}

async function ensureMigrationsTable(client: pg.Client): Promise<void> {
  if (await tableExists(client, '_prisma_migrations')) return
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v', 'm', 'S', 'p')
     ORDER BY c.relname LIMIT 6`,
  )
  if (rows.length > 0) {
    // Prisma's P3005: applying migrations on top of an unknown schema would break in odd ways.
    const names = rows.slice(0, 5).map((r) => r.name)
    throw new MigrationError(
      `The database ${client.database ?? ''} is not empty (${names.join(', ')}${rows.length > 5 ? ', …' : ''}) ` +
        `but has no _prisma_migrations table, so its schema is unknown. ` +
        `Use an empty database, or baseline this one first.`,
    )
  }
  await client.query(MIGRATIONS_TABLE_DDL)
}

async function applyOne(client: pg.Client, migration: MigrationFile): Promise<boolean> {
  // Under the advisory lock no other Zwin migrates, but a row may have appeared before we took it.
  if (appliedRows(await readRows(client)).some((r) => r.migration_name === migration.name)) {
    return false
  }
  await client.query('BEGIN')
  try {
    const startedAt = new Date()
    // A simple query (no parameters) may hold many statements, as a migration.sql does.
    await client.query(migration.sql)
    await client.query(
      `INSERT INTO "_prisma_migrations"
         (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)`,
      [randomUUID(), migration.checksum, migration.name, startedAt],
    )
    await client.query('COMMIT')
    return true
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    const reason = error instanceof Error ? error.message : String(error)
    throw new MigrationError(
      `Migration ${migration.name} failed and was rolled back; the database is as it was before it.\n` +
        `  ${reason}`,
      { cause: error },
    )
  }
}

async function readRows(client: pg.Client): Promise<MigrationRow[]> {
  const { rows } = await client.query<MigrationRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"
     ORDER BY started_at`,
  )
  return rows
}

async function tableExists(client: pg.Client, name: string): Promise<boolean> {
  const { rows } = await client.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [
    `"${name}"`,
  ])
  return rows[0]?.present === true
}
