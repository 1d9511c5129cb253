/*
 * The server's own backups, when BACKUP_DIR is set: one every BACKUP_INTERVAL_HOURS (daily by
 * default), counted from the newest complete snapshot in the folder, so that restarts neither skip
 * nor repeat one. Each runs in a child process (build/runtime/backup.js, from scripts/backup.ts) at a
 * lower priority, through runChildJob: hashing thousands of files and copying the database take
 * seconds of a core, which in the server's event loop would stall every request meanwhile.
 */
import type { BackupConfig } from '../config/config.server'
import { log } from '../observability/logger.server'
import { runChildJob } from '../processes/child-job.server'
import { listSnapshots, snapshotTime } from './manifest.server'
import { POSTGRES_BACKUP_ADVICE } from './snapshot.server'

/** The first backup of a server that has none due sooner waits this long after the start. */
const FIRST_DELAY_MS = 60_000
/** After a failure, the next attempt comes this much sooner than a whole interval. */
const RETRY_MS = 3_600_000
/** A backup still running after this long is killed (its partial snapshot is removed by the next). */
const BACKUP_TIME_LIMIT_MS = 6 * 3_600_000

type BackupAnswer =
  | { status: 'done'; path: string; files: number; bytes: number; ms: number; deleted: string[] }
  | { status: 'failed'; reason: string }

let timer: NodeJS.Timeout | undefined
let running: Promise<void> | undefined
let lastSuccess: { at: Date; path: string } | undefined

/** The last backup this server made successfully (for the metrics), if any since it started. */
export function lastSuccessfulBackup(): { at: Date; path: string } | undefined {
  return lastSuccess
}

/**
 * Starts the schedule (nothing when BACKUP_DIR is unset); returns when the next backup is due. A test
 * shortens the first delay.
 */
export function startBackupSchedule(
  config: BackupConfig,
  options: { firstDelayMs?: number } = {},
): Date | undefined {
  const { backupDir } = config
  if (!backupDir || timer) return undefined
  if (config.postgres) {
    log.warn({ backupDir }, `No scheduled backups: ${POSTGRES_BACKUP_ADVICE}`)
    return undefined
  }
  const { firstDelayMs = FIRST_DELAY_MS } = options
  const newest = listSnapshots(backupDir).at(-1)
  const due = (newest && snapshotTime(newest)?.getTime()) || 0
  const delay = Math.max(firstDelayMs, due + config.intervalMs - Date.now())
  const next = new Date(Date.now() + delay)
  log.info(
    { backupDir, keep: config.keep, next: next.toISOString() },
    `Backups every ${config.intervalMs / 3_600_000} h`,
  )
  const schedule = (ms: number) => {
    timer = setTimeout(() => {
      running = runBackup(config, backupDir).then((ok) => {
        running = undefined
        if (timer) schedule(ok ? config.intervalMs : Math.min(RETRY_MS, config.intervalMs))
      })
    }, ms)
    timer.unref()
  }
  schedule(delay)
  return next
}

/**
 * Stops the schedule. A backup under way goes on in its own process and finishes by itself; the
 * server need not wait for it to close the database (it has its own connection).
 */
export function stopBackupSchedule(): void {
  clearTimeout(timer)
  timer = undefined
}

async function runBackup(config: BackupConfig, backupDir: string) {
  const answer = await runChildJob<BackupAnswer>({
    script: 'backup',
    name: 'backup process',
    job: { dataDir: config.dataDir, backupDir, keep: config.keep },
    limits: { timeMs: BACKUP_TIME_LIMIT_MS, heapMb: 512 },
    parse: (message) => {
      const m = message as Partial<BackupAnswer> | null
      return m?.status === 'done' || m?.status === 'failed'
        ? { success: true, data: m as BackupAnswer }
        : { success: false }
    },
  })
  if (answer.status === 'failed') {
    log.error({ reason: answer.reason }, 'Backup failed')
    return false
  }
  lastSuccess = { at: new Date(), path: answer.path }
  log.info(
    {
      path: answer.path,
      files: answer.files,
      bytes: answer.bytes,
      ms: answer.ms,
      deleted: answer.deleted,
    },
    'Backup made',
  )
  return true
}

/** For a test: waits for the backup under way, if any. */
export function backupRunning(): Promise<void> | undefined {
  return running
}
