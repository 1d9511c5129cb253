/*
 * Uploaded files on disk, named by the sha256 of their content, outside `public/`. A file becomes
 * visible under its final name only when it is complete and on disk (temp file, fsync, rename, fsync of
 * the folder); the database row that points at it is written after that. A crash therefore leaves at
 * most a temp file or an unreferenced file, and cleanUpFiles removes both.
 */
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { getConfig } from '../config/config.server'

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
 * Runs `work` alone among the pieces of code that decide a stored file's fate: storing a file and
 * committing the row that refers to it, and deleting files no row refers to. Without it, a clean-up
 * could check "no row uses this content" just before an upload of the same content commits its row,
 * and then delete the file under it. (One server process writes; see docs/security.md item 22.)
 */
export function withFileLock<T>(work: () => Promise<T>): Promise<T> {
  const run = fileLock.then(work, work)
  fileLock = run.catch(() => undefined)
  return run
}

/** Stores the file at its content address, then runs `commit` (the rows that refer to it), together. */
export function storeThenCommit<T>(file: ReceivedFile, commit: () => Promise<T>): Promise<T> {
  return withFileLock(async () => {
    await keepFile(file)
    return commit()
  })
}

/**
 * Moves a received file to its content address. When a file with the same content is already stored,
 * the temp copy is dropped and the stored one is touched, so a purge running at the same moment (which
 * spares recent files) leaves it alone.
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
  if (fs.existsSync(target)) {
    await fsp.rm(file.tempPath, { force: true })
    const now = new Date()
    await fsp.utimes(target, now, now)
    return target
  }
  await fsp.rename(file.tempPath, target)
  // The rename is durable only once the folder's entry is on disk too.
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
    const file = path.join(tempDir(), name)
    const stat = await fsp.stat(file).catch(() => undefined)
    if (!stat || stat.mtimeMs >= writtenBefore) continue
    await fsp.rm(file, { force: true })
    removed++
  }
  return removed
}
