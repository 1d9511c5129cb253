/*
 * The process's one Prometheus registry (prom-client). The app counts what happens inside it (jobs,
 * mails, uploads); the production server (scripts/server.ts) times the requests and serves /metrics,
 * and it takes this module through app/modules/runtime/server.server.ts, so both write to the same
 * registry (tests/observability/metrics.test.ts checks that an upload shows up in /metrics).
 *
 * Labels stay a small fixed set: route ids and status classes, never paths, ids or user input.
 */
import fsp from 'node:fs/promises'
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import { listSnapshots, snapshotTime } from '../backup/manifest.server'
import { getConfig } from '../config/config.server'
import { db, isPostgres } from '../db/db.server'
import { log } from './logger.server'

function createMetrics() {
  const registry = new Registry()
  // Heap, RSS, event-loop delay (a histogram of perf_hooks' monitorEventLoopDelay), GC, handles.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 })

  const requestDuration = new Histogram({
    name: 'zwin_http_request_duration_seconds',
    help: 'Time from a request arriving to its answer being sent, by route id and status class',
    labelNames: ['route', 'method', 'status_class'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  })
  const jobFailures = new Counter({
    name: 'zwin_job_failures_total',
    help: 'Background job attempts that failed, by kind (final: the job was given up)',
    labelNames: ['kind', 'final'] as const,
    registers: [registry],
  })
  const mails = new Counter({
    name: 'zwin_mails_total',
    help: 'Mails handed to SMTP or saved as .eml files (via), by outcome',
    labelNames: ['via', 'outcome'] as const,
    registers: [registry],
  })
  const uploads = new Counter({
    name: 'zwin_uploads_total',
    help: 'Uploads that were stored, or refused (too large, wrong content, invalid form)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  })
  const uploadBytes = new Counter({
    name: 'zwin_upload_bytes_total',
    help: 'Bytes of the files of stored uploads',
    registers: [registry],
  })

  // Read when scraped, from the database and two file sizes: cheap, and nothing runs in between.
  new Gauge({
    name: 'zwin_jobs',
    help: 'Background jobs waiting (queued) or under way (running), by kind',
    labelNames: ['kind', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset()
      const groups = await db.job.groupBy({
        by: ['kind', 'status'],
        where: { status: { in: ['queued', 'running'] } },
        _count: { _all: true },
      })
      for (const g of groups) this.set({ kind: g.kind, status: g.status }, g._count._all)
    },
  })
  new Gauge({
    name: 'zwin_backup_last_complete_timestamp_seconds',
    help: 'When the newest complete snapshot in BACKUP_DIR was made (0 without BACKUP_DIR or a snapshot)',
    registers: [registry],
    collect() {
      // From the folder, not from this process's memory: made by the schedule before a restart or by
      // `npm run backup`, it counts as well. An alert on its age catches a schedule that keeps failing.
      const { backupDir } = getConfig().backup
      const newest = backupDir ? listSnapshots(backupDir).at(-1) : undefined
      const made = newest ? snapshotTime(newest) : undefined
      if (made) this.set(made.getTime() / 1000)
      else this.set(0)
    },
  })
  new Gauge({
    name: 'zwin_database_bytes',
    help: 'Size of the SQLite database file and its write-ahead log (PostgreSQL: the database, as main)',
    labelNames: ['file'] as const,
    registers: [registry],
    async collect() {
      if (isPostgres(db)) {
        const [row] = await db.$queryRaw<{ bytes: bigint | number }[]>`
          SELECT pg_database_size(current_database()) AS bytes`
        this.set({ file: 'main' }, Number(row?.bytes ?? 0))
        this.set({ file: 'wal' }, 0)
        return
      }
      const base = getConfig().databasePath
      for (const [file, suffix] of [
        ['main', ''],
        ['wal', '-wal'],
      ] as const) {
        const stat = await fsp.stat(base + suffix).catch(() => null)
        this.set({ file }, stat?.size ?? 0)
      }
    },
  })
  new Gauge({
    name: 'zwin_file_store_bytes',
    help: 'Bytes of the stored document files (each content once, as it is stored once)',
    registers: [registry],
    async collect() {
      // From the database instead of walking the files folder: one indexed query, however many files.
      const [row] = await db.$queryRawUnsafe<{ bytes: number | bigint | null }[]>(
        'SELECT SUM(size) AS bytes FROM (SELECT MAX(size) AS size FROM "DocumentVersion" GROUP BY sha256) AS "stored"',
      )
      this.set(Number(row?.bytes ?? 0))
    },
  })

  return { registry, requestDuration, jobFailures, mails, uploads, uploadBytes }
}

export type Metrics = ReturnType<typeof createMetrics>

const globalForMetrics = globalThis as unknown as { zwinMetrics?: Metrics }

/** The process-wide registry and the app's own counters (on globalThis for the dev server's reloads). */
export function metrics(): Metrics {
  globalForMetrics.zwinMetrics ??= createMetrics()
  return globalForMetrics.zwinMetrics
}

/** The Prometheus text exposition of everything; a failing collector is logged, not fatal. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics()
  try {
    return { contentType: registry.contentType, body: await registry.metrics() }
  } catch (error) {
    log.error({ err: error }, 'Collecting the metrics failed')
    throw error
  }
}

/** `5xx` for 503: the status class label of the request histogram. */
export function statusClass(status: number): string {
  return status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'other'
}
