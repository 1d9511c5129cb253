import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { getConfig, type DatabaseConfig } from '../config/config.server'
import { log } from '../observability/logger.server'
import { PrismaClient, type Prisma } from './generated/client'
import { PrismaClient as PostgresPrismaClient } from './generated-pg/client'

export type Db = PrismaClient

/** A client on a SQLite file (a path), or on the configured database. */
export function createDb(database: string | DatabaseConfig): PrismaClient {
  const target: DatabaseConfig =
    typeof database === 'string' ? { provider: 'sqlite', path: database } : database
  if (target.provider === 'postgresql') return createPostgresDb(target.url, target.poolSize)
  // `timeout` is better-sqlite3's busy timeout: a writer waits this long for the lock instead of failing.
  const adapter = new PrismaBetterSqlite3({ url: `file:${target.path}`, timeout: 5_000 })
  return new PrismaClient({ adapter })
}

/**
 * The PostgreSQL client: generated from the same data model (prisma/postgresql/schema.prisma is derived
 * from prisma/schema.prisma), so its API is the SQLite client's and the app sees one type. One pool of
 * `poolSize` connections per instance.
 */
function createPostgresDb(url: string, poolSize: number): PrismaClient {
  const adapter = new PrismaPg(
    { connectionString: url, max: poolSize },
    {
      // A pooled connection the server closes while idle is replaced at the next query; say so only.
      onPoolError: (error) =>
        log.warn({ err: error }, 'a PostgreSQL connection in the pool failed'),
    },
  )
  return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient
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
  if (isPostgres(db)) return preparePostgres(db)
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

/** The oldest PostgreSQL Zwin is tested on (docs/decisions/0019-postgresql.md). */
const POSTGRES_MIN_VERSION = 150000

async function preparePostgres(db: PrismaClient): Promise<void> {
  const [row] = await db.$queryRawUnsafe<{ version: string }[]>(
    `SELECT current_setting('server_version_num') AS version`,
  )
  const version = Number(row?.version)
  if (!(version >= POSTGRES_MIN_VERSION)) {
    throw new Error(
      `Zwin needs PostgreSQL 15 or newer; this server is ${row?.version ?? 'unknown'}.`,
    )
  }
}

/** Which database a client talks to: the few places that differ ask this (docs/decisions/0019-postgresql.md). */
export function isPostgres(db: PrismaClient | Prisma.TransactionClient): boolean {
  return (db as unknown as { _activeProvider?: string })._activeProvider === 'postgresql'
}

const globalForDb = globalThis as unknown as { zwinDb?: PrismaClient; zwinDbReady?: Promise<void> }

/** The process-wide client (kept on globalThis so the dev server's reloads do not open new ones). */
export function getDb(): PrismaClient {
  globalForDb.zwinDb ??= createDb(getConfig().database)
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
