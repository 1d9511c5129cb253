/**
 * Applies `prisma/migrations/<name>/migration.sql` to the SQLite file: the job of `prisma migrate deploy`,
 * whose native engine cannot be downloaded here (docs/decisions/0002-offline-prisma.md).
 *
 * The bookkeeping in `_prisma_migrations` is what Prisma itself writes, so a machine that has the real
 * CLI can take over the same database later. Where we differ, we are stricter: each migration runs in
 * one transaction, so a failure leaves the previous schema (and no failed row) behind.
 */
import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

export class MigrationError extends Error {
  override name = 'MigrationError'
}

export type ApplyMigrationsOptions = {
  /** The SQLite file; created when missing. */
  databasePath: string
  /** The folder holding `migration_lock.toml` and one `<name>/migration.sql` per migration. */
  migrationsDir: string
}

// Copied from Prisma's schema engine (sqlite connector), so the table is indistinguishable from its own.
const MIGRATIONS_TABLE_DDL = `CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);
`

export type MigrationFile = { name: string; sql: string; checksum: string }
export type MigrationRow = {
  migration_name: string
  checksum: string
  finished_at: number | Date | null
  rolled_back_at: number | Date | null
}
export type MigrationProvider = 'sqlite' | 'postgresql'
const providerNames: Record<MigrationProvider, string> = {
  sqlite: 'SQLite',
  postgresql: 'PostgreSQL',
}

/** Applies the pending migrations in name order and returns their names (empty when up to date). */
export function applyMigrations({ databasePath, migrationsDir }: ApplyMigrationsOptions): string[] {
  const migrations = readMigrations(migrationsDir, 'sqlite')
  fs.mkdirSync(path.dirname(path.resolve(databasePath)), { recursive: true })
  // The timeout lets us wait for a running app's write instead of failing on a locked database.
  const db = new Database(databasePath, { timeout: 5_000 })
  try {
    db.pragma('journal_mode = WAL')
    // Under the write lock, so two starting processes cannot both find the database empty.
    db.transaction(() => ensureMigrationsTable(db)).immediate()
    checkHistory(readRows(db), migrations)
    const applied: string[] = []
    for (const migration of migrations) {
      if (applyOne(db, migration)) applied.push(migration.name)
    }
    return applied
  } finally {
    db.close()
  }
}

/** The names of the migrations in the folder, in the order they apply (for the readiness check). */
export function migrationNames(
  migrationsDir: string,
  provider: MigrationProvider = 'sqlite',
): string[] {
  return readMigrations(migrationsDir, provider).map((m) => m.name)
}

/** Prisma's checksum: the sha256 of the file's bytes, in lower-case hex. */
export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql, 'utf8').digest('hex')
}

/** The migrations of a folder written for `provider`, in the order they apply. */
export function readMigrations(
  migrationsDir: string,
  provider: MigrationProvider,
): MigrationFile[] {
  if (!fs.existsSync(migrationsDir)) {
    throw new MigrationError(`No migrations folder at ${migrationsDir}.`)
  }
  checkLockfile(migrationsDir, provider)
  return (
    fs
      .readdirSync(migrationsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      // Same order as the Prisma CLI uses when it lists the folder.
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((entry) => {
        const file = path.join(migrationsDir, entry.name, 'migration.sql')
        if (!fs.existsSync(file)) {
          throw new MigrationError(`Migration ${entry.name} has no migration.sql (${file}).`)
        }
        const sql = fs.readFileSync(file, 'utf8')
        return { name: entry.name, sql, checksum: migrationChecksum(sql) }
      })
  )
}

function checkLockfile(migrationsDir: string, expected: MigrationProvider): void {
  const lockPath = path.join(migrationsDir, 'migration_lock.toml')
  if (!fs.existsSync(lockPath)) return // Prisma accepts a folder without one, and so do we.
  const provider = /^\s*provider\s*=\s*"([^"]*)"/m.exec(fs.readFileSync(lockPath, 'utf8'))?.[1]
  if (provider !== expected) {
    throw new MigrationError(
      `${lockPath} says the migrations were written for provider "${provider ?? '(none)'}", ` +
        `but this database is ${providerNames[expected]}. These migrations cannot be applied here.`,
    )
  }
}

