/**
 * Migrating whichever database the configuration names: the SQLite file with prisma/migrations, or
 * PostgreSQL with prisma/postgresql/migrations (docs/decisions/0019-postgresql.md).
 */
import path from 'node:path'
import type { DatabaseConfig } from '../config/config.server'
import { applyPostgresMigrations } from './migrate-postgres.server'
import { applyMigrations, migrationNames } from './migrate.server'

/** The migrations folder for a database, under the project (or build) root. */
export function migrationsDirFor(root: string, database: DatabaseConfig): string {
  return database.provider === 'postgresql'
    ? path.join(root, 'prisma', 'postgresql', 'migrations')
    : path.join(root, 'prisma', 'migrations')
}

export type MigrationResult = {
  /** The migrations this run applied (empty when the database was up to date). */
  applied: string[]
  /** Every migration of this build, in order. */
  known: string[]
  /** The database, for messages: the SQLite file, or the PostgreSQL server and database (no password). */
  where: string
}

export async function migrateDatabase(
  database: DatabaseConfig,
  root: string,
): Promise<MigrationResult> {
  const migrationsDir = migrationsDirFor(root, database)
  if (database.provider === 'postgresql') {
    const applied = await applyPostgresMigrations({ url: database.url, migrationsDir })
    return {
      applied,
      known: migrationNames(migrationsDir, 'postgresql'),
      where: describePostgres(database.url),
    }
  }
  const applied = applyMigrations({ databasePath: database.path, migrationsDir })
  return { applied, known: migrationNames(migrationsDir, 'sqlite'), where: database.path }
}

/** `postgresql://host:port/database`, without the user's password. */
export function describePostgres(url: string): string {
  const parsed = new URL(url)
  return `postgresql://${parsed.host}${parsed.pathname}`
}
