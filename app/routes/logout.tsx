import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { recordAudit } from '~/modules/audit/audit.server'
import {
  clearSessionCookie,
  destroySessionByToken,
  readSessionToken,
} from '~/modules/auth/session.server'
import { redirectWithFlash } from '~/modules/flash/flash.server'

// Signing out changes state, so it only happens by POST; a GET just goes home.
export function loader() {
  return redirect('/')
}

export async function action({ request, context }: ActionFunctionArgs) {
  const token = await readSessionToken(request)
  if (token) {
    await destroySessionByToken(token)
    await recordAudit({ action: 'auth.logout', result: 'success', ip: context.clientIp })
  }
  return redirectWithFlash('/login', 'loggedOut', {
    headers: { 'Set-Cookie': await clearSessionCookie() },
  })
}
