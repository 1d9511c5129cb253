/*
 * Making a snapshot of a data folder while the server serves and writes (`npm run backup`, and the
 * server's schedule, which runs the same code in a child process):
 *
 * 1. Take the data folder's backup lock (`backup.lock`): while it is held, the server's clean-up
 *    removes no stored file (app/modules/documents/maintenance.server.ts), so a file the database copy
 *    refers to cannot disappear before it is linked.
 * 2. Copy the database with VACUUM INTO on a connection of our own: under WAL it reads one consistent
 *    moment while the server goes on writing, and it holds every write committed before it began.
 * 3. Hard-link (or, on another file system, copy) every file a version in that copy refers to, hashing
 *    each as it goes: stored files are immutable and named by their content, so the name is checked.
 * 4. Write the manifest last, then rename `<name>.partial` to `<name>`: only then does it count.
 * 5. Delete complete snapshots beyond the `keep` newest.
 */
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import Database from 'better-sqlite3'
import {
  DATABASE_FILE,
  eachLimited,
  FILES_DIR,
  hashFile,
  listSnapshots,
  PARTIAL_SUFFIX,
  SECRET_FILE,
  snapshotSequence,
  storedFileRelative,
  syncAll,
  syncPath,
  writeManifest,
  type Manifest,
} from './manifest.server'

export const LOCK_FILE = 'backup.lock'

/** A lock older than this belongs to no backup still running, whatever its process id says. */
const LOCK_STALE_MS = 24 * 3_600_000

/** Files linked and hashed at once: enough to keep the disk busy, few enough to leave the server room. */
const FILE_CONCURRENCY = 4

/** A backup that could not be made; the message is for the operator. */
export class BackupFailed extends Error {
  override name = 'BackupFailed'
}

/** Why Zwin makes no snapshot of an installation on PostgreSQL, and what to do instead. */
export const POSTGRES_BACKUP_ADVICE =
  'Zwin’s database is PostgreSQL (DATABASE_URL), which this command cannot copy consistently. ' +
  'Back it up with pg_dump or the server’s point-in-time recovery (restore with pg_restore), and ' +
  'the shared file folder ($ZWIN_DATA_DIR/files) with the volume’s own snapshots: see the README, ' +
  '"Several servers".'

export type BackupOptions = {
  dataDir: string
  backupDir: string
  /** Complete snapshots kept in `backupDir`, the new one included. */
  keep: number
  appVersion: string
  /** Progress lines for the operator. */
  log?: (line: string) => void
}

export type BackupResult = {
  /** The snapshot folder. */
  path: string
  manifest: Manifest
  linked: number
  copied: number
  bytes: number
  ms: number
  /** Older snapshots deleted by the retention rule. */
  deleted: string[]
}

export async function createSnapshot(options: BackupOptions): Promise<BackupResult> {
  const started = performance.now()
  const { dataDir, backupDir, log = () => {} } = options
  const databasePath = path.join(dataDir, DATABASE_FILE)
  if (!fs.existsSync(databasePath)) {
    throw new BackupFailed(`There is no Zwin database at ${databasePath}: check ZWIN_DATA_DIR.`)
  }
  if (isInside(backupDir, dataDir)) {
    throw new BackupFailed(`The backup folder ${backupDir} must not be inside the data folder.`)
  }
  await fsp.mkdir(backupDir, { recursive: true, mode: 0o700 })
  const release = await takeLock(dataDir)
  let partial: string | undefined
  try {
    await removePartials(backupDir, log)
    const createdAt = new Date()
    const name = freeName(backupDir, createdAt)
    // Ours once made: a failure to make it must not remove a folder of another backup's.
    await fsp.mkdir(path.join(backupDir, name + PARTIAL_SUFFIX), { mode: 0o700 })
    partial = path.join(backupDir, name + PARTIAL_SUFFIX)

    log(`Copying the database (VACUUM INTO)…`)
    const snapshotDb = path.join(partial, DATABASE_FILE)
    copyDatabase(databasePath, snapshotDb)
    // It holds password hashes and sessions, as the live one does.
    await fsp.chmod(snapshotDb, 0o600)
    const { tables, files } = inspectCopy(snapshotDb)
    await syncPath(snapshotDb)
    const database = { ...(await hashFile(snapshotDb)), tables }

    log(`Linking and hashing ${files.length} stored file(s)…`)
    const stored = await linkFiles(dataDir, partial, files)

    const sessionSecret = await copySecret(dataDir, partial)
    const manifest = await writeManifest(partial, {
      format: 1,
      app: 'zwin',
      appVersion: options.appVersion,
      createdAt: createdAt.toISOString(),
      database,
      sessionSecret,
      files: stored.files,
    })
    const final = path.join(backupDir, name)
    await fsp.rename(partial, final)
    partial = undefined
    await syncPath(backupDir)

    const deleted = await applyRetention(backupDir, options.keep)
    return {
      path: final,
      manifest,
      linked: stored.linked,
      copied: stored.copied,
      bytes: database.size + stored.files.reduce((sum, f) => sum + f.size, 0),
      ms: performance.now() - started,
      deleted,
    }
  } finally {
    // A failed backup leaves nothing behind; a killed one leaves its .partial for the next to remove.
    if (partial) await fsp.rm(partial, { recursive: true, force: true }).catch(() => undefined)
    await release()
  }
}

