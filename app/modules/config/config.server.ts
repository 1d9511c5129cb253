import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { LOG_LEVELS } from '../observability/logger.server'

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .default('false')
  .transform((v) => v === 'true' || v === '1' || v === 'yes')

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  ZWIN_DATA_DIR: z.string().min(1, 'must name a folder').default('./data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_ORIGIN: z
    .url({
      protocol: /^https?$/,
      error: 'must be an http(s) origin such as https://zwin.example.org',
    })
    .optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: 'must look like smtp://user:pass@host:587 or smtps://…' })
    .optional(),
  MAIL_FROM: z.string().min(3).default('Zwin <noreply@zwin.example.org>'),
  TRUST_PROXY: flag,
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(4096).default(100),
  REQUEST_BODY_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(20),
  SQLITE_CACHE_MB: z.coerce.number().int().min(8).max(16384).default(64),
  DATABASE_URL: z
    .string()
    .regex(
      /^postgres(ql)?:\/\/[^\s]+$/,
      'must be postgresql://user:password@host:5432/database (leave it unset for SQLite in ZWIN_DATA_DIR)',
    )
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  ZWIN_DEMO_DATA: z.enum(['true', 'false', '1', '0', 'yes', 'no']).optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  SECRETS_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/_-]{43}=?$/, 'must be 32 random bytes in base64 (openssl rand -base64 32)')
    .optional(),
})

// Read by the server (its schedule) and by `npm run backup`, which must not create a data folder or a
// session secret of its own: see loadBackupConfig.
const backupEnvSchema = z.object({
  ZWIN_DATA_DIR: envSchema.shape.ZWIN_DATA_DIR,
  DATABASE_URL: envSchema.shape.DATABASE_URL,
  BACKUP_DIR: z.string().min(1, 'must name a folder').optional(),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
  BACKUP_INTERVAL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
})

/**
 * Where Zwin's data lives: SQLite in the data folder (the default), or the PostgreSQL database of
 * DATABASE_URL, through a pool of DATABASE_POOL_SIZE connections per instance
 * (docs/decisions/0019-postgresql.md).
 */
export type DatabaseConfig =
  { provider: 'sqlite'; path: string } | { provider: 'postgresql'; url: string; poolSize: number }

export type Config = {
  env: 'development' | 'production' | 'test'
  dataDir: string
  database: DatabaseConfig
  /** The SQLite file (`<dataDir>/zwin.sqlite`); not used when `database` is PostgreSQL. */
  databasePath: string
  mailDir: string
  /** Uploaded files, named by their sha256; `tmp/` inside it holds uploads still arriving. */
  filesDir: string
  uploadMaxBytes: number
  /**
   * How long a form's body may take to arrive, and how long an upload may go without a byte arriving;
   * a slower client gets 408 (docs/security.md, "Hostile transport").
   */
  requestBodyTimeoutMs: number
  /**
   * SQLITE_CACHE_MB: SQLite's page cache for the server's connection. SQLite's own 16 MB was too small
   * for a large installation: at bench scale 2 a search for a common word read the same pages from the
   * operating system again on every request, and took twice as long.
   */
  sqliteCacheMb: number
  port: number
  publicOrigin: string
  sessionSecret: string
  smtpUrl: string | undefined
  mailFrom: string
  trustProxy: boolean
  sessionIdleMs: number
  sessionAbsoluteMs: number
  /**
   * ZWIN_DEMO_DATA: `true` says the demo people (who share a published password) are intended, so a
   * production server serves them; `false` makes the seed add nothing; unset, the seed adds them and a
   * production server refuses to start while they can sign in.
   */
  demoData: boolean | undefined
  /** Bearer token that /metrics requires; unset, /metrics needs METRICS_PORT or is not served. */
  metricsToken: string | undefined
  /** A port of its own for /metrics (then not served on the main port), on metricsHost. */
  metricsPort: number | undefined
  metricsHost: string
  /**
   * SECRETS_KEY: 32 bytes that encrypt the secrets Zwin keeps for others (identity providers' client
   * secrets); without it no identity provider can be configured.
   */
  secretsKey: Buffer | undefined
  backup: BackupConfig
}

