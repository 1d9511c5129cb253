import { recordAudit } from '../audit/audit.server'
import { db } from '../db/db.server'
import { createSession } from './session.server'
import { burnVerifyTime, verifyPassword } from './password.server'

/** Failed sign-ins allowed per e-mail address and per client address within the window. */
export const LOGIN_LIMITS = { windowMs: 15 * 60_000, perEmail: 5, perIp: 30 } as const

export type SignInResult =
  { ok: true; token: string; userId: string } | { ok: false; reason: 'invalid' | 'throttled' }

async function isThrottled(email: string, ip: string): Promise<boolean> {
  const since = new Date(Date.now() - LOGIN_LIMITS.windowMs)
  // Counting per e-mail as well as per address keeps the limit when X-Forwarded-For rotates.
  const [byEmail, byIp] = await Promise.all([
    db.auditEvent.count({
      where: { action: 'auth.login_failed', subject: email, createdAt: { gte: since } },
    }),
    db.auditEvent.count({ where: { action: 'auth.login_failed', ip, createdAt: { gte: since } } }),
  ])
  return byEmail >= LOGIN_LIMITS.perEmail || byIp >= LOGIN_LIMITS.perIp
}

/**
 * Checks e-mail and password. Unknown e-mail, wrong password and a disabled account give the same
 * answer, and take about the same time, so the form never tells whether an address has an account.
 */
export async function signIn(input: {
  email: string
  password: string
  ip: string
  userAgent: string | null
}): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase()
  if (await isThrottled(email, input.ip)) {
    await recordAudit({
      action: 'auth.login_throttled',
      result: 'denied',
      subject: email,
      ip: input.ip,
    })
    return { ok: false, reason: 'throttled' }
  }
  const user = await db.user.findUnique({
    where: { email },
    select: {
      id: true,
      organisationId: true,
      disabledAt: true,
      password: { select: { hash: true } },
    },
  })
  const valid = user?.password
    ? await verifyPassword(user.password.hash, input.password)
    : (await burnVerifyTime(input.password), false)
  if (!user || !valid || user.disabledAt) {
    await recordAudit({
      action: 'auth.login_failed',
      result: 'failure',
      subject: email,
      ip: input.ip,
      actorUserId: user?.id ?? null,
      details: user?.disabledAt && valid ? { reason: 'disabled' } : undefined,
    })
    return { ok: false, reason: 'invalid' }
  }
  const token = await createSession(user.id, input.userAgent)
  await recordAudit({
    action: 'auth.login',
    result: 'success',
    actorUserId: user.id,
    actorOrganisationId: user.organisationId,
    subject: email,
    ip: input.ip,
  })
  return { ok: true, token, userId: user.id }
}
