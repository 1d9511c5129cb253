/**
 * Snapshots and restores of a real data folder (a migrated SQLite file and stored files): the round
 * trip, every kind of damage restore must refuse (leaving the target empty), the non-empty target,
 * retention, an unfinished snapshot, and the lock that keeps the file clean-up from removing a file a
 * backup is about to link. Killing a backup and a backup under load are in tests/durability/backup.test.ts.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addStoredDocuments, storeFile } from '../../../tests/setup/stored-documents'
import { createTestDatabase, type TestDatabase } from '../../../tests/setup/test-db'
import { removeUnreferencedFiles } from '../documents/maintenance.server'
import {
  hashFile,
  listSnapshots,
  MANIFEST_FILE,
  readManifest,
  SnapshotRefused,
  writeManifest,
} from './manifest.server'
import { resolveSnapshot, restoreSnapshot } from './restore.server'
import { backupInProgress, createSnapshot, LOCK_FILE } from './snapshot.server'

let t: TestDatabase
let work: string
let documents: { documentId: string; sha256: string }[]

beforeAll(async () => {
  t = await createTestDatabase()
  fs.writeFileSync(
    path.join(t.dataDir, 'session-secret'),
    'a-secret-of-at-least-32-characters!!\n',
    {
      mode: 0o600,
    },
  )
  documents = addStoredDocuments(t.dataDir, 30)
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'zwin-backup-test-'))
})
afterAll(async () => {
  await t.cleanup()
  fs.rmSync(work, { recursive: true, force: true })
})

let counter = 0
/** A new backup folder, and a target path (not created) beside it. */
function folders() {
  counter++
  return {
    backupDir: path.join(work, `backups-${counter}`),
    target: path.join(work, `restored-${counter}`),
  }
}

function snapshot(backupDir: string, keep = 7) {
  return createSnapshot({ dataDir: t.dataDir, backupDir, keep, appVersion: 'test' })
}

function rows(databasePath: string, sql: string): unknown[] {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true })
  try {
    return db.prepare(sql).all()
  } finally {
    db.close()
  }
}

/** Restore must refuse, with a message matching `reason`, and leave no target behind. */
async function expectRefused(snapshotDir: string, target: string, reason: RegExp) {
  const restoring = restoreSnapshot({ snapshotDir, targetDir: target })
  await expect(restoring).rejects.toThrow(SnapshotRefused)
  await expect(restoring).rejects.toThrow(reason)
  expect(fs.existsSync(target)).toBe(false)
}

/** Replaces a snapshot file by a changed copy: the file is a hard link, the live one must stay. */
function replaceFile(file: string, change: (bytes: Buffer) => Buffer) {
  const bytes = change(fs.readFileSync(file))
  fs.rmSync(file)
  fs.writeFileSync(file, bytes)
}

