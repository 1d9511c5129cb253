/**
 * The second factor: a TOTP authenticator (RFC 6238) with single-use recovery codes for when it is lost.
 * Why it is built this way: docs/decisions/0014-second-factor.md.
 */
import { createHash, randomBytes } from 'node:crypto'
import { generateTOTP, getTOTPAuthUri, verifyTOTP } from '@epic-web/totp'
import QRCode from 'qrcode'
import { recordAudit } from '../../audit/audit.server'
import { db } from '../../db/db.server'
import type { Prisma } from '../../db/generated/client'
import { beginAttempt, failAttempt, succeedAttempt } from '../throttle.server'

export const RECOVERY_CODE_COUNT = 10
/** Codes of the step before and after the current one count too: phone clocks drift. */
const WINDOW = 1

export type Enrolment = { secret: string; uri: string; qrSvg: string }

/** RFC 4226 asks for at least 128 bits; 160 bits is what it recommends. */
function newSecret(): string {
  return base32(randomBytes(20))
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
function base32(bytes: Uint8Array): string {
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31]
  return out
}

type FactorSettings = { secret: string; algorithm: string; digits: number; period: number }

async function toEnrolment(user: { email: string }, factor: FactorSettings): Promise<Enrolment> {
  const uri = getTOTPAuthUri({ ...factor, accountName: user.email, issuer: 'Zwin' })
  // Made here, on the server, so that the secret never goes to a QR service of a third party.
  const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })
  return { secret: factor.secret, uri, qrSvg }
}

const factorSettings = { secret: true, algorithm: true, digits: true, period: true } as const

/**
 * The enrolment under way (a secret not yet confirmed), as a QR code (SVG) and as text for typing in;
 * null when there is none. Only reads: a page's GET changes nothing (docs/security.md).
 */
export async function pendingEnrolment(user: {
  id: string
  email: string
}): Promise<Enrolment | null> {
  const factor = await db.totpFactor.findFirst({
    where: { userId: user.id, confirmedAt: null },
    select: factorSettings,
  })
  return factor ? toEnrolment(user, factor) : null
}

/** Starts an enrolment with a new secret; false when the user has a confirmed factor already. */
export async function beginEnrolment(user: { id: string }): Promise<boolean> {
  const { secret, algorithm, digits, period } = await generateTOTP({ secret: newSecret() })
  const replaced = await db.$transaction(async (tx) => {
    const existing = await tx.totpFactor.findUnique({
      where: { userId: user.id },
      select: { confirmedAt: true },
    })
    if (existing?.confirmedAt) return false
    await tx.totpFactor.deleteMany({ where: { userId: user.id } })
    await tx.totpFactor.create({ data: { userId: user.id, secret, algorithm, digits, period } })
    return true
  })
  return replaced
}

export type CodeCheck =
  | { ok: true; via: 'totp' | 'recovery' }
  | { ok: false; reason: 'invalid' | 'not_enrolled' }
  | { ok: false; reason: 'throttled'; retryAt: Date }

/** A 6-digit code from the app, or a recovery code (letters and digits, dashes and spaces ignored). */
export function normaliseCode(input: string): string {
  return input.replace(/[\s-]/g, '').toLowerCase()
}

function isTotpShape(code: string) {
  return /^\d{6,8}$/.test(code)
}

function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normaliseCode(code)).digest('hex')
}

/**
 * Checks the app's current code once: a code accepted before (the same or an earlier time step) is
 * refused, so a code seen over someone's shoulder cannot be used again (RFC 6238 §5.2). The step is
 * written with a condition on the last one, so two parallel requests cannot both use one code.
 */
