/**
 * Two real OpenID Connect providers for the tests, built on `oidc-provider` (a certified implementation):
 *
 * - "acm": like the Flemish government's ACM/IDM, one issuer for one organisation;
 * - "entra": like a multi-tenant Microsoft Entra ID app, whose ID tokens carry the tenant in `tid`.
 *   The tenant follows the domain of the login typed at the provider: `@sluis.test` and `@zwin-nl.test`
 *   are the allowed tenant ALLOWED_TENANT, anything else the tenant FOREIGN_TENANT.
 *
 * Both use oidc-provider's own development login page (any login, any password), grant the scopes
 * without a consent page, and put email, name and email_verified into the ID token; the Entra-like one,
 * like Entra ID, sends tid and xms_edov instead of email_verified.
 *
 * To prove that Zwin refuses a bad ID token, the token endpoint's answer is changed after the provider
 * made it, depending on the login the test typed:
 *   `wrong-nonce.*`   the nonce is another one (re-signed with the provider's key)
 *   `expired.*`       the token expired an hour ago (re-signed with the provider's key)
 *   `bad-signature.*` signed with a key the provider never published
 *   `other-issuer.*`  `iss` names an issuer Zwin does not know (re-signed with the provider's key)
 *   `unverified.*`    email_verified (entra: xms_edov) is false
 */