describe('a snapshot', () => {
  it('restores into a fresh folder with the same rows, files and session secret', async () => {
    const { backupDir, target } = folders()
    const made = await snapshot(backupDir)
    expect(path.basename(made.path)).toMatch(/^zwin-backup-\d{8}T\d{6}Z$/)
    expect(made.manifest.files).toHaveLength(30)
    expect(made.linked).toBe(30)
    expect(fs.statSync(path.join(made.path, 'zwin.sqlite')).mode & 0o777).toBe(0o600)
    expect(fs.statSync(path.join(made.path, 'session-secret')).mode & 0o777).toBe(0o600)

    const restored = await restoreSnapshot({ snapshotDir: made.path, targetDir: target })
    expect(restored.files).toBe(30)
    expect(fs.readdirSync(target).sort()).toEqual(['files', 'session-secret', 'zwin.sqlite'])
    const query = 'SELECT id, sha256, size FROM DocumentVersion ORDER BY id'
    expect(rows(path.join(target, 'zwin.sqlite'), query)).toEqual(
      rows(path.join(t.dataDir, 'zwin.sqlite'), query),
    )
    expect(rows(path.join(target, 'zwin.sqlite'), 'PRAGMA journal_mode')).toEqual([
      { journal_mode: 'wal' },
    ])
    for (const { sha256 } of documents) {
      const relative = path.join('files', sha256.slice(0, 2), sha256)
      expect(fs.readFileSync(path.join(target, relative))).toEqual(
        fs.readFileSync(path.join(t.dataDir, relative)),
      )
    }
    expect(fs.readFileSync(path.join(target, 'session-secret'), 'utf8')).toBe(
      fs.readFileSync(path.join(t.dataDir, 'session-secret'), 'utf8'),
    )
    // A backup folder names its newest snapshot.
    expect(resolveSnapshot(backupDir)).toBe(made.path)
  })

  it('copies the files when the backup folder is on another file system', async () => {
    const shm = fs.mkdtempSync('/dev/shm/zwin-backup-test-')
    try {
      expect(fs.statSync(shm).dev).not.toBe(fs.statSync(t.dataDir).dev)
      const made = await snapshot(shm)
      expect({ linked: made.linked, copied: made.copied }).toEqual({ linked: 0, copied: 30 })
      const { target } = folders()
      await restoreSnapshot({ snapshotDir: made.path, targetDir: target })
      expect(fs.readdirSync(path.join(target, 'files')).length).toBeGreaterThan(0)
    } finally {
      fs.rmSync(shm, { recursive: true, force: true })
    }
  })

  it('leaves out files no version refers to, and temp files', async () => {
    const stray = storeFile(t.dataDir, Buffer.from('no version refers to this'))
    fs.mkdirSync(path.join(t.dataDir, 'files', 'tmp'), { recursive: true })
    fs.writeFileSync(path.join(t.dataDir, 'files', 'tmp', 'upload.part'), 'half')
    try {
      const { backupDir } = folders()
      const made = await snapshot(backupDir)
      expect(made.manifest.files.map((f) => f.sha256)).not.toContain(stray)
      expect(fs.existsSync(path.join(made.path, 'files', 'tmp'))).toBe(false)
    } finally {
      fs.rmSync(path.join(t.dataDir, 'files', stray.slice(0, 2), stray))
      fs.rmSync(path.join(t.dataDir, 'files', 'tmp'), { recursive: true })
    }
  })

  it('fails, leaving nothing, when a file a version refers to is missing from the store', async () => {
    const { backupDir } = folders()
    const file = path.join(
      t.dataDir,
      'files',
      documents[0]!.sha256.slice(0, 2),
      documents[0]!.sha256,
    )
    const aside = `${file}.aside`
    fs.renameSync(file, aside)
    try {
      await expect(snapshot(backupDir)).rejects.toThrow(/1 stored file\(s\) .* are missing/)
      expect(fs.readdirSync(backupDir)).toEqual([])
      expect(fs.existsSync(path.join(t.dataDir, LOCK_FILE))).toBe(false)
    } finally {
      fs.renameSync(aside, file)
    }
  })
})

describe('restore refuses', () => {
  it('a snapshot with a changed byte in a stored file', async () => {
    const { backupDir, target } = folders()
    const made = await snapshot(backupDir)
    const sha256 = documents[3]!.sha256
    replaceFile(path.join(made.path, 'files', sha256.slice(0, 2), sha256), (bytes) => {
      bytes[0] = bytes[0]! ^ 1
      return bytes
    })
    await expectRefused(made.path, target, /stored file .* is not what its manifest says/)
  })

  it('a snapshot with a changed database', async () => {
    const { backupDir, target } = folders()
    const made = await snapshot(backupDir)
    const copy = new Database(path.join(made.path, 'zwin.sqlite'))
    copy.prepare("UPDATE Document SET title = 'changed' WHERE id = ?").run(documents[0]!.documentId)
    copy.close()
    await expectRefused(made.path, target, /database is not what its manifest says/)
  })

  it('a snapshot with a stored file missing', async () => {
    const { backupDir, target } = folders()
    const made = await snapshot(backupDir)
    const sha256 = documents[5]!.sha256
    fs.rmSync(path.join(made.path, 'files', sha256.slice(0, 2), sha256))
    await expectRefused(made.path, target, /stored file .* is missing/)
  })

  it('a snapshot whose manifest was edited', async () => {
    const { backupDir, target } = folders()
    const made = await snapshot(backupDir)
    const manifestPath = path.join(made.path, MANIFEST_FILE)
    const original = fs.readFileSync(manifestPath, 'utf8')
    // The row count of a table, as someone hiding a deleted row would change it.
    fs.writeFileSync(manifestPath, original.replace('"Document": 30', '"Document": 29'))
    expect(fs.readFileSync(manifestPath, 'utf8')).not.toBe(original)
    await expectRefused(made.path, target, /was changed after the backup/)
    // A manifest that does not say it is complete.
    fs.writeFileSync(manifestPath, original.replace('"complete": true', '"complete": false'))
    await expectRefused(made.path, target, /does not mark the snapshot complete/)
    fs.rmSync(manifestPath)
    await expectRefused(made.path, target, /has no manifest\.json/)
  })

  it('a database whose row counts differ from the manifest, even with a forged hash', async () => {
    // Someone who changes the database and writes its new hash into the manifest (the manifest's own
    // checksum recomputed too) still has to match every table's row count.
    const { backupDir, target } = folders()
    const made = await snapshot(backupDir)
    const databasePath = path.join(made.path, 'zwin.sqlite')
    const copy = new Database(databasePath)
    copy.prepare('DELETE FROM DocumentAudience').run()
    copy
      .prepare('DELETE FROM DocumentSearch WHERE rowid = (SELECT max(rowid) FROM DocumentSearch)')
      .run()
    copy.close()
    const { complete: _c, manifestSha256: _m, ...body } = readManifest(made.path)
    await writeManifest(made.path, {
      ...body,
      database: { ...body.database, ...(await hashFile(databasePath)) },
    })
    expect(() => readManifest(made.path)).not.toThrow()
    await expectRefused(made.path, target, /has 29 rows in DocumentSearch; its manifest says 30/)
  })

  it('a manifest that lists a file twice, even with its checksum recomputed', async () => {
    const { backupDir, target } = folders()
    const made = await snapshot(backupDir)
    const { complete: _c, manifestSha256: _m, ...body } = readManifest(made.path)
    await writeManifest(made.path, { ...body, files: [...body.files, body.files[0]!] })
    await expectRefused(made.path, target, /lists a stored file twice/)
  })

  it('an unfinished (partial) snapshot', async () => {
    const { backupDir, target } = folders()
    const made = await snapshot(backupDir)
    const partial = `${made.path}.partial`
    fs.renameSync(made.path, partial)
    await expectRefused(partial, target, /never finished/)
    expect(listSnapshots(backupDir)).toEqual([])
    // The next backup removes it.
    const next = await snapshot(backupDir)
    expect(fs.readdirSync(backupDir)).toEqual([path.basename(next.path)])
  })

  it('a target that is not empty, leaving what is in it', async () => {
    const { backupDir, target } = folders()
    const made = await snapshot(backupDir)
    fs.mkdirSync(target)
    fs.writeFileSync(path.join(target, 'zwin.sqlite'), 'the current data')
    await expect(restoreSnapshot({ snapshotDir: made.path, targetDir: target })).rejects.toThrow(
      /is not empty \(it holds zwin\.sqlite\)/,
    )
    expect(fs.readdirSync(target)).toEqual(['zwin.sqlite'])
    expect(fs.readFileSync(path.join(target, 'zwin.sqlite'), 'utf8')).toBe('the current data')
  })

  it('nothing into an empty target folder, which it fills', async () => {
    const { backupDir, target } = folders()
    const made = await snapshot(backupDir)
    fs.mkdirSync(target)
    await restoreSnapshot({ snapshotDir: made.path, targetDir: target })
    expect(fs.readdirSync(target).sort()).toEqual(['files', 'session-secret', 'zwin.sqlite'])
  })
})