async function acceptTotp(userId: string, code: string, confirmed: boolean): Promise<boolean> {
  const factor = await db.totpFactor.findUnique({
    where: { userId },
    select: {
      secret: true,
      algorithm: true,
      digits: true,
      period: true,
      lastStep: true,
      confirmedAt: true,
    },
  })
  if (!factor || Boolean(factor.confirmedAt) !== confirmed) return false
  const now = Math.floor(Date.now() / 1000 / factor.period)
  const match = await verifyTOTP({
    otp: code,
    secret: factor.secret,
    algorithm: factor.algorithm,
    digits: factor.digits,
    period: factor.period,
    window: WINDOW,
  })
  if (!match) return false
  const step = now + match.delta
  const claimed = await db.totpFactor.updateMany({
    where: { userId, OR: [{ lastStep: null }, { lastStep: { lt: step } }] },
    data: { lastStep: step, ...(confirmed ? {} : { confirmedAt: new Date() }) },
  })
  return claimed.count === 1
}

/** Marks one unused recovery code as used; false when there is none with this value. */
async function spendRecoveryCode(userId: string, code: string): Promise<boolean> {
  const used = await db.recoveryCode.updateMany({
    where: { userId, codeHash: hashRecoveryCode(code), usedAt: null },
    data: { usedAt: new Date() },
  })
  return used.count === 1
}

/**
 * Checks a code of the user's confirmed factor: the app's code, or (when `allowRecovery`) a recovery
 * code, which then is used up. Throttled like passwords (scope 'totp', per user and client address).
 */
export async function verifySecondFactor(input: {
  userId: string
  code: string
  ip: string
  allowRecovery?: boolean
}): Promise<CodeCheck> {
  const enrolled = await db.totpFactor.findFirst({
    where: { userId: input.userId, confirmedAt: { not: null } },
    select: { userId: true },
  })
  if (!enrolled) return { ok: false, reason: 'not_enrolled' }
  const started = await beginAttempt({ scope: 'totp', subject: input.userId, ip: input.ip })
  if (!started.ok) {
    await recordAudit({
      action: 'auth.second_factor_throttled',
      result: 'denied',
      actorUserId: input.userId,
      ip: input.ip,
    })
    return { ok: false, reason: 'throttled', retryAt: started.retryAt }
  }
  const code = normaliseCode(input.code)
  let via: 'totp' | 'recovery' | null = null
  if (isTotpShape(code)) {
    if (await acceptTotp(input.userId, code, true)) via = 'totp'
  } else if (input.allowRecovery && code.length >= 10) {
    if (await spendRecoveryCode(input.userId, code)) via = 'recovery'
  }
  if (!via) {
    await failAttempt(started.attempt)
    await recordAudit({
      action: 'auth.second_factor_failed',
      result: 'failure',
      actorUserId: input.userId,
      ip: input.ip,
    })
    return { ok: false, reason: 'invalid' }
  }
  await succeedAttempt(started.attempt)
  if (via === 'recovery') {
    await recordAudit({
      action: 'auth.recovery_code_used',
      result: 'success',
      actorUserId: input.userId,
      ip: input.ip,
    })
  }
  return { ok: true, via }
}

/** Makes 10 new recovery codes (the old ones stop working); returns them in clear, to show once. */
async function replaceRecoveryCodes(userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = base32(randomBytes(7)).slice(0, 10).toLowerCase()
    return `${raw.slice(0, 5)}-${raw.slice(5)}`
  })
  await db.$transaction([
    db.recoveryCode.deleteMany({ where: { userId } }),
    db.recoveryCode.createMany({
      data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })),
    }),
  ])
  return codes
}

export type Confirmation =
  | { ok: true; recoveryCodes: string[] }
  | { ok: false; reason: 'invalid' | 'not_enrolled' }
  | { ok: false; reason: 'throttled'; retryAt: Date }

/**
 * Confirms an enrolment with the first code from the app; then the factor counts, and the 10 recovery
 * codes are made. The session it is done in counts as signed in with the second factor.
 */
