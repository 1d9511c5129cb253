/*
 * Changing documents: creating one with its first version, adding versions, editing the details and
 * audience, the bin. Every write that stores a file happens after the file is safely on disk
 * (storage.server.ts), in one transaction with its search-index row and extraction job.
 */
import type { CurrentUser, NetworkAccess } from '../access/access.server'
import type { DocumentAccess } from '../access/documents.server'
import { recordActivity } from '../activity/record.server'
import { auditBy } from '../audit/audit.server'
import { db } from '../db/db.server'
import { currentMemberOrganisations } from '../networks/networks.server'
import type { Prisma } from '../db/generated/client'
import { enqueueJob, kickJobWorker } from './jobs.server'
import type { DocumentDetailsInput, DocumentEditInput } from './schema'
import { indexNewDocument, nextSearchRowId, reindexDetails } from './search-index.server'
import { storeThenCommit } from './storage.server'
import type { UploadedFile } from './upload.server'

type Tx = Prisma.TransactionClient
type Problem = { problem: string; field?: string }

/** The organisations that may be chosen as audience, and the projects a document may belong to. */
export async function documentFormOptions(access: NetworkAccess) {
  const [organisations, projects] = await Promise.all([
    currentMemberOrganisations(access.network.id),
    db.project.findMany({
      where: { networkId: access.network.id },
      orderBy: { title: 'asc' },
      select: { id: true, title: true },
    }),
  ])
  return { organisations, projects }
}

/**
 * Checks the chosen audience and project against the network (a tampered form cannot name an
 * organisation or project from elsewhere) and returns the audience organisations to store.
 */
async function checkLinks(
  access: NetworkAccess,
  input: Pick<DocumentDetailsInput, 'audience' | 'organisationIds' | 'projectId'>,
  ownerOrganisationId: string,
): Promise<{ audienceIds: string[]; projectId: string | null } | Problem> {
  const { organisations, projects } = await documentFormOptions(access)
  const members = new Set(organisations.map((o) => o.id))
  if (input.organisationIds.some((id) => !members.has(id))) {
    return { problem: 'audienceOutsideNetwork', field: 'organisationIds' }
  }
  if (input.projectId && !projects.some((p) => p.id === input.projectId)) {
    return { problem: 'projectOutsideNetwork', field: 'projectId' }
  }
  const audienceIds =
    input.audience === 'selected'
      ? [...new Set([ownerOrganisationId, ...input.organisationIds])]
      : []
  return { audienceIds, projectId: input.projectId || null }
}

/** The details as the Document row keeps them (tags as one comma-separated text). */
function detailColumns(input: DocumentDetailsInput, projectId: string | null) {
  return {
    title: input.title,
    description: input.description,
    type: input.type,
    language: input.language,
    tags: input.tags.join(', '),
    audience: input.audience,
    projectId,
  }
}

async function addVersionRow(
  tx: Tx,
  user: CurrentUser,
  documentId: string,
  number: number,
  file: UploadedFile,
) {
  const version = await tx.documentVersion.create({
    data: {
      documentId,
      number,
      sha256: file.sha256,
      size: file.size,
      mediaType: file.mediaType,
      originalName: file.originalName,
      uploadedById: user.id,
      organisationId: user.organisation.id,
    },
    select: { id: true, number: true },
  })
  await enqueueJob(tx, 'extract_text', { versionId: version.id })
  return version
}

