/**
 * `npm run db:migrate` (also part of `npm start`): brings the configured SQLite file
 * up to prisma/migrations. A failure exits with 1, so the server never starts on a half-known schema.
 */
import path from 'node:path'
import { loadConfig } from '../app/modules/config/config.server'
import { applyMigrations } from '../app/modules/db/migrate.server'
import { projectRoot } from './project-root'

const root = projectRoot(import.meta.dirname)

try {
  const { databasePath } = loadConfig()
  const applied = applyMigrations({
    databasePath,
    migrationsDir: path.join(root, 'prisma', 'migrations'),
  })
  if (applied.length === 0) {
    console.log(`Database up to date (${databasePath})`)
  } else {
    console.log(`Applied ${applied.length} migration(s) to ${databasePath}:`)
    for (const name of applied) console.log(`  ${name}`)
  }
} catch (error) {
  // The messages of ConfigError and MigrationError are written for the operator; a stack adds nothing.
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
