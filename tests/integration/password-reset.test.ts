// The forgotten password (/wachtwoord-vergeten, issue 13 item 3) on a real migrated database, with
// the mail going to a real SMTP listener: one answer for every address, a single-use link valid for one
// hour of which only the hash is stored, the limits per address and per client, and what using it ends.
import { createHash } from 'node:crypto'
import { PassThrough } from 'node:stream'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEMO_PASSWORD } from '../../prisma/demo-logins'
import { seed } from '../../prisma/seed'
import { callAction, callLoader, cookieFor, fieldErrors, userFor } from '../setup/route-calls'
import { smtpListener, type ReceivedMail } from '../setup/smtp-listener'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

const smtp = smtpListener()
let t: TestDatabase
let forgot: typeof import('../../app/routes/forgot-password')
let setPassword: typeof import('../../app/routes/set-password')
let login: typeof import('../../app/routes/login')
let dashboard: typeof import('../../app/routes/dashboard')
let feedRoute: typeof import('../../app/routes/calendar/feed')
let reset: typeof import('../../app/modules/accounts/password-reset.server')

beforeAll(async () => {
  await smtp.start()
  t = await createTestDatabase()
  await seed(t.db)
  forgot = await import('../../app/routes/forgot-password')
  setPassword = await import('../../app/routes/set-password')
  login = await import('../../app/routes/login')
  dashboard = await import('../../app/routes/dashboard')
  feedRoute = await import('../../app/routes/calendar/feed')
  reset = await import('../../app/modules/accounts/password-reset.server')
  // Damme switches Zwin passwords off (its people sign in through their own provider).
  await t.db.organisation.update({ where: { slug: 'damme' }, data: { passwordSignIn: false } })
  await t.db.user.update({
    where: { email: 'lid.hulst@example.org' },
    data: { disabledAt: new Date() },
  })
})
afterAll(async () => {
  await t.cleanup()
  await smtp.stop()
})
beforeEach(async () => {
  // Each test counts its own requests.
  await t.db.authAttempt.deleteMany()
})
afterEach(async () => {
  await reset.settleResetRequests()
  smtp.clear()
  vi.useRealTimers()
})

const member = 'lid.sluis@example.org'
const disabled = 'lid.hulst@example.org'
const noPasswords = 'lid.damme@example.org'
const unknown = 'niemand.hier@example.org'

let nextIp = 1
/** A client address of its own for each request that should not meet another's limit. */
const freshIp = () => `10.77.${Math.floor(nextIp / 250)}.${(nextIp++ % 250) + 1}`

// The mail is queued off the request path (password-reset.server.ts): the test sends it itself.
function ask(email: string, options: { ip?: string; cookie?: string } = {}) {
  return callAction(
    forgot.action,
    '/wachtwoord-vergeten',
    { email },
    { ip: freshIp(), sendMail: false, ...options },
  )
}

async function askAndSettle(email: string, options: { ip?: string; cookie?: string } = {}) {
  const out = await ask(email, options)
  await reset.settleResetRequests()
  await smtp.deliver()
  return out
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')
const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address))
/** The raw message with quoted-printable soft line breaks undone, so a link reads whole. */
const unwrapped = (mail: ReceivedMail) => mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=')

function linkToken(mail: ReceivedMail): string {
  const token = /\/wachtwoord-instellen\/([A-Za-z0-9_-]+)/.exec(unwrapped(mail))?.[1]
  if (!token) throw new Error(`no set-password link in:\n${mail.raw}`)
  return token
}

