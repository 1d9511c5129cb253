import { randomBytes } from 'node:crypto'
import { isLocale, type Locale } from '~/i18n/config'
import { recordAudit } from '../audit/audit.server'
import { hashToken } from '../auth/session.server'
import { hashPassword } from '../auth/password.server'
import { getConfig } from '../config/config.server'
import { db } from '../db/db.server'
import { setPasswordMail } from '../mail/mail.server'
import { queueMail } from '../mail/outbox.server'
import { endAccess } from './end-access.server'

/**
 * `set`: an administrator's link (a new account, or a new link asked for by the person's administrator).
 * `reset`: asked for by anyone who knows the address, on /wachtwoord-vergeten.
 */
export type PasswordLinkPurpose = 'set' | 'reset'

/** How long a link works: an invitation waits for a person to read their mail; a reset is asked for now. */
export const PASSWORD_TOKEN_TTL_MS: Record<PasswordLinkPurpose, number> = {
  set: 72 * 3_600_000,
  reset: 3_600_000,
}

/**
 * Creates a one-time link to choose a password and queues its mail; only the link's SHA-256 is stored. Only
 * the newest mail counts: an administrator's link replaces every unused link of the user, a reset link
 * only older reset links, so that someone who merely knows the address cannot void an invitation
 * (docs/decisions/0012-forgotten-password.md).
 */
export async function sendSetPasswordLink(
  userId: string,
  { purpose = 'set' }: { purpose?: PasswordLinkPurpose } = {},
) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      locale: true,
      organisation: { select: { name: true, defaultLocale: true } },
    },
  })
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(Date.now() + PASSWORD_TOKEN_TTL_MS[purpose])
  const replaced = purpose === 'set' ? {} : { purpose }
  const locale: Locale = isLocale(user.locale)
    ? user.locale
    : isLocale(user.organisation.defaultLocale)
      ? user.organisation.defaultLocale
      : 'nl-NL'
  const link = `${getConfig().publicOrigin}/wachtwoord-instellen/${token}`
  const message = setPasswordMail({
    locale,
    name: user.name,
    link,
    organisationName: user.organisation.name,
    expiresAt,
    purpose: purpose === 'reset' ? 'reset' : 'welcome',
  })
  // The link and its mail together: a link nobody was sent does not replace the one in the last mail.
  await db.$transaction(async (tx) => {
    await tx.passwordToken.deleteMany({ where: { userId, usedAt: null, ...replaced } })
    const created = await tx.passwordToken.create({
      data: { userId, purpose, tokenHash: hashToken(token), expiresAt },
      select: { id: true },
    })
    await queueMail(tx, {
      key: `password-link:${created.id}`,
      to: user.email,
      category: 'account',
      mail: message,
    })
  })
  return { expiresAt }
}

/**
 * The account a still-valid token belongs to, or null (unknown, used or expired look the same). A reset
 * link stops working when the organisation switches Zwin passwords off.
 */
export async function findPasswordToken(token: string) {
  if (token.length < 20 || token.length > 100) return null
  const row = await db.passwordToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      purpose: true,
      usedAt: true,
      expiresAt: true,
      user: {
        select: {
          id: true,
          name: true,
          email: true,
          disabledAt: true,
          organisation: { select: { passwordSignIn: true } },
        },
      },
    },
  })
  if (!row || row.usedAt || row.expiresAt < new Date() || row.user.disabledAt) return null
  const purpose: PasswordLinkPurpose = row.purpose === 'reset' ? 'reset' : 'set'
  if (purpose === 'reset' && !row.user.organisation.passwordSignIn) return null
  return {
    id: row.id,
    purpose,
    user: { id: row.user.id, name: row.user.name, email: row.user.email },
  }
}

export async function redeemPasswordToken(token: string, newPassword: string): Promise<boolean> {
  const found = await findPasswordToken(token)
  if (!found) return false
  const hash = await hashPassword(newPassword)
  const userId = found.user.id
  // Marking the token used in the same transaction, guarded by usedAt: null, makes a double submit harmless.
  // A new password ends everything the old one (or whoever held it) had opened: sessions, the calendar
  // feed link and any other set-password or reset link.
  return db.$transaction(async (tx) => {
    const { count } = await tx.passwordToken.updateMany({
      where: { id: found.id, usedAt: null },
      data: { usedAt: new Date() },
    })
    if (count !== 1) return false
    await tx.password.upsert({ where: { userId }, create: { userId, hash }, update: { hash } })
    await tx.user.update({ where: { id: userId }, data: { passwordChangedAt: new Date() } })
    const ended = await endAccess(userId, {}, tx)
    await recordAudit(
      {
        action: 'auth.password_set',
        result: 'success',
        actorUserId: userId,
        objectType: 'User',
        objectId: userId,
        details: { purpose: found.purpose, ended },
      },
      tx,
    )
    return true
  })
}
