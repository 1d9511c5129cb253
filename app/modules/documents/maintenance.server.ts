/*
 * Background work for documents: text extraction (a queued job per version), purging the bin after
 * BIN_DAYS, and removing files that no version refers to (left by a crash between storing a file and
 * committing its row, or by a purge).
 */
import { backupInProgress } from '../backup/snapshot.server'
import { getConfig } from '../config/config.server'
import { db, isPostgres } from '../db/db.server'
import { runOnOneInstance } from '../db/locks.server'
import { extractTextInChildProcess } from './extract-process.server'
import { registerJobHandler, startJobWorker, stopJobWorker } from './jobs.server'
import { reindexBody, removeFromIndex } from './search-index.server'
import {
  listStoredFiles,
  removeStaleFileHolds,
  removeStoredFile,
  removeTempFiles,
  settleSetAsideFiles,
  storedFilePath,
  withFileLock,
} from './storage.server'
import { BIN_DAYS } from './types'
import { log } from '../observability/logger.server'

/** Extracts the text of one version; the index gets it when the version is still the newest. */
export async function extractVersionText(versionId: string): Promise<void> {
  const version = await db.documentVersion.findUnique({
    where: { id: versionId },
    select: {
      id: true,
      number: true,
      sha256: true,
      mediaType: true,
      document: { select: { id: true, searchRowId: true } },
    },
  })
  if (!version) return // purged meanwhile
  // Images hold no text to extract: no need to start a process for them.
  const result = version.mediaType.startsWith('image/')
    ? ({ status: 'empty', text: '' } as const)
    : await extractTextInChildProcess(storedFilePath(version.sha256), version.mediaType)
  await db.$transaction(async (tx) => {
    await tx.documentVersion.update({
      where: { id: version.id },
      data: { textStatus: result.status },
    })
    const newest = await tx.documentVersion.findFirst({
      where: { documentId: version.document.id },
      orderBy: { number: 'desc' },
      select: { id: true },
    })
    if (newest?.id === version.id) await reindexBody(tx, version.document.searchRowId, result.text)
  })
}

registerJobHandler('extract_text', {
  run: async (payload) => {
    if (typeof payload.versionId !== 'string') throw new Error('extract_text needs a versionId')
    await extractVersionText(payload.versionId)
  },
  // The version then says "not readable" instead of "being processed" for ever.
  giveUp: async (payload) => {
    if (typeof payload.versionId !== 'string') return
    await db.documentVersion.updateMany({
      where: { id: payload.versionId, textStatus: 'pending' },
      data: { textStatus: 'failed' },
    })
  },
})

// Files younger than this may belong to an upload whose row is being committed right now.
const FILE_GRACE_MS = 60 * 60 * 1000

/**
 * Deletes stored files that no version refers to. At start (`everything`), when no upload can be under
 * way, every such file and every temp file goes; later runs spare files younger than an hour.
 */
export function removeUnreferencedFiles(options: { everything: boolean }): Promise<number> {
  return withFileLock(() => removeUnreferenced(options))
}

async function removeUnreferenced(options: { everything: boolean }): Promise<number> {
  const cutoff = Date.now() - FILE_GRACE_MS
  // First the holds: at a single server's start every hold is one an upload cut off by a crash left
  // behind (it would keep that upload's file, which no row refers to, for an hour); later runs take
  // only those past their time. The settling and the removals below then read the holds that remain.
  await removeStaleFileHolds(options.everything ? Infinity : undefined)
  await settleSetAsideFiles(options.everything ? Infinity : undefined)
  await removeTempFiles(options.everything ? Infinity : cutoff)
  // A backup links the files its database copy refers to after making that copy: a document purged
  // meanwhile must keep its file until then. The next tidy-up removes it (app/modules/backup).
  // Checked before the rows are read: a backup that starts later copies a database in which the files
  // removed here are already unreferenced, and no upload can refer to them again while the lock is held.
  if (backupInProgress(getConfig().dataDir)) return 0
  const files = await listStoredFiles()
  if (files.length === 0) return 0
  const referenced = new Set(
    (await db.documentVersion.findMany({ distinct: ['sha256'], select: { sha256: true } })).map(
      (v) => v.sha256,
    ),
  )
  let removed = 0
  for (const file of files) {
    if (referenced.has(file.sha256)) continue
    if (!options.everything && file.mtimeMs > cutoff) continue
    // Checked again at the last moment: another instance may be storing this content right now.
    const spare = options.everything ? {} : { sparedIfWrittenAfter: cutoff }
    if (await removeStoredFile(file.sha256, spare)) removed++
  }
  return removed
}

/** Purges documents that have been in the bin for more than BIN_DAYS, then their unshared files. */
export async function purgeBin(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - BIN_DAYS * 86_400_000)
  const expired = await db.document.findMany({
    where: { deletedAt: { lt: cutoff } },
    select: { id: true, searchRowId: true },
  })
  let purged = 0
  for (const document of expired) {
    await db.$transaction(async (tx) => {
      // Still expired now: a restore since the list was read wins.
      const gone = await tx.document.deleteMany({
        where: { id: document.id, deletedAt: { lt: cutoff } },
      })
      if (gone.count === 0) return
      await removeFromIndex(tx, document.searchRowId)
      purged++
    })
  }
  return purged
}

/** Done jobs are kept a while for inspection, then removed; failed ones stay until someone looks. */
async function pruneDoneJobs(now = new Date()): Promise<void> {
  await db.job.deleteMany({
    where: { status: 'done', updatedAt: { lt: new Date(now.getTime() - BIN_DAYS * 86_400_000) } },
  })
}

/**
 * The tidy-up: the bin, then files no version refers to (a purged document's, or one stored for an
 * upload whose row was never committed), then old finished jobs. At start (`everything`), before any
 * upload can be under way, also temp files and files of any age; later runs spare recent files.
 */
export async function tidyUp(options = { everything: false }): Promise<number> {
  // With several instances (PostgreSQL), one tidies up at a time; the others leave it to that one.
  const outcome = await runOnOneInstance(getConfig().database, 'tidyUp', async () => {
    await purgeBin()
    // A file shared with another version or document keeps its row elsewhere, so it stays.
    const removed = await removeUnreferencedFiles(options)
    await pruneDoneJobs()
    return removed
  })
  return outcome.ran ? outcome.value : 0
}

let purgeTimer: NodeJS.Timeout | undefined
let tidying: Promise<unknown> | undefined

/**
 * At server start: tidy up once (the files listed once), then run jobs, and tidy every six hours. With
 * one server (SQLite) no upload can be under way at its start, so files and temp files of any age go;
 * on PostgreSQL another instance may be storing one right now, so recent ones are spared there too.
 */
export async function startDocumentMaintenance(): Promise<void> {
  const removed = await tidyUp({ everything: !isPostgres(db) })
  if (removed > 0) log.info(`Removed ${removed} stored file(s) that no document refers to.`)
  await startJobWorker()
  // One run at a time: a run still busy (a slow volume, say) when the next is due is left to finish.
  purgeTimer ??= setInterval(() => {
    tidying ??= tidyUp()
      .catch((error: unknown) => log.error({ err: error }, 'Tidying up the files failed'))
      .finally(() => (tidying = undefined))
  }, 6 * 3_600_000)
  purgeTimer.unref()
}

/** At server stop: no more tidying, and the job worker stops at a safe point (jobs.server.ts). */
export async function stopDocumentMaintenance(graceMs: number): Promise<void> {
  clearInterval(purgeTimer)
  purgeTimer = undefined
  await stopJobWorker(graceMs)
}
