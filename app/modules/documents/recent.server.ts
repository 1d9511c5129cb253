import type { CurrentUser } from '../access/access.server'
import { visibleDocumentsWhere } from '../access/documents.server'
import { db } from '../db/db.server'

/** The documents most recently shared with or changed for this user, across all their networks. */
export async function listRecentDocuments(user: CurrentUser, take = 5) {
  return db.document.findMany({
    where: visibleDocumentsWhere(user),
    orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
    take,
    select: {
      id: true,
      title: true,
      updatedAt: true,
      network: { select: { slug: true, shortName: true } },
      ownerOrganisation: { select: { name: true } },
    },
  })
}