// ---- The lock --------------------------------------------------------------------------------------

type LockContent = { pid: number; startedAt: string }

/**
 * Whether a backup of this data folder is under way: the server's clean-up then leaves the stored
 * files alone (app/modules/documents/maintenance.server.ts). A lock left by a killed backup is stale
 * once its process is gone.
 */
export function backupInProgress(dataDir: string): boolean {
  const lock = readLock(dataDir)
  return lock !== undefined && !isStale(lock)
}

function readLock(dataDir: string): LockContent | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')) as LockContent
  } catch {
    // None, or one whose writer was killed before it wrote: none either way (see takeLock).
    return undefined
  }
}

function isStale(lock: LockContent): boolean {
  if (!(Date.now() - Date.parse(lock.startedAt) < LOCK_STALE_MS)) return true
  try {
    process.kill(lock.pid, 0)
    return false
  } catch (error) {
    // EPERM: the process exists, it is only someone else's.
    return (error as NodeJS.ErrnoException).code !== 'EPERM'
  }
}

async function takeLock(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, LOCK_FILE)
  const content: LockContent = { pid: process.pid, startedAt: new Date().toISOString() }
  for (let attempt = 0; ; attempt++) {
    try {
      // The content is written before the lock exists under its name, so no one reads it half-written.
      const temp = `${file}.${process.pid}`
      await fsp.writeFile(temp, JSON.stringify(content))
      try {
        await fsp.link(temp, file)
      } finally {
        await fsp.rm(temp, { force: true })
      }
      await syncPath(dataDir)
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error
      const held = readLock(dataDir)
      // A lock naming this very process was left by an earlier one that had the same process id (a
      // container's processes are numbered alike at every start): this process holds no lock yet.
      if (held && held.pid !== process.pid && !isStale(held)) {
        throw new BackupFailed(
          `Another backup of ${dataDir} is under way (process ${held.pid}, since ${held.startedAt}).`,
        )
      }
      await fsp.rm(file, { force: true })
    }
  }
  return async () => {
    if (readLock(dataDir)?.pid === process.pid) await fsp.rm(file, { force: true })
  }
}

// ---- The steps -------------------------------------------------------------------------------------

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(path.resolve(parent), path.resolve(child))
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

/**
 * The new snapshot's name: its time, and when snapshots of the same second exist, a number after the
 * highest of theirs, so that it sorts after every older one (even after retention deleted the first).
 */
function freeName(backupDir: string, at: Date): string {
  const base = `zwin-backup-${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}`
  let highest = 0
  for (const name of fs.readdirSync(backupDir)) {
    if (!name.startsWith(base)) continue
    highest = Math.max(highest, snapshotSequence(name.replace(PARTIAL_SUFFIX, '')))
  }
  return highest === 0 ? base : `${base}-${highest + 1}`
}

/** Partial snapshots of backups that were killed (the lock says none is running now). */
async function removePartials(backupDir: string, log: (line: string) => void) {
  for (const name of await fsp.readdir(backupDir)) {
    if (!name.startsWith('zwin-backup-') || !name.endsWith(PARTIAL_SUFFIX)) continue
    log(`Removing ${name}, left by a backup that did not finish.`)
    await fsp.rm(path.join(backupDir, name), { recursive: true, force: true })
  }
}

function copyDatabase(databasePath: string, target: string) {
  // Read-only: this connection never writes to the live database, and never checkpoints its WAL.
  const live = new Database(databasePath, { readonly: true, fileMustExist: true })
  try {
    live.pragma('busy_timeout = 10000')
    live.prepare('VACUUM INTO ?').run(target)
  } finally {
    live.close()
  }
}

