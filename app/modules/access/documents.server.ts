/*
 * Who sees which document. A document is visible to a user when all of these hold:
 *  - it is not in the bin;
 *  - the user's organisation is an active member of the document's network;
 *  - its audience is the whole network, or the user's organisation owns it, or is in its audience.
 * The rule exists twice, as a Prisma `where` (pages) and as SQL (full-text search, which Prisma cannot
 * express); documents.test.ts checks both against the same fixtures.
 */
import { db } from '../db/db.server'
import { Prisma } from '../db/generated/client'
import {
  deny,
  memberNetworkIdsSql,
  requireNetworkAccess,
  visibleNetworksWhere,
  type CurrentUser,
  type NetworkAccess,
} from './access.server'

type Viewer = Pick<CurrentUser, 'organisation'>

export function audienceWhere(user: Viewer) {
  return {
    OR: [
      { audience: 'network' },
      { ownerOrganisationId: user.organisation.id },
      { audienceMembers: { some: { organisationId: user.organisation.id } } },
    ],
  }
}

/**
 * The documents (not in the bin) the user may see, in any of their networks. Wrapped in AND, so a
 * caller that spreads it next to its own `OR` or `network` cannot replace part of the rule.
 */
export function visibleDocumentsWhere(user: Viewer) {
  return {
    AND: [{ deletedAt: null }, { network: visibleNetworksWhere(user) }, audienceWhere(user)],
  }
}

/**
 * visibleDocumentsWhere as an SQL condition on the alias `d` (a Document row), for raw queries. The
 * membership test runs in SQL too, so a membership withdrawn a moment ago counts at once.
 */
export function visibleDocumentsSql(user: Viewer, now = new Date()): Prisma.Sql {
  const org = user.organisation.id
  return Prisma.sql`d."deletedAt" IS NULL
    AND d."networkId" IN (${memberNetworkIdsSql(org, now)})
    AND ${audienceSql(user)}`
}

/** audienceWhere as an SQL condition on the alias `d` (a Document row). */
export function audienceSql(user: Viewer): Prisma.Sql {
  const org = user.organisation.id
  return Prisma.sql`(d."audience" = 'network' OR d."ownerOrganisationId" = ${org}
      OR EXISTS (SELECT 1 FROM "DocumentAudience" a
                 WHERE a."documentId" = d."id" AND a."organisationId" = ${org}))`
}

export type DocumentAccess = NetworkAccess & {
  document: { id: string; title: string; ownerOrganisationId: string; version: number }
  /** The owner organisation's people and the network's coordinators: new versions, details, bin. */
  canManage: boolean
}

function canManage(user: CurrentUser, access: NetworkAccess, ownerOrganisationId: string) {
  return ownerOrganisationId === user.organisation.id || access.roles.includes('coordinator')
}

/** A document the user may see, in the named network; 404 (logged) for anything else. */
export async function requireDocumentAccess(
  user: CurrentUser,
  networkSlug: string,
  documentId: string,
): Promise<DocumentAccess> {
  const access = await requireNetworkAccess(user, networkSlug)
  const document = await db.document.findFirst({
    where: { id: documentId, networkId: access.network.id, ...visibleDocumentsWhere(user) },
    select: { id: true, title: true, ownerOrganisationId: true, version: true },
  })
  if (!document) throw await deny(user, 'Document', documentId)
  return { ...access, document, canManage: canManage(user, access, document.ownerOrganisationId) }
}

/** As requireDocumentAccess, for the people who manage the document. */
export async function requireDocumentManager(
  user: CurrentUser,
  networkSlug: string,
  documentId: string,
): Promise<DocumentAccess> {
  const access = await requireDocumentAccess(user, networkSlug, documentId)
  if (!access.canManage) throw await deny(user, 'Document', documentId, { needed: 'manager' })
  return access
}

/**
 * The documents in the bin of a network that this user may restore: ones they could see before, of
 * their own organisation, or any (they could see) when they coordinate the network.
 */
export function binWhere(user: CurrentUser, access: NetworkAccess) {
  return {
    AND: [
      { networkId: access.network.id, deletedAt: { not: null } },
      audienceWhere(user),
      access.roles.includes('coordinator') ? {} : { ownerOrganisationId: user.organisation.id },
    ],
  }
}

/** A binned document this user may restore; 404 (logged) otherwise. */
export async function requireBinnedDocument(
  user: CurrentUser,
  networkSlug: string,
  documentId: string,
) {
  const access = await requireNetworkAccess(user, networkSlug)
  const document = await db.document.findFirst({
    where: { id: documentId, ...binWhere(user, access) },
    select: { id: true, title: true, deletedAt: true },
  })
  if (!document) throw await deny(user, 'Document', documentId, { in: 'bin' })
  return { ...access, document }
}
