import { deny, manageableUsersWhere, type CurrentUser } from '../access/access.server'
import { auditBy } from '../audit/audit.server'
import { db } from '../db/db.server'
import { writeUnique } from '../db/unique.server'
import { type Prisma } from '../db/generated/client'
import { endAccess } from './end-access.server'
import { sendSetPasswordLink } from './password-token.server'

const accountSelect = {
  id: true,
  name: true,
  email: true,
  isOrgAdmin: true,
  disabledAt: true,
  createdAt: true,
  organisation: { select: { name: true } },
  password: { select: { userId: true } },
  totp: { select: { confirmedAt: true } },
} as const

/** The accounts the caller may manage: of their own organisation (all organisations for a platform admin). */
export async function listAccounts(user: CurrentUser) {
  const rows = await db.user.findMany({
    where: manageableUsersWhere(user),
    orderBy: [{ organisation: { name: 'asc' } }, { name: 'asc' }],
    select: accountSelect,
  })
  return rows.map(toAccount)
}

function toAccount(row: Prisma.UserGetPayload<{ select: typeof accountSelect }>) {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    organisation: row.organisation.name,
    isOrgAdmin: row.isOrgAdmin,
    disabled: row.disabledAt !== null,
    hasPassword: row.password !== null,
    hasSecondFactor: Boolean(row.totp?.confirmedAt),
  }
}

export async function getAccount(user: CurrentUser, id: string) {
  const row = await db.user.findFirst({
    where: { id, ...manageableUsersWhere(user) },
    select: accountSelect,
  })
  if (!row) throw await deny(user, 'User', id)
  return toAccount(row)
}

/** Organisations in which the caller may create accounts. */
export async function creatableOrganisations(user: CurrentUser) {
  if (user.isPlatformAdmin) {
    return db.organisation.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } })
  }
  return [{ id: user.organisation.id, name: user.organisation.name }]
}

export type NewAccount = {
  name: string
  email: string
  isOrgAdmin: boolean
  organisationId?: string
}

/**
 * Creates an account without a password and mails a one-time link to set one.
 * Returns 'emailTaken' when the address already has an account, wherever it is: the caller says so in one
 * message that names no organisation (an address is unique across Zwin, so that much cannot be hidden).
 */
export async function createAccount(
  user: CurrentUser,
  input: NewAccount,
): Promise<{ id: string } | 'emailTaken' | 'notAllowed'> {
  const organisationId = input.organisationId || user.organisation.id
  const allowed = await creatableOrganisations(user)
  // A changed hidden field is refused, not quietly corrected.
  if (!allowed.some((o) => o.id === organisationId)) return 'notAllowed'
  const written = await writeUnique(() =>
    db.user.create({
      data: { name: input.name, email: input.email, isOrgAdmin: input.isOrgAdmin, organisationId },
      select: { id: true },
    }),
  )
  // The only unique field a new account has is its e-mail address.
  if (!written.ok) return 'emailTaken'
  const created = written.value
  await auditBy(
    user,
    'admin.account_created',
    { type: 'User', id: created.id },
    {
      after: { name: input.name, email: input.email, isOrgAdmin: input.isOrgAdmin, organisationId },
    },
  )
  await sendSetPasswordLink(created.id)
  return created
}

/**
 * Disables or re-enables an account. Disabling ends all of its access at once: sessions, calendar feed
 * link and unused set-password links, so that enabling it later does not bring any of them back.
 */
export async function setAccountDisabled(user: CurrentUser, id: string, disabled: boolean) {
  const target = await getAccount(user, id)
  if (target.id === user.id) return 'self' as const
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: target.id },
      data: { disabledAt: disabled ? new Date() : null },
    })
    const ended = disabled ? await endAccess(target.id, {}, tx) : undefined
    await auditBy(
      user,
      disabled ? 'admin.account_disabled' : 'admin.account_enabled',
      { type: 'User', id: target.id },
      { before: { disabled: target.disabled }, after: { disabled }, ...(ended ? { ended } : {}) },
      tx,
    )
  })
  return 'ok' as const
}

export async function resendSetPasswordLink(user: CurrentUser, id: string) {
  const target = await getAccount(user, id)
  if (target.disabled) return 'disabled' as const
  await sendSetPasswordLink(target.id)
  await auditBy(user, 'admin.password_link_sent', { type: 'User', id: target.id })
  return 'ok' as const
}
