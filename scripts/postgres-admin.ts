import os from 'node:os'

/**
 * A PostgreSQL server where Zwin's tools may create and drop databases: the scratch databases of
 * `npm run migration:new` and of the tests. ZWIN_POSTGRES_ADMIN_URL, or the local server as the user
 * running the tool (as `psql` would connect).
 */
export function postgresAdminUrl(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.ZWIN_POSTGRES_ADMIN_URL
  if (fromEnv) return fromEnv
  return `postgresql://${encodeURIComponent(os.userInfo().username)}@127.0.0.1:5432/postgres`
}
