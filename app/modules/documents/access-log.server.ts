/*
 * The document access log: every view and download, with user, organisation, version and time. It is
 * shown only as a summary per organisation ("3 of 5 partners opened this"), never as a list of people.
 */
import { currentMembersWhere, type CurrentUser } from '../access/access.server'
import type { DocumentAccess } from '../access/documents.server'
import { db } from '../db/db.server'

export type AccessKind = 'view' | 'download' | 'preview'

export async function recordDocumentAccess(
  user: CurrentUser,
  documentId: string,
  kind: AccessKind,
  versionId?: string,
): Promise<void> {
  await db.documentAccess.create({
    data: { documentId, versionId, kind, userId: user.id, organisationId: user.organisation.id },
  })
}

/** Several documents downloaded at once (an agenda pack): one row each, written in one statement. */
export async function recordDocumentDownloads(
  user: CurrentUser,
  versions: readonly { documentId: string; versionId: string }[],
): Promise<void> {
  if (versions.length === 0) return
  await db.documentAccess.createMany({
    data: versions.map(({ documentId, versionId }) => ({
      documentId,
      versionId,
      kind: 'download',
      userId: user.id,
      organisationId: user.organisation.id,
    })),
  })
}

/**
 * Which of the organisations that may see the document have opened it, and when first. Only for the
 * people who manage the document (its owner organisation and the network's coordinators).
 */
export async function openedByOrganisations(access: DocumentAccess) {
  if (!access.canManage) return null
  const document = await db.document.findUniqueOrThrow({
    where: { id: access.document.id },
    select: { audience: true, audienceMembers: { select: { organisationId: true } } },
  })
  const members = await db.organisation.findMany({
    where: {
      ...currentMembersWhere(access.network.id),
      ...(document.audience === 'selected'
        ? {
            id: {
              in: [
                access.document.ownerOrganisationId,
                ...document.audienceMembers.map((m) => m.organisationId),
              ],
            },
          }
        : {}),
    },
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
  })
  const firsts = await db.documentAccess.groupBy({
    by: ['organisationId'],
    where: { documentId: access.document.id },
    _min: { createdAt: true },
  })
  const firstAt = new Map(firsts.map((f) => [f.organisationId, f._min.createdAt]))
  // The partners: the organisation that shares the document has of course seen it.
  const organisations = members
    .filter((m) => m.id !== access.document.ownerOrganisationId)
    .map((m) => ({ ...m, firstOpenedAt: firstAt.get(m.id) ?? null }))
  return {
    organisations,
    opened: organisations.filter((o) => o.firstOpenedAt).length,
    total: organisations.length,
  }
}
