/**
 * The one place where every first step of signing in (a Zwin password, or the organisation's OpenID
 * provider) hands over: it decides whether a second factor is still to be given, and makes either the
 * session or a pending sign-in that waits for the code. Why: docs/decisions/0014-second-factor.md.
 */
import { randomBytes } from 'node:crypto'
import { createCookie } from '@remix-run/node'
import { recordAudit } from '../audit/audit.server'
import { getConfig } from '../config/config.server'
import { db } from '../db/db.server'
import { verifySecondFactor, type CodeCheck } from './second-factor/totp.server'
import { createSession, hashToken } from './session.server'

export const PENDING_SIGN_IN_MS = 10 * 60_000

export type FirstStep = {
  userId: string
  method: 'password' | 'oidc'
  providerId?: string | null
  idToken?: string | null
  /** Where to go once signed in; checked again with safeRedirectPath before it is used. */
  redirectTo: string
  userAgent: string | null
  ip: string
}

export type FinishedSignIn =
  /** Signed in: the session token for the session cookie. */
  | { kind: 'session'; token: string }
  /** A code is still to be given: the token for the pending sign-in cookie (pendingSignInCookie). */
  | { kind: 'second_factor'; token: string }

/**
 * Whether the code is asked now: always for a password sign-in of someone with a confirmed factor; after
 * a provider sign-in only where the organisation asks it (the provider's own MFA counts otherwise).
 * Someone who needs a factor but has none yet gets a session and is sent to enrolment by the guards in
 * access.server.ts.
 */
export async function finishSignIn(input: FirstStep): Promise<FinishedSignIn> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: input.userId },
    select: {
      totp: { select: { confirmedAt: true } },
      organisation: { select: { totpForProvider: true } },
    },
  })
  const enrolled = Boolean(user.totp?.confirmedAt)
  const ask = enrolled && (input.method === 'password' || user.organisation.totpForProvider)
  if (!ask) {
    const token = await createSession(input.userId, input.userAgent, {
      method: input.method,
      secondFactor: false,
      providerId: input.providerId ?? null,
      idToken: input.idToken ?? null,
    })
    return { kind: 'session', token }
  }
  const token = randomBytes(32).toString('base64url')
  const now = Date.now()
  // Pending sign-ins nobody finished are of no use to anyone.
  await db.pendingSignIn.deleteMany({ where: { expiresAt: { lt: new Date(now) } } })
  await db.pendingSignIn.create({
    data: {
      id: hashToken(token),
      kind: 'second_factor',
      userId: input.userId,
      method: input.method,
      providerId: input.providerId ?? null,
      idToken: input.idToken ?? null,
      redirectTo: input.redirectTo.slice(0, 2000),
      expiresAt: new Date(now + PENDING_SIGN_IN_MS),
    },
  })
  return { kind: 'second_factor', token }
}

let cookie: ReturnType<typeof createCookie> | undefined
/** The cookie that carries a pending sign-in's token between the first and the second step. */
export function pendingSignInCookie() {
  cookie ??= createCookie('zwin_pending', {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: getConfig().env === 'production',
    secrets: [getConfig().sessionSecret],
    maxAge: PENDING_SIGN_IN_MS / 1000,
  })
  return cookie
}

export async function readPendingToken(request: Request): Promise<string | null> {
  const value: unknown = await pendingSignInCookie().parse(request.headers.get('Cookie'))
  return typeof value === 'string' && value.length > 20 ? value : null
}

export type PendingSignIn = { userId: string; redirectTo: string; email: string }

/** The pending sign-in behind the token, while it is valid and its person is not disabled. */
export async function findPendingSignIn(token: string): Promise<PendingSignIn | null> {
  const row = await db.pendingSignIn.findUnique({
    where: { id: hashToken(token) },
    select: {
      kind: true,
      expiresAt: true,
      redirectTo: true,
      user: { select: { id: true, email: true, disabledAt: true } },
    },
  })
  if (!row?.user || row.kind !== 'second_factor' || row.user.disabledAt) return null
  if (row.expiresAt.getTime() < Date.now()) return null
  return { userId: row.user.id, email: row.user.email, redirectTo: row.redirectTo }
}

export type SecondStep =
  | { ok: true; token: string; redirectTo: string }
  | { ok: false; reason: 'expired' }
  | Exclude<CodeCheck, { ok: true }>

/**
 * The second step: the code from the app or a recovery code. A right code ends the pending sign-in (it
 * works once, even when two requests bring the same token) and makes the session.
 */
export async function completeSecondStep(input: {
  pendingToken: string
  code: string
  ip: string
  userAgent: string | null
}): Promise<SecondStep> {
  const id = hashToken(input.pendingToken)
  const pending = await db.pendingSignIn.findUnique({
    where: { id },
    select: {
      kind: true,
      userId: true,
      method: true,
      providerId: true,
      idToken: true,
      redirectTo: true,
      expiresAt: true,
      user: { select: { disabledAt: true, email: true, organisationId: true } },
    },
  })
  if (
    !pending?.userId ||
    !pending.user ||
    pending.kind !== 'second_factor' ||
    pending.user.disabledAt ||
    pending.expiresAt.getTime() < Date.now()
  ) {
    return { ok: false, reason: 'expired' }
  }
  const check = await verifySecondFactor({
    userId: pending.userId,
    code: input.code,
    ip: input.ip,
    allowRecovery: true,
  })
  if (!check.ok) return check
  const taken = await db.pendingSignIn.deleteMany({ where: { id } })
  if (taken.count !== 1) return { ok: false, reason: 'expired' }
  const token = await createSession(pending.userId, input.userAgent, {
    method: pending.method === 'oidc' ? 'oidc' : 'password',
    secondFactor: true,
    providerId: pending.providerId,
    idToken: pending.idToken,
  })
  await recordAudit({
    action: 'auth.second_factor',
    result: 'success',
    actorUserId: pending.userId,
    actorOrganisationId: pending.user.organisationId,
    subject: pending.user.email,
    ip: input.ip,
    details: { via: check.via, method: pending.method },
  })
  return { ok: true, token, redirectTo: pending.redirectTo }
}

/**
 * A session made without the second factor (before enrolment elsewhere, or through a provider) gives it
 * now: the same session then counts as signed in with it.
 */
export async function stepUpSession(input: {
  user: { id: string; sessionId: string }
  code: string
  ip: string
}): Promise<Exclude<CodeCheck, { ok: true }> | { ok: true }> {
  const check = await verifySecondFactor({
    userId: input.user.id,
    code: input.code,
    ip: input.ip,
    allowRecovery: true,
  })
  if (!check.ok) return check
  await db.session.updateMany({ where: { id: input.user.sessionId }, data: { secondFactor: true } })
  return { ok: true }
}
