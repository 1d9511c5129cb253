/**
 * The rules behind signing in through an organisation's own provider (issue 13), against the real
 * migrated database: how a provider sign-in finds its account, home-realm discovery, the organisation's
 * settings and what the platform administrator's form stores. The flow itself, against real providers,
 * is in tests/e2e/identity-provider.spec.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { DEMO_PASSWORD } from '../../prisma/demo-logins'
import { callAction, fieldErrors } from '../setup/route-calls'
import { currentUserOf } from '../setup/current-user'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

let t: TestDatabase
let link: typeof import('../../app/modules/identity/link.server')
let providers: typeof import('../../app/modules/identity/providers.server')
let login: typeof import('../../app/routes/login')
let admin: import('../../app/modules/access/access.server').CurrentUser
let knokkeId: string
let dammeId: string
let providerId: string

const issuer = 'https://acm.example.test'
const claims = (subject: string, email: string | null, emailVerified = true) => ({
  issuer,
  subject,
  email,
  emailVerified,
  name: 'Test Persoon',
  tenant: null,
})

beforeAll(async () => {
  process.env.SECRETS_KEY = Buffer.alloc(32, 7).toString('base64')
  t = await createTestDatabase()
  await seed(t.db)
  link = await import('../../app/modules/identity/link.server')
  providers = await import('../../app/modules/identity/providers.server')
  login = await import('../../app/routes/login')
  // Signed in with password and code, as the administration pages ask of a platform administrator.
  admin = await currentUserOf(t.db, 'platformbeheer@example.org', {
    secondFactor: { enrolled: true, inSession: true, required: true },
    requestedPath: '/beheer/inlogdiensten',
  })
  knokkeId = (await t.db.organisation.findUniqueOrThrow({ where: { slug: 'knokke-heist' } })).id
  dammeId = (await t.db.organisation.findUniqueOrThrow({ where: { slug: 'damme' } })).id
  const saved = await providers.saveIdentityProvider(admin, null, {
    name: 'ACM/IDM',
    issuer,
    clientId: 'zwin',
    clientSecret: 'het-geheim-van-acm',
    scopes: '',
    allowedTenants: '',
    organisationIds: [knokkeId],
    enabled: true,
  })
  if (!saved.ok) throw new Error('provider not saved')
  providerId = saved.id
  await providers.saveSignInSettings(admin, 'knokke-heist', {
    emailDomains: 'knokke-heist.test',
    passwordSignIn: true,
    provisionAccounts: false,
  })
})
afterAll(() => t.cleanup())

describe('the provider form', () => {
  it('stores the client secret sealed, and the audit log never holds it', async () => {
    const row = await t.db.identityProvider.findUniqueOrThrow({ where: { id: providerId } })
    expect(row.clientSecretEncrypted).toMatch(/^v1\./)
    expect(row.clientSecretEncrypted).not.toContain('het-geheim')
    const audit = await t.db.auditEvent.findMany({ where: { objectId: providerId } })
    expect(audit.length).toBeGreaterThan(0)
    for (const event of audit) expect(event.details ?? '').not.toContain('het-geheim')
  })

  it('keeps the stored secret when the field stays empty on edit', async () => {
    const before = await t.db.identityProvider.findUniqueOrThrow({ where: { id: providerId } })
    await providers.saveIdentityProvider(admin, providerId, {
      name: 'ACM/IDM Vlaanderen',
      issuer,
      clientId: 'zwin',
      clientSecret: '',
      scopes: 'openid email',
      allowedTenants: '',
      organisationIds: [knokkeId],
      enabled: true,
    })
    const after = await t.db.identityProvider.findUniqueOrThrow({ where: { id: providerId } })
    expect(after.name).toBe('ACM/IDM Vlaanderen')
    expect(after.clientSecretEncrypted).toBe(before.clientSecretEncrypted)
  })

  it('refuses a new provider without a secret', async () => {
    const out = await providers.saveIdentityProvider(admin, null, {
      name: 'Zonder geheim',
      issuer: 'https://idp.example.test',
      clientId: 'x',
      clientSecret: '',
      scopes: '',
      allowedTenants: '',
      organisationIds: [],
      enabled: true,
    })
    expect(out).toEqual({ ok: false, field: 'clientSecret', error: 'required' })
  })
})

describe('home-realm discovery and the organisation settings', () => {
  it('sends a domain of an organisation with a provider there, and any other to the password', async () => {
    expect(await link.providerForEmail('An.Peeters@Knokke-Heist.test')).toMatchObject({
      id: providerId,
    })
    expect(await link.providerForEmail('lid.knokke-heist@example.org')).toBeNull()
    // A domain that merely contains the other as text does not count.
    expect(await link.providerForEmail('iemand@heist.test')).toBeNull()
  })

  it('gives a domain to one organisation only', async () => {
    const out = await providers.saveSignInSettings(admin, 'damme', {
      emailDomains: 'damme.test\nknokke-heist.test',
      passwordSignIn: true,
      provisionAccounts: false,
    })
    expect(out).toEqual({ ok: false, field: 'emailDomains', error: 'domainTaken' })
  })

  it('switches passwords off only where a provider takes over', async () => {
    const out = await providers.saveSignInSettings(admin, 'damme', {
      emailDomains: '',
      passwordSignIn: false,
      provisionAccounts: false,
    })
    expect(out).toEqual({ ok: false, field: 'passwordSignIn', error: 'needsProvider' })
  })

  it('refuses a Zwin password where the organisation switched passwords off, after the right password only', async () => {
    await providers.saveSignInSettings(admin, 'knokke-heist', {
      emailDomains: 'knokke-heist.test',
      passwordSignIn: false,
      provisionAccounts: false,
    })
    try {
      const right = await callAction(
        login.action,
        '/login',
        { email: 'lid.knokke-heist@example.org', password: DEMO_PASSWORD },
        { ip: '10.13.0.1' },
      )
      expect(right.status).toBe(400)
      expect(fieldErrors(right.data)['']).toEqual(['loginUseProvider'])
      // A wrong password gets the ordinary answer: nothing tells that the account exists.
      const wrong = await callAction(
        login.action,
        '/login',
        { email: 'lid.knokke-heist@example.org', password: 'Verkeerd-wachtwoord-1' },
        { ip: '10.13.0.2' },
      )
      expect(fieldErrors(wrong.data)['']).toEqual(['loginInvalid'])
    } finally {
      await providers.saveSignInSettings(admin, 'knokke-heist', {
        emailDomains: 'knokke-heist.test',
        passwordSignIn: true,
        provisionAccounts: false,
      })
    }
  })
})

describe('which account a provider sign-in is', () => {
  it('links a first sign-in to an account of the organisation by verified e-mail, then by subject', async () => {
    await t.db.user.create({
      data: { email: 'an.peeters@knokke-heist.test', name: 'An Peeters', organisationId: knokkeId },
    })
    const first = await link.accountForSignIn(
      { id: providerId },
      claims('sub-an', 'an.peeters@knokke-heist.test'),
    )
    expect(first).toMatchObject({ ok: true, linked: 'linked' })
    // Later the address at the provider may change: the subject still finds the account.
    const later = await link.accountForSignIn(
      { id: providerId },
      claims('sub-an', 'an.nieuw@knokke-heist.test'),
    )
    expect(later).toMatchObject({ ok: true, linked: 'known' })
    expect(first.ok && later.ok && first.userId === later.userId).toBe(true)
  })

  it('never takes over an account by e-mail once it is linked to another subject', async () => {
    const other = await link.accountForSignIn(
      { id: providerId },
      claims('sub-someone-else', 'an.peeters@knokke-heist.test'),
    )
    expect(other).toEqual({ ok: false, reason: 'noAccount' })
  })

  it('never links an account of an organisation that does not use the provider', async () => {
    // lid.damme@example.org is Damme's; Damme does not use this provider.
    const out = await link.accountForSignIn(
      { id: providerId },
      claims('sub-damme', 'lid.damme@example.org'),
    )
    expect(out).toEqual({ ok: false, reason: 'noAccount' })
    expect(await t.db.userIdentity.count({ where: { subject: 'sub-damme' } })).toBe(0)
  })

  it('needs a verified e-mail address to link or create', async () => {
    const out = await link.accountForSignIn(
      { id: providerId },
      claims('sub-unverified', 'lid.knokke-heist@example.org', false),
    )
    expect(out).toEqual({ ok: false, reason: 'unverified' })
  })

  it('creates an account only where the organisation allows it: a member without roles', async () => {
    const refused = await link.accountForSignIn(
      { id: providerId },
      claims('sub-new', 'nieuw@knokke-heist.test'),
    )
    expect(refused).toEqual({ ok: false, reason: 'noAccount' })
    expect(await t.db.user.count({ where: { email: 'nieuw@knokke-heist.test' } })).toBe(0)

    await providers.saveSignInSettings(admin, 'knokke-heist', {
      emailDomains: 'knokke-heist.test',
      passwordSignIn: true,
      provisionAccounts: true,
    })
    const created = await link.accountForSignIn(
      { id: providerId },
      claims('sub-new', 'nieuw@knokke-heist.test'),
    )
    expect(created).toMatchObject({ ok: true, linked: 'created', organisationId: knokkeId })
    const user = await t.db.user.findUniqueOrThrow({
      where: { email: 'nieuw@knokke-heist.test' },
      select: { isOrgAdmin: true, isPlatformAdmin: true, roles: true, password: true },
    })
    expect(user).toEqual({ isOrgAdmin: false, isPlatformAdmin: false, roles: [], password: null })
    // An address outside the organisation's domains is not created, even where creating is allowed.
    const elsewhere = await link.accountForSignIn(
      { id: providerId },
      claims('sub-elsewhere', 'iemand@elders.test'),
    )
    expect(elsewhere).toEqual({ ok: false, reason: 'noAccount' })
  })

  it('keeps a disabled account out, whatever the provider says', async () => {
    await t.db.user.update({
      where: { email: 'an.peeters@knokke-heist.test' },
      data: { disabledAt: new Date() },
    })
    const out = await link.accountForSignIn(
      { id: providerId },
      claims('sub-an', 'an.peeters@knokke-heist.test'),
    )
    expect(out).toEqual({ ok: false, reason: 'disabled' })
  })

  it('no longer lets a link in once the organisation moved to another provider', async () => {
    await t.db.user.update({
      where: { email: 'nieuw@knokke-heist.test' },
      data: { disabledAt: null },
    })
    await providers.saveIdentityProvider(admin, providerId, {
      name: 'ACM/IDM Vlaanderen',
      issuer,
      clientId: 'zwin',
      clientSecret: '',
      scopes: '',
      allowedTenants: '',
      organisationIds: [dammeId],
      enabled: true,
    })
    const out = await link.accountForSignIn(
      { id: providerId },
      claims('sub-new', 'nieuw@knokke-heist.test'),
    )
    expect(out).toEqual({ ok: false, reason: 'noAccount' })
    // Without a provider, Knokke-Heist's people use passwords again.
    const knokke = await t.db.organisation.findUniqueOrThrow({ where: { id: knokkeId } })
    expect(knokke).toMatchObject({ identityProviderId: null, passwordSignIn: true })
  })
})

describe('the second factor of a provider sign-in', () => {
  it("counts the provider's own sign-in on administration pages, unless the organisation asks for Zwin's code too", async () => {
    const access = await import('../../app/modules/access/access.server')
    const throughProvider = {
      ...admin,
      method: 'oidc' as const,
      secondFactor: { enrolled: false, inSession: false, required: false },
    }
    await expect(access.requirePlatformAdmin(throughProvider)).resolves.toBeUndefined()
    // With totpForProvider the organisation wants Zwin's code: to enrolment first.
    const asked = {
      ...throughProvider,
      secondFactor: { ...throughProvider.secondFactor, required: true },
    }
    const refused = await access.requirePlatformAdmin(asked).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(Response)
    expect((refused as Response).headers.get('Location')).toMatch(
      /^\/profiel\/tweestapsverificatie/,
    )
    // A password sign-in of an administrator always needs it.
    const password = { ...throughProvider, method: 'password' as const }
    const alsoRefused = await access.requirePlatformAdmin(password).catch((e: unknown) => e)
    expect(alsoRefused).toBeInstanceOf(Response)
  })
})
