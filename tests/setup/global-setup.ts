/**
 * Vitest global setup: migrates one template SQLite file per run, with the same runner production
 * uses. Every test file then starts from a copy of it (tests/setup/test-db.ts), which is much faster
 * than migrating per file and means each file gets a schema identical to production's.
 *
 * With ZWIN_TEST_DATABASE=postgresql the run is on PostgreSQL instead: the template is a database on the
 * server of ZWIN_POSTGRES_ADMIN_URL, migrated the same way, and each file gets a database made from it.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'
import { applyPostgresMigrations } from '../../app/modules/db/migrate-postgres.server'
import { applyMigrations } from '../../app/modules/db/migrate.server'
import { createPostgresDatabase, dropTestDatabases } from './postgres-db'
import { testDatabaseProvider } from './sqlite-only'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated template database of this run; copy it, never open it. */
    zwinTemplateDatabasePath: string
    /** On a PostgreSQL run: the name of the migrated template database; never connect to it. */
    zwinTemplatePostgresDatabase: string | undefined
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const outputDir = path.join(root, 'tests', '.output')

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!fs.existsSync(path.join(root, 'app/modules/db/generated/client.ts'))) {
    throw new Error('The Prisma client is missing: run `npm run prisma:generate` before the tests.')
  }
  fs.mkdirSync(outputDir, { recursive: true })
  // A name per run, so two test runs in the same checkout never copy each other's half-built file.
  const templatePath = path.join(outputDir, `template-${process.pid}-${Date.now()}.sqlite`)
  applyMigrations({
    databasePath: templatePath,
    migrationsDir: path.join(root, 'prisma', 'migrations'),
  })
  project.provide('zwinTemplateDatabasePath', templatePath)

  // Inherited by the test files' processes: their databases' names start with it.
  process.env.ZWIN_TEST_RUN = randomBytes(4).toString('hex')
  const postgres =
    testDatabaseProvider() === 'postgresql' ? await createPostgresDatabase() : undefined
  if (postgres) {
    await applyPostgresMigrations({
      url: postgres.url,
      migrationsDir: path.join(root, 'prisma', 'postgresql', 'migrations'),
    })
  }
  project.provide('zwinTemplatePostgresDatabase', postgres?.name)

  return async () => {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(templatePath + suffix, { force: true })
    if (postgres) await dropTestDatabases()
  }
}