async function userId(email: string) {
  return (await t.db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id
}

function redeem(token: string, password: string) {
  return callAction(
    setPassword.action,
    `/wachtwoord-instellen/${token}`,
    { newPassword: password, repeatPassword: password },
    { params: { token } },
  )
}

function signIn(email: string, password: string) {
  return callAction(login.action, '/login', { email, password }, { ip: freshIp() })
}

describe('asking for a link', () => {
  it('gives one answer for an account, an unknown, a disabled and a password-less address; only the account gets a mail', async () => {
    const answers = []
    for (const email of [member, unknown, disabled, noPasswords]) {
      const out = await askAndSettle(email)
      answers.push({
        status: out.status,
        data: out.data,
        retryAfter: out.headers.get('Retry-After'),
      })
    }
    expect(answers[0]).toMatchObject({ status: 200, data: { sent: true }, retryAfter: null })
    for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0])

    expect(smtp.received.map((m) => m.to)).toEqual([[member]])
    const tokens = await t.db.passwordToken.findMany({
      where: { purpose: 'reset', usedAt: null },
      select: { user: { select: { email: true } } },
    })
    expect(tokens.map((row) => row.user.email)).toEqual([member])

    // The audit log tells them apart (the screen does not), never with a token.
    const audit = await t.db.auditEvent.findMany({
      where: { action: 'auth.password_reset_requested' },
      orderBy: { createdAt: 'asc' },
      select: { subject: true, result: true, details: true },
    })
    expect(audit.map((a) => [a.subject, a.result, JSON.parse(a.details ?? '{}').reason])).toEqual([
      [member, 'success', undefined],
      [unknown, 'denied', 'unknown'],
      [disabled, 'denied', 'disabled'],
      [noPasswords, 'denied', 'passwordSignInOff'],
    ])
    expect(JSON.stringify(audit)).not.toContain(linkToken(mailsTo(member)[0]!))
  })

  it('answers before the mail is sent: a slow mail server does not slow the answer', async () => {
    const release = smtp.hold()
    let delivering: Promise<unknown> = Promise.resolve()
    try {
      const started = Date.now()
      const out = await ask(member)
      expect(out.status).toBe(200)
      // The row is written after the answer, with the mail queued; the answer waited for neither.
      expect(Date.now() - started).toBeLessThan(2_000)
      await reset.settleResetRequests()
      delivering = smtp.deliver()
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(mailsTo(member)).toHaveLength(0)
    } finally {
      release()
    }
    await delivering
    expect(mailsTo(member)).toHaveLength(1)
  })

  it('takes no measurably longer for an address with an account', async () => {
    const median = (values: number[]) =>
      values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!
    const timed = async (email: string) => {
      await t.db.authAttempt.deleteMany()
      const started = performance.now()
      await ask(email)
      const took = performance.now() - started
      await reset.settleResetRequests()
      return took
    }
    const known: number[] = []
    const unknownTimes: number[] = []
    for (let i = 0; i < 15; i++) {
      known.push(await timed(member))
      unknownTimes.push(await timed(unknown))
    }
    // Both paths do the same work before answering; a generous margin keeps a busy machine from failing it.
    expect(median(known)).toBeLessThan(median(unknownTimes) + 15)
  })

  it('a mail that cannot be sent is logged without the address, and the answer is the same', async () => {
    const lines: string[] = []
    const stream = new PassThrough()
    stream.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')))
    const { createLogger } = await import('../../app/modules/observability/logger.server')
    const global = globalThis as unknown as { zwinLogger?: unknown }
    const previous = global.zwinLogger
    global.zwinLogger = createLogger('info', stream)
    smtp.refused.add(member)
    try {
      const out = await askAndSettle(member)
      expect(out.status).toBe(200)
      expect(out.data).toMatchObject({ sent: true })
    } finally {
      global.zwinLogger = previous
    }
    const log = lines.join('')
    expect(log).toContain('A mail could not be sent')
    expect(log).not.toContain(member)
    // It waits in the outbox for another try, with the reason, without the address.
    const waiting = await t.db.outboxMail.findFirstOrThrow({
      where: { to: member, status: 'queued' },
    })
    expect(waiting.lastError).toContain('550')
    expect(waiting.lastError).not.toContain(member)
  })

  it('refuses a malformed address with a message at the field, before counting or looking up', async () => {
    const out = await ask('geen-adres')
    expect(out.status).toBe(400)
    expect(fieldErrors((out.data as { reply: unknown }).reply)).toEqual({ email: ['email'] })
    expect(await t.db.authAttempt.count()).toBe(0)
  })
})