/** Checks the copy, makes it a plain file (no WAL), counts its rows and lists the files it refers to. */
function inspectCopy(snapshotDb: string) {
  const copy = new Database(snapshotDb, { fileMustExist: true })
  try {
    // A snapshot is a single file: readers open it without creating -wal and -shm beside it.
    copy.pragma('journal_mode = DELETE')
    const integrity = copy.pragma('integrity_check') as { integrity_check: string }[]
    if (integrity.length !== 1 || integrity[0]?.integrity_check !== 'ok') {
      throw new BackupFailed(
        `The database copy fails integrity_check: ${integrity.map((r) => r.integrity_check).join('; ')}. ` +
          'The live database may be damaged.',
      )
    }
    return { tables: countRows(copy), files: referencedFiles(copy) }
  } finally {
    copy.close()
  }
}

/** The rows of every table (the full-text index's own tables too), by name. */
export function countRows(db: Database.Database): Record<string, number> {
  const names = db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .pluck()
    .all() as string[]
  return Object.fromEntries(
    names.map((name) => [
      name,
      db
        .prepare(`SELECT count(*) FROM "${name.replace(/"/g, '""')}"`)
        .pluck()
        .get() as number,
    ]),
  )
}

/** The stored files the database refers to: one per content, with the size its versions give. */
export function referencedFiles(db: Database.Database): { sha256: string; size: number }[] {
  return db
    .prepare(
      'SELECT sha256, max(size) AS size FROM DocumentVersion GROUP BY sha256 ORDER BY sha256',
    )
    .all() as { sha256: string; size: number }[]
}

async function linkFiles(
  dataDir: string,
  snapshotDir: string,
  files: { sha256: string; size: number }[],
) {
  const result = { files: [] as { sha256: string; size: number }[], linked: 0, copied: 0 }
  const missing: string[] = []
  const copies: string[] = []
  const damaged: string[] = []
  const folders = new Set(files.map((f) => path.dirname(storedFileRelative(f.sha256))))
  await fsp.mkdir(path.join(snapshotDir, FILES_DIR))
  for (const folder of folders) await fsp.mkdir(path.join(snapshotDir, folder), { recursive: true })
  await eachLimited(files, FILE_CONCURRENCY, async ({ sha256, size }) => {
    const relative = storedFileRelative(sha256)
    const source = path.join(dataDir, relative)
    const target = path.join(snapshotDir, relative)
    try {
      await fsp.link(source, target)
      result.linked++
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT') return void missing.push(sha256)
      // Another file system (EXDEV), or one without hard links: a copy, put on disk.
      if (!['EXDEV', 'EPERM', 'ENOTSUP', 'EMLINK'].includes(code ?? '')) throw error
      await fsp.copyFile(source, target)
      copies.push(target)
      result.copied++
    }
    const found = await hashFile(target)
    if (found.sha256 !== sha256 || found.size !== size) return void damaged.push(sha256)
    result.files.push(found)
  })
  const list = (shas: string[]) =>
    shas.slice(0, 5).join(', ') + (shas.length > 5 ? ` and ${shas.length - 5} more` : '')
  if (missing.length) {
    throw new BackupFailed(
      `${missing.length} stored file(s) that documents refer to are missing from ${path.join(dataDir, FILES_DIR)}: ${list(missing)}.`,
    )
  }
  if (damaged.length) {
    throw new BackupFailed(
      `${damaged.length} stored file(s) no longer hold the content their name promises: ${list(damaged)}.`,
    )
  }
  await syncAll(copies)
  await syncAll([FILES_DIR, ...folders].map((folder) => path.join(snapshotDir, folder)))
  result.files.sort((a, b) => a.sha256.localeCompare(b.sha256))
  return result
}

async function copySecret(dataDir: string, snapshotDir: string) {
  const source = path.join(dataDir, SECRET_FILE)
  if (!fs.existsSync(source)) return null
  const target = path.join(snapshotDir, SECRET_FILE)
  await fsp.copyFile(source, target)
  await fsp.chmod(target, 0o600)
  await syncPath(target)
  return hashFile(target)
}

/** Deletes the oldest complete snapshots beyond `keep`; returns their names. */
export async function applyRetention(backupDir: string, keep: number): Promise<string[]> {
  const snapshots = listSnapshots(backupDir)
  const old = snapshots.slice(0, Math.max(0, snapshots.length - keep))
  for (const name of old) {
    // Renamed first, so that a deletion cut short leaves a partial, not a damaged "complete" snapshot.
    const doomed = path.join(backupDir, name + PARTIAL_SUFFIX)
    await fsp.rename(path.join(backupDir, name), doomed)
    await fsp.rm(doomed, { recursive: true, force: true })
  }
  return old
}
