import { notFound, requirePlatformAdmin, type CurrentUser } from '../access/access.server'
import { auditBy } from '../audit/audit.server'
import { db } from '../db/db.server'
import { writeUnique } from '../db/unique.server'
import type { NetworkInput } from './schema'

export async function listAllNetworks(user: CurrentUser) {
  await requirePlatformAdmin(user)
  return db.network.findMany({
    orderBy: { name: 'asc' },
    select: {
      slug: true,
      name: true,
      shortName: true,
      level: true,
      _count: { select: { memberships: { where: { activeTo: null } } } },
    },
  })
}

export async function getNetworkForAdmin(user: CurrentUser, slug: string) {
  await requirePlatformAdmin(user)
  const network = await db.network.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, shortName: true, level: true, description: true },
  })
  if (!network) throw notFound()
  const memberships = await db.networkMembership.findMany({
    where: { networkId: network.id, activeTo: null },
    orderBy: { organisation: { name: 'asc' } },
    select: {
      id: true,
      activeFrom: true,
      organisation: { select: { id: true, name: true, country: true } },
    },
  })
  const memberIds = new Set(memberships.map((m) => m.organisation.id))
  const candidates = (
    await db.organisation.findMany({
      orderBy: { name: 'asc' },
      select: { id: true, name: true, country: true },
    })
  ).filter((o) => !memberIds.has(o.id))
  return {
    network,
    members: memberships.map((m) => ({
      membershipId: m.id,
      since: m.activeFrom.toISOString(),
      ...m.organisation,
    })),
    candidates,
  }
}

export async function createNetwork(
  user: CurrentUser,
  { intent: _intent, ...input }: NetworkInput,
) {
  await requirePlatformAdmin(user)
  const created = await writeUnique(() =>
    db.network.create({ data: input, select: { id: true, slug: true } }),
  )
  if (!created.ok) return created
  await auditBy(
    user,
    'admin.network_created',
    { type: 'Network', id: created.value.id },
    { after: input },
  )
  return { ok: true as const, slug: created.value.slug }
}

export async function updateNetwork(
  user: CurrentUser,
  slug: string,
  { intent: _intent, ...input }: NetworkInput,
) {
  const { network: before } = await getNetworkForAdmin(user, slug)
  const updated = await writeUnique(() =>
    db.network.update({ where: { id: before.id }, data: input, select: { slug: true } }),
  )
  if (!updated.ok) return updated
  await auditBy(
    user,
    'admin.network_updated',
    { type: 'Network', id: before.id },
    { before, after: input },
  )
  return { ok: true as const, slug: updated.value.slug }
}

/** Adds an organisation to a network (again): access starts now. */
export async function addMembership(user: CurrentUser, slug: string, organisationId: string) {
  const { network, candidates } = await getNetworkForAdmin(user, slug)
  if (!candidates.some((c) => c.id === organisationId)) return 'notAllowed' as const
  const now = new Date()
  await db.networkMembership.upsert({
    where: { networkId_organisationId: { networkId: network.id, organisationId } },
    create: { networkId: network.id, organisationId, activeFrom: now },
    update: { activeFrom: now, activeTo: null },
  })
  await auditBy(
    user,
    'admin.membership_added',
    { type: 'Network', id: network.id },
    { organisationId },
  )
  return 'ok' as const
}

/**
 * Ends a membership: from this moment the organisation's users no longer see the network, also in
 * sessions that are already open. The row stays as history.
 */
export async function endMembership(user: CurrentUser, slug: string, membershipId: string) {
  const { network, members } = await getNetworkForAdmin(user, slug)
  const member = members.find((m) => m.membershipId === membershipId)
  if (!member) return 'notAllowed' as const
  await db.networkMembership.update({ where: { id: membershipId }, data: { activeTo: new Date() } })
  await auditBy(
    user,
    'admin.membership_ended',
    { type: 'Network', id: network.id },
    { organisationId: member.id },
  )
  return 'ok' as const
}
