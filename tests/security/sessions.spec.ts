/**
 * SECURITY.md items 8 and 9: the session cookie, a new session at sign-in, sign-out on the server, idle and
 * absolute expiry, disabling a user and changing a password end sessions.
 *
 * Tests that lock or change an account use one made for the test (createTestAccount), never a demo persona.
 */
import { expect, test } from '@playwright/test'
import {
  all,
  createTestAccount,
  isSignedIn,
  one,
  personaEmails,
  postLogin,
  send,
  sessionCookieFrom,
  sessionIdOf,
  signIn,
  sqliteDate,
  text,
  visibleText,
  withDb,
  type Session,
} from '../access/support'

let orgAdmin: Session

test.beforeAll(async () => {
  orgAdmin = await signIn(personaEmails.orgAdmin)
})

const sessionRow = (session: Session) =>
  one<{ id: string; lastSeenAt: string; expiresAt: string }>(
    'SELECT id, lastSeenAt, expiresAt FROM Session WHERE id = ?',
    sessionIdOf(session),
  )

test('the session cookie is HttpOnly, SameSite=Lax, Path=/, and Secure (the test server runs in production mode)', async () => {
  const reply = await postLogin(personaEmails.member)
  expect(reply.status).toBe(302)
  const header = reply.setCookies.find((c) => c.startsWith('zwin_session='))
  expect(header, 'a zwin_session cookie').toBeTruthy()
  const attributes = header!
    .split(';')
    .slice(1)
    .map((a) => a.trim().toLowerCase())
  test.info().annotations.push({
    type: 'Set-Cookie (value elided)',
    description: `zwin_session=…; ${attributes.join('; ')}`,
  })
  expect(attributes).toContain('httponly')
  expect(attributes).toContain('samesite=lax')
  expect(attributes).toContain('path=/')
  // NODE_ENV=production → Secure, even though the test server speaks plain http on localhost (browsers
  // accept Secure cookies from http://localhost, which counts as a secure context).
  expect(attributes).toContain('secure')
  expect(attributes.some((a) => a.startsWith('domain='))).toBe(false)
  const maxAge = Number(attributes.find((a) => a.startsWith('max-age='))?.slice('max-age='.length))
  expect(maxAge).toBeGreaterThan(0)
  expect(maxAge).toBeLessThanOrEqual(30 * 24 * 3600)
})

test('the database keeps only a hash of the session token', async () => {
  const session = await signIn(personaEmails.member)
  expect(sessionRow(session), 'a row under sha256(token)').toBeTruthy()
  const leaked = withDb((db) =>
    db
      .prepare('SELECT count(*) AS n FROM Session WHERE id = ? OR userAgent LIKE ?')
      .get(session.token, `%${session.token}%`),
  ) as { n: number }
  expect(leaked.n).toBe(0)
})

test('every sign-in gets a new session id, and signing in again in the same browser ends the old one', async () => {
  const first = await signIn(personaEmails.member)
  const second = await signIn(personaEmails.member, { session: first })
  expect(second.token).not.toBe(first.token)
  expect(await isSignedIn(second)).toBe(true)
  expect(await isSignedIn(first)).toBe(false)
  expect(sessionRow(first)).toBeUndefined()
})

test('signing out by POST ends the session on the server: the old cookie no longer works', async () => {
  const session = await signIn(personaEmails.member)
  expect(await isSignedIn(session)).toBe(true)
  const reply = await send('/logout', { method: 'POST', session })
  expect(reply.status).toBe(302)
  expect(reply.location).toBe('/login')
  const cleared = reply.setCookies.find((c) => c.startsWith('zwin_session='))
  expect(cleared, 'the cookie is cleared').toMatch(
    /^zwin_session=;|Max-Age=0|Expires=Thu, 01 Jan 1970/i,
  )
  expect(sessionCookieFrom(reply.setCookies)).toBeNull()
  expect(sessionRow(session)).toBeUndefined()
  // A copy of the cookie kept by someone else is worthless now.
  const replay = await send('/profiel', { session })
  expect(replay.status).toBe(302)
  expect(replay.location).toBe('/login?redirectTo=%2Fprofiel')
})

test('GET /logout changes nothing: the session stays valid and no cookie is touched', async () => {
  const session = await signIn(personaEmails.member)
  const reply = await send('/logout', { session })
  expect(reply.status).toBe(302)
  expect(reply.location).toBe('/')
  expect(reply.setCookies.filter((c) => c.startsWith('zwin_session='))).toEqual([])
  expect(sessionRow(session)).toBeTruthy()
  expect(await isSignedIn(session)).toBe(true)
})

