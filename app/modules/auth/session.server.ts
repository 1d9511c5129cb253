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

/** A session with its person, their organisation and second factor, as readSession reads them. */
type SessionRow = {
  id: string
  lastSeenAt: Date
  expiresAt: Date
  method: string
  secondFactor: boolean
  userId: string
  email: string
  name: string
  locale: string | null
  isPlatformAdmin: boolean
  isOrgAdmin: boolean
  disabledAt: Date | null
  organisationId: string
  organisationSlug: string
  organisationName: string
  country: string
  defaultLocale: string
  totpRequired: boolean
  totpForProvider: boolean
  totpConfirmedAt: Date | null
}

/**
 * The session and what every signed-in request needs with it, in one statement: Prisma would read the
 * person, the organisation and the second factor with a statement each. Plain SQL that SQLite and
 * PostgreSQL read alike; the fields are those of sessionPersonSelect plus the checks of the session.
 */
async function readSession(id: string): Promise<SessionRow | null> {
  const [row] = await db.$queryRaw<SessionRow[]>`
    SELECT s."id", s."lastSeenAt", s."expiresAt", s."method", s."secondFactor",
      u."id" AS "userId", u."email", u."name", u."locale", u."isPlatformAdmin", u."isOrgAdmin",
      u."disabledAt",
      o."id" AS "organisationId", o."slug" AS "organisationSlug", o."name" AS "organisationName",
      o."country", o."defaultLocale", o."totpRequired", o."totpForProvider",
      t."confirmedAt" AS "totpConfirmedAt"
    FROM "Session" s
    JOIN "User" u ON u."id" = s."userId"
    JOIN "Organisation" o ON o."id" = u."organisationId"
    LEFT JOIN "TotpFactor" t ON t."userId" = u."id"
    WHERE s."id" = ${id}`
  return row ?? null
}

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
  const session = await readSession(id)
  if (!session) return null
  const now = Date.now()
  const idleExpired = session.lastSeenAt.getTime() + config().sessionIdleMs < now
  if (idleExpired || session.expiresAt.getTime() < now || session.disabledAt) {
    await db.session.deleteMany({ where: { id } })
    return null
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.session.update({ where: { id }, data: { lastSeenAt: new Date(now) } })
  }
  const organisation = {
    id: session.organisationId,
    slug: session.organisationSlug,
    name: session.organisationName,
    country: session.country,
    defaultLocale: session.defaultLocale,
  }
  // For the request's log line: the ids, never the address or the name.
  noteRequestUser(session.userId, organisation.id)
  const method = session.method === 'oidc' ? 'oidc' : 'password'
  const url = new URL(request.url)
  return {
    id: session.userId,
    email: session.email,
    name: session.name,
    locale: session.locale,
    isPlatformAdmin: session.isPlatformAdmin,
    isOrgAdmin: session.isOrgAdmin,
    organisation,
    sessionId: id,
    method,
    secondFactor: {
      enrolled: Boolean(session.totpConfirmedAt),
      inSession: session.secondFactor,
      required: method === 'oidc' ? session.totpForProvider : session.totpRequired,
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
