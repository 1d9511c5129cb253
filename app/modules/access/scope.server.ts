/*
 * The access rules in a second form, for pages that read across all of a person's networks at once
 * (the dashboard's "Voor u"). The relation filters of documents.server.ts and meetings.server.ts make
 * SQLite test the membership for every row of a large table; here the memberships and roles are read
 * once per request, and the rules become `networkId IN (…)` conditions that the indexes serve.
 *
 * The same rules, not new ones: tests/integration/documents-access.test.ts and
 * tests/integration/access-scope.test.ts require the same rows from both forms.
 */
import { db } from '../db/db.server'
import { activeMembershipWhere, type CurrentUser } from './access.server'
import { audienceWhere } from './documents.server'
import { meetingPreparerRoles } from './meetings.server'

type Viewer = Pick<CurrentUser, 'id' | 'organisation'>

export type AccessScope = {
  /** The networks where the person's organisation is a member now. */
  networkIds: string[]
  /** Their slugs and short names, to link and label rows of them without asking again. */
  networks: ReadonlyMap<string, { slug: string; shortName: string }>
  /** Of those, the networks where the person prepares meetings (coordinator or secretary). */
  preparerNetworkIds: string[]
  /** Of those, the networks the person coordinates. */
  coordinatorNetworkIds: string[]
}

export async function accessScope(user: Viewer, now = new Date()): Promise<AccessScope> {
  const [memberships, roles] = await Promise.all([
    db.networkMembership.findMany({
      where: activeMembershipWhere(user.organisation.id, now),
      select: { networkId: true, network: { select: { slug: true, shortName: true } } },
    }),
    db.networkRole.findMany({
      where: { userId: user.id, role: { in: [...meetingPreparerRoles] } },
      select: { networkId: true, role: true },
    }),
  ])
  const networkIds = [...new Set(memberships.map((m) => m.networkId))]
  // A role counts only where the organisation is a member now (as in access.server.ts).
  const withRole = (only?: string) => [
    ...new Set(
      roles
        .filter((r) => (!only || r.role === only) && networkIds.includes(r.networkId))
        .map((r) => r.networkId),
    ),
  ]
  return {
    networkIds,
    networks: new Map(memberships.map((m) => [m.networkId, m.network])),
    preparerNetworkIds: withRole(),
    coordinatorNetworkIds: withRole('coordinator'),
  }
}

/** visibleMeetingsWhere (meetings.server.ts) within the scope. */
export function scopedMeetingsWhere(scope: AccessScope) {
  return {
    AND: [
      { networkId: { in: scope.networkIds } },
      { OR: [{ status: { not: 'draft' } }, { networkId: { in: scope.preparerNetworkIds } }] },
    ],
  }
}

/** visibleActionItemsWhere (meetings.server.ts) within the scope. */
export function scopedActionItemsWhere(scope: AccessScope) {
  return { networkId: { in: scope.networkIds }, meeting: scopedMeetingsWhere(scope) }
}

/** visibleDocumentsWhere (documents.server.ts) within the scope. */
export function scopedDocumentsWhere(user: Pick<CurrentUser, 'organisation'>, scope: AccessScope) {
  return {
    AND: [{ deletedAt: null }, { networkId: { in: scope.networkIds } }, audienceWhere(user)],
  }
}
