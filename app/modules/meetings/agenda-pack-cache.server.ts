/*
 * Built agenda packs, kept as files under the data folder (`agenda-packs/`) and found again by their
 * key: the sha256 of the plan they were built from (planKey), which holds everything the pack shows.
 * A pack comes from the cache only for a reader whose own plan, read under their own access rules,
 * hashes to the same key; a change to the meeting, the agenda, a document or the reader's view gives a
 * new key, and the old pack is simply never asked for again.
 *
 * Each process keeps its packs in a folder of its own inside the cache folder, named at random when it
 * starts, so that several instances can share a data folder: the index (size, documents included, last
 * use) is in memory, and another instance's packs are not in it. A pack is written to `tmp/` of that
 * folder by the building process and renamed into place once it is complete, so a file under its key
 * is always whole. At the first use in a process, the folders of earlier runs go (perhaps of an earlier
 * version of Zwin, with other texts: their packs are never served): all of them on a single server, and
 * with several instances those not marked in use for `maxIdleMs` (stopped instances). Each time a pack
 * is stored, the packs not asked for in `maxIdleMs` are removed, and while all together pass
 * `maxBytes`, the least recently used.
 */
import { randomBytes } from 'node:crypto'
import fsp, { type FileHandle } from 'node:fs/promises'
import path from 'node:path'
import type { IncludedVersion } from './agenda-pack-job.server'

export type PackCacheOptions = {
  dir: string
  maxBytes: number
  maxIdleMs: number
  /**
   * Whether other instances may use the folder at the same time (PostgreSQL). A single server removes
   * every folder but its own at its first use; shared, only those idle for `maxIdleMs`.
   */
  shared: boolean
}

/** A live process marks its folder as in use at most this often (when it opens or builds a pack). */
const MARK_IN_USE_EVERY_MS = 10 * 60_000

type Entry = { file: string; bytes: number; included: IncludedVersion[]; lastUsed: number }

export type CachedPack = {
  /** Open for reading: a pack removed from the cache meanwhile can still be sent in full. */
  file: FileHandle
  bytes: number
  included: IncludedVersion[]
}

export type PackCache = ReturnType<typeof packCache>

export function packCache(options: PackCacheOptions) {
  const ownDir = path.join(options.dir, randomBytes(8).toString('hex'))
  const tmpDir = path.join(ownDir, 'tmp')
  // In order of last use, the least recent first (a Map keeps insertion order).
  const entries = new Map<string, Entry>()
  let total = 0
  let ready: Promise<void> | undefined
  let markedAt = 0
  const prepare = () =>
    (ready ??= (async () => {
      await fsp.mkdir(tmpDir, { recursive: true })
      markedAt = Date.now()
      const idleBefore = options.shared ? markedAt - options.maxIdleMs : Infinity
      await removeStaleFolders(options.dir, ownDir, idleBefore)
    })().catch((error: unknown) => {
      ready = undefined
      throw error
    }))
  // Well within maxIdleMs, after which other instances take the folder for a stopped one's.
  const markInUse = async () => {
    if (Date.now() - markedAt < Math.min(MARK_IN_USE_EVERY_MS, options.maxIdleMs / 4)) return
    markedAt = Date.now()
    const now = new Date()
    await fsp.utimes(ownDir, now, now).catch(() => undefined)
  }

  const remove = async (key: string) => {
    const entry = entries.get(key)
    if (!entry) return
    entries.delete(key)
    total -= entry.bytes
    await fsp.rm(entry.file, { force: true })
  }

  /** Removes the packs idle too long, then the least recently used until the rest fits. */
  const tidy = async (keep?: string) => {
    const idleSince = Date.now() - options.maxIdleMs
    for (const [key, entry] of [...entries]) {
      if (entry.lastUsed < idleSince && key !== keep) await remove(key)
    }
    for (const key of [...entries.keys()]) {
      if (total <= options.maxBytes) break
      if (key !== keep) await remove(key)
    }
  }

  return {
    /** The pack under `key`, opened, or null when there is none. */
    async open(key: string): Promise<CachedPack | null> {
      await prepare()
      const entry = entries.get(key)
      if (!entry) return null
      await markInUse()
      const file = await fsp.open(entry.file, 'r').catch(() => null)
      if (!file) {
        await remove(key)
        return null
      }
      entries.delete(key)
      entries.set(key, { ...entry, lastUsed: Date.now() })
      return { file, bytes: entry.bytes, included: entry.included }
    },

    /** A path for a pack being built: in `tmp/`, with a name nothing else uses. */
    async newFile(): Promise<string> {
      await prepare()
      // Made again if another instance took this one's folder for a stopped one's (idle that long).
      await fsp.mkdir(tmpDir, { recursive: true })
      await markInUse()
      return path.join(tmpDir, `${randomBytes(16).toString('hex')}.pdf`)
    },

    /** Moves a finished pack from its `newFile` path under `key`. */
    async store(key: string, builtFile: string, included: IncludedVersion[]): Promise<void> {
      const { size } = await fsp.stat(builtFile)
      const file = path.join(ownDir, `${key}.pdf`)
      // A pack already under this key (built again after it was found missing) is the same pack:
      // the rename replaces it.
      const earlier = entries.get(key)
      if (earlier) {
        entries.delete(key)
        total -= earlier.bytes
      }
      await fsp.rename(builtFile, file)
      entries.set(key, { file, bytes: size, included, lastUsed: Date.now() })
      total += size
      await tidy(key)
    },

    /** Removes what a failed build may have left. */
    async discard(builtFile: string): Promise<void> {
      await fsp.rm(builtFile, { force: true })
    },

    get totalBytes() {
      return total
    },
    get size() {
      return entries.size
    },
  }
}

/**
 * Removes what is in the cache folder besides this process's folder and the folders of other running
 * instances: loose files (the layout of earlier versions) and folders not marked in use since `before`.
 */
async function removeStaleFolders(dir: string, ownDir: string, before: number): Promise<void> {
  for (const entry of await fsp.readdir(dir, { withFileTypes: true })) {
    const entryPath = path.join(dir, entry.name)
    if (entryPath === ownDir) continue
    if (entry.isDirectory()) {
      const stat = await fsp.stat(entryPath).catch(() => undefined)
      if (!stat || stat.mtimeMs >= before) continue
    }
    // A folder that cannot go now (a file held open on a network volume) is tried at the next start.
    await fsp.rm(entryPath, { recursive: true, force: true }).catch(() => undefined)
  }
}
