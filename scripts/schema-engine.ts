/**
 * Prisma's schema engine, run as WebAssembly, for the one job the Prisma CLI cannot do on a machine
 * without Prisma's binary CDN: computing the SQL between two states of the schema.
 * See docs/decisions/0002-offline-prisma.md.
 *
 * The wasm comes from the installed `prisma` package (same engine commit as the CLI, so the SQL is what
 * `prisma migrate dev` would write); the JS glue comes from `@prisma/schema-engine-wasm`, whose import
 * table matches that wasm.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils'
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg'
import type {
  DiagnoseMigrationHistoryOutput,
  DiffTarget,
  MigrationList,
  SchemaEngine as WasmSchemaEngine,
} from '@prisma/schema-engine-wasm'

/** Where one side of a diff comes from. */
export type SchemaSource =
  | { kind: 'empty' }
  /** A migrations folder, replayed on a shadow database (in memory, or a new PostgreSQL database). */
  | { kind: 'migrations'; dir: string }
  /** The live database the engine is connected to, introspected as it is. */
  | { kind: 'database' }
  /** A `schema.prisma` file. */
  | { kind: 'schema'; path: string }

/**
 * The database the engine talks to. For SQLite: a file (`database` sources) or nothing. For PostgreSQL:
 * a server; `url` names a database there, which `database` sources introspect and in which the engine
 * creates (and drops) its shadow databases.
 */
export type EngineConnection =
  { provider: 'sqlite'; databasePath?: string } | { provider: 'postgresql'; url: string }

const sqlite: EngineConnection = { provider: 'sqlite' }

export type SchemaDiff = {
  /** True when both sides describe the same database schema. */
  isEmpty: boolean
  /** The SQL that turns `from` into `to` (only a comment, when empty). */
  sql: string
}

/**
 * Tables our migrations create by hand because Prisma cannot model them: the FTS5 indexes of documents
 * and of meetings with the shadow tables SQLite keeps for them, and the texts the meeting index reads
 * (kept by triggers). Diffs ignore them (Prisma's "external tables"), so the drift test passes and
 * `migration:new` never writes a DROP for them.
 */
export const handWrittenTables = [
  ...['DocumentSearch', 'MeetingSearch'].flatMap((name) => [
    name,
    ...['config', 'content', 'data', 'docsize', 'idx'].map((shadow) => `${name}_${shadow}`),
  ]),
  'MeetingSearchText',
]
/**
 * The same for PostgreSQL, whose engine wants them with their schema: the search tables its own
 * migrations create by hand (the tsvector index of documents, the texts of meetings).
 */
export const handWrittenPostgresTables = ['DocumentSearch', 'MeetingSearchText'].map(
  (name) => `public.${name}`,
)
function filtersFor(connection: EngineConnection) {
  const externalTables =
    connection.provider === 'postgresql' ? handWrittenPostgresTables : handWrittenTables
  return { externalTables, externalEnums: [] }
}
// Stands in where the engine wants a schema but neither side of the diff is one.
function bareSchema(connection: EngineConnection) {
  return {
    path: 'schema.prisma',
    content: `datasource db {\n  provider = "${connection.provider}"\n}\n`,
  }
}

/** The SQL that turns `from` into `to`, as `prisma migrate diff --script --exit-code` would print it. */
export async function diff(
  from: SchemaSource,
  to: SchemaSource,
  connection: EngineConnection = sqlite,
): Promise<SchemaDiff> {
  const schemaFiles = [from, to].flatMap((s) => (s.kind === 'schema' ? [readSchema(s.path)] : []))
  return withEngine(connection, schemaFiles, async (engine) => {
    const result = await engine.diff({
      from: toTarget(from, connection),
      to: toTarget(to, connection),
      script: true,
      exitCode: true,
      filters: filtersFor(connection),
    })
    // With exitCode set, the engine answers 2 for "there is a difference" and 0 for "none".
    return { isEmpty: result.exitCode === 0, sql: result.stdout ?? '' }
  })
}

/**
 * Prisma's own reading of a database's `_prisma_migrations` against a migrations folder (what
 * `prisma migrate status` reports). Tests use it to prove our runner's bookkeeping satisfies Prisma.
 */
