import { db } from './db.server'

/** True when the database answers a query and its schema is in place. */
export async function checkDatabase(): Promise<boolean> {
  try {
    await db.$queryRawUnsafe('SELECT 1 FROM "Organisation" LIMIT 1')
    return true
  } catch {
    return false
  }
}