function ensureMigrationsTable(db: Database.Database): void {
  if (tableExists(db, '_prisma_migrations')) return
  const objects = db
    .prepare(
      `SELECT type, name FROM sqlite_master
       WHERE name NOT LIKE 'sqlite_%' AND type IN ('table', 'view', 'index', 'trigger')`,
    )
    .all() as { type: string; name: string }[]
  if (objects.length > 0) {
    // Prisma's P3005: applying migrations on top of an unknown schema would break in odd ways.
    const names = objects.slice(0, 5).map((o) => `${o.type} ${o.name}`)
    throw new MigrationError(
      `The database ${db.name} is not empty (${names.join(', ')}${objects.length > 5 ? ', …' : ''}) ` +
        `but has no _prisma_migrations table, so its schema is unknown. ` +
        `Use an empty database, or baseline this one first.`,
    )
  }
  db.exec(MIGRATIONS_TABLE_DDL)
}

/** Refuses a history with a failed migration, or an applied one whose file has been edited since. */
export function checkHistory(rows: MigrationRow[], migrations: MigrationFile[]): void {
  const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null)
  if (failed.length > 0) {
    // Prisma's P3009: a half-applied migration needs a person to decide what happened.
    throw new MigrationError(
      `The database has failed migrations: ${failed.map((r) => r.migration_name).join(', ')}. ` +
        `Fix the database, then mark them rolled back (set rolled_back_at) before migrating again.`,
    )
  }
  const files = new Map(migrations.map((m) => [m.name, m]))
  const edited = appliedRows(rows)
    .filter((row) => {
      const file = files.get(row.migration_name)
      return file !== undefined && !checksumMatches(file.sql, row.checksum)
    })
    .map((row) => row.migration_name)
  if (edited.length > 0) {
    throw new MigrationError(
      `Applied migrations were changed after they ran: ${edited.join(', ')}. ` +
        `Restore their migration.sql and put the change in a new migration (npm run migration:new).`,
    )
  }
}

// Prisma's rule (schema-connector/src/checksum.rs): a Git checkout may have changed the line endings
// either way, which does not count as an edit.
function checksumMatches(sql: string, checksum: string): boolean {
  return [sql, sql.replace(/\r\n/g, '\n'), sql.replace(/\n/g, '\r\n')].some(
    (variant) => migrationChecksum(variant) === checksum,
  )
}

/** Runs one migration in its own transaction; false when another process applied it first. */
function applyOne(db: Database.Database, migration: MigrationFile): boolean {
  // PRAGMA foreign_keys is a no-op inside a transaction, and Prisma's table rebuilds (DROP TABLE +
  // rename) rely on it being off: with it on, the DROP fires ON DELETE CASCADE on the child rows.
  const foreignKeysWereOn = db.pragma('foreign_keys', { simple: true }) === 1
  db.pragma('foreign_keys = OFF')
  try {
    // IMMEDIATE takes the write lock up front, so the "already applied?" answer stays true until commit.
    db.exec('BEGIN IMMEDIATE')
    try {
      if (appliedRows(readRows(db)).some((r) => r.migration_name === migration.name)) {
        db.exec('ROLLBACK')
        return false
      }
      const startedAt = Date.now()
      db.exec(migration.sql)
      checkForeignKeys(db)
      // Prisma stores DATETIME as epoch milliseconds on SQLite; one migration is one "step" for it.
      db.prepare(
        `INSERT INTO "_prisma_migrations"
           (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
         VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
      ).run(randomUUID(), migration.checksum, Date.now(), migration.name, startedAt)
      db.exec('COMMIT')
      return true
    } catch (error) {
      // Some SQLite errors end the transaction themselves; a second ROLLBACK would hide the real error.
      if (db.inTransaction) db.exec('ROLLBACK')
      const reason = error instanceof Error ? error.message : String(error)
      throw new MigrationError(
        `Migration ${migration.name} failed and was rolled back; the database is as it was before it.\n` +
          `  ${reason}`,
        { cause: error },
      )
    }
  } finally {
    if (foreignKeysWereOn) db.pragma('foreign_keys = ON')
  }
}

function checkForeignKeys(db: Database.Database): void {
  const violations = db.pragma('foreign_key_check') as { table: string; parent: string }[]
  if (violations.length === 0) return
  const pairs = [...new Set(violations.map((v) => `${v.table} → ${v.parent}`))]
  throw new Error(
    `${violations.length} row(s) would break a foreign key after this migration (${pairs.join(', ')}).`,
  )
}

function readRows(db: Database.Database): MigrationRow[] {
  return db
    .prepare(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"
       ORDER BY started_at`,
    )
    .all() as MigrationRow[]
}

export function appliedRows(rows: MigrationRow[]): MigrationRow[] {
  return rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null)
}

function tableExists(db: Database.Database, name: string): boolean {
  return (
    db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !==
    undefined
  )
}
