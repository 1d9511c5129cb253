/**
 * Vitest global setup: migrates one template SQLite file per run, with the same runner production
 * uses. Every test file then starts from a copy of it (tests/setup/test-db.ts), which is much faster
 * than migrating per file and means each file gets a schema identical to production's.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'
import { applyMigrations } from '../../app/modules/db/migrate.server'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated template database of this run; copy it, never open it. */
    zwinTemplateDatabasePath: string
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const outputDir = path.join(root, 'tests', '.output')

export default function setup(project: TestProject): () => void {
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

  return () => {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(templatePath + suffix, { force: true })
  }
}
