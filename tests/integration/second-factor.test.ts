// The second factor (TOTP) on a real migrated database, with the real routes and a real SMTP listener:
// enrolment, the sign-in second step, replay, throttling, recovery codes, switching off, an
// administrator's reset, and the requirement for administrators and organisations.
import { createHash } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { DEMO_PASSWORD } from '../../prisma/demo-logins'
import { seed } from '../../prisma/seed'
import { callAction, callLoader, cookieFor, fieldErrors } from '../setup/route-calls'
import { smtpListener } from '../setup/smtp-listener'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'
import { currentCode, freshCode } from '../setup/totp-codes'

// A code is accepted once per 30-second step: a test that needs a second code of one account waits for
// the next step (tests/setup/totp-codes.ts).
vi.setConfig({ testTimeout: 100_000 })

let t: TestDatabase
const smtp = smtpListener()
let totp: typeof import('../../app/modules/auth/second-factor/totp.server')
let finish: typeof import('../../app/modules/auth/finish-sign-in.server')
let sessions: typeof import('../../app/modules/auth/session.server')
let access: typeof import('../../app/modules/access/access.server')
let reset: typeof import('../../app/modules/auth/second-factor/admin-reset.server')
let login: typeof import('../../app/routes/login')
let secondStep: typeof import('../../app/routes/login-second-step')
let enrolPage: typeof import('../../app/routes/second-factor-enrol')
let profile: typeof import('../../app/routes/profile')
let accounts: typeof import('../../app/routes/admin/accounts')

beforeAll(async () => {
  await smtp.start()
  t = await createTestDatabase()
  await seed(t.db)
  totp = await import('../../app/modules/auth/second-factor/totp.server')
  finish = await import('../../app/modules/auth/finish-sign-in.server')
  sessions = await import('../../app/modules/auth/session.server')
  access = await import('../../app/modules/access/access.server')
  reset = await import('../../app/modules/auth/second-factor/admin-reset.server')
  login = await import('../../app/routes/login')
  secondStep = await import('../../app/routes/login-second-step')
  enrolPage = await import('../../app/routes/second-factor-enrol')
  profile = await import('../../app/routes/profile')
  accounts = await import('../../app/routes/admin/accounts')
})
afterAll(async () => {
  await t.cleanup()
  await smtp.stop()
})
afterEach(() => smtp.clear())

let counter = 0
/** A person of their own (with the demo password), so that codes, throttles and factors never mix. */
async function person(
  options: { org?: string; orgAdmin?: boolean; platformAdmin?: boolean; locale?: string } = {},
) {
  counter++
  const email = `tweestap-${counter}-${Date.now()}@example.org`
  const organisation = await t.db.organisation.findUniqueOrThrow({
    where: { slug: options.org ?? 'sluis' },
    select: { id: true },
  })
  const { hash } = await t.db.password.findFirstOrThrow({
    where: { user: { email: 'lid.sluis@example.org' } },
    select: { hash: true },
  })
  const user = await t.db.user.create({
    data: {
      email,
      name: `Persoon ${counter}`,
      organisationId: organisation.id,
      locale: options.locale ?? null,
      isOrgAdmin: options.orgAdmin ?? false,
      isPlatformAdmin: options.platformAdmin ?? false,
      password: { create: { hash } },
    },
    select: { id: true, email: true, organisation: { select: { id: true } } },
  })
  return user
}

const cookieOf = async (token: string) => (await sessions.commitSessionCookie(token)).split(';')[0]!
const pendingCookieOf = async (token: string) =>
  (await finish.pendingSignInCookie().serialize(token)).split(';')[0]!

/** Enrols the person through the module, as the enrolment page does; the secret and recovery codes. */
async function enrol(user: Awaited<ReturnType<typeof person>>) {
  const sessionToken = await sessions.createSession(user.id, 'vitest')
  expect(await totp.beginEnrolment(user)).toBe(true)
  const enrolment = await totp.pendingEnrolment(user)
  if (!enrolment) throw new Error('no enrolment')
  const code = await freshCode(user.email, enrolment.secret)
  const confirmed = await totp.confirmEnrolment({
    user,
    sessionId: sessions.hashToken(sessionToken),
    code,
    ip: '10.20.0.1',
  })
  if (!confirmed.ok) throw new Error(`enrolment refused: ${confirmed.reason}`)
  return { secret: enrolment.secret, recoveryCodes: confirmed.recoveryCodes, sessionToken, code }
}

