/**
 * SECURITY.md items 10, 12 and 14: one answer for unknown e-mail and wrong password, the rate limit
 * (per e-mail address, so rotating X-Forwarded-For does not help; and per client address), failed
 * sign-ins in the audit log without the password, and redirectTo never leaving the site.
 *
 * Limits (app/modules/auth/login.server.ts): 5 failures per e-mail, 30 per client address, per 15
 * minutes. Every attempt here names its own client address and throttles only e-mail addresses made
 * for the test, so no other test's sign-ins are slowed down.
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
  text,
  unique,
  visibleText,
  type Reply,
  type Session,
  type TestAccount,
} from '../access/support'

const PER_EMAIL = 5
const PER_IP = 30

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

async function failUntilThrottled(email: string, password: string) {
  for (let attempt = 1; attempt <= PER_EMAIL; attempt++) {
    const reply = await postLogin(email, { password, ip: clientIp() })
    expect(reply.status, `attempt ${attempt} of ${email}`).toBe(400)
  }
}

test('after 5 failures for one e-mail address the next attempt gets 429, even from a new address each time', async () => {
  const email = `afremmen-${unique()}@example.org`
  await failUntilThrottled(email, 'Verkeerd-wachtwoord-1')
  const throttled = await postLogin(email, { password: 'Verkeerd-wachtwoord-1', ip: clientIp() })
  expect(throttled.status).toBe(429)
  expect(visibleText(throttled.body)).toContain(text('validation.loginThrottled'))
  // Upper case and spaces are the same address.
  const variant = await postLogin(`  ${email.toUpperCase()} `, { password: 'x', ip: clientIp() })
  expect(variant.status).toBe(429)
  // Another address from the same client is not affected.
  const other = await postLogin(`ander-${unique()}@example.org`, { password: 'x', ip: clientIp() })
  expect(other.status).toBe(400)
})

test('a throttled account is refused even with the right password, and no session is made', async () => {
  const account: TestAccount = await createTestAccount(orgAdmin, 'geremd')
  await failUntilThrottled(account.email, 'Verkeerd-wachtwoord-2')
  const right = await postLogin(account.email, { password: account.password, ip: clientIp() })
  expect(right.status).toBe(429)
  expect(sessionCookieFrom(right.setCookies)).toBeNull()
  expect(all('SELECT id FROM Session WHERE userId = ?', account.id)).toEqual([])
  const events = all<{ action: string }>(
    'SELECT action FROM AuditEvent WHERE subject = ?',
    account.email,
  )
  expect(events.map((e) => e.action)).toContain('auth.login_throttled')
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
  // SECURITY.md item 12: "Sign-ins, failed sign-ins and refused access are logged".
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
