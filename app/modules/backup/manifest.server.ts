/*
 * What a snapshot holds and how it says so (docs/decisions/0010-backups-and-restore.md):
 *
 *   <backup folder>/zwin-backup-20260301T020000Z/
 *     zwin.sqlite       the database, made by VACUUM INTO (one consistent moment)
 *     files/ab/ab…      every file a document version of that database refers to
 *     session-secret    when the data folder has one (mode 0600)
 *     manifest.json     written last: row counts, and the size and sha256 of every file above
 *
 * A snapshot is made in `<name>.partial` and gets its name only when the manifest is on disk, so a
 * backup that is killed leaves nothing that looks complete.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'

export const MANIFEST_FILE = 'manifest.json'
export const DATABASE_FILE = 'zwin.sqlite'
export const SECRET_FILE = 'session-secret'
export const FILES_DIR = 'files'
export const MANIFEST_FORMAT = 1

/** Complete snapshots: `zwin-backup-` and the UTC time of the database copy (`-2`… when in one second). */
export const snapshotNamePattern = /^zwin-backup-\d{8}T\d{6}Z(-\d+)?$/
export const PARTIAL_SUFFIX = '.partial'

const sha256 = z.string().regex(/^[0-9a-f]{64}$/)
const checkedFile = z.object({ size: z.number().int().min(0), sha256 })

const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  app: z.literal('zwin'),
  appVersion: z.string(),
  /** When the database copy was made: the snapshot holds every write committed before then. */
  createdAt: z.iso.datetime(),
  database: checkedFile.extend({ tables: z.record(z.string(), z.number().int().min(0)) }),
  sessionSecret: checkedFile.nullable(),
  /** The stored files, at files/<first two hex digits>/<sha256>. */
  files: z.array(checkedFile),
  complete: z.literal(true),
  /** sha256 of this JSON without this field: a manifest edited by hand no longer matches it. */
  manifestSha256: sha256,
})

export type Manifest = z.infer<typeof manifestSchema>
export type ManifestBody = Omit<Manifest, 'complete' | 'manifestSha256'>

/** A snapshot that restore will not take; the message is for the operator. */
export class SnapshotRefused extends Error {
  override name = 'SnapshotRefused'
}

function checksum(body: Omit<Manifest, 'manifestSha256'>): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex')
}

/** The relative path of a stored file inside a data folder or a snapshot. */
export function storedFileRelative(sha: string): string {
  return path.join(FILES_DIR, sha.slice(0, 2), sha)
}

/** Writes the manifest (temp file, fsync, rename, fsync of the folder): the last step of a snapshot. */
export async function writeManifest(dir: string, body: ManifestBody): Promise<Manifest> {
  const complete = { ...body, complete: true as const }
  const manifest: Manifest = { ...complete, manifestSha256: checksum(complete) }
  const temp = path.join(dir, `${MANIFEST_FILE}.tmp`)
  await fsp.writeFile(temp, JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 })
  await syncPath(temp)
  await fsp.rename(temp, path.join(dir, MANIFEST_FILE))
  await syncPath(dir)
  return manifest
}

/** Reads and checks a snapshot's manifest; throws SnapshotRefused saying what is wrong with it. */
export function readManifest(dir: string): Manifest {
  if (path.basename(dir).endsWith(PARTIAL_SUFFIX)) {
    throw new SnapshotRefused(
      `${dir} is a backup that never finished (it was stopped or failed); it cannot be restored.`,
    )
  }
  let text: string
  try {
    text = fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')
  } catch {
    throw new SnapshotRefused(
      `${dir} has no ${MANIFEST_FILE}: it is not a Zwin snapshot, or its backup never finished.`,
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new SnapshotRefused(`The ${MANIFEST_FILE} of ${dir} is not valid JSON: it is damaged.`)
  }
  if ((json as { complete?: unknown } | null)?.complete !== true) {
    throw new SnapshotRefused(`The ${MANIFEST_FILE} of ${dir} does not mark the snapshot complete.`)
  }
  const parsed = manifestSchema.safeParse(json)
  if (!parsed.success) {
    throw new SnapshotRefused(
      `The ${MANIFEST_FILE} of ${dir} is not one this version of Zwin reads ` +
        `(${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}).`,
    )
  }
  // The checksum is over the JSON as written (the parsed copy has the schema's key order).
  const { manifestSha256, ...body } = json as Manifest
  if (checksum(body) !== manifestSha256) {
    throw new SnapshotRefused(`The ${MANIFEST_FILE} of ${dir} was changed after the backup.`)
  }
  return parsed.data
}

/** The complete snapshots in a backup folder, oldest first (their names sort by time). */
export function listSnapshots(backupDir: string): string[] {
  let names: string[]
  try {
    names = fs.readdirSync(backupDir)
  } catch {
    return []
  }
  return names
    .filter((n) => snapshotNamePattern.test(n))
    .filter((n) => fs.existsSync(path.join(backupDir, n, MANIFEST_FILE)))
    .sort((a, b) => {
      const time = a.slice(0, 28).localeCompare(b.slice(0, 28))
      return time !== 0 ? time : snapshotSequence(a) - snapshotSequence(b)
    })
}

/** 1 for `zwin-backup-…Z`, n for `zwin-backup-…Z-n` (made in the same second, later). */
export function snapshotSequence(name: string): number {
  const m = /^zwin-backup-\d{8}T\d{6}Z(?:-(\d+))?$/.exec(name)
  return m ? Number(m[1] ?? 1) : 0
}

/** When a snapshot's database copy was made, from its name. */
export function snapshotTime(name: string): Date | undefined {
  const m = /^zwin-backup-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(name)
  return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : undefined
}

/**
 * sha256 and size of a file, read in chunks (the event loop stays free meanwhile). A file handle and
 * one buffer: for thousands of small files this is several times faster than a read stream each.
 */
export async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256')
  const buffer = Buffer.allocUnsafe(256 * 1024)
  let size = 0
  const handle = await fsp.open(file, 'r')
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null)
      if (bytesRead === 0) break
      hash.update(buffer.subarray(0, bytesRead))
      size += bytesRead
    }
  } finally {
    await handle.close()
  }
  return { sha256: hash.digest('hex'), size }
}

// fsync through a new descriptor flushes the file's data all the same (Linux keeps it per file); a
// folder's fsync puts its new entries on disk.
export async function syncPath(target: string): Promise<void> {
  const handle = await fsp.open(target, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * fsyncs many files or folders, several at once: the file system commits their entries together,
 * where one after the other each waits for a commit of its own.
 */
export function syncAll(targets: readonly string[]): Promise<void> {
  return eachLimited(targets, 16, syncPath)
}

/** Runs `work` on every item, at most `limit` at a time; the first failure stops the rest. */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0
  let failed = false
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++]!
      try {
        await work(item)
      } catch (error) {
        failed = true
        throw error
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}