/** The password step through the login route; the pending sign-in cookie it sets, if any. */
async function passwordStep(email: string, redirectTo = '/') {
  const out = await callAction(login.action, '/login', {
    email,
    password: DEMO_PASSWORD,
    redirectTo,
  })
  const setCookie = out.headers.get('Set-Cookie') ?? ''
  const pending = /zwin_pending=([^;]+)/.exec(setCookie)
  return { out, pendingCookie: pending ? `zwin_pending=${pending[1]}` : null }
}

describe('enrolment', () => {
  it('shows the secret as a QR code (SVG) and as text; a wrong first code is refused, the right one confirms it', async () => {
    const user = await person()
    const sessionToken = await sessions.createSession(user.id, 'vitest')
    expect(await totp.pendingEnrolment(user)).toBeNull()
    expect(await totp.beginEnrolment(user)).toBe(true)
    const enrolment = await totp.pendingEnrolment(user)
    expect(enrolment?.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/)
    expect(enrolment?.secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(enrolment?.uri).toContain(`secret=${enrolment?.secret}`)
    expect(enrolment?.uri).toMatch(/^otpauth:\/\/totp\/Zwin/)

    const args = { user, sessionId: sessions.hashToken(sessionToken), ip: '10.20.1.1' }
    const wrong = await totp.confirmEnrolment({ ...args, code: '000000' })
    expect(wrong).toEqual({ ok: false, reason: 'invalid' })
    expect((await totp.secondFactorStatus(user.id)).enrolled).toBe(false)

    const right = await totp.confirmEnrolment({
      ...args,
      code: await freshCode(user.email, enrolment!.secret),
    })
    if (!right.ok) throw new Error(right.reason)
    expect(right.recoveryCodes).toHaveLength(10)
    expect(new Set(right.recoveryCodes).size).toBe(10)
    expect(await totp.secondFactorStatus(user.id)).toEqual({
      enrolled: true,
      recoveryCodesLeft: 10,
    })
    // Stored as sha256 only.
    const stored = await t.db.recoveryCode.findMany({ where: { userId: user.id } })
    expect(stored.map((r) => r.codeHash)).not.toContain(right.recoveryCodes[0])
    const first = right.recoveryCodes[0]!.replace('-', '')
    expect(stored.map((r) => r.codeHash)).toContain(
      createHash('sha256').update(first).digest('hex'),
    )
    // The session it was done in counts as signed in with the second factor.
    const session = await t.db.session.findUniqueOrThrow({ where: { id: args.sessionId } })
    expect(session.secondFactor).toBe(true)
    // A confirmed factor is not replaced by a new enrolment.
    expect(await totp.beginEnrolment(user)).toBe(false)
  })

  it('the enrolment page: a GET writes nothing, the start is a POST, the code confirms it', async () => {
    const user = await person()
    const cookie = await cookieFor(user.email)
    const page = await callLoader(enrolPage.loader, '/profiel/tweestapsverificatie', { cookie })
    expect(page.status).toBe(200)
    expect(page.data).toMatchObject({ enrolment: null })
    expect(await t.db.totpFactor.count({ where: { userId: user.id } })).toBe(0)
    const started = await callAction(
      enrolPage.action,
      '/profiel/tweestapsverificatie',
      { intent: 'start', redirectTo: '/netwerken/gos' },
      { cookie },
    )
    expect(started.location).toBe('/profiel/tweestapsverificatie?redirectTo=%2Fnetwerken%2Fgos')
    const shown = await callLoader(enrolPage.loader, started.location!, { cookie })
    const { enrolment } = shown.data as { enrolment: { secret: string; qrSvg: string } }
    expect(enrolment.qrSvg).toContain('<svg')
    const confirmed = await callAction(
      enrolPage.action,
      '/profiel/tweestapsverificatie',
      {
        intent: 'confirm',
        code: await freshCode(user.email, enrolment.secret),
        redirectTo: '/netwerken/gos',
      },
      { cookie },
    )
    expect(confirmed.status).toBe(200)
    expect(confirmed.data).toMatchObject({ redirectTo: '/netwerken/gos' })
    expect((confirmed.data as { recoveryCodes: string[] }).recoveryCodes).toHaveLength(10)
  })
})

describe('signing in with a second factor', () => {
  it('the password alone gives no session: the code does, once, and the safe redirectTo is kept', async () => {
    const user = await person()
    const { secret } = await enrol(user)
    const before = await t.db.session.count({ where: { userId: user.id } })
    const { out, pendingCookie } = await passwordStep(user.email, '/netwerken/gos')
    expect(out.status).toBe(302)
    expect(out.location).toBe('/login/tweede-stap')
    expect(out.headers.get('Set-Cookie')).not.toMatch(/zwin_session=[^;]/)
    expect(pendingCookie).toBeTruthy()
    expect(await t.db.session.count({ where: { userId: user.id } })).toBe(before)

    const page = await callLoader(secondStep.loader, '/login/tweede-stap', {
      cookie: pendingCookie!,
    })
    expect(page.data).toMatchObject({ mode: 'pending' })

    const done = await callAction(
      secondStep.action,
      '/login/tweede-stap',
      { code: await freshCode(user.email, secret) },
      { cookie: pendingCookie!, ip: '10.20.2.1' },
    )
    expect(done.status).toBe(302)
    expect(done.location).toBe('/netwerken/gos')
    const token = (await sessions.sessionCookie().parse(done.headers.get('Set-Cookie'))) as string
    const session = await t.db.session.findUniqueOrThrow({
      where: { id: sessions.hashToken(token) },
    })
    expect(session).toMatchObject({ secondFactor: true, method: 'password' })

    // The pending sign-in works once.
    const again = await callAction(
      secondStep.action,
      '/login/tweede-stap',
      { code: await freshCode(user.email, secret) },
      { cookie: pendingCookie!, ip: '10.20.2.1' },
    )
    expect(again.status).toBe(400)
    expect(fieldErrors(again.data)['']).toEqual(['signInExpired'])
  })

  it('an unsafe redirectTo is dropped at the first step already', async () => {
    const user = await person()
    const { secret } = await enrol(user)
    const { pendingCookie } = await passwordStep(user.email, '//evil.example')
    const done = await callAction(
      secondStep.action,
      '/login/tweede-stap',
      { code: await freshCode(user.email, secret) },
      { cookie: pendingCookie! },
    )
    expect(done.location).toBe('/')
  })

  it('a code is accepted once: the same code again is refused (replay), also in parallel', async () => {
    const user = await person()
    // The code that confirmed the enrolment, brought again at sign-in.
    const { secret, code } = await enrol(user)
    const first = await passwordStep(user.email)
    const replayed = await callAction(
      secondStep.action,
      '/login/tweede-stap',
      { code },
      { cookie: first.pendingCookie!, ip: '10.20.3.1' },
    )
    expect(replayed.status).toBe(400)
    expect(fieldErrors(replayed.data).code).toEqual(['codeInvalid'])
    // Two requests bring one new code at the same moment: only one gets through.
    const second = await passwordStep(user.email)
    const third = await passwordStep(user.email)
    const parallel = await freshCode(user.email, secret)
    const answers = await Promise.all(
      [second, third].map((p) =>
        callAction(
          secondStep.action,
          '/login/tweede-stap',
          { code: parallel },
          { cookie: p.pendingCookie!, ip: '10.20.3.2' },
        ),
      ),
    )
    expect(answers.map((a) => a.status).sort()).toEqual([302, 400])
  })

  it('wrong codes are throttled like passwords (429 with Retry-After)', async () => {
    const user = await person()
    const { secret } = await enrol(user)
    const { pendingCookie } = await passwordStep(user.email)
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      const out = await callAction(
        secondStep.action,
        '/login/tweede-stap',
        { code: String(100000 + i) },
        { cookie: pendingCookie!, ip: '10.20.4.1' },
      )
      statuses.push(out.status)
      if (out.status === 429) {
        expect(Number(out.headers.get('Retry-After'))).toBeGreaterThan(0)
        expect(fieldErrors(out.data).code?.[0]).toMatch(/^codeThrottled\|\d+$/)
      }
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429])
    // Even the right code waits now.
    const right = await callAction(
      secondStep.action,
      '/login/tweede-stap',
      { code: await currentCode(secret) },
      { cookie: pendingCookie!, ip: '10.20.4.1' },
    )
    expect(right.status).toBe(429)
    const scopes = await t.db.authAttempt.findMany({ where: { subject: user.id } })
    expect(scopes.every((a) => a.scope === 'totp')).toBe(true)
  })

  it('a recovery code signs in once; the second use is refused', async () => {
    const user = await person()
    const { recoveryCodes } = await enrol(user)
    const code = recoveryCodes[3]!
    const first = await passwordStep(user.email)
    const ok = await callAction(
      secondStep.action,
      '/login/tweede-stap',
      { code: code.toUpperCase() },
      { cookie: first.pendingCookie!, ip: '10.20.5.1' },
    )
    expect(ok.status).toBe(302)
    expect((await totp.secondFactorStatus(user.id)).recoveryCodesLeft).toBe(9)
    const second = await passwordStep(user.email)
    const refused = await callAction(
      secondStep.action,
      '/login/tweede-stap',
      { code },
      { cookie: second.pendingCookie!, ip: '10.20.5.1' },
    )
    expect(refused.status).toBe(400)
    expect(fieldErrors(refused.data).code).toEqual(['codeInvalid'])
  })

  it('finishSignIn: a provider sign-in is asked for the code only where the organisation wants it', async () => {
    const user = await person({ org: 'knokke-heist' })
    await enrol(user)
    const base = { userId: user.id, redirectTo: '/', userAgent: 'vitest', ip: '10.20.6.1' }
    const oidc = await finish.finishSignIn({
      ...base,
      method: 'oidc',
      providerId: null,
      idToken: 'x.y.z',
    })
    expect(oidc.kind).toBe('session')
    const session = await t.db.session.findUniqueOrThrow({
      where: { id: sessions.hashToken(oidc.token) },
    })
    expect(session).toMatchObject({ method: 'oidc', secondFactor: false, idToken: 'x.y.z' })
    await t.db.organisation.update({
      where: { id: user.organisation.id },
      data: { totpForProvider: true },
    })
    try {
      expect((await finish.finishSignIn({ ...base, method: 'oidc' })).kind).toBe('second_factor')
    } finally {
      await t.db.organisation.update({
        where: { id: user.organisation.id },
        data: { totpForProvider: false },
      })
    }
    expect((await finish.finishSignIn({ ...base, method: 'password' })).kind).toBe('second_factor')
    const none = await person()
    expect((await finish.finishSignIn({ ...base, userId: none.id, method: 'password' })).kind).toBe(
      'session',
    )
  })
})

