import { notFound, requirePlatformAdmin, type CurrentUser } from '../access/access.server'
import { auditBy } from '../audit/audit.server'
import { db } from '../db/db.server'
import { Prisma } from '../db/generated/client'
import type { OrganisationInput } from './schema'

const listSelect = {
  id: true,
  slug: true,
  name: true,
  kind: true,
  country: true,
  officialCode: true,
  defaultLocale: true,
} as const

export async function listOrganisations(user: CurrentUser) {
  await requirePlatformAdmin(user)
  return db.organisation.findMany({
    orderBy: { name: 'asc' },
    select: {
      ...listSelect,
      _count: { select: { users: true, memberships: { where: { activeTo: null } } } },
    },
  })
}

export async function getOrganisation(user: CurrentUser, slug: string) {
  await requirePlatformAdmin(user)
  const organisation = await db.organisation.findUnique({ where: { slug }, select: listSelect })
  if (!organisation) throw notFound()
  return organisation
}

function toData(input: OrganisationInput) {
  return { ...input, officialCode: input.officialCode || null }
}

/** Which unique field a P2002 error is about, for a message next to that field. */
export function uniqueViolation(error: unknown): string | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002')
    return null
  const target = error.meta as
    | { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } }
    | undefined
  const fields = Array.isArray(target?.target)
    ? (target.target as string[])
    : (target?.driverAdapterError?.cause?.constraint?.fields ?? [])
  return fields.map((f) => f.replace(/"/g, '')).join(',') || 'unknown'
}

export async function createOrganisation(user: CurrentUser, input: OrganisationInput) {
  await requirePlatformAdmin(user)
  try {
    const created = await db.organisation.create({
      data: toData(input),
      select: { id: true, slug: true },
    })
    await auditBy(
      user,
      'admin.organisation_created',
      { type: 'Organisation', id: created.id },
      { after: input },
    )
    return { ok: true as const, slug: created.slug }
  } catch (error) {
    const field = uniqueViolation(error)
    if (field) return { ok: false as const, field }
    throw error
  }
}

export async function updateOrganisation(
  user: CurrentUser,
  slug: string,
  input: OrganisationInput,
) {
  const before = await getOrganisation(user, slug)
  try {
    const updated = await db.organisation.update({
      where: { id: before.id },
      data: toData(input),
      select: { slug: true },
    })
    await auditBy(
      user,
      'admin.organisation_updated',
      { type: 'Organisation', id: before.id },
      { before, after: input },
    )
    return { ok: true as const, slug: updated.slug }
  } catch (error) {
    const field = uniqueViolation(error)
    if (field) return { ok: false as const, field }
    throw error
  }
}
