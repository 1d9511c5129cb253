/**
 * Signing in through an organisation's own identity provider: OpenID Connect's authorization code flow
 * with PKCE, `state` and `nonce`, done by `openid-client` (certified). Why and how:
 * docs/decisions/0013-identity-providers.md.
 *
 * The browser carries one random token in a cookie scoped to the callback; it is also the `state`. Only
 * its sha256 is stored (PendingSignIn), with the nonce and the PKCE verifier, and the row is deleted at
 * the first callback that names it, so a replayed or forged callback finds nothing.
 */
import { createCookie } from '@remix-run/node'
import * as client from 'openid-client'
import { hashToken } from '../auth/session.server'
import { getConfig } from '../config/config.server'
import { db } from '../db/db.server'
import { log } from '../observability/logger.server'
import { noteProviderEndpoints, refreshProviderFormTargets } from './form-targets.server'
import { lines } from './schema'
import { openSecret } from './secret-box.server'

/** How long a person may spend at their provider before coming back. */
const SIGN_IN_TTL_MS = 10 * 60_000
/** Discovery documents and keys are fetched again after this long (or when the provider is saved). */
const DISCOVERY_TTL_MS = 60 * 60_000

export const CALLBACK_PATH = '/login/oidc/callback'

let cookie: ReturnType<typeof createCookie> | undefined
function signInCookie() {
  cookie ??= createCookie('zwin_oidc', {
    path: CALLBACK_PATH,
    httpOnly: true,
    // The provider sends the browser back with a top-level GET from another site: lax lets it through.
    sameSite: 'lax',
    secure: getConfig().env === 'production',
    secrets: [getConfig().sessionSecret],
    maxAge: SIGN_IN_TTL_MS / 1000,
  })
  return cookie
}

type ProviderRow = {
  id: string
  issuer: string
  clientId: string
  clientSecretEncrypted: string
  scopes: string
  updatedAt: Date
}

const discovered = new Map<
  string,
  { config: client.Configuration; at: number; updatedAt: number }
>()

export function forgetDiscovery(providerId: string) {
  discovered.delete(providerId)
  void refreshProviderFormTargets()
}

/** A provider on this machine (tests, a local Keycloak) may speak plain http; any other must use https. */
function isLoopback(url: URL) {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
}

async function configurationOf(provider: ProviderRow): Promise<client.Configuration> {
  const cached = discovered.get(provider.id)
  if (
    cached &&
    cached.updatedAt === provider.updatedAt.getTime() &&
    Date.now() - cached.at < DISCOVERY_TTL_MS
  ) {
    return cached.config
  }
  const issuer = new URL(provider.issuer)
  const secret = openSecret(provider.clientSecretEncrypted, getConfig().secretsKey)
  const config = await client.discovery(
    issuer,
    provider.clientId,
    undefined,
    client.ClientSecretPost(secret),
    {
      // The ID token's signature is checked against the provider's JWKS too, not only trusted because
      // it came over TLS from the token endpoint (which OpenID Connect allows, and openid-client does
      // by default): the issue asks for it, and it holds when TLS is terminated somewhere in between.
      execute: [
        client.enableNonRepudiationChecks,
        ...(isLoopback(issuer) ? [client.allowInsecureRequests] : []),
      ],
      timeout: 10,
    },
  )
  config.timeout = 10
  const metadata = config.serverMetadata()
  noteProviderEndpoints(provider.id, [
    metadata.authorization_endpoint,
    metadata.end_session_endpoint,
  ])
  discovered.set(provider.id, { config, at: Date.now(), updatedAt: provider.updatedAt.getTime() })
  return config
}

function redirectUri() {
  return `${getConfig().publicOrigin}${CALLBACK_PATH}`
}

/**
 * The provider's authorization URL for this sign-in, and the cookie that binds the answer to this
 * browser. Throws when the provider cannot be reached (the caller says so to the person).
 */
export async function beginProviderSignIn(input: {
  providerId: string
  redirectTo: string
  loginHint?: string
}): Promise<{ url: URL; setCookie: string }> {
  const provider = await db.identityProvider.findFirstOrThrow({
    where: { id: input.providerId, enabled: true },
  })
  const config = await configurationOf(provider)
  // Sign-ins abandoned at the provider (of anyone) are forgotten once they can no longer complete.
  await db.pendingSignIn.deleteMany({ where: { expiresAt: { lt: new Date() } } })
  const token = client.randomState()
  const nonce = client.randomNonce()
  const codeVerifier = client.randomPKCECodeVerifier()
  await db.pendingSignIn.create({
    data: {
      id: hashToken(token),
      kind: 'oidc',
      providerId: provider.id,
      nonce,
      codeVerifier,
      method: 'oidc',
      redirectTo: input.redirectTo,
      expiresAt: new Date(Date.now() + SIGN_IN_TTL_MS),
    },
  })
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(),
    scope: provider.scopes,
    state: token,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    ...(input.loginHint ? { login_hint: input.loginHint } : {}),
  })
  return { url, setCookie: await signInCookie().serialize(token) }
}

export async function clearSignInCookie(): Promise<string> {
  return signInCookie().serialize('', { maxAge: 0 })
}