describe('the profile', () => {
  it('new recovery codes and switching off both need a current code', async () => {
    const user = await person()
    const { secret, recoveryCodes } = await enrol(user)
    const cookie = await cookieFor(user.email)
    const wrong = await callAction(
      profile.action,
      '/profiel',
      { intent: 'turnOffSecondFactor', code: '123456' },
      { cookie, ip: '10.20.7.1' },
    )
    expect(wrong.status).toBe(400)
    expect(fieldErrors((wrong.data as { secondFactor: unknown }).secondFactor).code).toEqual([
      'codeInvalid',
    ])
    // A recovery code does not switch it off either.
    const recovery = await callAction(
      profile.action,
      '/profiel',
      { intent: 'turnOffSecondFactor', code: recoveryCodes[0]! },
      { cookie, ip: '10.20.7.1' },
    )
    expect(recovery.status).toBe(400)
    expect((await totp.secondFactorStatus(user.id)).enrolled).toBe(true)

    const renewed = await callAction(
      profile.action,
      '/profiel',
      { intent: 'renewRecoveryCodes', code: await freshCode(user.email, secret) },
      { cookie, ip: '10.20.7.1' },
    )
    const fresh = (renewed.data as { recoveryCodes: string[] }).recoveryCodes
    expect(fresh).toHaveLength(10)
    expect(fresh).not.toContain(recoveryCodes[0])
    expect(await t.db.recoveryCode.count({ where: { userId: user.id } })).toBe(10)

    const off = await callAction(
      profile.action,
      '/profiel',
      { intent: 'turnOffSecondFactor', code: await freshCode(user.email, secret) },
      { cookie, ip: '10.20.7.1' },
    )
    expect(off.status).toBe(302)
    expect(await t.db.totpFactor.count({ where: { userId: user.id } })).toBe(0)
    expect(await t.db.recoveryCode.count({ where: { userId: user.id } })).toBe(0)
  })

  it('an administrator cannot switch it off, not even with a right code', async () => {
    const admin = await person({ orgAdmin: true })
    const { secret } = await enrol(admin)
    const cookie = await cookieFor(admin.email)
    const refused = await callAction(
      profile.action,
      '/profiel',
      { intent: 'turnOffSecondFactor', code: await currentCode(secret) },
      { cookie, ip: '10.20.8.1' },
    )
    expect(refused.status).toBe(400)
    expect(fieldErrors((refused.data as { secondFactor: unknown }).secondFactor).code).toEqual([
      'secondFactorRequired',
    ])
    expect((await totp.secondFactorStatus(admin.id)).enrolled).toBe(true)
  })
})

