/**
 * The statements the app's SQLite driver really runs, with the values really bound, and their query
 * plans. Prisma's query log is not enough for plans: it shows the values as JSON, and SQLite plans a
 * statement whose LIMIT is bound as an integer (as the adapter binds it) differently from one bound as
 * a number read back from JSON — "recent documents" read the whole Document table that way while the
 * logged query looked indexed.
 *
 * ```ts
 * const statements = await statementsOf(() => loader(...))
 * const plans = explain(t.databasePath, statements)
 * ```
 */
import Database from 'better-sqlite3'
import pg from 'pg'

export type Statement = { sql: string; args: unknown[] }

type Prototype = Record<string, (...args: unknown[]) => unknown>

/** Runs `work`, recording every statement the process executes through better-sqlite3 meanwhile. */
export async function statementsOf(work: () => Promise<unknown>): Promise<Statement[]> {
  const probe = new Database(':memory:')
  const proto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Prototype
  probe.close()
  const bound = new WeakMap<object, unknown[]>()
  const recorded: Statement[] = []
  const originals = new Map<string, (...args: unknown[]) => unknown>()
  for (const name of ['bind', 'all', 'get', 'run', 'iterate']) originals.set(name, proto[name]!)
  proto.bind = function (this: object, ...args: unknown[]) {
    bound.set(this, args)
    return originals.get('bind')!.apply(this, args)
  }
  for (const name of ['all', 'get', 'run', 'iterate']) {
    proto[name] = function (this: { source: string }, ...args: unknown[]) {
      // The adapter passes a query's values as one array (patches/: its statements are kept).
      const values = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args
      recorded.push({ sql: this.source, args: values.length ? values : (bound.get(this) ?? []) })
      return originals.get(name)!.apply(this, args)
    }
  }
  // On PostgreSQL (ZWIN_TEST_DATABASE=postgresql) every statement goes through pg's Client.query; the
  // transaction statements Prisma sends around an interactive transaction are not counted, as
  // better-sqlite3's BEGIN and COMMIT are not.
  const pgQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [config, values] = args as [string | { text: string; values?: unknown[] }, unknown[]?]
    const sql = typeof config === 'string' ? config : config.text
    if (!/^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|SET TRANSACTION)\b/i.test(sql)) {
      recorded.push({ sql, args: (typeof config === 'string' ? values : config.values) ?? [] })
    }
    return pgQuery.apply(this, args)
  } as typeof pg.Client.prototype.query
  try {
    await work()
  } finally {
    for (const [name, original] of originals) proto[name] = original
    pg.Client.prototype.query = pgQuery as typeof pg.Client.prototype.query
  }
  return recorded
}

/** The plan lines of each query (SELECT, or WITH … SELECT), with the same values bound. */
export function explain(
  databasePath: string,
  statements: Statement[],
): { sql: string; plan: string[] }[] {
  const sqlite = new Database(databasePath, { readonly: true })
  try {
    return statements
      .filter((s) => /^\s*(SELECT|WITH)\b/i.test(s.sql))
      .map((s) => ({
        sql: s.sql,
        plan: (
          sqlite.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...s.args) as { detail: string }[]
        ).map((row) => row.detail),
      }))
  } finally {
    sqlite.close()
  }
}

/**
 * Tables that stay small whatever the scale: a network has tens of members, a platform tens of
 * networks. Reading one whole is cheaper than an index would make it.
 */
const SMALL_TABLES = new Set(['Network'])

/** The plan lines that read a whole table: a SCAN of the table itself, not of one of its indexes. */
export function fullScans(plan: string[]): string[] {
  return plan.filter((d) => {
    const table = /^SCAN main\.(\w+)$/.exec(d)?.[1]
    return table !== undefined && !SMALL_TABLES.has(table)
  })
}
