/*
 * The agenda pack of a meeting for one reader: one PDF with the agenda and the documents the reader may
 * see, in their language. The server reads what the pack shows under the reader's access rules and
 * writes it down as a plan (packPlan); a child process builds the PDF from it (see
 * agenda-pack-process.server.ts) and the file is kept under the plan's sha256 (see
 * agenda-pack-cache.server.ts). So a second reader with the same view gets the stored file at once,
 * readers asking for the same pack at the same moment share one build, and at most
 * MAX_PARALLEL_PACK_BUILDS builds run while MAX_WAITING_PACK_BUILDS wait; beyond that the answer is
 * "busy, try again" (agenda-pack-response.server.ts makes the answers). See
 * docs/decisions/0007-meetings-calendars-agenda-pack.md.
 */
import path from 'node:path'
import type { Locale } from '../../i18n/config'
import type { CurrentUser } from '../access/access.server'
import type { MeetingAccess } from '../access/meetings.server'
import { getConfig } from '../config/config.server'
import { db, isPostgres } from '../db/db.server'
import { storedFilePath } from '../documents/storage.server'
import { packCache, type CachedPack, type PackCache } from './agenda-pack-cache.server'
import { packPlan, planKey } from './agenda-pack-data.server'
import type { PackContentLimits, PackJob, PackPlan } from './agenda-pack-job.server'
import {
  MAX_PARALLEL_PACK_BUILDS,
  MAX_WAITING_PACK_BUILDS,
  QueueFull,
  taskLimit,
} from './agenda-pack-limit.server'
import { runPackProcess, type PackProcessLimits } from './agenda-pack-process.server'
import { log } from '../observability/logger.server'

export type PackLimits = PackContentLimits & PackProcessLimits

/**
 * What one pack may cost. 10,000 pages is some fifty thick reports; 150 MB of PDFs read and a pack of
 * at most 200 MB keep a build, with the 1 GB heap, well inside the machine's memory twice over; a
 * build that takes a minute has gone wrong (5,000 pages take a few seconds).
 */
export const defaultPackLimits: PackLimits = {
  maxPages: 10_000,
  maxSourceBytes: 150_000_000,
  maxOutputBytes: 200_000_000,
  timeMs: 60_000,
  heapMb: 1024,
}

export type AgendaPacksOptions = {
  limits: PackLimits
  maxParallel: number
  maxWaiting: number
  /** Said to a reader turned away because the queue is full (Retry-After). */
  retryAfterSeconds: number
  /** The cache folder; `agenda-packs` in the data folder when not given. */
  cacheDir?: string
  /** All cached packs together; more than the largest pack (maxOutputBytes), so every pack fits. */
  cacheMaxBytes: number
  /** A pack nobody asked for this long is removed. */
  cacheMaxIdleMs: number
  /** Whether other instances share the cache folder; by default when the database is PostgreSQL. */
  cacheShared?: boolean
}

const defaults: AgendaPacksOptions = {
  limits: defaultPackLimits,
  maxParallel: MAX_PARALLEL_PACK_BUILDS,
  maxWaiting: MAX_WAITING_PACK_BUILDS,
  retryAfterSeconds: 30,
  cacheMaxBytes: 1_000_000_000,
  cacheMaxIdleMs: 24 * 3_600_000,
}

export type PackOutcome =
  | ({ status: 'ready'; from: 'cache' | 'build' } & CachedPack)
  | { status: 'busy'; retryAfterSeconds: number }
  | { status: 'failed'; reason: string }

type BuildOutcome = { status: 'built' } | Exclude<PackOutcome, { status: 'ready' }>

export type AgendaPacks = ReturnType<typeof createAgendaPacks>

export function createAgendaPacks(options: Partial<AgendaPacksOptions> = {}) {
  const settings = { ...defaults, ...options }
  const { limits } = settings
  const builds = taskLimit(settings.maxParallel, settings.maxWaiting)
  const inFlight = new Map<string, Promise<BuildOutcome>>()
  let started = 0
  // Made at first use: the data folder is known only once the configuration has been read.
  let cache: PackCache | undefined
  const theCache = () =>
    (cache ??= packCache({
      dir: settings.cacheDir ?? path.join(getConfig().dataDir, 'agenda-packs'),
      maxBytes: settings.cacheMaxBytes,
      maxIdleMs: settings.cacheMaxIdleMs,
      shared: settings.cacheShared ?? isPostgres(db),
    }))

  async function buildAndStore(key: string, plan: PackPlan): Promise<BuildOutcome> {
    started++
    const outputPath = await theCache().newFile()
    try {
      const result = await runPackProcess(packJob(plan, outputPath, limits), limits)
      if (result.status === 'failed') {
        await theCache().discard(outputPath)
        return result
      }
      for (const { versionId, reason, detail } of result.leftOut) {
        log.warn(`Agenda pack: document version ${versionId} left out (${reason}): ${detail}`)
      }
      await theCache().store(key, outputPath, result.included)
      return { status: 'built' }
    } catch (error) {
      await theCache().discard(outputPath)
      throw error
    }
  }

  /** The build of this pack: the one under way, or a new one in the queue. */
  function sharedBuild(key: string, plan: PackPlan): Promise<BuildOutcome> {
    let build = inFlight.get(key)
    if (!build) {
      build = builds
        .run(() => buildAndStore(key, plan))
        .catch((error: unknown): BuildOutcome =>
          error instanceof QueueFull
            ? { status: 'busy', retryAfterSeconds: settings.retryAfterSeconds }
            : { status: 'failed', reason: String(error) },
        )
        .finally(() => inFlight.delete(key))
      inFlight.set(key, build)
    }
    return build
  }

  return {
    /**
     * The reader's pack, opened for reading, from the cache or built now. Throws the 404 of
     * packPlan when the reader may not see the meeting; anything else is an outcome.
     */
    async get(reader: CurrentUser, access: MeetingAccess, locale: Locale): Promise<PackOutcome> {
      const plan = await packPlan(reader, access, locale)
      const key = planKey(plan)
      try {
        let from: 'cache' | 'build' = 'cache'
        // A pack may be removed (to make room for others) between its build and its opening; then
        // it is built once more.
        for (let attempt = 0; attempt < 2; attempt++) {
          const cached = await theCache().open(key)
          if (cached) return { status: 'ready', from, ...cached }
          const built = await sharedBuild(key, plan)
          if (built.status !== 'built') return built
          from = 'build'
        }
        return { status: 'failed', reason: 'the pack left the cache before it could be sent' }
      } catch (error) {
        return { status: 'failed', reason: String(error) }
      }
    },
    /** Builds running and waiting (`run` takes a place in the queue like a build). */
    queue: builds as Pick<typeof builds, 'active' | 'waiting' | 'run'>,
    /** Builds started since this was made (a pack from the cache starts none). */
    get buildsStarted() {
      return started
    },
  }
}

/** The job for the building process: the plan, where its stored files are, the output, the limits. */
export function packJob(plan: PackPlan, outputPath: string, limits: PackContentLimits): PackJob {
  const files = Object.fromEntries(
    plan.attachments.flatMap(({ version }) =>
      version ? [[version.sha256, storedFilePath(version.sha256)]] : [],
    ),
  )
  const { maxPages, maxSourceBytes, maxOutputBytes } = limits
  return { plan, files, outputPath, limits: { maxPages, maxSourceBytes, maxOutputBytes } }
}

/** The agenda packs of this server process. */
export const agendaPacks = createAgendaPacks()
