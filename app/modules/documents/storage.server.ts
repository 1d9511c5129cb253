/*
 * Uploaded files on disk, named by the sha256 of their content, outside `public/`. A file becomes
 * visible under its final name only when it is complete and on disk (temp file, fsync, rename, fsync of
 * the folder); the database row that points at it is written after that. A crash therefore leaves at
 * most a temp file or an unreferenced file, and cleanUpFiles removes both.
 */
import { createHash, randomBytes } from 'node:crypto'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { getConfig } from '../config/config.server'
import { db } from '../db/db.server'
import { log } from '../observability/logger.server'

export type ReceivedFile = {
  tempPath: string
  sha256: string
  size: number
}

/** Raised while streaming when a file grows past the limit; the temp file is already gone. */
export class FileTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than ${maxBytes} bytes`)
  }
}

const MiB = 1024 * 1024
const sha256Pattern = /^[0-9a-f]{64}$/

function tempDir(): string {
  return path.join(getConfig().filesDir, 'tmp')
}

/** Where the file with this content lives: files/ab/abcdef… (two levels keep folders small). */
export function storedFilePath(sha256: string): string {
  if (!sha256Pattern.test(sha256)) throw new Error('Not a sha256 hex digest')
  return path.join(getConfig().filesDir, sha256.slice(0, 2), sha256)
}

/**
 * Streams `source` into a new temp file, hashing and counting on the way, and fsyncs it. Throws
 * FileTooLarge as soon as more than `maxBytes` arrive (the rest is never read), and an AbortError
 * when `signal` aborts; either way the temp file is gone.
 */
export async function receiveToTemp(
  source: Readable,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<ReceivedFile> {
  await fsp.mkdir(tempDir(), { recursive: true })
  const tempPath = path.join(tempDir(), `${randomBytes(16).toString('hex')}.part`)
  const hash = createHash('sha256')
  let size = 0
  const meter = new Transform({
    highWaterMark: MiB,
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length
      if (size > maxBytes) return done(new FileTooLarge(maxBytes))
      hash.update(chunk)
      done(null, chunk)
    },
  })
  // The file is created here, awaited, before anything can stop the upload: a write stream opens its
  // file later, so a stop that came first left a temp file created after its removal.
  signal?.throwIfAborted()
  const handle = await fsp.open(tempPath, 'wx', 0o600)
  try {
    // A buffer of 1 MiB lets the disk write several network chunks at once (writev) while the
    // next ones arrive; the default 16 KiB stalls the upload after every chunk.
    const file = handle.createWriteStream({ highWaterMark: MiB })
    await pipeline(source, meter, file, { signal })
    await syncPath(tempPath, 'r+')
  } catch (error) {
    await fsp.rm(tempPath, { force: true })
    throw error
  } finally {
    // The stream closes it when it ends; this covers a pipeline that never started it.
    await handle.close()
  }
  return { tempPath, sha256: hash.digest('hex'), size }
}

let fileLock: Promise<unknown> = Promise.resolve()

/**
 * Runs `work` alone, within this process, among the pieces of code that decide a stored file's fate:
 * storing a file and committing the row that refers to it, and deleting files no row refers to. Without
 * it, a clean-up could check "no row uses this content" just before an upload of the same content
 * commits its row, and then delete the file under it (docs/security.md item 22). Across instances
 * (PostgreSQL) a file hold does the same: see storeThenCommit and removeStoredFile.
 */
export function withFileLock<T>(work: () => Promise<T>): Promise<T> {
  const run = fileLock.then(work, work)
  fileLock = run.catch(() => undefined)
  return run
}

/** A hold older than this was left by an instance killed while storing (a commit takes seconds). */
const FILE_HOLD_MAX_MS = 60 * 60_000

/**
 * Stores the file at its content address, then runs `commit` (the rows that refer to it), together.
 * A hold on the content, committed before the file is moved into place, tells every instance's
 * removeStoredFile to leave it until the row is there.
 */
export function storeThenCommit<T>(file: ReceivedFile, commit: () => Promise<T>): Promise<T> {
  return withFileLock(async () => {
    const hold = await db.fileHold.create({ data: { sha256: file.sha256 }, select: { id: true } })
    try {
      await keepFile(file)
      return await commit()
    } finally {
      // The outcome is the commit's: a hold left behind stops counting after FILE_HOLD_MAX_MS.
      await db.fileHold.deleteMany({ where: { id: hold.id } }).catch((error: unknown) => {
        log.warn({ err: error }, 'A file hold could not be removed; it expires by itself')
      })
    }
  })
}

/**
 * Holds left by an instance that was killed while storing (the tidy-up): those made before
 * `madeBefore`, by default those past FILE_HOLD_MAX_MS; at a single server's start, all of them.
 */
export async function removeStaleFileHolds(
  madeBefore = Date.now() - FILE_HOLD_MAX_MS,
): Promise<number> {
  const { count } = await db.fileHold.deleteMany({
    where: madeBefore === Infinity ? {} : { createdAt: { lt: new Date(madeBefore) } },
  })
  return count
}

/**
 * Whether an upload on some instance holds this content, or a row refers to it. The holds are read
 * first, the rows after: an upload drops its hold only once its row is committed, so one of the two
 * reads sees it (read at the same time, on two connections, both could miss it).
 */
async function contentInUse(sha256: string): Promise<boolean> {
  const since = new Date(Date.now() - FILE_HOLD_MAX_MS)
  if ((await db.fileHold.count({ where: { sha256, createdAt: { gt: since } } })) > 0) return true
  return (await db.documentVersion.count({ where: { sha256 } })) > 0
}

const setAsidePattern = /^([0-9a-f]{64})\.[0-9a-f]{16}\.removing$/

/**
 * Removes the stored file with this content unless, at the last moment, a row refers to it or an
 * upload holds it on any instance; whether it was removed. The file is first moved aside (a rename, on
 * the shared volume too): an upload that moves its copy into place after that simply stores it anew,
 * and one that did so before took its hold before, so the check after the move sees it. A file
 * written after `sparedIfWrittenAfter` stays too (the tidy-up's grace for uploads of this instance).
 */
export async function removeStoredFile(
  sha256: string,
  options: { sparedIfWrittenAfter?: number } = {},
): Promise<boolean> {
  const target = storedFilePath(sha256)
  await fsp.mkdir(tempDir(), { recursive: true })
  const aside = path.join(tempDir(), `${sha256}.${randomBytes(8).toString('hex')}.removing`)
  try {
    await fsp.rename(target, aside)
  } catch (error) {
    if (isNotFound(error)) return false
    throw error
  }
  const { mtimeMs } = await fsp.stat(aside)
  const spared =
    options.sparedIfWrittenAfter !== undefined && mtimeMs > options.sparedIfWrittenAfter
  if (spared || (await contentInUse(sha256))) {
    await putBack(aside, target)
    return false
  }
  await fsp.rm(aside, { force: true })
  return true
}

/**
 * Files moved aside by a removal cut off before it decided (a killed instance): each goes back when
 * its content is in use, and away when not. Only those moved aside before `movedBefore`: by default a
 * minute ago, as a removal under way on another instance decides within milliseconds; at the start of a
 * single server, all of them.
 */
export async function settleSetAsideFiles(movedBefore = Date.now() - 60_000): Promise<void> {
  let names: string[]
  try {
    names = await fsp.readdir(tempDir())
  } catch {
    return
  }
  for (const name of names) {
    const sha256 = setAsidePattern.exec(name)?.[1]
    if (!sha256) continue
    const aside = path.join(tempDir(), name)
    const stat = await fsp.stat(aside).catch(() => undefined)
    if (!stat || stat.ctimeMs >= movedBefore) continue
    if (await contentInUse(sha256)) await putBack(aside, storedFilePath(sha256))
    else await fsp.rm(aside, { force: true })
  }
}

/** Back in place; a copy stored meanwhile by an upload has the same content, so either may stay. */
async function putBack(aside: string, target: string): Promise<void> {
  try {
    await fsp.rename(aside, target)
  } catch (error) {
    if (!isNotFound(error)) throw error // another instance settled it already
  }
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT'
}

/**
 * Moves a received file to its content address, as a new link (atomic: the address holds the whole file
 * or none). When a file with the same content is already there it stays as it is, and the temp copy
 * goes: a reader of it, on this machine or another on the shared volume, reads on. The upload's hold
 * (storeThenCommit) keeps every instance's removal from deleting it until the row is committed; a
 * removal that moved it aside just before found no file here, so the link made a new one.
 */
export async function keepFile(file: ReceivedFile): Promise<string> {
  const target = storedFilePath(file.sha256)
  // Folders made here must be on disk before the row that needs them: sync each folder that gained one.
  const created = await fsp.mkdir(path.dirname(target), { recursive: true })
  if (created) {
    for (let folder = path.dirname(target); folder !== path.dirname(created);) {
      folder = path.dirname(folder)
      await syncPath(folder, 'r')
    }
  }
  try {
    await fsp.link(file.tempPath, target)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') {
      await fsp.rm(file.tempPath, { force: true })
      return target
    }
    // A volume without hard links: the rename puts the same bytes in place.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error
    await fsp.rename(file.tempPath, target)
  }
  await fsp.rm(file.tempPath, { force: true })
  // The new entry is durable only once the folder's entry is on disk too.
  await syncPath(path.dirname(target), 'r')
  return target
}

export async function discardTemp(file: Pick<ReceivedFile, 'tempPath'> | undefined): Promise<void> {
  if (file) await fsp.rm(file.tempPath, { force: true })
}

// fsync through a new descriptor flushes the file's data all the same (Linux keeps it per file).
async function syncPath(target: string, flags: 'r' | 'r+'): Promise<void> {
  const handle = await fsp.open(target, flags)
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Every stored file, as sha256 → path, with its modification time. */
export async function listStoredFiles(): Promise<
  { sha256: string; path: string; mtimeMs: number }[]
> {
  const root = getConfig().filesDir
  const found: { sha256: string; path: string; mtimeMs: number }[] = []
  let prefixes: string[]
  try {
    prefixes = await fsp.readdir(root)
  } catch {
    return found
  }
  for (const prefix of prefixes) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue
    for (const name of await fsp.readdir(path.join(root, prefix))) {
      if (!sha256Pattern.test(name)) continue
      const filePath = path.join(root, prefix, name)
      const stat = await fsp.stat(filePath)
      found.push({ sha256: name, path: filePath, mtimeMs: stat.mtimeMs })
    }
  }
  return found
}

/**
 * Temp files of uploads that never finished: all of them (only safe when no upload is under way, on
 * this instance or another), or those last written before `writtenBefore` (an upload on its way writes
 * to its file all the time).
 */
export async function removeTempFiles(writtenBefore = Infinity): Promise<number> {
  let names: string[]
  try {
    names = await fsp.readdir(tempDir())
  } catch {
    return 0
  }
  let removed = 0
  for (const name of names) {
    if (setAsidePattern.test(name)) continue // a stored file on its way out (settleSetAsideFiles)
    const file = path.join(tempDir(), name)
    const stat = await fsp.stat(file).catch(() => undefined)
    if (!stat || stat.mtimeMs >= writtenBefore) continue
    await fsp.rm(file, { force: true })
    removed++
  }
  return removed
}
