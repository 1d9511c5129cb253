/**
 * A new, empty PostgreSQL database for one test, on the server of ZWIN_POSTGRES_ADMIN_URL (the local
 * server by default, see scripts/postgres-admin.ts). `drop()` removes it, and ends the connections
 * still open to it, so a test that failed halfway leaves nothing behind.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { postgresAdminUrl } from '../../scripts/postgres-admin'

export type PostgresDatabase = {
  /** `postgresql://…/<name>` of the new database. */
  url: string
  name: string
  drop: () => Promise<void>
}

/** A new database: empty, or a copy of `template` (a database nobody is connected to). */
export async function createPostgresDatabase(template?: string): Promise<PostgresDatabase> {
  const adminUrl = postgresAdminUrl()
  const name = `${testDatabasePrefix()}${randomBytes(6).toString('hex')}`
  // Copies of one template are made one at a time: PostgreSQL refuses a copy while another is reading it.
  await admin(
    adminUrl,
    template ? `CREATE DATABASE "${name}" TEMPLATE "${template}"` : `CREATE DATABASE "${name}"`,
    template ? `zwin-template:${template}` : undefined,
  )
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    name,
    drop: () => admin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  }
}

async function admin(adminUrl: string, sql: string, lock?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    if (lock) await client.query(`SELECT pg_advisory_lock(hashtextextended($1, 0))`, [lock])
    await client.query(sql)
  } finally {
    await client.end() // also releases the lock
  }
}

/**
 * The start of this test run's database names (set by the global setup for the whole run): the run's
 * teardown drops whatever a failed test file left behind.
 */
export function testDatabasePrefix(): string {
  return `zwin_test_${process.env.ZWIN_TEST_RUN ?? 'x'}_`
}

/** Drops every database of this run that is still there. */
export async function dropTestDatabases(): Promise<void> {
  const adminUrl = postgresAdminUrl()
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT datname AS name FROM pg_database WHERE starts_with(datname, $1)`,
      [testDatabasePrefix()],
    )
    for (const { name } of rows)
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  } finally {
    await client.end()
  }
}
