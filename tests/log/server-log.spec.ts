/*
 * Runs after every other project of the e2e run (tests/playwright.config.ts): the log of the whole run
 * (tests/.output/e2e-server.log, written by tests/e2e/test-server.ts) must be JSON lines with request
 * records, and must hold no secret: not the demo password, no session cookie or token, no calendar feed
 * token, no e-mail address (tests/setup/log-leaks.ts, whose own test shows it finds each of these).
 * To be sure secrets were there to leak, this check signs in with the demo password, makes a feed
 * link and reads the feed itself before it reads the log.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from '@playwright/test'
import Database from 'better-sqlite3'
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, demoLogins } from '../../prisma/demo-logins'
import { findLeaks, type KnownSecret } from '../setup/log-leaks'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const logFile = path.join(root, 'tests', '.output', 'e2e-server.log')
const databasePath = path.join(root, 'tests', '.output', 'e2e-data', 'zwin.sqlite')

type LogLine = { level?: number; msg?: string; route?: string; status?: number; userId?: string }

function readLines(): LogLine[] {
  return fs
    .readFileSync(logFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      try {
        return JSON.parse(line) as LogLine
      } catch {
        throw new Error(`Not a JSON line in ${logFile}: ${line.slice(0, 200)}`)
      }
    })
}

test('the server log of the run is JSON lines with request records, and holds no secret', async ({
  request,
  baseURL,
}) => {
  const email = 'lid.hulst@example.org'
  // Its own client address: the sign-in limits of the journeys' addresses are not touched.
  const headers = { Origin: baseURL!, 'X-Forwarded-For': '198.51.100.77' }
  const signIn = await request.post('/login', {
    form: { email, password: DEMO_PASSWORD, redirectTo: '/agenda' },
    headers,
    maxRedirects: 0,
  })
  expect(signIn.status()).toBe(302)
  const cookie = signIn
    .headersArray()
    .filter((h) => h.name.toLowerCase() === 'set-cookie')
    .map((h) => h.value.split(';')[0]!)
    .find((c) => c.startsWith('zwin_session=') && c !== 'zwin_session=')!
  expect(cookie).toBeTruthy()

  const made = await request.post('/agenda', {
    form: { intent: 'create' },
    headers: { ...headers, Cookie: cookie },
  })
  expect(made.status()).toBe(200)
  const feedToken = /\/agenda\/feed\/([\w-]{43})\/zwin\.ics/.exec(await made.text())?.[1]
  expect(feedToken, 'the agenda page shows the new feed link').toBeTruthy()
  const feed = await request.get(`/agenda/feed/${feedToken}/zwin.ics?x=${feedToken}`)
  expect(feed.status()).toBe(200)

  // The line of the feed request is written when its answer is done: wait for it to reach the file.
  await expect
    .poll(() => readLines().filter((l) => l.route === 'routes/calendar/feed').length, {
      timeout: 10_000,
    })
    .toBeGreaterThan(0)

  const lines = readLines()
  const requests = lines.filter((l) => l.msg === 'request')
  expect(requests.length, 'request records in the log').toBeGreaterThan(10)
  expect(requests.every((l) => typeof l.route === 'string' && typeof l.status === 'number')).toBe(
    true,
  )
  expect(
    requests.some((l) => typeof l.userId === 'string'),
    'signed-in requests carry the user id',
  ).toBe(true)

  const db = new Database(databasePath, { readonly: true, fileMustExist: true })
  const stored = new Set<string>()
  try {
    for (const sql of [
      'SELECT id AS h FROM "Session"',
      'SELECT tokenHash AS h FROM "PasswordToken"',
      'SELECT tokenHash AS h FROM "CalendarFeed"',
    ]) {
      for (const row of db.prepare(sql).all() as { h: string }[]) stored.add(row.h)
    }
  } finally {
    db.close()
  }
  const known: KnownSecret[] = [
    { what: 'the demo password', value: DEMO_PASSWORD },
    { what: "the demo administrators' TOTP secret", value: DEMO_TOTP_SECRET },
    { what: 'a session cookie', value: cookie.slice('zwin_session='.length) },
    { what: 'a calendar feed token', value: feedToken! },
    ...demoLogins.map((l) => ({ what: 'a demo e-mail address', value: l.email })),
  ]
  expect(findLeaks(fs.readFileSync(logFile, 'utf8'), known, stored)).toEqual([])
})
