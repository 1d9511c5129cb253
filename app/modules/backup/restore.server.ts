/*
 * Restoring a snapshot (`npm run restore`) into an empty data folder, all or nothing. Everything is
 * checked on the copy that is being made, so a snapshot is never written to: the manifest (complete,
 * unchanged), the database's sha256, `PRAGMA integrity_check` and its row counts, that the database
 * refers to exactly the files the manifest lists, and the sha256 of every file. The copy is built in
 * `<target>/.zwin-restore` and moved into place only when all of it passed; a refusal or a failure
 * removes it, and the target is left as empty as it was.
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
  MANIFEST_FILE,
  readManifest,
  SECRET_FILE,
  SnapshotRefused,
  storedFileRelative,
  syncAll,
  syncPath,
  type Manifest,
} from './manifest.server'
import { countRows, referencedFiles } from './snapshot.server'

/** Where a restore builds the data folder before moving it into place. */
export const STAGING_DIR = '.zwin-restore'

const FILE_CONCURRENCY = 4

export type RestoreResult = { snapshotDir: string; manifest: Manifest; files: number; ms: number }

/**
 * The snapshot a path names: a snapshot folder itself, or a backup folder, whose newest complete
 * snapshot is then taken.
 */
export function resolveSnapshot(dir: string): string {
  const resolved = path.resolve(dir)
  if (!fs.existsSync(resolved)) throw new SnapshotRefused(`${resolved} does not exist.`)
  if (fs.existsSync(path.join(resolved, MANIFEST_FILE)) || resolved.endsWith('.partial')) {
    return resolved
  }
  const newest = listSnapshots(resolved).at(-1)
  if (!newest) throw new SnapshotRefused(`${resolved} holds no complete Zwin snapshot.`)
  return path.join(resolved, newest)
}

export async function restoreSnapshot(options: {
  snapshotDir: string
  targetDir: string
  log?: (line: string) => void
}): Promise<RestoreResult> {
  const started = performance.now()
  const { snapshotDir, log = () => {} } = options
  const targetDir = path.resolve(options.targetDir)
  const manifest = readManifest(snapshotDir)
  const existed = checkTarget(targetDir)
  const staging = path.join(targetDir, STAGING_DIR)
  let done = false
  try {
    await fsp.rm(staging, { recursive: true, force: true })
    await fsp.mkdir(staging, { recursive: true, mode: 0o700 })

    log(`Copying and checking the database (${manifest.database.size} bytes)…`)
    const database = path.join(staging, DATABASE_FILE)
    await copyChecked(
      path.join(snapshotDir, DATABASE_FILE),
      database,
      manifest.database,
      'database',
    )
    checkDatabase(database, manifest)
    await syncPath(database)

    log(`Copying and checking ${manifest.files.length} stored file(s)…`)
    await fsp.mkdir(path.join(staging, FILES_DIR))
    const folders = new Set(manifest.files.map((f) => path.dirname(storedFileRelative(f.sha256))))
    for (const folder of folders) await fsp.mkdir(path.join(staging, folder))
    await eachLimited(manifest.files, FILE_CONCURRENCY, (file) => {
      const relative = storedFileRelative(file.sha256)
      return copyChecked(
        path.join(snapshotDir, relative),
        path.join(staging, relative),
        file,
        `stored file ${relative}`,
      )
    })
    // On disk before they are moved into place: the files, then the folders' entries.
    await syncAll(manifest.files.map((f) => path.join(staging, storedFileRelative(f.sha256))))
    await syncAll([FILES_DIR, ...folders].map((folder) => path.join(staging, folder)))

    if (manifest.sessionSecret) {
      const secret = path.join(staging, SECRET_FILE)
      await copyChecked(
        path.join(snapshotDir, SECRET_FILE),
        secret,
        manifest.sessionSecret,
        'session secret',
      )
      await fsp.chmod(secret, 0o600)
      await syncPath(secret)
    }

    // Everything passed: into place, the database last (it is what makes the folder a data folder).
    for (const name of [FILES_DIR, SECRET_FILE, DATABASE_FILE]) {
      if (fs.existsSync(path.join(staging, name))) {
        await fsp.rename(path.join(staging, name), path.join(targetDir, name))
      }
    }
    await fsp.rmdir(staging)
    await syncPath(targetDir)
    done = true
    return { snapshotDir, manifest, files: manifest.files.length, ms: performance.now() - started }
  } finally {
    if (!done) {
      await fsp.rm(staging, { recursive: true, force: true }).catch(() => undefined)
      if (!existed) await fsp.rmdir(targetDir).catch(() => undefined)
    }
  }
}

