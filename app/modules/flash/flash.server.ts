import { createCookie, redirect } from '@remix-run/node'
import { getConfig } from '../config/config.server'

/** Messages shown once after a redirect ("Account aangemaakt"). Only translation keys travel. */
export const flashMessages = [
  'saved',
  'accountCreated',
  'accountDisabled',
  'accountEnabled',
  'roleGranted',
  'roleWithdrawn',
  'membershipAdded',
  'membershipEnded',
  'passwordChanged',
  'passwordSet',
  'loggedOut',
  'organisationCreated',
  'networkCreated',
  'linkSent',
  'documentBinned',
  'savedNoLongerVisible',
  'documentRestored',
  'versionWithdrawn',
  'meetingPublished',
  'meetingCancelled',
  'replySaved',
  'agendaItemRemoved',
  'meetingPublishedNoMail',
  'meetingCancelledQuiet',
  'passwordChangedSignedOut',
  'signedOutEverywhere',
  'invitedToUpcoming',
  'identityProviderDeleted',
  'secondFactorOff',
  'secondFactorReset',
  'mailRetried',
] as const
export type FlashMessage = (typeof flashMessages)[number]

/**
 * What a message may say beyond its key: a number (picks the plural form, "op 2 andere apparaten") and a
 * variant (the `context` of i18next: `feed` adds "uw agendalink werkt niet meer").
 */
export type FlashValues = { count?: number; context?: 'feed' }
export type Flash = { message: FlashMessage } & FlashValues

let cookie: ReturnType<typeof createCookie> | undefined
function flashCookie() {
  cookie ??= createCookie('zwin_flash', {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: getConfig().env === 'production',
    secrets: [getConfig().sessionSecret],
    maxAge: 60,
  })
  return cookie
}

export async function redirectWithFlash(
  url: string,
  message: FlashMessage,
  init: ResponseInit = {},
  values: FlashValues = {},
) {
  const headers = new Headers(init.headers)
  headers.append('Set-Cookie', await flashCookie().serialize({ message, ...values }))
  return redirect(url, { ...init, headers })
}

const isMessage = (value: unknown): value is FlashMessage =>
  typeof value === 'string' && (flashMessages as readonly string[]).includes(value)

/** The flash in the cookie, if it is one (the cookie is signed, but a stale format is simply ignored). */
function toFlash(value: unknown): Flash | null {
  if (isMessage(value)) return { message: value }
  if (!value || typeof value !== 'object') return null
  const { message, count, context } = value as Record<string, unknown>
  if (!isMessage(message)) return null
  const flash: Flash = { message }
  if (typeof count === 'number' && Number.isInteger(count) && count >= 0) flash.count = count
  if (context === 'feed') flash.context = context
  return flash
}

/** The pending message, if any, and the Set-Cookie header that clears it so it shows only once. */
export async function consumeFlash(
  request: Request,
): Promise<{ flash: Flash | null; headers: HeadersInit }> {
  const flash = toFlash(await flashCookie().parse(request.headers.get('Cookie')))
  if (!flash) return { flash: null, headers: {} }
  const clear = await flashCookie().serialize('', { maxAge: 0 })
  return { flash, headers: { 'Set-Cookie': clear } }
}
