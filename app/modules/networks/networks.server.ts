import {
  activeMembershipWhere,
  currentMembersWhere,
  membershipInForce,
  visibleNetworksWhere,
  type CurrentUser,
  type NetworkAccess,
} from '../access/access.server'
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

/** The dashboard: the networks the user's organisation belongs to, with member counts and own roles. */
export async function listMyNetworks(user: CurrentUser) {
  const now = new Date()
  const networks = await db.network.findMany({
    where: visibleNetworksWhere(user),
    orderBy: { name: 'asc' },
    select: {
      id: true,
      slug: true,
      name: true,
      shortName: true,
      level: true,
      _count: { select: { memberships: { where: membershipInForce(now) } } },
      roles: { where: { userId: user.id }, select: { role: true } },
    },
  })
  return networks.map((n) => ({
    id: n.id,
    slug: n.slug,
    name: n.name,
    shortName: n.shortName,
    level: n.level,
    memberCount: n._count.memberships,
    roles: n.roles.map((r) => r.role),
  }))
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