/** Why a provider sign-in was refused; each has its own message on the sign-in page. */
export type ProviderRefusal =
  | 'state' // no sign-in under way in this browser, or this answer was used before
  | 'expired' // the person took longer than SIGN_IN_TTL_MS
  | 'provider' // the provider answered with an error (the person cancelled, say)
  | 'token' // the code exchange or the ID token failed a check
  | 'tenant' // a multi-tenant provider's tenant is not on the allowlist
  | 'unverified' // no verified e-mail address to link a first sign-in by
  | 'noAccount' // no account to link to, and the organisation does not create them
  | 'disabled' // the Zwin account is disabled
  | 'unavailable' // the provider cannot be reached

export type ProviderClaims = {
  issuer: string
  subject: string
  email: string | null
  emailVerified: boolean
  name: string | null
  tenant: string | null
}

export type ProviderAnswer =
  | {
      ok: true
      provider: { id: string; name: string }
      claims: ProviderClaims
      idToken: string
      redirectTo: string
    }
  | { ok: false; reason: ProviderRefusal; providerId?: string; detail?: string }

/**
 * Checks the provider's answer in `callbackUrl` against the sign-in this browser began: state (through
 * the cookie), then the code exchange with the PKCE verifier, then the ID token (issuer, audience,
 * expiry, signature against the provider's JWKS, nonce), then the tenant.
 */
export async function completeProviderSignIn(request: Request): Promise<ProviderAnswer> {
  const token: unknown = await signInCookie().parse(request.headers.get('Cookie'))
  const received = new URL(request.url)
  const state = received.searchParams.get('state')
  if (typeof token !== 'string' || !state || state !== token) return { ok: false, reason: 'state' }
  const id = hashToken(token)
  const pending = await db.pendingSignIn.findUnique({
    where: { id },
    include: { provider: true },
  })
  // Deleted before anything else: whatever happens next, this answer cannot be used again.
  const { count } = await db.pendingSignIn.deleteMany({ where: { id } })
  if (!pending || count !== 1 || pending.kind !== 'oidc' || !pending.provider) {
    return { ok: false, reason: 'state' }
  }
  const provider = pending.provider
  const refuse = (reason: ProviderRefusal, detail?: string): ProviderAnswer => ({
    ok: false,
    reason,
    providerId: provider.id,
    detail,
  })
  if (pending.expiresAt < new Date()) return refuse('expired')
  if (!provider.enabled) return refuse('unavailable')
  if (received.searchParams.has('error')) {
    return refuse('provider', received.searchParams.get('error')?.slice(0, 100))
  }

  let config: client.Configuration
  try {
    config = await configurationOf(provider)
  } catch (error) {
    log.warn({ err: error, providerId: provider.id }, 'identity provider discovery failed')
    return refuse('unavailable')
  }
  // The address the provider sent the browser to, on the public origin (a proxy may have rewritten it).
  const currentUrl = new URL(`${redirectUri()}${received.search}`)
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>
  try {
    tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: pending.codeVerifier ?? '',
      expectedState: state,
      expectedNonce: pending.nonce ?? '',
      idTokenExpected: true,
    })
  } catch (error) {
    const code =
      error instanceof Error ? ((error as { code?: string }).code ?? error.name) : 'unknown'
    log.warn({ providerId: provider.id, code }, 'identity provider answer refused')
    return refuse(error instanceof client.AuthorizationResponseError ? 'provider' : 'token', code)
  }
  const claims = tokens.claims()
  const idToken = tokens.id_token
  if (!claims || !idToken) return refuse('token', 'no ID token')

  // A multi-tenant issuer (Entra ID's /common) lets any tenant in: only those on the list may pass.
  const tenants = lines(provider.allowedTenants)
  const tid = typeof claims.tid === 'string' ? claims.tid.toLowerCase() : null
  const multiTenant =
    provider.issuer.includes('{tenantid}') || config.serverMetadata().issuer.includes('{tenantid}')
  if ((tenants.length > 0 || multiTenant) && (!tid || !tenants.includes(tid))) {
    return refuse('tenant', tid ?? 'no tid')
  }

  return {
    ok: true,
    provider: { id: provider.id, name: provider.name },
    claims: {
      issuer: claims.iss,
      subject: claims.sub,
      email: typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null,
      // Entra ID sends no email_verified; its optional claim xms_edov says the address's domain is
      // verified as owned by the tenant, which is the same promise for a work address.
      emailVerified: claims.email_verified === true || claims.xms_edov === true,
      name: typeof claims.name === 'string' ? claims.name.trim().slice(0, 120) : null,
      tenant: tid,
    },
    idToken,
    redirectTo: pending.redirectTo,
  }
}

/**
 * Where to send the browser after Zwin's session ended, to end the provider's too (RP-initiated
 * logout), or null when the provider does not offer it or cannot be reached.
 */
export async function providerLogoutUrl(
  providerId: string,
  idToken: string | null,
): Promise<URL | null> {
  const provider = await db.identityProvider.findUnique({ where: { id: providerId } })
  if (!provider) return null
  try {
    const config = await configurationOf(provider)
    if (!config.serverMetadata().end_session_endpoint) return null
    return client.buildEndSessionUrl(config, {
      post_logout_redirect_uri: `${getConfig().publicOrigin}/login`,
      ...(idToken ? { id_token_hint: idToken } : {}),
    })
  } catch (error) {
    log.warn({ err: error, providerId }, 'identity provider logout unavailable')
    return null
  }
}
