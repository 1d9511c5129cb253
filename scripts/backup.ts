/**
 * `npm run backup -- --to DIR [--keep N]`: a consistent snapshot of the data folder ($ZWIN_DATA_DIR)
 * in DIR (default $BACKUP_DIR), while the server runs (app/modules/backup/snapshot.server.ts). Keeps
 * the N newest complete snapshots there (default $BACKUP_KEEP, 7).
 *
 * Compiled to build/runtime/backup.js by `npm run build`. The server's schedule starts this same file
 * as a child process and sends it the job over IPC (app/modules/backup/schedule.server.ts).
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import {
  BackupFailed,
  createSnapshot,
  POSTGRES_BACKUP_ADVICE,
} from '../app/modules/backup/snapshot.server'
import { ConfigError, loadBackupConfig } from '../app/modules/config/config.server'
import { projectRoot } from './project-root'

const jobSchema = z.object({
  dataDir: z.string().min(1),
  backupDir: z.string().min(1),
  keep: z.number().int().min(1),
})

export type BackupJob = z.infer<typeof jobSchema>

/** The version in the project's package.json. */
function appVersion(): string {
  const file = path.join(projectRoot(import.meta.dirname), 'package.json')
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version
}

const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1)

async function fromCommandLine() {
  const { values } = parseArgs({
    options: { to: { type: 'string' }, keep: { type: 'string' } },
    allowPositionals: false,
  })
  const config = loadBackupConfig(
    values.keep === undefined ? process.env : { ...process.env, BACKUP_KEEP: values.keep },
  )
  if (config.postgres) throw new BackupFailed(POSTGRES_BACKUP_ADVICE)
  const backupDir = values.to ? path.resolve(values.to) : config.backupDir
  if (!backupDir) {
    throw new BackupFailed(
      'Say where the snapshot goes: npm run backup -- --to /path/to/backups (or set BACKUP_DIR).',
    )
  }
  console.info(`Backing up ${config.dataDir} to ${backupDir}`)
  const result = await createSnapshot({
    dataDir: config.dataDir,
    backupDir,
    keep: config.keep,
    appVersion: appVersion(),
    log: (line) => console.info(`  ${line}`),
  })
  const { manifest } = result
  console.info(
    `Snapshot complete: ${result.path}\n` +
      `  made at ${manifest.createdAt}; ${manifest.files.length} file(s) (${result.linked} hard-linked, ` +
      `${result.copied} copied), ${megabytes(result.bytes)} MB, ${(result.ms / 1000).toFixed(1)} s`,
  )
  if (result.deleted.length) {
    console.info(
      `  deleted ${result.deleted.length} older snapshot(s) (keeping ${config.keep}): ${result.deleted.join(', ')}`,
    )
  }
}

/** A job from the server: one message in, one result out. */
function fromServer(): Promise<void> {
  return new Promise((resolve) => {
    process.once('message', (message: unknown) => {
      const job = jobSchema.safeParse(message)
      const answer = (result: object) => process.send?.(result, () => resolve())
      if (!job.success) return answer({ status: 'failed', reason: 'not a backup job' })
      createSnapshot({ ...job.data, appVersion: appVersion() }).then(
        (result) =>
          answer({
            status: 'done',
            path: result.path,
            files: result.manifest.files.length,
            bytes: result.bytes,
            ms: result.ms,
            deleted: result.deleted,
          }),
        (error: unknown) =>
          answer({
            status: 'failed',
            reason: error instanceof Error ? error.message : String(error),
          }),
      )
    })
  })
}

const run = process.send && process.argv.length <= 2 ? fromServer() : fromCommandLine()
run.catch((error: unknown) => {
  // The messages of these are written for the operator; a stack adds nothing.
  const known = error instanceof BackupFailed || error instanceof ConfigError
  console.error(known ? `Backup failed: ${error.message}` : error)
  process.exitCode = 1
})