describe("an administrator resets someone's second factor", () => {
  it('is audited, and the person gets a mail in their language (text and HTML)', async () => {
    const orgAdmin = await t.db.user.findUniqueOrThrow({
      where: { email: 'orgbeheer.knokke-heist@example.org' },
      select: { id: true },
    })
    const user = await person({ org: 'knokke-heist', locale: 'nl-BE' })
    await enrol(user)
    const admin = await access.requireUser(
      new Request('http://localhost/beheer/accounts', {
        headers: { Cookie: await cookieFor('orgbeheer.knokke-heist@example.org') },
      }),
    )
    expect(await reset.resetSecondFactor(admin, user.id)).toBe('ok')
    expect(await t.db.totpFactor.count({ where: { userId: user.id } })).toBe(0)
    expect(await t.db.recoveryCode.count({ where: { userId: user.id } })).toBe(0)
    const audit = await t.db.auditEvent.findFirst({
      where: { action: 'admin.second_factor_reset', objectId: user.id },
    })
    expect(audit).toMatchObject({ actorUserId: orgAdmin.id, result: 'success' })
    // Queued with the reset (one transaction), sent by the outbox.
    expect(await t.db.outboxMail.count({ where: { to: user.email, category: 'account' } })).toBe(1)
    await smtp.deliver()
    expect(smtp.received.length).toBe(1)
    const mail = smtp.received[0]!
    expect(mail.to).toEqual([user.email])
    expect(mail.raw).toMatch(/Subject: =\?UTF-8\?|Subject: Uw tweestapsverificatie/)
    expect(mail.raw).toContain('text/plain')
    expect(mail.raw).toContain('text/html')
    // Flemish: "aanmelden", never "inloggen".
    expect(mail.raw).toMatch(/Meld u aan/)
    expect(mail.raw).not.toMatch(/Log in/)
  })

  it('an organisation administrator cannot reset a platform administrator or someone of another organisation', async () => {
    const admin = await access.requireUser(
      new Request('http://localhost/beheer/accounts', {
        headers: { Cookie: await cookieFor('orgbeheer.knokke-heist@example.org') },
      }),
    )
    const platform = await t.db.user.findUniqueOrThrow({
      where: { email: 'platformbeheer@example.org' },
      select: { id: true },
    })
    const sluis = await person({ org: 'sluis' })
    await enrol(sluis)
    for (const id of [platform.id, sluis.id]) {
      const thrown = await reset.resetSecondFactor(admin, id).catch((e: unknown) => e)
      expect(thrown).toBeInstanceOf(Response)
      expect((thrown as Response).status).toBe(404)
    }
    expect(await t.db.totpFactor.count({ where: { userId: platform.id } })).toBe(1)
    expect(smtp.received).toHaveLength(0)
  })
})

