/*
 * A browser that signed in to an account before is a "known device" for it (OWASP's device cookies for
 * slowing down guessing without locking people out): failures from other addresses do not make that
 * browser wait, so an outsider who keeps an account's wait going cannot keep its owner out, wherever the
 * owner signs in from. Its own attempts still count against the per-address limit
 * (docs/decisions/0003-sessions-and-sign-in.md).
 *
 * The cookie holds, signed with the session secret, a keyed hash per account signed in to from this
 * browser (the last few): it says nothing readable, and cannot be made for another account.
 */
import { createHmac } from 'node:crypto'
import { createCookie } from '@remix-run/node'
import { getConfig } from '../config/config.server'

const KEEP = 5

let cookie: ReturnType<typeof createCookie> | undefined
function deviceCookie() {
  cookie ??= createCookie('zwin_device', {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: getConfig().env === 'production',
    secrets: [getConfig().sessionSecret],
    maxAge: 180 * 24 * 3600,
  })
  return cookie
}

function accountKey(email: string): string {
  return createHmac('sha256', getConfig().sessionSecret)
    .update(`device:${email}`)
    .digest('base64url')
    .slice(0, 22)
}

async function knownKeys(request: Request): Promise<string[]> {
  const value: unknown = await deviceCookie().parse(request.headers.get('Cookie'))
  return Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string') : []
}

/** Whether this browser signed in to the account with this (normalised) e-mail address before. */
export async function isKnownDevice(request: Request, email: string): Promise<boolean> {
  return (await knownKeys(request)).includes(accountKey(email))
}

/** The Set-Cookie that remembers this browser for the account, after a successful sign-in. */
export async function rememberDevice(request: Request, email: string): Promise<string> {
  const key = accountKey(email)
  const keys = [key, ...(await knownKeys(request)).filter((k) => k !== key)].slice(0, KEEP)
  return deviceCookie().serialize(keys)
}