import http from 'node:http'
import { decodeJwt, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose'
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider'

export const ALLOWED_TENANT = '9a1c6f2e-0d4b-4c1e-8f3a-5b7d2e6c4a10'
export const FOREIGN_TENANT = 'f00f00f0-dead-4bee-8bad-0123456789ab'

/** Where the e2e run's providers listen, for a Zwin on `zwinPort`: acm there, entra one port up. */
export function testProviderPort(zwinPort: number) {
  return zwinPort + 50
}

export const TEST_CLIENTS = {
  acm: { clientId: 'zwin-acm', clientSecret: 'acm-client-secret-for-tests' },
  entra: { clientId: 'zwin-entra', clientSecret: 'entra-client-secret-for-tests' },
} as const

export type TestProviderClient = { clientId: string; clientSecret: string }

export type TestProviders = {
  acm: { issuer: string } & TestProviderClient
  entra: { issuer: string } & TestProviderClient
  close: () => Promise<void>
}

const tamperings = [
  'wrong-nonce',
  'expired',
  'bad-signature',
  'other-issuer',
  'unverified',
] as const
type Tampering = (typeof tamperings)[number]

/** `wrong-nonce.piet@knokke-heist.test` → ['wrong-nonce', 'piet@knokke-heist.test'] */
function splitLogin(login: string): { tampering: Tampering | undefined; email: string } {
  const [first, ...rest] = login.split('.')
  const tampering = tamperings.find((t) => t === first)
  return tampering ? { tampering, email: rest.join('.') } : { tampering: undefined, email: login }
}

function tenantOf(email: string): string {
  const domain = email.split('@')[1] ?? ''
  return domain === 'sluis.test' || domain === 'zwin-nl.test' ? ALLOWED_TENANT : FOREIGN_TENANT
}

function displayName(email: string): string {
  const local = email.split('@')[0] ?? email
  return local
    .split(/[._-]/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ')
}

async function startOne(options: {
  name: 'acm' | 'entra'
  port: number
  redirectUri: string
  postLogoutRedirectUri: string
  client: TestProviderClient
}): Promise<{ issuer: string; server: http.Server }> {
  const issuer = `http://127.0.0.1:${options.port}`
  const { privateKey } = await generateKeyPair('RS256', { extractable: true })
  const jwk: JWK = {
    ...(await exportJWK(privateKey)),
    kid: `${options.name}-1`,
    alg: 'RS256',
    use: 'sig',
  }
  const stranger = await generateKeyPair('RS256')
  const withTenant = options.name === 'entra'

  const configuration: Configuration = {
    clients: [
      {
        client_id: options.client.clientId,
        client_secret: options.client.clientSecret,
        redirect_uris: [options.redirectUri],
        post_logout_redirect_uris: [options.postLogoutRedirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    jwks: { keys: [jwk] },
    // Both providers run on 127.0.0.1 in the same browser: their cookies must not overwrite each other.
    cookies: {
      names: {
        session: `${options.name}_session`,
        interaction: `${options.name}_interaction`,
        resume: `${options.name}_resume`,
      },
      keys: [`${options.name}-cookie-key-for-tests-only`],
    },
    claims: {
      // Like Entra ID: the tenant in every token, and no email_verified but xms_edov (the optional claim
      // that says the address's domain is verified by the tenant).
      openid: withTenant ? ['sub', 'tid', 'xms_edov'] : ['sub'],
      email: withTenant ? ['email'] : ['email', 'email_verified'],
      profile: ['name'],
    },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    async findAccount(_ctx, id) {
      const { tampering, email } = splitLogin(id)
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            email,
            ...(withTenant
              ? { xms_edov: tampering !== 'unverified' }
              : { email_verified: tampering !== 'unverified' }),
            name: displayName(email),
            ...(withTenant ? { tid: tenantOf(email) } : {}),
          }
        },
      }
    },
    // No consent page: the client is the organisation's own, as in a real tenant's admin consent.
    async loadExistingGrant(ctx) {
      const accountId = ctx.oidc.session?.accountId
      const clientId = ctx.oidc.client?.clientId
      if (!accountId || !clientId) return undefined
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId })
      grant.addOIDCScope('openid email profile')
      await grant.save()
      return grant
    },
  }
  const provider = new Provider(issuer, configuration)

  provider.use(async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    await next()
    if (ctx.path !== '/token' || ctx.status !== 200) return
    const body = ctx.body as { id_token?: string } | undefined
    if (!body?.id_token) return
    const claims = decodeJwt(body.id_token)
    const { tampering } = splitLogin(String(claims.sub))
    if (!tampering || tampering === 'unverified') return
    const now = Math.floor(Date.now() / 1000)
    const changed = { ...claims }
    if (tampering === 'wrong-nonce') changed.nonce = 'a-nonce-this-sign-in-never-sent'
    if (tampering === 'expired') Object.assign(changed, { iat: now - 7200, exp: now - 3600 })
    if (tampering === 'other-issuer') changed.iss = 'http://127.0.0.1:1/unknown-issuer'
    const key = tampering === 'bad-signature' ? stranger.privateKey : privateKey
    ctx.body = {
      ...body,
      id_token: await new SignJWT(changed)
        .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
        .sign(key),
    }
  })

  const server = http.createServer(provider.callback())
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', resolve)
  })
  return { issuer, server }
}

/** Starts both providers on `port` (acm) and `port + 1` (entra), for a Zwin at `zwinOrigin`. */
export async function startTestProviders(options: {
  zwinOrigin: string
  port: number
}): Promise<TestProviders> {
  const redirectUri = `${options.zwinOrigin}/login/oidc/callback`
  const postLogoutRedirectUri = `${options.zwinOrigin}/login`
  const acmClient = TEST_CLIENTS.acm
  const entraClient = TEST_CLIENTS.entra
  const acm = await startOne({
    name: 'acm',
    port: options.port,
    redirectUri,
    postLogoutRedirectUri,
    client: acmClient,
  })
  const entra = await startOne({
    name: 'entra',
    port: options.port + 1,
    redirectUri,
    postLogoutRedirectUri,
    client: entraClient,
  })
  const close = (server: http.Server) =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return {
    acm: { issuer: acm.issuer, ...acmClient },
    entra: { issuer: entra.issuer, ...entraClient },
    close: async () => {
      await Promise.all([close(acm.server), close(entra.server)])
    },
  }
}