describe('the requirement', () => {
  it('an administrator without a factor is sent to enrolment before an administration page, and back', async () => {
    const admin = await person({ orgAdmin: true })
    const cookie = await cookieFor(admin.email)
    const out = await callLoader(accounts.loader, '/beheer/accounts?pagina=2', { cookie })
    expect(out.status).toBe(302)
    expect(out.location).toBe(
      `/profiel/tweestapsverificatie?${new URLSearchParams({ redirectTo: '/beheer/accounts?pagina=2' })}`,
    )
    // Other pages stay open, and so does enrolment.
    expect((await callLoader(profile.loader, '/profiel', { cookie })).status).toBe(200)
    expect(
      (await callLoader(enrolPage.loader, '/profiel/tweestapsverificatie', { cookie })).status,
    ).toBe(200)
  })

  it('an administrator whose session was made without the code is sent to give it', async () => {
    const admin = await person({ orgAdmin: true })
    const { secret } = await enrol(admin)
    const token = await sessions.createSession(admin.id, 'vitest', { secondFactor: false })
    const cookie = await cookieOf(token)
    const out = await callLoader(accounts.loader, '/beheer/accounts', { cookie })
    expect(out.location).toBe('/login/tweede-stap?redirectTo=%2Fbeheer%2Faccounts')
    const page = await callLoader(secondStep.loader, out.location!, { cookie })
    expect(page.data).toMatchObject({ mode: 'stepUp', redirectTo: '/beheer/accounts' })
    const given = await callAction(
      secondStep.action,
      '/login/tweede-stap',
      { code: await freshCode(admin.email, secret), redirectTo: '/beheer/accounts' },
      { cookie, ip: '10.20.9.1' },
    )
    expect(given.location).toBe('/beheer/accounts')
    expect((await callLoader(accounts.loader, '/beheer/accounts', { cookie })).status).toBe(200)
  })

  it('where the organisation requires it, its password users are sent to enrolment before any page', async () => {
    const member = await person({ org: 'damme' })
    const cookie = await cookieFor(member.email)
    await t.db.organisation.update({ where: { slug: 'damme' }, data: { totpRequired: true } })
    try {
      const out = await callLoader(profile.loader, '/profiel', { cookie })
      expect(out.location).toBe('/profiel/tweestapsverificatie?redirectTo=%2Fprofiel')
      expect(
        (await callLoader(enrolPage.loader, '/profiel/tweestapsverificatie', { cookie })).status,
      ).toBe(200)
      // A provider sign-in of the same organisation is not asked (totpForProvider is off).
      const oidc = await cookieOf(
        await sessions.createSession(member.id, 'vitest', { method: 'oidc' }),
      )
      expect((await callLoader(profile.loader, '/profiel', { cookie: oidc })).status).toBe(200)
    } finally {
      await t.db.organisation.update({ where: { slug: 'damme' }, data: { totpRequired: false } })
    }
  })

  it('a pending sign-in that is not finished gives no access anywhere', async () => {
    const token = (
      await finish.finishSignIn({
        userId: (
          await t.db.user.findUniqueOrThrow({ where: { email: 'platformbeheer@example.org' } })
        ).id,
        method: 'password',
        redirectTo: '/beheer',
        userAgent: 'vitest',
        ip: '10.20.10.1',
      })
    ).token
    const out = await callLoader(accounts.loader, '/beheer/accounts', {
      cookie: await pendingCookieOf(token),
    })
    expect(out.location).toBe('/login?redirectTo=%2Fbeheer%2Faccounts')
  })
})