describe('the link', () => {
  it('stores only its sha256, with purpose reset, valid for one hour', async () => {
    const before = Date.now()
    await askAndSettle(member)
    const token = linkToken(mailsTo(member)[0]!)
    expect(token.length).toBeGreaterThanOrEqual(43)
    const rows = await t.db.passwordToken.findMany({
      where: { userId: await userId(member), usedAt: null, purpose: 'reset' },
    })
    expect(rows).toHaveLength(1)
    expect(rows[0]!.tokenHash).toBe(sha256(token))
    expect(JSON.stringify(rows)).not.toContain(token)
    const ttl = rows[0]!.expiresAt.getTime() - before
    expect(ttl).toBeGreaterThan(59 * 60_000)
    expect(ttl).toBeLessThanOrEqual(60 * 60_000 + 5_000)
    // The mail says so, in the person's language, and where to ask for a new one.
    const text = unwrapped(mailsTo(member)[0]!)
    expect(text).toContain('Stel een nieuw wachtwoord in voor Zwin')
    expect(text).toContain('1 uur geldig')
    expect(text).toContain('/wachtwoord-vergeten')
    expect(text).not.toContain('beheerder')
  })

  it('works within the hour and not after it', async () => {
    await askAndSettle(member)
    const token = linkToken(mailsTo(member)[0]!)
    const path = `/wachtwoord-instellen/${token}`
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 59 * 60_000 })
    expect((await callLoader(setPassword.loader, path, { params: { token } })).data).toMatchObject({
      valid: true,
      purpose: 'reset',
    })
    vi.setSystemTime(Date.now() + 2 * 60_000)
    expect((await callLoader(setPassword.loader, path, { params: { token } })).data).toMatchObject({
      valid: false,
    })
    const out = await redeem(token, 'Een uur is om, helaas 2026')
    expect(out.status).toBe(400)
    expect(fieldErrors(out.data)['']).toEqual(['linkInvalid'])
  })

  it('works once: sets the password, ends every session and the calendar feed, and is audited', async () => {
    const email = 'lid.terneuzen@example.org'
    const id = await userId(email)
    const cookie = await cookieFor(email)
    const feedToken = await (
      await import('../../app/modules/calendar/feed.server')
    ).createFeedToken(await userFor(cookie))
    const feedPath = `/agenda/feed/${feedToken}/zwin.ics`
    const feed = () => callLoader(feedRoute.loader, feedPath, { params: { token: feedToken } })
    expect((await feed()).status).toBe(200)

    await askAndSettle(email)
    const token = linkToken(mailsTo(email)[0]!)
    const password = 'Nieuw wachtwoord na het vergeten 2026'
    const first = await redeem(token, password)
    expect(first.status).toBe(302)
    expect(first.location).toBe('/login')

    // The old session is signed out, the feed link is gone, the old password no longer works.
    expect((await callLoader(dashboard.loader, '/', { cookie })).status).toBe(302)
    expect(await t.db.session.count({ where: { userId: id } })).toBe(0)
    expect((await feed()).status).toBe(404)
    expect((await signIn(email, DEMO_PASSWORD)).status).toBe(400)
    expect((await signIn(email, password)).status).toBe(302)

    // Used once: the same link is refused.
    const again = await redeem(token, 'Nog een keer proberen 2026!')
    expect(again.status).toBe(400)
    expect(fieldErrors(again.data)['']).toEqual(['linkInvalid'])
    expect((await signIn(email, password)).status).toBe(302)

    const audit = await t.db.auditEvent.findFirstOrThrow({
      where: { action: 'auth.password_set', objectId: id },
      orderBy: { createdAt: 'desc' },
    })
    expect(JSON.parse(audit.details ?? '{}')).toMatchObject({
      purpose: 'reset',
      ended: { sessions: 1, calendarFeed: true },
    })
    expect(JSON.stringify(audit)).not.toContain(token)
    expect(JSON.stringify(audit)).not.toContain(password)
  })

  it('a new request replaces the older reset link, but not an administrator’s invitation link', async () => {
    const email = 'lid.vlissingen@example.org'
    const id = await userId(email)
    const { sendSetPasswordLink } = await import('../../app/modules/accounts/password-token.server')
    await sendSetPasswordLink(id)
    await smtp.deliver()
    const invitation = linkToken(mailsTo(email)[0]!)
    await askAndSettle(email)
    const older = linkToken(mailsTo(email)[1]!)
    await askAndSettle(email)
    const newer = linkToken(mailsTo(email)[2]!)

    const valid = async (token: string) =>
      (
        (
          await callLoader(setPassword.loader, `/wachtwoord-instellen/${token}`, {
            params: { token },
          })
        ).data as { valid: boolean }
      ).valid
    expect(await valid(older)).toBe(false)
    expect(await valid(newer)).toBe(true)
    expect(await valid(invitation)).toBe(true)

    // Whichever is used first, the other stops working: a password was chosen.
    expect((await redeem(newer, 'Eerst deze link gebruikt 2026')).status).toBe(302)
    expect(await valid(invitation)).toBe(false)

    // An administrator's new link replaces every unused link, a reset link too.
    await askAndSettle(email)
    const pendingReset = linkToken(mailsTo(email).at(-1)!)
    await sendSetPasswordLink(id)
    expect(await valid(pendingReset)).toBe(false)
  })

  it('a reset link stops working when the organisation switches Zwin passwords off', async () => {
    const email = 'lid.maldegem@example.org'
    await askAndSettle(email)
    const token = linkToken(mailsTo(email)[0]!)
    const org = await t.db.user.findUniqueOrThrow({
      where: { email },
      select: { organisationId: true },
    })
    await t.db.organisation.update({
      where: { id: org.organisationId },
      data: { passwordSignIn: false },
    })
    try {
      expect((await redeem(token, 'Mag niet meer met wachtwoord 2026')).status).toBe(400)
    } finally {
      await t.db.organisation.update({
        where: { id: org.organisationId },
        data: { passwordSignIn: true },
      })
    }
  })
})

