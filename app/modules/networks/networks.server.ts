import {
  activeMembershipWhere,
  currentMembersWhere,
  membershipInForce,
  visibleNetworksWhere,
  type CurrentUser,
  type NetworkAccess,
} from '../access/access.server'
import type { AccessScope } from '../access/scope.server'
import { db } from '../db/db.server'

/**
 * The network's current member organisations, by name: who may host, present, take part in a project,
 * be in a document's audience, be invited or be assigned an action item.
 */
export function currentMemberOrganisations(networkId: string) {
  return db.organisation.findMany({
    where: currentMembersWhere(networkId),
    orderBy: { name: 'asc' },
    select: { id: true, name: true, country: true },
  })
}

/** Whether the organisation is a current member of the network. */
export async function isCurrentMember(networkId: string, organisationId: string) {
  const found = await db.organisation.findFirst({
    where: { id: organisationId, ...currentMembersWhere(networkId) },
    select: { id: true },
  })
  return found !== null
}

/**
 * The dashboard's cards: the networks of the person's access scope (by name, with their roles) and how
 * many organisations are members of each now.
 */
export async function networkCards(scope: AccessScope, now = new Date()) {
  const counts = await db.networkMembership.groupBy({
    by: ['networkId'],
    where: { networkId: { in: scope.networkIds }, ...membershipInForce(now) },
    _count: { _all: true },
  })
  const members = new Map(counts.map((c) => [c.networkId, c._count._all]))
  return scope.list.map((n) => ({ ...n, memberCount: members.get(n.id) ?? 0 }))
}

/** The networks of the user's organisation, by name (the search page's network filter). */
export async function listMyNetworks(user: CurrentUser) {
  return db.network.findMany({
    where: visibleNetworksWhere(user),
    orderBy: { name: 'asc' },
    select: { id: true, slug: true, name: true },
  })
}

/** Every organisation that shares a network with the user's organisation now (search filters). */
export async function listPartnerOrganisations(user: CurrentUser) {
  const now = new Date()
  return db.organisation.findMany({
    where: {
      memberships: { some: { ...membershipInForce(now), network: visibleNetworksWhere(user) } },
    },
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
  })
}

/** The member organisations of a network the caller already has access to. */
export async function listMemberOrganisations(access: NetworkAccess) {
  const memberships = await db.networkMembership.findMany({
    where: { networkId: access.network.id, ...membershipInForce(new Date()) },
    orderBy: { organisation: { name: 'asc' } },
    select: {
      activeFrom: true,
      organisation: { select: { name: true, country: true, kind: true, officialCode: true } },
    },
  })
  return memberships.map((m) => ({ ...m.organisation, since: m.activeFrom.toISOString() }))
}

/** The coordinators and secretaries of a network, shown by name and organisation only. */
export async function listNetworkContacts(access: NetworkAccess) {
  const roles = await db.networkRole.findMany({
    where: {
      networkId: access.network.id,
      user: {
        disabledAt: null,
        organisation: {
          memberships: { some: { networkId: access.network.id, ...membershipInForce(new Date()) } },
        },
      },
    },
    orderBy: [{ role: 'asc' }, { user: { name: 'asc' } }],
    select: {
      role: true,
      user: { select: { name: true, organisation: { select: { name: true } } } },
    },
  })
  return roles.map((r) => ({
    role: r.role,
    name: r.user.name,
    organisation: r.user.organisation.name,
  }))
}

export { activeMembershipWhere }
