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

export async function createPostgresDatabase(): Promise<PostgresDatabase> {
  const adminUrl = postgresAdminUrl()
  const name = `zwin_test_${randomBytes(6).toString('hex')}`
  await admin(adminUrl, `CREATE DATABASE "${name}"`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    name,
    drop: () => admin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  }
}

async function admin(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}
