import type { Locale } from '~/i18n/config'
import type { CurrentUser } from '../access/access.server'
import { auditBy } from '../audit/audit.server'
import { destroyUserSessions } from '../auth/session.server'
import { hashPassword, verifyPassword } from '../auth/password.server'
import { db } from '../db/db.server'

export async function saveLocalePreference(user: CurrentUser, locale: Locale) {
  if (user.locale === locale) return
  await db.user.update({ where: { id: user.id }, data: { locale } })
}

export async function updateProfile(user: CurrentUser, input: { name: string; locale: Locale }) {
  await db.user.update({ where: { id: user.id }, data: { name: input.name, locale: input.locale } })
  await auditBy(
    user,
    'profile.updated',
    { type: 'User', id: user.id },
    { before: { name: user.name, locale: user.locale }, after: input },
  )
}

/** Changes the password after checking the current one; optionally ends the user's other sessions. */
export async function changePassword(
  user: CurrentUser,
  input: { currentPassword: string; newPassword: string; endOtherSessions: boolean },
): Promise<'ok' | 'wrongCurrent'> {
  const stored = await db.password.findUnique({
    where: { userId: user.id },
    select: { hash: true },
  })
  if (!stored || !(await verifyPassword(stored.hash, input.currentPassword))) return 'wrongCurrent'
  const hash = await hashPassword(input.newPassword)
  await db.$transaction([
    db.password.update({ where: { userId: user.id }, data: { hash } }),
    db.user.update({ where: { id: user.id }, data: { passwordChangedAt: new Date() } }),
  ])
  if (input.endOtherSessions) await destroyUserSessions(user.id, { except: user.sessionId })
  await auditBy(
    user,
    'profile.password_changed',
    { type: 'User', id: user.id },
    { endedOtherSessions: input.endOtherSessions },
  )
  return 'ok'
}