export async function confirmEnrolment(input: {
  user: { id: string; organisation: { id: string } }
  sessionId: string
  code: string
  ip: string
}): Promise<Confirmation> {
  const { user } = input
  const pending = await db.totpFactor.findFirst({
    where: { userId: user.id, confirmedAt: null },
    select: { userId: true },
  })
  if (!pending) return { ok: false, reason: 'not_enrolled' }
  const started = await beginAttempt({ scope: 'totp', subject: user.id, ip: input.ip })
  if (!started.ok) return { ok: false, reason: 'throttled', retryAt: started.retryAt }
  const code = normaliseCode(input.code)
  if (!isTotpShape(code) || !(await acceptTotp(user.id, code, false))) {
    await failAttempt(started.attempt)
    return { ok: false, reason: 'invalid' }
  }
  await succeedAttempt(started.attempt)
  const recoveryCodes = await replaceRecoveryCodes(user.id)
  await db.session.updateMany({ where: { id: input.sessionId }, data: { secondFactor: true } })
  await recordAudit({
    action: 'auth.second_factor_enrolled',
    result: 'success',
    actorUserId: user.id,
    actorOrganisationId: user.organisation.id,
    objectType: 'User',
    objectId: user.id,
    ip: input.ip,
  })
  return { ok: true, recoveryCodes }
}

export type SecondFactorStatus = { enrolled: boolean; recoveryCodesLeft: number }

export async function secondFactorStatus(userId: string): Promise<SecondFactorStatus> {
  const [factor, recoveryCodesLeft] = await Promise.all([
    db.totpFactor.findFirst({
      where: { userId, confirmedAt: { not: null } },
      select: { userId: true },
    }),
    db.recoveryCode.count({ where: { userId, usedAt: null } }),
  ])
  return { enrolled: Boolean(factor), recoveryCodesLeft: factor ? recoveryCodesLeft : 0 }
}

type Checked<T> =
  | T
  | { ok: false; reason: 'invalid' | 'not_enrolled' }
  | { ok: false; reason: 'throttled'; retryAt: Date }

/** New recovery codes, after a current code from the app (a recovery code does not do). */
export async function renewRecoveryCodes(input: {
  user: { id: string; organisation: { id: string } }
  code: string
  ip: string
}): Promise<Checked<{ ok: true; recoveryCodes: string[] }>> {
  const check = await verifySecondFactor({ userId: input.user.id, code: input.code, ip: input.ip })
  if (!check.ok) return check
  const recoveryCodes = await replaceRecoveryCodes(input.user.id)
  await recordAudit({
    action: 'auth.recovery_codes_renewed',
    result: 'success',
    actorUserId: input.user.id,
    actorOrganisationId: input.user.organisation.id,
    objectType: 'User',
    objectId: input.user.id,
    ip: input.ip,
  })
  return { ok: true, recoveryCodes }
}

/** Whether this person may switch the second factor off: not administrators, not where it is required. */
export function mayTurnOff(user: {
  isPlatformAdmin: boolean
  isOrgAdmin: boolean
  secondFactor: { required: boolean }
}): boolean {
  return !user.isPlatformAdmin && !user.isOrgAdmin && !user.secondFactor.required
}

/** Switches the second factor off, after a current code from the app. */
export async function turnOffSecondFactor(input: {
  user: Parameters<typeof mayTurnOff>[0] & { id: string; organisation: { id: string } }
  code: string
  ip: string
}): Promise<Checked<{ ok: true }> | { ok: false; reason: 'required' }> {
  if (!mayTurnOff(input.user)) return { ok: false, reason: 'required' }
  const check = await verifySecondFactor({ userId: input.user.id, code: input.code, ip: input.ip })
  if (!check.ok) return check
  await removeFactor(input.user.id)
  await recordAudit({
    action: 'auth.second_factor_removed',
    result: 'success',
    actorUserId: input.user.id,
    actorOrganisationId: input.user.organisation.id,
    objectType: 'User',
    objectId: input.user.id,
    ip: input.ip,
  })
  return { ok: true }
}

/** The factor, its recovery codes and the "given in this session" mark on the user's sessions go (in `tx`). */
export async function removeFactor(userId: string, tx?: Prisma.TransactionClient): Promise<void> {
  if (!tx) return db.$transaction((inner) => removeFactor(userId, inner))
  await tx.totpFactor.deleteMany({ where: { userId } })
  await tx.recoveryCode.deleteMany({ where: { userId } })
  await tx.session.updateMany({ where: { userId }, data: { secondFactor: false } })
}
