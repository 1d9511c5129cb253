import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { DEMO_PASSWORD } from '../../prisma/demo-logins'
import { callAction, callLoader, cookieFor, fieldErrors } from '../setup/route-calls'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

let t: TestDatabase
let login: typeof import('../../app/routes/login')
let dashboard: typeof import('../../app/routes/dashboard')
let logout: typeof import('../../app/routes/logout')
let sessions: typeof import('../../app/modules/auth/session.server')

beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
  login = await import('../../app/routes/login')
  dashboard = await import('../../app/routes/dashboard')
  logout = await import('../../app/routes/logout')
  sessions = await import('../../app/modules/auth/session.server')
})
afterAll(() => t.cleanup())

const member = 'lid.sluis@example.org'

describe('sign-in', () => {
  it('empty fields get a message per field and no session', async () => {
    const before = await t.db.session.count()
    const out = await callAction(login.action, '/login', { email: '', password: '' })
    expect(out.status).toBe(400)
    expect(fieldErrors(out.data)).toMatchObject({ email: ['required'], password: ['required'] })
    expect(await t.db.session.count()).toBe(before)
  })

  it('a malformed e-mail address is refused before any lookup', async () => {
    const out = await callAction(login.action, '/login', { email: 'niet-een-adres', password: 'x' })
    expect(fieldErrors(out.data).email).toEqual(['email'])
  })

  it('unknown e-mail and wrong password give the same answer', async () => {
    const unknown = await callAction(
      login.action,
      '/login',
      { email: 'niemand@example.org', password: 'Wat-dan-ook-123' },
      { ip: '10.9.0.1' },
    )
    const wrong = await callAction(
      login.action,
      '/login',
      { email: member, password: 'Verkeerd-wachtwoord-1' },
      { ip: '10.9.0.2' },
    )
    expect(unknown.status).toBe(400)
    expect(wrong.status).toBe(unknown.status)
    expect(fieldErrors(wrong.data)).toEqual(fieldErrors(unknown.data))
    expect(fieldErrors(wrong.data)['']).toEqual(['loginInvalid'])
  })

  it('a correct sign-in creates a session and a cookie, and honours a safe redirectTo only', async () => {
    const ok = await callAction(login.action, '/login', {
      email: member,
      password: DEMO_PASSWORD,
      redirectTo: '/netwerken/gos',
    })
    expect(ok.status).toBe(302)
    expect(ok.location).toBe('/netwerken/gos')
    const cookie = ok.headers.get('Set-Cookie') ?? ''
    expect(cookie).toMatch(/zwin_session=/)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    const evil = await callAction(login.action, '/login', {
      email: member,
      password: DEMO_PASSWORD,
      redirectTo: '//evil.example',
    })
    expect(evil.location).toBe('/')
  })

  it('stores only a hash of the session token', async () => {
    const ok = await callAction(login.action, '/login', { email: member, password: DEMO_PASSWORD })
    const token = (await sessions.sessionCookie().parse(ok.headers.get('Set-Cookie'))) as string
    expect(token.length).toBeGreaterThan(30)
    expect(await t.db.session.count({ where: { id: token } })).toBe(0)
    expect(await t.db.session.count({ where: { id: sessions.hashToken(token) } })).toBe(1)
  })

  it('a disabled account cannot sign in, with the same answer as a wrong password', async () => {
    await t.db.user.update({
      where: { email: 'lid.hulst@example.org' },
      data: { disabledAt: new Date() },
    })
    const out = await callAction(
      login.action,
      '/login',
      { email: 'lid.hulst@example.org', password: DEMO_PASSWORD },
      { ip: '10.9.0.3' },
    )
    expect(out.status).toBe(400)
    expect(fieldErrors(out.data)['']).toEqual(['loginInvalid'])
    await t.db.user.update({
      where: { email: 'lid.hulst@example.org' },
      data: { disabledAt: null },
    })
  })

  it('repeated failures for one account from one client address are throttled (429), saying when to try again', async () => {
    const email = 'lid.vlissingen@example.org'
    const statuses: number[] = []
    let last: Awaited<ReturnType<typeof callAction>> | undefined
    for (let i = 0; i < 7; i++) {
      last = await callAction(
        login.action,
        '/login',
        { email, password: `fout-${i}-wachtwoord` },
        { ip: '10.20.0.1' },
      )
      statuses.push(last.status)
    }
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400])
    expect(statuses.slice(5)).toEqual([429, 429])
    expect(fieldErrors(last?.data)['']).toEqual(['loginThrottled|15'])
    // even the right password is refused from that address while throttled
    const right = await callAction(
      login.action,
      '/login',
      { email, password: DEMO_PASSWORD },
      { ip: '10.20.0.1' },
    )
    expect(right.status).toBe(429)
    const failed = await t.db.auditEvent.findMany({
      where: { action: 'auth.login_failed', subject: email },
    })
    expect(failed).toHaveLength(5)
    expect(JSON.stringify(failed)).not.toMatch(/fout-\d-wachtwoord/)
    // from another address the account is not locked out
    const elsewhere = await callAction(
      login.action,
      '/login',
      { email, password: DEMO_PASSWORD },
      { ip: '10.20.1.1' },
    )
    expect(elsewhere.status).toBe(302)
  })
})

