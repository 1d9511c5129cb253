/**
 * `npm run db:migrate` (also part of `npm start`): brings the configured database (the SQLite file, or
 * PostgreSQL when DATABASE_URL is set) up to its migrations. A failure exits with 1, so the server never
 * starts on a half-known schema.
 */
import { loadConfig } from '../app/modules/config/config.server'
import { migrateDatabase } from '../app/modules/db/migrate-database.server'
import { projectRoot } from './project-root'

const root = projectRoot(import.meta.dirname)

try {
  const { applied, where } = await migrateDatabase(loadConfig().database, root)
  if (applied.length === 0) {
    console.log(`Database up to date (${where})`)
  } else {
    console.log(`Applied ${applied.length} migration(s) to ${where}:`)
    for (const name of applied) console.log(`  ${name}`)
  }
} catch (error) {
  // The messages of ConfigError and MigrationError are written for the operator; a stack adds nothing.
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
