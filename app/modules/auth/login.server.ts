import { recordAudit } from '../audit/audit.server'
import { db } from '../db/db.server'
import { finishSignIn, type FinishedSignIn } from './finish-sign-in.server'
import { burnVerifyTime, verifyPassword } from './password.server'
import { beginAttempt, failAttempt, succeedAttempt } from './throttle.server'

/** A successful sign-in from an address this recent spares it the wait that failures elsewhere cause. */
export const TRUSTED_ADDRESS_MS = 30 * 24 * 3_600_000

export type SignInResult =
  | { ok: true; userId: string; next: FinishedSignIn }
  | { ok: false; reason: 'invalid' }
  /** The password was right, but the organisation signs its people in through its own provider only. */
  | { ok: false; reason: 'useProvider' }
  | { ok: false; reason: 'throttled'; retryAt: Date }

/** True when this e-mail address signed in successfully from this client address recently. */
async function signedInFromHere(email: string, ip: string): Promise<boolean> {
  const since = new Date(Date.now() - TRUSTED_ADDRESS_MS)
  const found = await db.auditEvent.findFirst({
    where: { action: 'auth.login', subject: email, ip, createdAt: { gte: since } },
    select: { id: true },
  })
  return found !== null
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
  /** This browser signed in to this account before (device.server.ts). */
  knownDevice: boolean
  redirectTo: string
}): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase()
  // Keyed by the address as typed, so an address without an account is throttled exactly the same.
  const started = await beginAttempt({
    scope: 'login',
    subject: email,
    ip: input.ip,
    trustedAddress: input.knownDevice || (await signedInFromHere(email, input.ip)),
  })
  if (!started.ok) {
    await recordAudit({
      action: 'auth.login_throttled',
      result: 'denied',
      subject: email,
      ip: input.ip,
    })
    return { ok: false, reason: 'throttled', retryAt: started.retryAt }
  }
  const user = await db.user.findUnique({
    where: { email },
    select: {
      id: true,
      organisationId: true,
      disabledAt: true,
      password: { select: { hash: true } },
      organisation: { select: { passwordSignIn: true } },
    },
  })
  const valid = user?.password
    ? await verifyPassword(user.password.hash, input.password)
    : (await burnVerifyTime(input.password), false)
  if (!user || !valid || user.disabledAt) {
    await failAttempt(started.attempt)
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
  await succeedAttempt(started.attempt)
  // Said only after the right password, so it tells nothing about who has an account.
  if (!user.organisation.passwordSignIn) {
    await recordAudit({
      action: 'auth.login_failed',
      result: 'denied',
      subject: email,
      ip: input.ip,
      actorUserId: user.id,
      details: { reason: 'passwords_off' },
    })
    return { ok: false, reason: 'useProvider' }
  }
  const next = await finishSignIn({
    userId: user.id,
    method: 'password',
    redirectTo: input.redirectTo,
    userAgent: input.userAgent,
    ip: input.ip,
  })
  await recordAudit({
    action: 'auth.login',
    result: 'success',
    actorUserId: user.id,
    actorOrganisationId: user.organisationId,
    subject: email,
    ip: input.ip,
  })
  return { ok: true, userId: user.id, next }
}