export type BackupConfig = {
  dataDir: string
  /**
   * The database is PostgreSQL (DATABASE_URL): its backups are the hosting party's (pg_dump,
   * point-in-time recovery), and Zwin's snapshots of the data folder are refused.
   */
  postgres: boolean
  /** Where the server makes its scheduled snapshots; none are made when unset. */
  backupDir: string | undefined
  /** How many complete snapshots are kept in `backupDir`; older ones are deleted after a new one. */
  keep: number
  intervalMs: number
}

export class ConfigError extends Error {}

/** Reads and checks the environment; throws a ConfigError that names every wrong variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const e = parseEnv(envSchema.extend(backupEnvSchema.shape), env)
  const dataDir = path.resolve(e.ZWIN_DATA_DIR)
  fs.mkdirSync(dataDir, { recursive: true })
  return {
    env: e.NODE_ENV,
    dataDir,
    database: e.DATABASE_URL
      ? { provider: 'postgresql', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { provider: 'sqlite', path: path.join(dataDir, 'zwin.sqlite') },
    databasePath: path.join(dataDir, 'zwin.sqlite'),
    mailDir: path.join(dataDir, 'mail'),
    filesDir: path.join(dataDir, 'files'),
    uploadMaxBytes: e.UPLOAD_MAX_MB * 1024 * 1024,
    requestBodyTimeoutMs: e.REQUEST_BODY_TIMEOUT_SECONDS * 1000,
    sqliteCacheMb: e.SQLITE_CACHE_MB,
    port: e.PORT,
    publicOrigin: new URL(e.PUBLIC_ORIGIN ?? `http://localhost:${e.PORT}`).origin,
    sessionSecret: e.SESSION_SECRET ?? readOrCreateSecret(dataDir),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    trustProxy: e.TRUST_PROXY,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    demoData:
      e.ZWIN_DEMO_DATA === undefined ? undefined : ['true', '1', 'yes'].includes(e.ZWIN_DEMO_DATA),
    metricsToken: e.METRICS_TOKEN,
    metricsPort: e.METRICS_PORT,
    metricsHost: e.METRICS_HOST,
    secretsKey: e.SECRETS_KEY ? Buffer.from(e.SECRETS_KEY, 'base64') : undefined,
    backup: backupConfig(e),
  }
}

/** Only the backup settings, without creating anything (for `npm run backup` and `npm run restore`). */
export function loadBackupConfig(
  env: Record<string, string | undefined> = process.env,
): BackupConfig {
  return backupConfig(parseEnv(backupEnvSchema, env))
}

function backupConfig(e: z.infer<typeof backupEnvSchema>): BackupConfig {
  return {
    dataDir: path.resolve(e.ZWIN_DATA_DIR),
    postgres: e.DATABASE_URL !== undefined,
    backupDir: e.BACKUP_DIR === undefined ? undefined : path.resolve(e.BACKUP_DIR),
    keep: e.BACKUP_KEEP,
    intervalMs: e.BACKUP_INTERVAL_HOURS * 3_600_000,
  }
}

function parseEnv<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
): z.infer<S> {
  const parsed = schema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`Zwin cannot start: the configuration is not valid.\n${lines.join('\n')}`)
  }
  return parsed.data
}

// A secret generated on first start lives in the data folder (git-ignored), so a fresh clone works
// without setup and no secret is ever committed.
function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret')
  try {
    const existing = fs.readFileSync(file, 'utf8').trim()
    if (existing.length >= 32) return existing
  } catch {
    // not there yet
  }
  const secret = randomBytes(32).toString('base64url')
  fs.writeFileSync(file, secret + '\n', { mode: 0o600 })
  return secret
}

let cached: Config | undefined
export function getConfig(): Config {
  cached ??= loadConfig()
  return cached
}
