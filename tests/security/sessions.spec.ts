/**
 * Sessions: the cookie, a new session at sign-in, sign-out on the server, idle and absolute expiry;
 * disabling a user, signing out everywhere and changing a password end sessions (and with them the
 * calendar feed link and open set-password links).
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
  setPasswordToken,
  sqliteDate,
  text,
  unique,
  visibleText,
  withDb,
  type Session,
  type TestAccount,
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

// ---------------------------------------------------------------------------------------------------
// Ending access ends all of it (issue 10, item 6): sessions, the calendar feed link and open set-password
// links go together when an account is disabled, when its owner signs out everywhere, changes the
// password with "end my other sessions", or sets a password through a set-password link.

/** A calendar feed link for the session's owner, made on /agenda; returns the feed's path. */
async function makeFeed(session: Session): Promise<string> {
  const reply = await send('/agenda', { session, form: { intent: 'create' } })
  expect(reply.status).toBe(200)
  const path = /\/agenda\/feed\/[A-Za-z0-9_-]{20,}\/zwin\.ics/.exec(reply.body)?.[0]
  if (!path) throw new Error(`No feed link on /agenda: ${visibleText(reply.body).slice(0, 300)}`)
  expect((await send(path)).status, 'the feed works before').toBe(200)
  return path
}

/** An unused set-password link for the account, sent by its organisation's admin. */
async function openSetPasswordLink(account: TestAccount): Promise<string> {
  const asked = Date.now()
  const reply = await send(`/beheer/accounts/${account.id}`, {
    session: orgAdmin,
    form: { intent: 'resend' },
  })
  expect(reply.status).toBe(302)
  const token = await setPasswordToken(account.email, asked)
  const page = await send(`/wachtwoord-instellen/${token}`)
  expect(visibleText(page.body), 'the link works before').not.toContain(
    text('auth:password.linkInvalid'),
  )
  return token
}

async function expectLinkDead(token: string) {
  const page = await send(`/wachtwoord-instellen/${token}`)
  expect(visibleText(page.body)).toContain(text('auth:password.linkInvalid'))
  const password = `Overname-${unique()}-wachtwoord`
  const used = await send(`/wachtwoord-instellen/${token}`, {
    form: { newPassword: password, repeatPassword: password },
  })
  expect(used.status).toBe(400)
}

const feedRows = (account: TestAccount) =>
  all('SELECT userId FROM CalendarFeed WHERE userId = ?', account.id)

test('disabling an account stops its calendar feed and its open set-password link, also after enabling it again', async () => {
  const account = await createTestAccount(orgAdmin, 'uit-feed')
  const session = await signIn(account.email, { password: account.password })
  const feed = await makeFeed(session)
  const link = await openSetPasswordLink(account)
  const url = `/beheer/accounts/${account.id}`
  const disabled = await send(url, {
    session: orgAdmin,
    form: { intent: 'disable', id: account.id, confirmed: 'yes' },
  })
  expect(disabled.status).toBe(302)
  expect((await send(feed)).status).toBe(404)
  expect(feedRows(account)).toEqual([])
  const enabled = await send(url, { session: orgAdmin, form: { intent: 'enable' } })
  expect(enabled.status).toBe(302)
  expect((await send(feed)).status, 'the feed stays stopped after enabling').toBe(404)
  await expectLinkDead(link)
  const audit = one<{ details: string }>(
    "SELECT details FROM AuditEvent WHERE action = 'admin.account_disabled' AND objectId = ?",
    account.id,
  )
  expect(JSON.parse(audit?.details ?? '{}')).toMatchObject({
    ended: { sessions: 1, calendarFeed: true, setPasswordLinks: 1 },
  })
})

test('"sign out everywhere" asks first, then ends every session (this one too), the calendar feed and open set-password links', async () => {
  const account = await createTestAccount(orgAdmin, 'overal-uit')
  const here = await signIn(account.email, { password: account.password })
  const laptop = await signIn(account.email, { password: account.password })
  const phone = await signIn(account.email, { password: account.password })
  const feed = await makeFeed(here)
  const link = await openSetPasswordLink(account)

  const asked = await send('/profiel', { session: here, form: { intent: 'signOutEverywhere' } })
  expect(asked.status).toBe(200)
  expect(asked.body).toContain('name="confirmed" value="yes"')
  expect(await isSignedIn(laptop)).toBe(true)

  const done = await send('/profiel', {
    session: here,
    form: { intent: 'signOutEverywhere', confirmed: 'yes' },
  })
  expect(done.status).toBe(302)
  expect(done.location).toBe('/login')
  expect(sessionCookieFrom(done.setCookies)).toBeNull()
  for (const session of [here, laptop, phone]) expect(await isSignedIn(session)).toBe(false)
  expect((await send(feed)).status).toBe(404)
  await expectLinkDead(link)

  // The sign-in page says what was ended.
  const flash = done.setCookies.find((c) => c.startsWith('zwin_flash='))?.split(';')[0]
  expect(flash, 'a message for the next page').toBeTruthy()
  const login = await send('/login', { headers: { Cookie: flash! } })
  expect(visibleText(login.body)).toContain(
    text('flash.signedOutEverywhere_feed_other', { count: 2 }),
  )
  const audit = one<{ details: string }>(
    "SELECT details FROM AuditEvent WHERE action = 'auth.signed_out_everywhere' AND actorUserId = ?",
    account.id,
  )
  expect(JSON.parse(audit?.details ?? '{}')).toMatchObject({
    ended: { sessions: 3, calendarFeed: true, setPasswordLinks: 1 },
  })
})

test('changing the password with "end other sessions" also stops the calendar feed and open set-password links', async () => {
  const account = await createTestAccount(orgAdmin, 'wachtwoord-feed')
  const current = await signIn(account.email, { password: account.password })
  await signIn(account.email, { password: account.password })
  const feed = await makeFeed(current)
  const link = await openSetPasswordLink(account)
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
  expect((await send(feed)).status).toBe(404)
  await expectLinkDead(link)
  const flash = reply.setCookies.find((c) => c.startsWith('zwin_flash='))?.split(';')[0]
  const profile = await send('/profiel', {
    session: { ...current, cookie: `${current.cookie}; ${flash}` },
  })
  expect(visibleText(profile.body)).toContain(
    text('flash.passwordChangedSignedOut_feed_one', { count: 1 }),
  )
})

test('setting a password through a set-password link stops the calendar feed', async () => {
  const account = await createTestAccount(orgAdmin, 'link-feed')
  const session = await signIn(account.email, { password: account.password })
  const feed = await makeFeed(session)
  const link = await openSetPasswordLink(account)
  const password = `Opnieuw-${unique()}-wachtwoord`
  const set = await send(`/wachtwoord-instellen/${link}`, {
    form: { username: account.email, newPassword: password, repeatPassword: password },
  })
  expect(set.status).toBe(302)
  expect(await isSignedIn(session)).toBe(false)
  expect((await send(feed)).status).toBe(404)
  expect(feedRows(account)).toEqual([])
})
