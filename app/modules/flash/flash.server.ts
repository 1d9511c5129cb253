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
  'savedMailFailed',
  'replySaved',
  'agendaItemRemoved',
  'meetingPublishedNoMail',
  'meetingCancelledQuiet',
] as const
export type FlashMessage = (typeof flashMessages)[number]

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
) {
  const headers = new Headers(init.headers)
  headers.append('Set-Cookie', await flashCookie().serialize(message))
  return redirect(url, { ...init, headers })
}

/** The pending message, if any, and the Set-Cookie header that clears it so it shows only once. */
export async function consumeFlash(
  request: Request,
): Promise<{ message: FlashMessage | null; headers: HeadersInit }> {
  const value: unknown = await flashCookie().parse(request.headers.get('Cookie'))
  if (typeof value !== 'string' || !(flashMessages as readonly string[]).includes(value)) {
    return { message: null, headers: {} }
  }
  const clear = await flashCookie().serialize('', { maxAge: 0 })
  return { message: value as FlashMessage, headers: { 'Set-Cookie': clear } }
}
