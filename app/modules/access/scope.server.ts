/*
 * The access rules in a second form, for pages that read across all of a person's networks at once
 * (the dashboard's "Voor u"). The relation filters of documents.server.ts and meetings.server.ts make
 * SQLite test the membership for every row of a large table; here the memberships and roles are read
 * once per request, and the rules become `networkId IN (…)` conditions that the indexes serve.
 *
 * Meetings as a relation filter (for Prisma queries) and as SQL; action items and documents as SQL
 * (the raw statements of "Voor u"). The same rules, not new ones:
 * tests/integration/documents-access.test.ts and tests/integration/access-scope.test.ts require the
 * same rows as the rules' own forms.
 */
import { db } from '../db/db.server'
import { Prisma } from '../db/generated/client'
import {
  activeMembershipWhere,
  networkWithRolesSelect,
  rolesOf,
  type CurrentUser,
} from './access.server'
import { audienceSql } from './documents.server'
import { meetingPreparerRoles } from './meetings.server'
import type { NetworkRoleName } from './roles'

type Viewer = Pick<CurrentUser, 'id' | 'organisation'>

/** One of the person's networks, with the roles they hold in it. */
export type ScopeNetwork = {
  id: string
  slug: string
  name: string
  shortName: string
  level: string
  roles: NetworkRoleName[]
}

export type NetworkLabel = Pick<ScopeNetwork, 'slug' | 'name' | 'shortName'>

export type AccessScope = {
  /** The networks where the person's organisation is a member now, by name. */
  list: ScopeNetwork[]
  /** Their ids. */
  networkIds: string[]
  /** Their slugs and names by id, to link and label rows of them without asking again. */
  networks: ReadonlyMap<string, NetworkLabel>
  /** Of those, the networks where the person prepares meetings (coordinator or secretary). */
  preparerNetworkIds: string[]
  /** Of those, the networks the person coordinates. */
  coordinatorNetworkIds: string[]
}

/**
 * The person's networks and their roles in them: two statements (the networks, then the roles), read
 * once per request by the pages that show several lists across all of them (the dashboard).
 */
export async function accessScope(user: Viewer, now = new Date()): Promise<AccessScope> {
  const rows = await db.network.findMany({
    where: { memberships: { some: activeMembershipWhere(user.organisation.id, now) } },
    orderBy: { name: 'asc' },
    // A role counts only where the organisation is a member now (as in access.server.ts): these are
    // the roles in the networks read here.
    select: networkWithRolesSelect(user.id),
  })
  // A role is held once per network (NetworkRole is unique on user, network and role).
  const list = rows.map((n) => ({ ...n, roles: rolesOf(n.roles).sort() }))
  const withRole = (roles: readonly NetworkRoleName[]) =>
    list.filter((n) => n.roles.some((r) => roles.includes(r))).map((n) => n.id)
  return {
    list,
    networkIds: list.map((n) => n.id),
    networks: new Map(
      list.map((n) => [n.id, { slug: n.slug, name: n.name, shortName: n.shortName }]),
    ),
    preparerNetworkIds: withRole(meetingPreparerRoles),
    coordinatorNetworkIds: withRole(['coordinator']),
  }
}

/**
 * A row of one of the scope's networks with that network (slug, names) in place of its id: no query
 * per list asks for them again.
 */
export function withScopeNetwork<T extends { networkId: string }>(scope: AccessScope, row: T) {
  const { networkId, ...rest } = row
  const network = scope.networks.get(networkId)
  if (!network) throw new Error(`Network ${networkId} is not in the person's scope`)
  return { ...rest, network }
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

/** Ids for `IN (…)`; none matches nothing (an empty list is not SQL everywhere). */
function sqlIds(ids: readonly string[]): Prisma.Sql {
  return ids.length ? Prisma.join(ids) : Prisma.sql`NULL`
}

/** scopedMeetingsWhere as an SQL condition on the alias `m` (a Meeting row), for raw queries. */
export function scopedMeetingsSql(scope: AccessScope): Prisma.Sql {
  return Prisma.sql`m."networkId" IN (${sqlIds(scope.networkIds)})
    AND (m."status" <> 'draft' OR m."networkId" IN (${sqlIds(scope.preparerNetworkIds)}))`
}

/**
 * visibleActionItemsWhere (meetings.server.ts) within the scope, as an SQL condition on the alias `a`
 * (an ActionItem row) joined to its meeting as `m`:
 * `FROM "ActionItem" a JOIN "Meeting" m ON m."id" = a."meetingId"`.
 */
export function scopedActionItemsSql(scope: AccessScope): Prisma.Sql {
  return Prisma.sql`a."networkId" IN (${sqlIds(scope.networkIds)}) AND ${scopedMeetingsSql(scope)}`
}

/** visibleDocumentsWhere (documents.server.ts) within the scope, as an SQL condition on the alias `d`. */
export function scopedDocumentsSql(user: Pick<CurrentUser, 'organisation'>, scope: AccessScope) {
  return Prisma.sql`d."deletedAt" IS NULL AND d."networkId" IN (${sqlIds(scope.networkIds)})
    AND ${audienceSql(user)}`
}
