import {
  activeMemberUsersWhere,
  isNetworkRole,
  type CurrentUser,
  type NetworkAccess,
  type NetworkRoleName,
} from '../access/access.server'
import { auditBy } from '../audit/audit.server'
import { db } from '../db/db.server'

/** People of the member organisations, with their roles in this network. Names only: no e-mail addresses. */
export async function listRoleHolders(access: NetworkAccess) {
  const users = await db.user.findMany({
    where: activeMemberUsersWhere(access.network.id),
    orderBy: [{ organisation: { name: 'asc' } }, { name: 'asc' }],
    select: {
      id: true,
      name: true,
      organisation: { select: { name: true } },
      roles: { where: { networkId: access.network.id }, select: { id: true, role: true } },
    },
  })
  return users.map((u) => ({
    id: u.id,
    name: u.name,
    organisation: u.organisation.name,
    roles: u.roles
      .filter((r) => isNetworkRole(r.role))
      .map((r) => ({ id: r.id, role: r.role as NetworkRoleName })),
  }))
}

/** Grants a role to a person of a member organisation; refuses anyone else (nothing written). */
export async function grantRole(
  coordinator: CurrentUser,
  access: NetworkAccess,
  userId: string,
  role: NetworkRoleName,
) {
  const target = await db.user.findFirst({
    where: { id: userId, ...activeMemberUsersWhere(access.network.id) },
    select: { id: true },
  })
  if (!target) return 'notAllowed' as const
  const existing = await db.networkRole.findUnique({
    where: { userId_networkId_role: { userId, networkId: access.network.id, role } },
    select: { id: true },
  })
  if (existing) return 'exists' as const
  await db.networkRole.create({
    data: { userId, networkId: access.network.id, role, grantedById: coordinator.id },
  })
  await auditBy(
    coordinator,
    'network.role_granted',
    { type: 'Network', id: access.network.id },
    { userId, role },
  )
  return 'ok' as const
}

export async function withdrawRole(
  coordinator: CurrentUser,
  access: NetworkAccess,
  roleId: string,
) {
  const role = await db.networkRole.findFirst({
    where: { id: roleId, networkId: access.network.id },
    select: { id: true, userId: true, role: true },
  })
  if (!role) return 'notAllowed' as const
  // A network without any coordinator could no longer manage itself.
  if (role.role === 'coordinator') {
    const coordinators = await db.networkRole.count({
      where: { networkId: access.network.id, role: 'coordinator' },
    })
    if (coordinators <= 1) return 'lastCoordinator' as const
  }
  await db.networkRole.delete({ where: { id: role.id } })
  await auditBy(
    coordinator,
    'network.role_withdrawn',
    { type: 'Network', id: access.network.id },
    { userId: role.userId, role: role.role },
  )
  return 'ok' as const
}