export async function diagnoseMigrationHistory(options: {
  connection: EngineConnection
  migrationsDir: string
}): Promise<DiagnoseMigrationHistoryOutput> {
  return withEngine(options.connection, [], (engine) =>
    engine.diagnoseMigrationHistory({
      migrationsList: readMigrationList(options.migrationsDir),
      optInToShadowDatabase: false,
      filters: filtersFor(options.connection),
    }),
  )
}

/** The migrations folder in the shape the Prisma CLI hands to the engine (same reading rules). */
export function readMigrationList(dir: string): MigrationList {
  const baseDir = path.resolve(dir)
  const lockPath = path.join(baseDir, 'migration_lock.toml')
  const lockfile = {
    path: 'migration_lock.toml',
    content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null,
  }
  const entries = fs.existsSync(baseDir) ? fs.readdirSync(baseDir, { withFileTypes: true }) : []
  const migrationDirectories = entries
    .filter((e) => e.isDirectory())
    .map((e) => {
      const file = path.join(baseDir, e.name, 'migration.sql')
      const content = fs.existsSync(file)
        ? { tag: 'ok' as const, value: fs.readFileSync(file, 'utf8') }
        : { tag: 'error' as const, value: `${file} does not exist` }
      return { path: e.name, migrationFile: { path: 'migration.sql', content } }
    })
    .sort((a, b) => a.path.localeCompare(b.path))
  return { baseDir, lockfile, migrationDirectories, shadowDbInitScript: '' }
}

function readSchema(schemaPath: string) {
  return { path: path.resolve(schemaPath), content: fs.readFileSync(schemaPath, 'utf8') }
}

function toTarget(source: SchemaSource, connection: EngineConnection): DiffTarget {
  switch (source.kind) {
    case 'empty':
      return { tag: 'empty' }
    case 'migrations': {
      const list = readMigrationList(source.dir)
      // No history yet is an empty schema; the engine would instead ask for a migration_lock.toml.
      return list.migrationDirectories.length ? { tag: 'migrations', ...list } : { tag: 'empty' }
    }
    case 'database':
      // `--from-config-datasource` in CLI terms: the engine asks the adapter for the live database.
      // (The old `url` target is refused by Prisma 7.)
      return { tag: 'schemaDatasource', files: [bareSchema(connection)], configDir: process.cwd() }
    case 'schema':
      return { tag: 'schemaDatamodel', files: [readSchema(source.path)] }
  }
}

let wasmReady = false

// Importing the .wasm as an ES module needs an experimental Node flag, so the module is instantiated by
// hand with the glue as its import object, the way the glue's own entry file would do it.
function loadWasm(): void {
  if (wasmReady) return
  // Without this registry a Rust panic surfaces as "reading 'set_message'" instead of its message.
  const registry = {
    message: '',
    set_message(m: string) {
      registry.message = m
    },
    get: () => registry.message,
  }
  const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: typeof registry }
  g.PRISMA_WASM_PANIC_REGISTRY ??= registry

  const require = createRequire(import.meta.url)
  const prismaDir = path.dirname(require.resolve('prisma/package.json'))
  const bytes = fs.readFileSync(path.join(prismaDir, 'build', 'schema_engine_bg.wasm'))
  const imports = { './schema_engine_bg.js': glue } as unknown as WebAssembly.Imports
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), imports)
  const glueInternals = glue as unknown as { __wbg_set_wasm(exports: WebAssembly.Exports): void }
  glueInternals.__wbg_set_wasm(instance.exports)
  ;(instance.exports as { __wbindgen_start(): void }).__wbindgen_start()
  wasmReady = true
}

