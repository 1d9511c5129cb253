import { createHmac, timingSafeEqual } from 'node:crypto'
import { getConfig } from '../config/config.server'
import { db } from '../db/db.server'
import { isNotificationKind, type NotificationKind } from './preferences'
import { turnOff } from './preferences.server'

/*
 * One-click unsubscribe (RFC 8058) for the notification mails of issue 14. The link carries who, which
 * kind of mail and (optionally) which network, signed with an HMAC under the session secret. The token
 * is the whole authorisation: it can only turn that kind of mail off for that person, which is why the
 * page needs no sign-in and its POST no same-origin check (scripts/http/middleware.ts,
 * sameOriginMutations; docs/security.md). It does not expire: a mail read a year later must still stop
 * the mails.
 */

/**
 * Mixed into every signature so that no other HMAC of the session secret (cookies, other links) is ever
 * a valid unsubscribe token, nor this one anything else.
 */
const PURPOSE = 'zwin/notifications/unsubscribe/v1'

/** The path of the page; the route is listed in app/routes.ts. */
export const UNSUBSCRIBE_PATH = '/uitschrijven'

export type UnsubscribeTarget = { userId: string; kind: NotificationKind; networkId: string }

function sign(payload: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(`${PURPOSE}\n${payload}`).digest()
}

/** Ids here are cuids (letters and digits), so ":" cannot occur in them. */
function payloadOf(target: UnsubscribeTarget) {
  return `${target.userId}:${target.kind}:${target.networkId}`
}

/**
 * A URL-safe token: `<payload>.<mac>`, both base64url. `networkId` empty or absent: every network.
 */
export function unsubscribeToken(
  userId: string,
  kind: NotificationKind,
  networkId?: string | null,
  secret = getConfig().sessionSecret,
): string {
  const payload = payloadOf({ userId, kind, networkId: networkId ?? '' })
  return `${Buffer.from(payload).toString('base64url')}.${sign(payload, secret).toString('base64url')}`
}

/** What a token says, or null for anything not signed by us for this purpose. Never throws. */
export function readUnsubscribeToken(
  token: string,
  secret = getConfig().sessionSecret,
): UnsubscribeTarget | null {
  if (typeof token !== 'string' || token.length > 300) return null
  const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(token)
  if (!match) return null
  const payloadBytes = Buffer.from(match[1]!, 'base64url')
  const given = Buffer.from(match[2]!, 'base64url')
  // One spelling per token: base64url's last character may carry bits that decoding drops, and a
  // token spelled with other such bits is not the one we sent.
  if (payloadBytes.toString('base64url') !== match[1] || given.toString('base64url') !== match[2]) {
    return null
  }
  const payload = payloadBytes.toString('utf8')
  const expected = sign(payload, secret)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  const [userId, kind, networkId, ...rest] = payload.split(':')
  if (rest.length || !userId || networkId === undefined || !isNotificationKind(kind)) return null
  return { userId, kind, networkId }
}

/** The page and one-click POST target, on the configured public origin. */
export function unsubscribeUrl(userId: string, kind: NotificationKind, networkId?: string | null) {
  return `${getConfig().publicOrigin}${UNSUBSCRIBE_PATH}/${unsubscribeToken(userId, kind, networkId)}`
}

/**
 * The headers of a notification mail (for queueMail's `mail.headers`): mail programs show an
 * "unsubscribe" button that POSTs `List-Unsubscribe=One-Click` to the URL (RFC 8058, section 3.1). The
 * URL is on PUBLIC_ORIGIN, which is https in production (docs: README, configuration).
 */
export function unsubscribeHeaders(
  userId: string,
  kind: NotificationKind,
  networkId?: string | null,
): { 'List-Unsubscribe': string; 'List-Unsubscribe-Post': string } {
  return {
    'List-Unsubscribe': `<${unsubscribeUrl(userId, kind, networkId)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  }
}

export type UnsubscribeLookup =
  | { status: 'invalid' }
  | { status: 'gone' }
  | {
      status: 'ok'
      target: UnsubscribeTarget
      user: { id: string; organisationId: string; locale: string | null }
      /** The network's name when the token is for one network (null: every network, or it is gone). */
      networkName: string | null
    }

/**
 * What the page shows for a token: invalid (tampered, not ours), gone (the account was removed or
 * disabled: nothing to stop, nothing said about who it was) or the person and kind.
 */
export async function lookUpUnsubscribe(token: string): Promise<UnsubscribeLookup> {
  const target = readUnsubscribeToken(token)
  if (!target) return { status: 'invalid' }
  const user = await db.user.findUnique({
    where: { id: target.userId },
    select: { id: true, organisationId: true, locale: true, disabledAt: true },
  })
  if (!user || user.disabledAt) return { status: 'gone' }
  const network = target.networkId
    ? await db.network.findUnique({ where: { id: target.networkId }, select: { name: true } })
    : null
  return {
    status: 'ok',
    target,
    user: { id: user.id, organisationId: user.organisationId, locale: user.locale },
    networkName: network?.name ?? null,
  }
}

/** Turns the token's kind of mail off; `via` says how ("page" or "one-click") for the audit log. */
export async function unsubscribe(token: string, via: 'page' | 'one-click') {
  const found = await lookUpUnsubscribe(token)
  if (found.status !== 'ok') return found
  await turnOff(found.user, found.target.kind, found.target.networkId, via)
  return found
}
