import { createHash, randomBytes } from 'node:crypto'
import { createCookie } from '@remix-run/node'
import { getConfig } from '../config/config.server'
import { db } from '../db/db.server'
import {
  noteRequestUser,
  requestContext,
  type RequestRecord,
} from '../observability/request-context.server'

const config = () => getConfig()

// The cookie carries a random token; the database keeps only its sha256, so a copy of the database
// cannot be replayed as a session.
let cookie: ReturnType<typeof createCookie> | undefined
export function sessionCookie() {
  cookie ??= createCookie('zwin_session', {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config().env === 'production',
    secrets: [config().sessionSecret],
  })
  return cookie
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export type SessionOptions = {
  /** How the first step was done. */
  method?: 'password' | 'oidc'
  /** A second factor was given at sign-in. */
  secondFactor?: boolean
  /** For RP-initiated logout: the provider and the ID token of a provider sign-in. */
  providerId?: string | null
  idToken?: string | null
}

export async function createSession(
  userId: string,
  userAgent: string | null,
  options: SessionOptions = {},
): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  const now = Date.now()
  await db.session.create({
    data: {
      id: hashToken(token),
      userId,
      userAgent: userAgent?.slice(0, 200) ?? null,
      expiresAt: new Date(now + config().sessionAbsoluteMs),
      method: options.method ?? 'password',
      secondFactor: options.secondFactor ?? false,
      providerId: options.providerId ?? null,
      idToken: options.idToken ?? null,
    },
  })
  return token
}

/** The provider a session began at, to end the provider's session too when this one ends. */
export async function sessionProvider(
  token: string,
): Promise<{ providerId: string; idToken: string | null } | null> {
  const row = await db.session.findUnique({
    where: { id: hashToken(token) },
    select: { providerId: true, idToken: true },
  })
  return row?.providerId ? { providerId: row.providerId, idToken: row.idToken } : null
}

export async function readSessionToken(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get('Cookie'))
  return typeof value === 'string' && value.length > 20 ? value : null
}

/**
 * The person and their organisation as a SessionUser carries them (tests/setup/current-user.ts reads
 * the same for code that runs without a session).
 */
export const sessionPersonSelect = {
  id: true,
  email: true,
  name: true,
  locale: true,
  isPlatformAdmin: true,
  isOrgAdmin: true,
  organisation: {
    select: { id: true, slug: true, name: true, country: true, defaultLocale: true },
  },
} as const

/** …and what the session check needs besides: whether the account and the second factor hold. */
const sessionUserSelect = {
  ...sessionPersonSelect,
  disabledAt: true,
  organisation: {
    select: {
      ...sessionPersonSelect.organisation.select,
      totpRequired: true,
      totpForProvider: true,
    },
  },
  totp: { select: { confirmedAt: true } },
} as const

/**
 * Where the person stands with the second factor, read with the session itself (no query more per
 * request). `required`: their organisation asks it of everyone signing in this way; administrators need
 * it on administration pages whatever their organisation says (access.server.ts).
 */
export type SecondFactorState = { enrolled: boolean; inSession: boolean; required: boolean }

export type SessionUser = {
  id: string
  email: string
  name: string
  locale: string | null
  isPlatformAdmin: boolean
  isOrgAdmin: boolean
  sessionId: string
  /** How this session was signed in. */
  method: 'password' | 'oidc'
  secondFactor: SecondFactorState
  /** The path and query of the request the user was read for: where guards send them back to. */
  requestedPath: string
  organisation: { id: string; slug: string; name: string; country: string; defaultLocale: string }
}

// Touching the session on every request would turn each page view into a write; once a minute is
// enough precision for an idle timeout counted in tens of minutes.
const TOUCH_INTERVAL_MS = 60_000

/**
 * The signed-in user, or null when there is no live session (idle or absolute expiry, disabled user).
 * A page's loaders (the root's, a layout's, the page's) each ask, each with its own copy of the Request;
 * on a read (GET, HEAD) they share one lookup per HTTP request (the server's request record), so a page
 * reads its session once. A mutation asks afresh: its action may change who is signed in.
 */
export function getSessionUser(request: Request): Promise<SessionUser | null> {
  const record = requestContext.getStore()
  if (!record || (request.method !== 'GET' && request.method !== 'HEAD')) {
    return lookUpSessionUser(request)
  }
  const cookie = request.headers.get('Cookie') ?? ''
  const shared = sessionUsersOfReads.get(record)
  if (shared?.cookie === cookie) return shared.user
  const user = lookUpSessionUser(request)
  sessionUsersOfReads.set(record, { cookie, user })
  return user
}

const sessionUsersOfReads = new WeakMap<
  RequestRecord,
  { cookie: string; user: Promise<SessionUser | null> }
>()

async function lookUpSessionUser(request: Request): Promise<SessionUser | null> {
  const token = await readSessionToken(request)
  if (!token) return null
  const id = hashToken(token)
  const session = await db.session.findUnique({
    where: { id },
    select: {
      id: true,
      lastSeenAt: true,
      expiresAt: true,
      method: true,
      secondFactor: true,
      user: { select: sessionUserSelect },
    },
  })
  if (!session) return null
  const now = Date.now()
  const idleExpired = session.lastSeenAt.getTime() + config().sessionIdleMs < now
  if (idleExpired || session.expiresAt.getTime() < now || session.user.disabledAt) {
    await db.session.deleteMany({ where: { id } })
    return null
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.session.update({ where: { id }, data: { lastSeenAt: new Date(now) } })
  }
  const { disabledAt: _disabled, totp, organisation: org, ...user } = session.user
  const { totpRequired, totpForProvider, ...organisation } = org
  // For the request's log line: the ids, never the address or the name.
  noteRequestUser(user.id, organisation.id)
  const method = session.method === 'oidc' ? 'oidc' : 'password'
  const url = new URL(request.url)
  return {
    ...user,
    organisation,
    sessionId: id,
    method,
    secondFactor: {
      enrolled: Boolean(totp?.confirmedAt),
      inSession: session.secondFactor,
      required: method === 'oidc' ? totpForProvider : totpRequired,
    },
    requestedPath: url.pathname + url.search,
  }
}

export async function destroySessionByToken(token: string): Promise<void> {
  await db.session.deleteMany({ where: { id: hashToken(token) } })
}

export async function commitSessionCookie(token: string): Promise<string> {
  return sessionCookie().serialize(token, { maxAge: Math.floor(config().sessionAbsoluteMs / 1000) })
}

export async function clearSessionCookie(): Promise<string> {
  return sessionCookie().serialize('', { maxAge: 0 })
}