// The engine reaches a live database only through the adapter it is created with, so the adapter opens
// the database in play (or an unused in-memory one); one engine per call keeps that simple.
async function withEngine<T>(
  connection: EngineConnection,
  schemaFiles: { path: string; content: string }[],
  work: (engine: WasmSchemaEngine) => Promise<T>,
): Promise<T> {
  const databasePath = connection.provider === 'sqlite' ? connection.databasePath : undefined
  if (databasePath !== undefined && !fs.existsSync(databasePath)) {
    throw new Error(`No database at ${databasePath}`)
  }
  loadWasm()
  // The engine panics in some commands without a datamodel, so it always gets one.
  const bare = bareSchema(connection)
  const datamodels: [string, string][] = schemaFiles.length
    ? schemaFiles.map((f) => [f.path, f.content])
    : [[bare.path, bare.content]]
  const log = (line: string) => {
    if (process.env.ZWIN_SCHEMA_ENGINE_DEBUG) console.error(line)
  }
  const adapters =
    connection.provider === 'postgresql'
      ? trackedAdapterFactory(postgresAdapterFactory(connection.url), wholeScripts)
      : scriptAwareAdapterFactory(databasePath ?? ':memory:')
  const bound = bindMigrationAwareSqlAdapterFactory(adapters.factory)
  const engine = await glue.SchemaEngine.new({ datamodels }, log, bound)
  try {
    return await work(engine)
  } finally {
    engine.free()
    await adapters.disposeAll()
  }
}

/**
 * The better-sqlite3 adapter, changed in one place: the engine replays a whole migration.sql with a
 * single parameter-free `executeRaw`, which better-sqlite3 refuses ("more than one statement"); such
 * calls go to `executeScript` instead. It also remembers every connection so the caller can close them.
 */
function scriptAwareAdapterFactory(databasePath: string) {
  return trackedAdapterFactory(
    new PrismaBetterSqlite3({ url: `file:${databasePath}` }),
    (adapter) => {
      const executeRaw = adapter.executeRaw.bind(adapter)
      adapter.executeRaw = async (query) => {
        try {
          return await executeRaw(query)
        } catch (error) {
          const multiple =
            error instanceof RangeError && /more than one statement/.test(error.message)
          if (!multiple || query.args.length > 0) throw error
          await adapter.executeScript(query.sql)
          return 0
        }
      }
      return adapter
    },
  )
}

/**
 * adapter-pg runs a script by splitting it at every `;`, which cuts a function body (`$$ … ; … $$`) of
 * our hand-written migrations apart. PostgreSQL takes a whole script as one simple query, so it goes
 * to the driver in one piece.
 */
function wholeScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const driver = (adapter as unknown as { underlyingDriver(): pg.Pool }).underlyingDriver()
  adapter.executeScript = async (script) => {
    await driver.query(script)
  }
  return adapter
}

/**
 * adapter-pg's factory with its shadow database made here: adapter-pg drops the shadow database while
 * its own pool still holds a connection to it, which PostgreSQL refuses, and leaves it behind. Here the
 * pool is closed first, and the database dropped after.
 */
function postgresAdapterFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  const config = postgresConfig(url)
  const inner = new PrismaPg(config)
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => inner.connect(),
    connectToShadowDb: async () => {
      const name = `zwin_shadow_${randomBytes(8).toString('hex')}`
      await adminQuery(config, `CREATE DATABASE "${name}"`)
      const adapter = await new PrismaPg({ ...config, database: name }).connect()
      const dispose = adapter.dispose.bind(adapter)
      adapter.dispose = async () => {
        await dispose()
        await adminQuery(config, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      }
      return adapter
    },
  }
}

async function adminQuery(config: pg.ClientConfig, sql: string): Promise<void> {
  const client = new pg.Client(config)
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/**
 * The server and database of a `postgresql://` URL as separate settings: pg reads a `connectionString`
 * over the separate settings, so a copy with another `database` would still name the URL's own.
 */
function postgresConfig(url: string) {
  const parsed = new URL(url)
  return {
    host: decodeURIComponent(parsed.hostname) || undefined,
    port: parsed.port ? Number(parsed.port) : undefined,
    user: decodeURIComponent(parsed.username) || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: decodeURIComponent(parsed.pathname.slice(1)) || undefined,
  }
}

/** An adapter factory whose connections (shadow databases too) are all closed by `disposeAll`. */
function trackedAdapterFactory(
  inner: SqlMigrationAwareDriverAdapterFactory,
  change: (adapter: SqlDriverAdapter) => SqlDriverAdapter,
) {
  const opened: SqlDriverAdapter[] = []
  const wrap = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    opened.push(adapter)
    return change(adapter)
  }
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => wrap(await inner.connect()),
    connectToShadowDb: async () => wrap(await inner.connectToShadowDb()),
  }
  const disposeAll = async () => {
    for (const adapter of opened.splice(0)) await adapter.dispose().catch(() => undefined)
  }
  return { factory, disposeAll }
}
