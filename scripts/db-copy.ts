/**
 * `npm run db:copy -- --to postgresql://… [--from FILE]`: copies the SQLite installation (the data
 * folder's zwin.sqlite, $ZWIN_DATA_DIR, or FILE) into an empty PostgreSQL database, in one transaction,
 * checked table by table before the commit (app/modules/db/copy-to-postgres.server.ts). The SQLite file
 * stays as it was. Stop the server first: what it writes during the copy is not in the copy.
 *
 * Compiled to build/runtime/db-copy.js by `npm run build`.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { ConfigError, loadBackupConfig } from '../app/modules/config/config.server'
import { CopyError, copySqliteToPostgres } from '../app/modules/db/copy-to-postgres.server'
import { describePostgres } from '../app/modules/db/migrate-database.server'
import { MigrationError } from '../app/modules/db/migrate.server'
import { projectRoot } from './project-root'

const root = projectRoot(import.meta.dirname)

async function fromCommandLine() {
  const { values } = parseArgs({
    options: { to: { type: 'string' }, from: { type: 'string' } },
    allowPositionals: false,
  })
  const url = values.to
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    throw new CopyError(
      'Say where to copy to: npm run db:copy -- --to postgresql://user@host:5432/database',
    )
  }
  const sqlitePath = values.from
    ? path.resolve(values.from)
    : path.join(loadBackupConfig(process.env).dataDir, 'zwin.sqlite')
  const where = describePostgres(url)
  console.info(`Copying ${sqlitePath} to ${where}`)
  const result = await copySqliteToPostgres({
    sqlitePath,
    url,
    sqliteMigrationsDir: path.join(root, 'prisma', 'migrations'),
    postgresMigrationsDir: path.join(root, 'prisma', 'postgresql', 'migrations'),
    log: (line) => console.info(`  ${line}`),
  })
  console.info(
    `Copied ${result.rows} row(s) in ${result.tables.length} tables in ${(result.ms / 1000).toFixed(1)} s; ` +
      'every table has the same number of rows and the same checksum in both databases.\n' +
      `${sqlitePath} is unchanged. To run on PostgreSQL, start every instance with\n` +
      `  DATABASE_URL=${where} (with its user and password)\n` +
      'and the same data folder, whose files/ they share (README, "Several instances behind one address").',
  )
}

try {
  await fromCommandLine()
} catch (error) {
  // These messages are written for the operator; a stack adds nothing.
  const known =
    error instanceof CopyError || error instanceof MigrationError || error instanceof ConfigError
  console.error(known ? error.message : error)
  process.exit(1)
}
