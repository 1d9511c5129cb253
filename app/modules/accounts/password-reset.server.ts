/**
 * The forgotten password (/wachtwoord-vergeten): anyone may ask for a reset link for an address; the
 * answer never tells whether the address has an account. Why it is built this way:
 * docs/decisions/0012-forgotten-password.md.
 */
import { recordAudit } from '../audit/audit.server'
import { beginAttempt } from '../auth/throttle.server'
import { db } from '../db/db.server'
import { log } from '../observability/logger.server'
import { sendSetPasswordLink } from './password-token.server'

export type ResetRequestResult = { ok: true } | { ok: false; reason: 'throttled'; retryAt: Date }

/** Work that was started by a request and runs on after its answer (see `settleResetRequests`). */
const inFlight = new Set<Promise<void>>()

/**
 * Counts the request against the limits, then answers. Looking up the account, storing the link and
 * queueing its mail happen after the answer, off the request path: an address with an account must not
 * be told apart by a slower answer (database writes). The mail goes out from the outbox
 * (app/modules/mail/outbox.server.ts), which logs a failure without the address.
 */
export async function requestPasswordReset(input: {
  email: string
  ip: string
  /** This browser signed in to the account before (device.server.ts): spared the per-address cap. */
  knownDevice: boolean
}): Promise<ResetRequestResult> {
  const email = input.email.trim().toLowerCase()
  // Keyed by the address as typed, so an address without an account is throttled exactly the same.
  const started = await beginAttempt({
    scope: 'reset',
    subject: email,
    ip: input.ip,
    trustedAddress: input.knownDevice,
  })
  if (!started.ok) {
    await recordAudit({
      action: 'auth.password_reset_throttled',
      result: 'denied',
      subject: email,
      ip: input.ip,
    })
    return { ok: false, reason: 'throttled', retryAt: started.retryAt }
  }
  const work = sendResetLink(email, input.ip)
    .catch((error: unknown) => {
      // Not the address nor the link: the logger strips addresses from errors, and the audit holds the rest.
      log.error({ err: error }, 'Could not send a password reset link')
    })
    .finally(() => inFlight.delete(work))
  inFlight.add(work)
  return { ok: true }
}

/** Why an address gets no mail; recorded in the audit log only, never shown. */
type NoMail = 'unknown' | 'disabled' | 'passwordSignInOff'

async function sendResetLink(email: string, ip: string): Promise<void> {
  const user = await db.user.findUnique({
    where: { email },
    select: {
      id: true,
      organisationId: true,
      disabledAt: true,
      organisation: { select: { passwordSignIn: true } },
    },
  })
  const noMail: NoMail | null = !user
    ? 'unknown'
    : user.disabledAt
      ? 'disabled'
      : !user.organisation.passwordSignIn
        ? 'passwordSignInOff'
        : null
  const audit = {
    action: 'auth.password_reset_requested',
    subject: email,
    ip,
    objectType: user ? 'User' : undefined,
    objectId: user?.id,
    actorOrganisationId: user?.organisationId ?? null,
  }
  if (!user || noMail) {
    await recordAudit({ ...audit, result: 'denied', details: { reason: noMail } })
    return
  }
  const { expiresAt } = await sendSetPasswordLink(user.id, { purpose: 'reset' })
  await recordAudit({ ...audit, result: 'success', details: { expiresAt } })
}

/**
 * Resolves when every reset request started so far has finished its mail (failed ones included): for
 * tests, and for a server that wants to finish them before it stops.
 */
export async function settleResetRequests(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight])
}