describe('the limits', () => {
  it('3 requests per address in 15 minutes, from any client address; the 4th gets 429 with Retry-After', async () => {
    for (const email of [member, unknown]) {
      const statuses = []
      let last
      // Each from another client address: the cap follows the address typed, not the client.
      for (let i = 0; i < 5; i++) {
        last = await ask(email)
        statuses.push(last.status)
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429])
      expect(Number(last!.headers.get('Retry-After'))).toBeGreaterThan(14 * 60)
      expect(fieldErrors((last!.data as { reply: unknown }).reply)['']).toEqual([
        'resetThrottled|15',
      ])
    }
    await reset.settleResetRequests()
    await smtp.deliver()
    // Three mails at most, however often someone asks.
    expect(mailsTo(member)).toHaveLength(3)
    expect(
      await t.db.auditEvent.count({
        where: { action: 'auth.password_reset_throttled', subject: unknown },
      }),
    ).toBe(2)
  })

  it('a browser that signed in to the account before is spared the per-address cap', async () => {
    const email = 'lid.scheldestromen@example.org'
    const ok = await signIn(email, DEMO_PASSWORD)
    const device = /zwin_device=[^;]+/.exec(ok.headers.get('Set-Cookie') ?? '')?.[0]
    expect(device).toBeDefined()
    for (let i = 0; i < 3; i++) expect((await ask(email)).status).toBe(200)
    expect((await ask(email)).status).toBe(429)
    expect((await ask(email, { cookie: device })).status).toBe(200)
  })

  it('20 requests per client address in 15 minutes, whatever the address', async () => {
    const ip = '10.88.0.1'
    const statuses = []
    for (let i = 0; i < 22; i++)
      statuses.push((await ask(`iemand.${i}@example.org`, { ip })).status)
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true)
    expect(statuses.slice(20)).toEqual([429, 429])
    // Another client address is not affected.
    expect((await ask('iemand.0@example.org')).status).toBe(200)
  })
})
