/**
 * Signing in: one answer for unknown e-mail and wrong password, the rate limit, failed sign-ins in the
 * audit log without the password, and redirectTo never leaving the site.
 *
 * Limits (app/modules/auth/throttle.server.ts, docs/decisions/0003-sessions-and-sign-in.md), per 15
 * minutes: 5 failures per account and client address; 30 per client address for any account; per account
 * from any address 10, then each next attempt waits a doubling delay after the last failure. Every
 * attempt here names its own client address and throttles only e-mail addresses made for the test, so no
 * other test's sign-ins are slowed down.
 */
import fs from 'node:fs'
import { expect, test } from '@playwright/test'
import {
  all,
  clientIp,
  createTestAccount,
  databasePath,
  origin,
  personaEmails,
  postLogin,
  send,
  sessionCookieFrom,
  signIn,
  sqliteDate,
  text,
  unique,
  visibleText,
  withDb,
  type Reply,
  type Session,
  type TestAccount,
} from '../access/support'

const PER_ACCOUNT_AND_ADDRESS = 5
const PER_IP = 30
const PER_ACCOUNT_FREE = 10

let orgAdmin: Session
test.beforeAll(async () => {
  orgAdmin = await signIn(personaEmails.orgAdmin)
})

/** The page as the two cases may differ only in the address typed and the per-request nonce. */
function normalised(reply: Reply, email: string): string {
  return reply.body
    .split(email)
    .join('<e-mail>')
    .replace(/nonce="[^"]*"/g, 'nonce=""')
}

test('unknown e-mail and wrong password get the same status and the same page', async () => {
  const account = await createTestAccount(orgAdmin, 'zelfde-antwoord')
  const unknown = `onbekend-${unique()}@example.org`
  const password = `Verkeerd-${unique()}`
  const wrong = await postLogin(account.email, { password })
  const missing = await postLogin(unknown, { password })

  expect(wrong.status).toBe(400)
  expect(missing.status).toBe(wrong.status)
  expect(sessionCookieFrom(wrong.setCookies)).toBeNull()
  expect(sessionCookieFrom(missing.setCookies)).toBeNull()
  expect(visibleText(wrong.body)).toContain(text('validation.loginInvalid'))
  expect(visibleText(missing.body)).toContain(text('validation.loginInvalid'))
  expect(normalised(missing, unknown)).toBe(normalised(wrong, account.email))
  // The single-fetch answer (what the browser's form submit receives) is the same too.
  const wrongData = await send('/login.data', {
    form: { email: account.email, password, redirectTo: '/' },
    headers: { 'X-Forwarded-For': clientIp() },
  })
  const missingData = await send('/login.data', {
    form: { email: unknown, password, redirectTo: '/' },
    headers: { 'X-Forwarded-For': clientIp() },
  })
  expect(missingData.status).toBe(wrongData.status)
  expect(normalised(missingData, unknown)).toBe(normalised(wrongData, account.email))
})

/** Fails `times` sign-ins for `email` from one client address; each must be evaluated (400). */
async function fail(email: string, times: number, ip: string, password = 'Verkeerd-wachtwoord-1') {
  for (let attempt = 1; attempt <= times; attempt++) {
    const reply = await postLogin(email, { password, ip })
    expect(reply.status, `attempt ${attempt} of ${email} from ${ip}`).toBe(400)
  }
}

/** The seconds a 429 asks to wait (its Retry-After header), after checking it has one. */
function retryAfter(reply: Reply): number {
  const value = Number(reply.headers.get('retry-after'))
  expect(
    Number.isInteger(value) && value > 0,
    `Retry-After: ${reply.headers.get('retry-after')}`,
  ).toBe(true)
  return value
}

/** Moves every recorded sign-in attempt for `email` back in time, as if `ms` had passed. */
function ageAttempts(email: string, ms: number) {
  withDb(
    (db) => {
      const rows = db
        .prepare("SELECT id, createdAt FROM AuthAttempt WHERE scope = 'login' AND subject = ?")
        .all(email) as { id: string; createdAt: string }[]
      const update = db.prepare('UPDATE AuthAttempt SET createdAt = ? WHERE id = ?')
      for (const row of rows)
        update.run(sqliteDate(new Date(new Date(row.createdAt).getTime() - ms)), row.id)
    },
    { write: true },
  )
}

const evaluated = (email: string) =>
  all("SELECT id FROM AuditEvent WHERE action = 'auth.login_failed' AND subject = ?", email).length