test('an idle session ends (last seen longer ago than the idle timeout of 60 minutes)', async () => {
  const session = await signIn(personaEmails.member)
  const twoHoursAgo = sqliteDate(new Date(Date.now() - 2 * 3600_000))
  withDb(
    (db) =>
      db
        .prepare('UPDATE Session SET lastSeenAt = ? WHERE id = ?')
        .run(twoHoursAgo, sessionIdOf(session)),
    {
      write: true,
    },
  )
  const reply = await send('/profiel', { session })
  expect(reply.status).toBe(302)
  expect(reply.location).toBe('/login?redirectTo=%2Fprofiel')
  expect(sessionRow(session), 'the expired session is deleted').toBeUndefined()
})

test('a session past its absolute lifetime ends, however active it is', async () => {
  const session = await signIn(personaEmails.member)
  const aMinuteAgo = sqliteDate(new Date(Date.now() - 60_000))
  withDb(
    (db) =>
      db
        .prepare('UPDATE Session SET expiresAt = ? WHERE id = ?')
        .run(aMinuteAgo, sessionIdOf(session)),
    {
      write: true,
    },
  )
  expect(await isSignedIn(session)).toBe(false)
  expect(sessionRow(session)).toBeUndefined()
})

test('a session that is used is kept alive: its last-seen time moves (at most once a minute)', async () => {
  const session = await signIn(personaEmails.member)
  const tenMinutesAgo = sqliteDate(new Date(Date.now() - 10 * 60_000))
  withDb(
    (db) =>
      db
        .prepare('UPDATE Session SET lastSeenAt = ? WHERE id = ?')
        .run(tenMinutesAgo, sessionIdOf(session)),
    {
      write: true,
    },
  )
  expect(await isSignedIn(session)).toBe(true)
  const seen = new Date(sessionRow(session)!.lastSeenAt).getTime()
  expect(Date.now() - seen).toBeLessThan(60_000)
})

test('disabling an account ends all its sessions at once; enabling it lets the person sign in again', async () => {
  const account = await createTestAccount(orgAdmin, 'uitschakelen')
  const laptop = await signIn(account.email, { password: account.password })
  const phone = await signIn(account.email, { password: account.password })
  const url = `/beheer/accounts/${account.id}`

  // The first POST only asks for confirmation.
  const asked = await send(url, { session: orgAdmin, form: { intent: 'disable' } })
  expect(asked.status).toBe(200)
  expect(asked.body).toContain('name="confirmed" value="yes"')
  expect(await isSignedIn(laptop)).toBe(true)

  const disabled = await send(url, {
    session: orgAdmin,
    form: { intent: 'disable', id: account.id, confirmed: 'yes' },
  })
  expect(disabled.status).toBe(302)
  for (const session of [laptop, phone]) {
    const reply = await send('/profiel', { session })
    expect(reply.status).toBe(302)
    expect(reply.location).toBe('/login?redirectTo=%2Fprofiel')
  }
  expect(all('SELECT id FROM Session WHERE userId = ?', account.id)).toEqual([])

  // The right password of a disabled account gets the same answer as a wrong one.
  const refused = await postLogin(account.email, { password: account.password })
  expect(refused.status).toBe(400)
  expect(sessionCookieFrom(refused.setCookies)).toBeNull()
  expect(visibleText(refused.body)).toContain(text('validation.loginInvalid'))

  const enabled = await send(url, { session: orgAdmin, form: { intent: 'enable' } })
  expect(enabled.status).toBe(302)
  const back = await signIn(account.email, { password: account.password })
  expect(await isSignedIn(back)).toBe(true)
})

test('changing the password with "end other sessions" ends them, and keeps the current one', async () => {
  const account = await createTestAccount(orgAdmin, 'wachtwoord')
  const current = await signIn(account.email, { password: account.password })
  const other = await signIn(account.email, { password: account.password })
  const newPassword = `Nieuw-${account.password}`
  const reply = await send('/profiel', {
    session: current,
    form: {
      intent: 'password',
      currentPassword: account.password,
      newPassword,
      repeatPassword: newPassword,
      endOtherSessions: 'on',
    },
  })
  expect(reply.status, visibleText(reply.body).slice(0, 300)).toBe(302)
  expect(await isSignedIn(current)).toBe(true)
  expect(await isSignedIn(other)).toBe(false)
  expect((await postLogin(account.email, { password: account.password })).status).toBe(400)
  const fresh = await signIn(account.email, { password: newPassword })
  expect(await isSignedIn(fresh)).toBe(true)
})