describe('retention', () => {
  it('keeps the newest `keep` complete snapshots', async () => {
    const { backupDir } = folders()
    const made: string[] = []
    for (let i = 0; i < 4; i++) made.push(path.basename((await snapshot(backupDir, 2)).path))
    expect(listSnapshots(backupDir)).toEqual(made.slice(2))
    expect(fs.readdirSync(backupDir).sort()).toEqual(made.slice(2))
  })
})

describe('the backup lock', () => {
  it('keeps the file clean-up from removing files while a backup runs, and no longer', async () => {
    const orphan = storeFile(t.dataDir, Buffer.from('purged meanwhile'))
    const orphanPath = path.join(t.dataDir, 'files', orphan.slice(0, 2), orphan)
    const lock = path.join(t.dataDir, LOCK_FILE)
    // Held by another live process (this one's parent).
    fs.writeFileSync(
      lock,
      JSON.stringify({ pid: process.ppid, startedAt: new Date().toISOString() }),
    )
    try {
      expect(backupInProgress(t.dataDir)).toBe(true)
      expect(await removeUnreferencedFiles({ everything: true })).toBe(0)
      expect(fs.existsSync(orphanPath)).toBe(true)
      // Another backup is refused meanwhile.
      await expect(snapshot(folders().backupDir)).rejects.toThrow(/Another backup .* is under way/)
    } finally {
      fs.rmSync(lock)
    }
    // A lock that names this very process was left by an earlier one with the same process id.
    fs.writeFileSync(
      lock,
      JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }),
    )
    const retaken = await snapshot(folders().backupDir)
    expect(fs.existsSync(retaken.path)).toBe(true)
    expect(fs.existsSync(lock)).toBe(false)
    // A lock left by a killed backup: its process is gone.
    fs.writeFileSync(
      lock,
      JSON.stringify({ pid: 2 ** 22 + 1, startedAt: new Date().toISOString() }),
    )
    expect(backupInProgress(t.dataDir)).toBe(false)
    expect(await removeUnreferencedFiles({ everything: true })).toBe(1)
    expect(fs.existsSync(orphanPath)).toBe(false)
    // And the next backup takes it over.
    await snapshot(folders().backupDir)
    expect(fs.existsSync(lock)).toBe(false)
  })
})
