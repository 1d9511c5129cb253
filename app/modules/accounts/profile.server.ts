import type { Locale } from '~/i18n/config'
import type { CurrentUser } from '../access/access.server'
import { auditBy, recordAudit } from '../audit/audit.server'
import { hashPassword, verifyPassword } from '../auth/password.server'
import { beginAttempt, failAttempt, succeedAttempt } from '../auth/throttle.server'
import { db } from '../db/db.server'
import { endAccess, type EndedAccess } from './end-access.server'

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

export type ChangePasswordResult =
  | { ok: true; ended: EndedAccess | null }
  | { ok: false; reason: 'wrongCurrent' }
  | { ok: false; reason: 'throttled'; retryAt: Date }

/**
 * Changes the password after checking the current one; optionally ends the user's other sessions. The
 * check is throttled like signing in (its own counts, keyed by the user), so a borrowed session cannot
 * be used to guess the password.
 */
export async function changePassword(
  user: CurrentUser,
  input: { currentPassword: string; newPassword: string; endOtherSessions: boolean; ip: string },
): Promise<ChangePasswordResult> {
  const started = await beginAttempt({ scope: 'password', subject: user.id, ip: input.ip })
  if (!started.ok) {
    await recordAudit({
      action: 'profile.password_check_throttled',
      result: 'denied',
      actorUserId: user.id,
      actorOrganisationId: user.organisation.id,
      ip: input.ip,
    })
    return { ok: false, reason: 'throttled', retryAt: started.retryAt }
  }
  const stored = await db.password.findUnique({
    where: { userId: user.id },
    select: { hash: true },
  })
  if (!stored || !(await verifyPassword(stored.hash, input.currentPassword))) {
    await failAttempt(started.attempt)
    await recordAudit({
      action: 'profile.password_check_failed',
      result: 'failure',
      actorUserId: user.id,
      actorOrganisationId: user.organisation.id,
      ip: input.ip,
    })
    return { ok: false, reason: 'wrongCurrent' }
  }
  await succeedAttempt(started.attempt)
  const hash = await hashPassword(input.newPassword)
  const ended = await db.$transaction(async (tx) => {
    await tx.password.update({ where: { userId: user.id }, data: { hash } })
    await tx.user.update({ where: { id: user.id }, data: { passwordChangedAt: new Date() } })
    const ended = input.endOtherSessions
      ? await endAccess(user.id, { keepSession: user.sessionId }, tx)
      : null
    await auditBy(
      user,
      'profile.password_changed',
      { type: 'User', id: user.id },
      { endedOtherSessions: input.endOtherSessions, ...(ended ? { ended } : {}) },
      tx,
    )
    return ended
  })
  return { ok: true, ended }
}

/**
 * "Sign out everywhere": ends every session of the user, the one in use included, their calendar feed
 * link and unused set-password links.
 */
export async function signOutEverywhere(user: CurrentUser): Promise<EndedAccess> {
  return db.$transaction(async (tx) => {
    const ended = await endAccess(user.id, {}, tx)
    await auditBy(user, 'auth.signed_out_everywhere', { type: 'User', id: user.id }, { ended }, tx)
    return ended
  })
}