test(`after ${PER_ACCOUNT_AND_ADDRESS} failures for one account from one address, that address gets 429 for it, saying when to try again`, async () => {
  const email = `afremmen-${unique()}@example.org`
  const ip = clientIp()
  await fail(email, PER_ACCOUNT_AND_ADDRESS, ip)
  const throttled = await postLogin(email, { password: 'Verkeerd-wachtwoord-1', ip })
  expect(throttled.status).toBe(429)
  expect(retryAfter(throttled)).toBeLessThanOrEqual(15 * 60)
  expect(visibleText(throttled.body)).toContain(
    text('validation.loginThrottled_other', { count: 15 }),
  )
  // Upper case and spaces are the same address.
  const variant = await postLogin(`  ${email.toUpperCase()} `, { password: 'x', ip })
  expect(variant.status).toBe(429)
  // Another account from the same client is not affected, nor this account from another client.
  const other = await postLogin(`ander-${unique()}@example.org`, { password: 'x', ip })
  expect(other.status).toBe(400)
  expect((await postLogin(email, { password: 'x', ip: clientIp() })).status).toBe(400)
  expect(evaluated(email)).toBe(PER_ACCOUNT_AND_ADDRESS + 1)
})

test('an account and address that are throttled are refused even with the right password, and no session is made', async () => {
  const account: TestAccount = await createTestAccount(orgAdmin, 'geremd')
  const ip = clientIp()
  await fail(account.email, PER_ACCOUNT_AND_ADDRESS, ip, 'Verkeerd-wachtwoord-2')
  const right = await postLogin(account.email, { password: account.password, ip })
  expect(right.status).toBe(429)
  expect(sessionCookieFrom(right.setCookies)).toBeNull()
  expect(all('SELECT id FROM Session WHERE userId = ?', account.id)).toEqual([])
  const events = all<{ action: string }>(
    'SELECT action FROM AuditEvent WHERE subject = ?',
    account.email,
  )
  expect(events.map((e) => e.action)).toContain('auth.login_throttled')
})

test('40 wrong guesses at once for one account from one address: exactly 5 are evaluated, the rest get 429', async () => {
  const account = await createTestAccount(orgAdmin, 'gelijktijdig')
  const ip = clientIp()
  const replies = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      postLogin(account.email, { password: `Verkeerd-${i}-wachtwoord`, ip }),
    ),
  )
  const statuses = replies.map((r) => r.status)
  expect(statuses.filter((s) => s === 400)).toHaveLength(PER_ACCOUNT_AND_ADDRESS)
  expect(statuses.filter((s) => s === 429)).toHaveLength(40 - PER_ACCOUNT_AND_ADDRESS)
  expect(evaluated(account.email)).toBe(PER_ACCOUNT_AND_ADDRESS)
  expect(all('SELECT id FROM Session WHERE userId = ?', account.id)).toEqual([])
})

test('an unknown address is throttled exactly like an account: same statuses, same pages', async () => {
  const account = await createTestAccount(orgAdmin, 'als-onbekend')
  const unknown = `onbekend-${unique()}@example.org`
  const run = async (email: string) => {
    const ip = clientIp()
    const replies: Reply[] = []
    for (let i = 0; i < PER_ACCOUNT_AND_ADDRESS + 2; i++)
      replies.push(await postLogin(email, { password: 'Verkeerd-wachtwoord-3', ip }))
    return replies
  }
  const known = await run(account.email)
  const missing = await run(unknown)
  expect(missing.map((r) => r.status)).toEqual(known.map((r) => r.status))
  expect(normalised(missing.at(-1)!, unknown)).toBe(normalised(known.at(-1)!, account.email))
})

test('rotating client addresses cannot lock an account out for long: after the free attempts each next one waits a short, growing delay', async () => {
  const account = await createTestAccount(orgAdmin, 'rondgaand')
  // Ten wrong guesses, each from an address of its own: all evaluated.
  for (let i = 0; i < PER_ACCOUNT_FREE; i++) await fail(account.email, 1, clientIp())
  // The next one must wait, but only a little.
  const first = await postLogin(account.email, {
    password: 'Verkeerd-wachtwoord-1',
    ip: clientIp(),
  })
  expect(first.status).toBe(429)
  const firstWait = retryAfter(first)
  expect(firstWait).toBeLessThanOrEqual(60)
  // Once that time has passed, one more guess is evaluated; the wait after it is longer, still short.
  ageAttempts(account.email, firstWait * 1000)
  await fail(account.email, 1, clientIp())
  const second = await postLogin(account.email, { password: account.password, ip: clientIp() })
  expect(second.status).toBe(429)
  const secondWait = retryAfter(second)
  expect(secondWait).toBeGreaterThan(firstWait)
  expect(secondWait).toBeLessThanOrEqual(5 * 60)
  // After it the right password from a fresh address signs in.
  ageAttempts(account.email, secondWait * 1000)
  const session = await signIn(account.email, { password: account.password, ip: clientIp() })
  expect(session.token.length).toBeGreaterThan(20)
})

