import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { recordAudit } from '~/modules/audit/audit.server'
import {
  clearSessionCookie,
  destroySessionByToken,
  readSessionToken,
  sessionProvider,
} from '~/modules/auth/session.server'
import { redirectWithFlash } from '~/modules/flash/flash.server'
import { providerLogoutUrl } from '~/modules/identity/oidc.server'

// Signing out changes state, so it only happens by POST; a GET just goes home.
export function loader() {
  return redirect('/')
}

/**
 * Ends the Zwin session; for a session that began at the organisation's provider, the browser then goes
 * to the provider to end that session too (RP-initiated logout), which sends it back to /login.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const token = await readSessionToken(request)
  let next = '/login'
  if (token) {
    const provider = await sessionProvider(token)
    await destroySessionByToken(token)
    await recordAudit({ action: 'auth.logout', result: 'success', ip: context.clientIp })
    const url = provider ? await providerLogoutUrl(provider.providerId, provider.idToken) : null
    if (url) next = url.href
  }
  return redirectWithFlash(next, 'loggedOut', {
    headers: { 'Set-Cookie': await clearSessionCookie() },
  })
}
