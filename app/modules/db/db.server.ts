import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { getConfig } from '../config/config.server'
import { PrismaClient } from './generated/client'

export type Db = PrismaClient

export function createDb(databasePath: string): PrismaClient {
  // `timeout` is better-sqlite3's busy timeout: a writer waits this long for the lock instead of failing.
  const adapter = new PrismaBetterSqlite3({ url: `file:${databasePath}`, timeout: 5_000 })
  return new PrismaClient({ adapter })
}

/**
 * Sets and then verifies the connection settings Zwin relies on. WAL keeps acknowledged writes safe and
 * lets readers work during a write; foreign keys enforce the relations the schema declares. The page
 * cache (`cacheMb`, SQLITE_CACHE_MB) only makes reads faster.
 */
export async function prepareDb(
  db: PrismaClient,
  cacheMb: number = getConfig().sqliteCacheMb,
): Promise<void> {
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL')
  await db.$executeRawUnsafe('PRAGMA foreign_keys = ON')
  // Negative: a size in KiB rather than a number of pages.
  await db.$executeRawUnsafe(`PRAGMA cache_size = ${-Math.round(cacheMb * 1024)}`)
  const [journal] = await db.$queryRawUnsafe<{ journal_mode: string }[]>('PRAGMA journal_mode')
  const [fk] = await db.$queryRawUnsafe<{ foreign_keys: number | bigint }[]>('PRAGMA foreign_keys')
  const [busy] = await db.$queryRawUnsafe<{ timeout: number | bigint }[]>('PRAGMA busy_timeout')
  const problems: string[] = []
  if (journal?.journal_mode !== 'wal')
    problems.push(`journal_mode is ${journal?.journal_mode}, not wal`)
  if (Number(fk?.foreign_keys) !== 1) problems.push('foreign_keys is off')
  if (!(Number(busy?.timeout) > 0)) problems.push('busy_timeout is 0')
  if (problems.length) throw new Error(`The database is not set up safely: ${problems.join('; ')}`)
}

const globalForDb = globalThis as unknown as { zwinDb?: PrismaClient; zwinDbReady?: Promise<void> }

/** The process-wide client (kept on globalThis so the dev server's reloads do not open new ones). */
export function getDb(): PrismaClient {
  globalForDb.zwinDb ??= createDb(getConfig().databasePath)
  return globalForDb.zwinDb
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = getDb()
    const value = Reflect.get(client, prop)
    return typeof value === 'function' ? value.bind(client) : value
  },
})

/**
 * A date as SQLite holds Prisma DateTimes here (ISO text with an explicit offset), for comparisons in raw
 * SQL: text in the same shape compares in time order.
 */
export function sqlTimestamp(date: Date): string {
  return date.toISOString().replace('Z', '+00:00')
}