test('the address an account signed in from recently is not slowed down by failures from elsewhere', async () => {
  const account = await createTestAccount(orgAdmin, 'vertrouwd-adres')
  const home = clientIp()
  await signIn(account.email, { password: account.password, ip: home })
  for (let i = 0; i < PER_ACCOUNT_FREE + 2; i++)
    await postLogin(account.email, { password: 'Verkeerd-wachtwoord-4', ip: clientIp() })
  const elsewhere = await postLogin(account.email, { password: account.password, ip: clientIp() })
  expect(elsewhere.status).toBe(429)
  const session = await signIn(account.email, { password: account.password, ip: home })
  expect(session.token.length).toBeGreaterThan(20)
})

test('a browser that signed in to the account before is not kept out by failures elsewhere, from any address', async () => {
  const account = await createTestAccount(orgAdmin, 'bekend-apparaat')
  const first = await postLogin(account.email, { password: account.password, ip: clientIp() })
  expect(first.status).toBe(302)
  const device = first.setCookies.find((c) => c.startsWith('zwin_device='))?.split(';')[0]
  expect(device, 'the sign-in remembers this browser').toBeTruthy()
  // An outsider guesses from several addresses until the account has to wait.
  for (let i = 0; i < PER_ACCOUNT_FREE + 2; i++)
    await postLogin(account.email, { password: 'Verkeerd-wachtwoord-5', ip: clientIp() })
  const stranger = await postLogin(account.email, { password: account.password, ip: clientIp() })
  expect(stranger.status).toBe(429)
  // The person's own browser, now on another network (a new address), signs in all the same.
  const own = await send('/login', {
    form: { email: account.email, password: account.password, redirectTo: '/' },
    headers: { 'X-Forwarded-For': clientIp(), Cookie: device! },
  })
  expect(own.status).toBe(302)
  expect(sessionCookieFrom(own.setCookies)).toBeTruthy()
  // A cookie made up for another account, or changed by hand, counts for nothing.
  const forged = await send('/login', {
    form: { email: account.email, password: account.password, redirectTo: '/' },
    headers: {
      'X-Forwarded-For': clientIp(),
      Cookie: device!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
    },
  })
  expect(forged.status).toBe(429)
})

test(`after ${PER_IP} failures from one client address that address gets 429 for any e-mail`, async () => {
  const ip = clientIp()
  for (let attempt = 1; attempt <= PER_IP; attempt++) {
    const reply = await postLogin(`per-adres-${unique()}@example.org`, { password: 'x', ip })
    expect(reply.status, `attempt ${attempt}`).toBe(400)
  }
  const fresh = `per-adres-${unique()}@example.org`
  expect((await postLogin(fresh, { password: 'x', ip })).status).toBe(429)
  // X-Forwarded-For is trusted here (TRUST_PROXY=true), so another client address is not throttled.
  expect((await postLogin(fresh, { password: 'x', ip: clientIp() })).status).toBe(400)
})

test(`the current-password check on the profile gets 429 after ${PER_ACCOUNT_AND_ADDRESS} wrong tries, even with the right one`, async () => {
  const account = await createTestAccount(orgAdmin, 'profiel-remmen')
  const ip = clientIp()
  const session = await signIn(account.email, { password: account.password, ip })
  const change = (currentPassword: string) =>
    send('/profiel', {
      session,
      headers: { 'X-Forwarded-For': ip },
      form: {
        intent: 'password',
        currentPassword,
        newPassword: 'Een-nieuw-wachtwoord-2026',
        repeatPassword: 'Een-nieuw-wachtwoord-2026',
      },
    })
  for (let attempt = 1; attempt <= PER_ACCOUNT_AND_ADDRESS; attempt++) {
    const reply = await change(`Verkeerd-${attempt}-wachtwoord`)
    expect(reply.status, `attempt ${attempt}`).toBe(400)
    expect(visibleText(reply.body)).toContain(text('validation.currentPasswordWrong'))
  }
  const throttled = await change(account.password)
  expect(throttled.status).toBe(429)
  expect(retryAfter(throttled)).toBeLessThanOrEqual(15 * 60)
  expect(visibleText(throttled.body)).toContain(
    text('validation.currentPasswordThrottled_other', { count: 15 }),
  )
  // The password did not change.
  const again = await signIn(account.email, { password: account.password })
  expect(again.token.length).toBeGreaterThan(20)
})