/**
 * The target must be absent or empty: a restore never mixes with, or overwrites, data. Only the
 * staging folder of a restore that was killed may be there (it is replaced). Whether it existed.
 */
function checkTarget(targetDir: string): boolean {
  let entries: string[]
  try {
    entries = fs.readdirSync(targetDir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
    throw new SnapshotRefused(`The target ${targetDir} cannot be read as a folder.`)
  }
  const found = entries.filter((e) => e !== STAGING_DIR)
  if (found.length > 0) {
    throw new SnapshotRefused(
      `The target ${targetDir} is not empty (it holds ${found.slice(0, 5).join(', ')}` +
        `${found.length > 5 ? ', …' : ''}). Restore only into an empty folder: stop the server and ` +
        'move the current data folder aside first.',
    )
  }
  return true
}

/** Copies a file and hashes the copy (the caller fsyncs it); refuses when it is not what the manifest says. */
async function copyChecked(
  source: string,
  target: string,
  expected: { sha256: string; size: number },
  what: string,
) {
  try {
    await fsp.copyFile(source, target)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new SnapshotRefused(`The snapshot's ${what} is missing.`)
    }
    throw error
  }
  const found = await hashFile(target)
  if (found.sha256 !== expected.sha256 || found.size !== expected.size) {
    throw new SnapshotRefused(
      `The snapshot's ${what} is not what its manifest says (${found.size} bytes, sha256 ` +
        `${found.sha256.slice(0, 12)}…; expected ${expected.size} bytes, ${expected.sha256.slice(0, 12)}…): ` +
        'it was changed or damaged after the backup.',
    )
  }
}

function checkDatabase(databasePath: string, manifest: Manifest) {
  const db = new Database(databasePath, { fileMustExist: true })
  try {
    const integrity = db.pragma('integrity_check') as { integrity_check: string }[]
    if (integrity.length !== 1 || integrity[0]?.integrity_check !== 'ok') {
      throw new SnapshotRefused(
        `The snapshot's database fails integrity_check: ${integrity
          .slice(0, 5)
          .map((r) => r.integrity_check)
          .join('; ')}.`,
      )
    }
    const counts = countRows(db)
    const expected = manifest.database.tables
    for (const name of new Set([...Object.keys(counts), ...Object.keys(expected)])) {
      if (counts[name] !== expected[name]) {
        throw new SnapshotRefused(
          `The snapshot's database has ${counts[name] ?? 'no'} rows in ${name}; its manifest says ` +
            `${expected[name] ?? 'no such table'}.`,
        )
      }
    }
    const listed = new Set(manifest.files.map((f) => f.sha256))
    if (listed.size !== manifest.files.length) {
      const seen = new Set<string>()
      const twice = manifest.files.find((f) => seen.size === seen.add(f.sha256).size)
      throw new SnapshotRefused(`The manifest lists a stored file twice (${twice?.sha256}).`)
    }
    const referenced = referencedFiles(db)
    const unlisted = referenced.filter((f) => !listed.has(f.sha256))
    if (unlisted.length > 0 || referenced.length !== listed.size) {
      throw new SnapshotRefused(
        `The snapshot's database refers to ${referenced.length} stored file(s), its manifest lists ` +
          `${listed.size}${unlisted.length ? ` (${unlisted[0]!.sha256} is not listed)` : ''}.`,
      )
    }
    // The server runs the database in WAL mode (app/modules/db/db.server.ts); it starts out in it.
    db.pragma('journal_mode = WAL')
  } finally {
    db.close()
  }
}