describe('sessions', () => {
  it('logout by POST ends the session on the server', async () => {
    const cookie = await cookieFor(member)
    expect((await callLoader(dashboard.loader, '/', { cookie })).status).toBe(200)
    const out = await callAction(logout.action, '/logout', {}, { cookie })
    expect(out.status).toBe(302)
    const after = await callLoader(dashboard.loader, '/', { cookie })
    expect(after.status).toBe(302)
    expect(after.location).toBe('/login')
  })

  it('an idle session expires', async () => {
    const cookie = await cookieFor(member)
    await t.db.session.updateMany({
      where: { user: { email: member } },
      data: { lastSeenAt: new Date(Date.now() - 61 * 60_000) },
    })
    const before = await t.db.session.count({ where: { user: { email: member } } })
    const after = await callLoader(dashboard.loader, '/', { cookie })
    expect(after.status).toBe(302)
    // the expired session is removed when it is presented
    expect(await t.db.session.count({ where: { user: { email: member } } })).toBe(before - 1)
  })

  it('a session ends at its absolute lifetime even when active', async () => {
    const cookie = await cookieFor(member)
    await t.db.session.updateMany({
      where: { user: { email: member } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    })
    expect((await callLoader(dashboard.loader, '/', { cookie })).status).toBe(302)
  })

  it("a page's loaders share one session lookup per request; a mutation and another cookie look again", async () => {
    const { requestContext } =
      await import('../../app/modules/observability/request-context.server')
    const cookie = await cookieFor(member)
    // Remix hands each loader its own copy of the Request.
    const copy = (method = 'GET', c = cookie) =>
      new Request('http://localhost/netwerken/gos', { method, headers: { Cookie: c } })
    await requestContext.run({ reqId: 'one-page' }, async () => {
      const root = sessions.getSessionUser(copy())
      expect(sessions.getSessionUser(copy())).toBe(root)
      expect((await root)?.email).toBe(member)
      expect(sessions.getSessionUser(copy('POST'))).not.toBe(root)
      const other = sessions.getSessionUser(copy('GET', await cookieFor('lid.damme@example.org')))
      expect((await other)?.email).toBe('lid.damme@example.org')
    })
    // Another request looks again: a session ended in between is seen at once.
    await t.db.session.deleteMany({ where: { user: { email: member } } })
    await requestContext.run({ reqId: 'next-page' }, async () => {
      expect(await sessions.getSessionUser(copy())).toBeNull()
    })
  })

  it('reads the session with the person, their organisation and second factor in one statement', async () => {
    // Every signed-in request does this first: one statement, not one per relation (4 before).
    const { statementsOf } = await import('../setup/sql-plans')
    const cookie = await cookieFor(member)
    await t.db.totpFactor.upsert({
      where: { userId: (await t.db.user.findUniqueOrThrow({ where: { email: member } })).id },
      create: {
        user: { connect: { email: member } },
        secret: 'JBSWY3DPEHPK3PXP',
        confirmedAt: new Date(),
      },
      update: {},
    })
    let user: Awaited<ReturnType<typeof sessions.getSessionUser>> = null
    const statements = await statementsOf(async () => {
      user = await sessions.getSessionUser(
        new Request('http://localhost/', { headers: { Cookie: cookie } }),
      )
    })
    expect(statements).toHaveLength(1)
    expect(user).toMatchObject({
      email: member,
      isPlatformAdmin: false,
      organisation: { slug: 'sluis', country: 'NL', defaultLocale: 'nl-NL' },
      method: 'password',
      // cookieFor's session is one after a complete sign-in, second factor given.
      secondFactor: { enrolled: true, inSession: true, required: false },
    })
    await t.db.totpFactor.deleteMany({ where: { user: { email: member } } })
  })

  it('disabling a user ends every session of theirs at once', async () => {
    const cookie = await cookieFor('lid.terneuzen@example.org')
    const accounts = await import('../../app/modules/accounts/accounts.server')
    const admin = await sessions.getSessionUser(
      new Request('http://localhost/', {
        headers: { Cookie: await cookieFor('platformbeheer@example.org') },
      }),
    )
    const target = await t.db.user.findUniqueOrThrow({
      where: { email: 'lid.terneuzen@example.org' },
    })
    expect(await accounts.setAccountDisabled(admin!, target.id, true)).toBe('ok')
    expect(await t.db.session.count({ where: { userId: target.id } })).toBe(0)
    expect((await callLoader(dashboard.loader, '/', { cookie })).status).toBe(302)
  })
})