test('failed and successful sign-ins are in the audit log with address and time, never with the password', async () => {
  const account = await createTestAccount(orgAdmin, 'logboek')
  const unknown = `logboek-onbekend-${unique()}@example.org`
  const secret = `Geheim-${unique()}-NietLoggen`
  const ip = clientIp()
  const started = Date.now()
  expect((await postLogin(account.email, { password: secret, ip })).status).toBe(400)
  expect((await postLogin(unknown, { password: secret, ip })).status).toBe(400)
  const session = await signIn(account.email, { password: account.password, ip })

  type Row = {
    action: string
    result: string
    subject: string
    ip: string
    actorUserId: string | null
    createdAt: string
  }
  const rows = all<Row>(
    'SELECT action, result, subject, ip, actorUserId, createdAt FROM AuditEvent WHERE subject IN (?, ?) ORDER BY createdAt',
    account.email,
    unknown,
  )
  const failedKnown = rows.find(
    (r) => r.subject === account.email && r.action === 'auth.login_failed',
  )
  const failedUnknown = rows.find((r) => r.subject === unknown && r.action === 'auth.login_failed')
  const succeeded = rows.find((r) => r.subject === account.email && r.action === 'auth.login')
  expect(failedKnown).toMatchObject({ result: 'failure', ip, actorUserId: account.id })
  expect(failedUnknown).toMatchObject({ result: 'failure', ip, actorUserId: null })
  expect(succeeded).toMatchObject({ result: 'success', ip, actorUserId: account.id })
  for (const row of [failedKnown!, failedUnknown!, succeeded!]) {
    expect(new Date(row.createdAt).getTime()).toBeGreaterThanOrEqual(started - 5_000)
  }
  expect(session.token.length).toBeGreaterThan(20)

  // Neither password nor session token anywhere in the audit log, nor anywhere in the database files.
  const everything = JSON.stringify(all('SELECT * FROM AuditEvent'))
  for (const value of [secret, account.password, session.token]) {
    expect(everything).not.toContain(value)
    for (const file of [databasePath(), `${databasePath()}-wal`]) {
      if (!fs.existsSync(file)) continue
      expect(fs.readFileSync(file).includes(Buffer.from(value)), `${file} holds a secret`).toBe(
        false,
      )
    }
  }
})

test('refused access is logged: who asked for what, and that it was denied', async () => {
  // docs/security.md item 12: "Sign-ins, failed sign-ins and refused access are logged".
  const nonMember = await signIn(personaEmails.nonMember)
  const started = new Date(Date.now() - 1000).toISOString()
  const reply = await send('/netwerken/gos', { session: nonMember })
  expect(reply.status).toBe(404)
  const actor = all<{ id: string }>(
    'SELECT id FROM User WHERE email = ?',
    personaEmails.nonMember,
  )[0]!.id
  const denied = all<{ action: string; result: string }>(
    "SELECT action, result FROM AuditEvent WHERE actorUserId = ? AND result = 'denied' AND createdAt >= ?",
    actor,
    started.replace('Z', '+00:00'),
  )
  expect(
    denied.length,
    'an AuditEvent with result "denied" for the refused request',
  ).toBeGreaterThan(0)
})

const hostile = [
  'https://evil.example',
  '//evil.example',
  '/\\evil.example',
  '/%09/evil.example',
  'javascript:alert(1)',
  '/\t/evil.example',
  '\\\\evil.example',
  'https:evil.example',
  '/%2F%2Fevil.example',
  '/%5Cevil.example',
  // The URL parser's dot-segment removal used to turn these into "//evil.example" (issue 10, item 3).
  '/.//evil.example',
  '/..//evil.example',
  '/%2e%2e//evil.example',
  '/x/../\\evil.example',
]

/** Where a browser on our origin goes with this Location: a path on our own origin, or the test fails. */
function expectOwnPath(location: string, what: string) {
  const resolved = new URL(location, origin())
  expect(resolved.origin, `${what} → Location: ${location}`).toBe(origin())
  expect(location.startsWith('/'), `${what} → Location: ${location}`).toBe(true)
  // Browsers drop tabs and newlines and read a backslash as a slash.
  expect(
    /^\/[/\\]/.test(location.replace(/[\t\n\r]/g, '')),
    `${what} → Location: ${location}`,
  ).toBe(false)
  expect(location.toLowerCase(), what).not.toContain('evil.example')
}

for (const redirectTo of hostile) {
  test(`sign-in with redirectTo ${JSON.stringify(redirectTo)} stays on our origin`, async () => {
    const reply = await postLogin(personaEmails.member, { redirectTo })
    expect(reply.status).toBe(302)
    expectOwnPath(reply.location ?? '', redirectTo)
  })
}

test('a safe redirectTo is kept (sign-in comes back to the page that asked for it)', async () => {
  const reply = await postLogin(personaEmails.member, { redirectTo: '/netwerken/gos?tab=leden' })
  expect(reply.status).toBe(302)
  expect(reply.location).toBe('/netwerken/gos?tab=leden')
})

test('the language switch does not redirect off-site either', async () => {
  for (const redirectTo of hostile) {
    const reply = await send('/taal', { form: { locale: 'nl-NL', redirectTo } })
    expect(reply.status, redirectTo).toBe(302)
    expectOwnPath(reply.location ?? '', redirectTo)
  }
})
