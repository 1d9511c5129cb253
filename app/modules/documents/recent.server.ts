import type { CurrentUser } from '../access/access.server'
import { visibleDocumentsWhere } from '../access/documents.server'
import { withScopeNetwork, type AccessScope } from '../access/scope.server'
import { db } from '../db/db.server'

/**
 * The documents most recently shared with or changed for this user, across all their networks (the
 * dashboard, which read the person's access scope already and labels them with it). The relation form
 * of the rule, not the scoped one: with `networkId IN (…)` SQLite reads every document of those networks
 * and sorts them; this way it reads the newest through Document(deletedAt, updatedAt) and stops at five.
 */
export async function listRecentDocuments(user: CurrentUser, scope: AccessScope, take = 5) {
  const rows = await db.document.findMany({
    where: visibleDocumentsWhere(user),
    orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
    take,
    select: {
      id: true,
      title: true,
      updatedAt: true,
      networkId: true,
      ownerOrganisation: { select: { name: true } },
    },
  })
  return rows.map((row) => withScopeNetwork(scope, row))
}
