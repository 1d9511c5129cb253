import { notFound, requirePlatformAdmin, type CurrentUser } from '../access/access.server'
import { auditBy } from '../audit/audit.server'
import { db } from '../db/db.server'
import { writeUnique } from '../db/unique.server'
import type { OrganisationInput } from './schema'

const listSelect = {
  id: true,
  slug: true,
  name: true,
  kind: true,
  country: true,
  officialCode: true,
  defaultLocale: true,
  totpRequired: true,
  totpForProvider: true,
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

export async function createOrganisation(user: CurrentUser, input: OrganisationInput) {
  await requirePlatformAdmin(user)
  const created = await writeUnique(() =>
    db.organisation.create({ data: toData(input), select: { id: true, slug: true } }),
  )
  if (!created.ok) return created
  await auditBy(
    user,
    'admin.organisation_created',
    { type: 'Organisation', id: created.value.id },
    { after: input },
  )
  return { ok: true as const, slug: created.value.slug }
}

export async function updateOrganisation(
  user: CurrentUser,
  slug: string,
  input: OrganisationInput,
) {
  const before = await getOrganisation(user, slug)
  const updated = await writeUnique(() =>
    db.organisation.update({
      where: { id: before.id },
      data: toData(input),
      select: { slug: true },
    }),
  )
  if (!updated.ok) return updated
  await auditBy(
    user,
    'admin.organisation_updated',
    { type: 'Organisation', id: before.id },
    { before, after: input },
  )
  return { ok: true as const, slug: updated.value.slug }
}