/** A new document with its first version. The file must have passed checkContent. */
export async function createDocument(
  user: CurrentUser,
  access: NetworkAccess,
  input: DocumentDetailsInput,
  file: UploadedFile,
): Promise<{ id: string } | Problem> {
  const links = await checkLinks(access, input, user.organisation.id)
  if ('problem' in links) return links
  const document = await storeThenCommit(file, () =>
    db.$transaction(async (tx) => {
      const searchRowId = await nextSearchRowId(tx)
      const created = await tx.document.create({
        data: {
          networkId: access.network.id,
          ...detailColumns(input, links.projectId),
          ownerOrganisationId: user.organisation.id,
          createdById: user.id,
          searchRowId,
          audienceMembers: {
            create: links.audienceIds.map((organisationId) => ({ organisationId })),
          },
        },
        select: { id: true },
      })
      await addVersionRow(tx, user, created.id, 1, file)
      await indexNewDocument(tx, searchRowId, input)
      await recordActivity(tx, {
        networkId: access.network.id,
        kind: 'document_shared',
        actor: user,
        documentId: created.id,
        data: { title: input.title },
      })
      await auditBy(
        user,
        'document.created',
        { type: 'Document', id: created.id },
        {
          audience: input.audience,
          organisations: links.audienceIds,
          sha256: file.sha256,
        },
        tx,
      )
      return created
    }),
  )
  kickJobWorker()
  return document
}

/** A new version of a document; the older ones stay downloadable. */
export async function addDocumentVersion(
  user: CurrentUser,
  access: DocumentAccess,
  file: UploadedFile,
): Promise<{ number: number }> {
  const version = await storeThenCommit(file, () =>
    db.$transaction(async (tx) => {
      const last = await tx.documentVersion.aggregate({
        where: { documentId: access.document.id },
        _max: { number: true },
      })
      const created = await addVersionRow(
        tx,
        user,
        access.document.id,
        (last._max.number ?? 0) + 1,
        file,
      )
      await tx.document.update({
        where: { id: access.document.id },
        data: { updatedAt: new Date() },
      })
      await recordActivity(tx, {
        networkId: access.network.id,
        kind: 'document_version',
        actor: user,
        documentId: access.document.id,
        documentVersionId: created.id,
        data: { title: access.document.title, version: created.number },
      })
      await auditBy(
        user,
        'document.version_added',
        { type: 'Document', id: access.document.id },
        { number: created.number, sha256: file.sha256 },
        tx,
      )
      return created
    }),
  )
  kickJobWorker()
  return version
}

/** Saves changed details and audience; refuses a form loaded before someone else's save. */
export async function updateDocumentDetails(
  user: CurrentUser,
  access: DocumentAccess,
  input: DocumentEditInput,
): Promise<{ ok: true } | Problem | { conflict: true }> {
  const links = await checkLinks(access, input, access.document.ownerOrganisationId)
  if ('problem' in links) return links
  return db.$transaction(async (tx) => {
    const before = await tx.document.findUniqueOrThrow({
      where: { id: access.document.id },
      select: {
        title: true,
        audience: true,
        searchRowId: true,
        audienceMembers: { select: { organisationId: true } },
      },
    })
    const saved = await tx.document.updateMany({
      where: { id: access.document.id, version: input.version },
      data: { ...detailColumns(input, links.projectId), version: { increment: 1 } },
    })
    if (saved.count === 0) return { conflict: true as const }
    await tx.documentAudience.deleteMany({ where: { documentId: access.document.id } })
    await tx.documentAudience.createMany({
      data: links.audienceIds.map((organisationId) => ({
        documentId: access.document.id,
        organisationId,
      })),
    })
    await reindexDetails(tx, before.searchRowId, input)
    await auditBy(
      user,
      'document.updated',
      { type: 'Document', id: access.document.id },
      {
        before: {
          title: before.title,
          audience: before.audience,
          organisations: before.audienceMembers.map((m) => m.organisationId),
        },
        after: { title: input.title, audience: input.audience, organisations: links.audienceIds },
      },
      tx,
    )
    return { ok: true as const }
  })
}

export async function moveToBin(user: CurrentUser, access: DocumentAccess): Promise<void> {
  await db.document.update({
    where: { id: access.document.id },
    data: { deletedAt: new Date(), deletedById: user.id },
  })
  await auditBy(user, 'document.binned', { type: 'Document', id: access.document.id })
}

export async function restoreFromBin(user: CurrentUser, document: { id: string }): Promise<void> {
  await db.document.update({
    where: { id: document.id },
    data: { deletedAt: null, deletedById: null },
  })
  await auditBy(user, 'document.restored', { type: 'Document', id: document.id })
}
