/*
 * Withdrawing one version of a document, e.g. a file uploaded by mistake or one holding personal data
 * that should not have been shared. Unlike the bin, this is at once and for good: the row goes, and the
 * file too unless another version or document has the same content. The last version cannot be
 * withdrawn; the whole document then goes to the bin.
 */
import type { CurrentUser } from '../access/access.server'
import type { DocumentAccess } from '../access/documents.server'
import { auditBy } from '../audit/audit.server'
import { db } from '../db/db.server'
import { enqueueJob, kickJobWorker } from './jobs.server'
import { reindexBody } from './search-index.server'
import { removeStoredFile, withFileLock } from './storage.server'

export type WithdrawProblem = 'notFound' | 'lastVersion'

export async function withdrawVersion(
  user: CurrentUser,
  access: DocumentAccess,
  versionId: string,
): Promise<{ ok: true; number: number } | { problem: WithdrawProblem }> {
  // One turn of the file lock for the rows and the file: no upload of the same content can commit
  // between the count below and the removal.
  const outcome = await withFileLock(async () => {
    const done = await db.$transaction(async (tx) => {
      const versions = await tx.documentVersion.findMany({
        where: { documentId: access.document.id },
        orderBy: { number: 'desc' },
        select: { id: true, number: true, sha256: true, originalName: true },
      })
      const version = versions.find((v) => v.id === versionId)
      if (!version) return { problem: 'notFound' as const }
      if (versions.length === 1) return { problem: 'lastVersion' as const }
      await tx.documentVersion.delete({ where: { id: version.id } })
      if (versions[0]!.id === version.id) {
        // The newest goes: the search index gets the text of the one before it again.
        const document = await tx.document.findUniqueOrThrow({
          where: { id: access.document.id },
          select: { searchRowId: true },
        })
        await reindexBody(tx, document.searchRowId, '')
        await enqueueJob(tx, 'extract_text', { versionId: versions[1]!.id })
      }
      await auditBy(
        user,
        'document.version_withdrawn',
        { type: 'Document', id: access.document.id },
        { number: version.number, name: version.originalName, sha256: version.sha256 },
        tx,
      )
      const stillUsed = await tx.documentVersion.count({ where: { sha256: version.sha256 } })
      return { ok: true as const, number: version.number, unusedFile: stillUsed === 0, version }
    })
    // Gone for good: the file is removed now, not at the next tidy-up, unless other rows still use it
    // (or, checked again at the last moment, an upload on another instance is storing it again).
    if ('unusedFile' in done && done.unusedFile) await removeStoredFile(done.version.sha256)
    return done
  })
  if ('problem' in outcome) return outcome
  kickJobWorker()
  return { ok: true, number: outcome.number }
}
