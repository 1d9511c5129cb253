/**
 * HTTP and database helpers for the access matrix and the security tests. They talk to the real, built
 * server that tests/playwright.config.ts starts (tests/e2e/test-server.ts: port 3210, a fresh migrated and
 * seeded data folder in tests/.output/e2e-data, NODE_ENV=production, TRUST_PROXY=true). No browser: plain
 * `fetch` with `redirect: 'manual'`, so every status and Location is seen as the server sent it.
 *
 * ZWIN_E2E_BASE_URL and ZWIN_E2E_DATA_DIR point the tests at another server (for example while developing).
 */
import { spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from '@playwright/test'
import Database from 'better-sqlite3'
import { DEMO_PASSWORD } from '../../prisma/demo-logins'
import { freshCode } from '../setup/totp-codes'

export { DEMO_PASSWORD }

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export function baseURL(): string {
  if (process.env.ZWIN_E2E_BASE_URL) return process.env.ZWIN_E2E_BASE_URL.replace(/\/$/, '')
  let configured: string | undefined
  try {
    configured = test.info().project.use.baseURL
  } catch {
    // outside a test: fall back to the port the config uses
  }
  return (configured ?? `http://localhost:${process.env.ZWIN_E2E_PORT ?? 3210}`).replace(/\/$/, '')
}

export function origin(): string {
  return new URL(baseURL()).origin
}

export function dataDir(): string {
  return path.resolve(
    process.env.ZWIN_E2E_DATA_DIR ?? path.join(root, 'tests', '.output', 'e2e-data'),
  )
}

/** A short id that keeps names, e-mail addresses and slugs unique per run and per test. */
export function unique(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`
}

/**
 * A client address of its own (TEST-NET and private ranges). The sign-in rate limit counts failures per
 * address; giving every sign-in its own X-Forwarded-For keeps these tests from throttling anyone else's
 * 127.0.0.1, and keeps them from being throttled by others.
 */
export function clientIp(): string {
  const [a, b, c] = randomBytes(3)
  return `10.${a}.${b}.${c}`
}

// ---------------------------------------------------------------------------------------------------
// HTTP

export type Session = { email: string; cookie: string; token: string }

export type Reply = {
  status: number
  location: string | null
  headers: Headers
  body: string
  setCookies: string[]
}

export type SendOptions = {
  method?: 'GET' | 'POST' | 'HEAD'
  session?: Session | null
  /** Form fields, sent as application/x-www-form-urlencoded. */
  form?: Record<string, string> | URLSearchParams
  headers?: Record<string, string>
  /** Leave out the Origin header that mutations carry by default (as a same-origin browser would). */
  noOrigin?: boolean
}

export async function send(target: string, options: SendOptions = {}): Promise<Reply> {
  const method = options.method ?? (options.form ? 'POST' : 'GET')
  const headers: Record<string, string> = { 'Accept-Language': 'nl-NL' }
  if (method === 'POST' && !options.noOrigin) headers.Origin = origin()
  if (options.session) headers.Cookie = options.session.cookie
  let body: string | undefined
  if (options.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded'
    body = new URLSearchParams(options.form).toString()
  } else if (method === 'POST') {
    headers['Content-Type'] = 'application/x-www-form-urlencoded'
    body = ''
  }
  Object.assign(headers, options.headers)
  const url = target.startsWith('http') ? target : baseURL() + target
  const response = await fetch(url, { method, headers, body, redirect: 'manual' })
  return {
    status: response.status,
    location: response.headers.get('location'),
    headers: response.headers,
    body: method === 'HEAD' ? '' : await response.text(),
    setCookies: response.headers.getSetCookie(),
  }
}

/** The single-fetch URL of a page's loader data (`/netwerken/gos` → `/netwerken/gos.data`). */
export function dataUrl(pagePath: string): string {
  const url = new URL(pagePath, 'http://zwin.invalid')
  const pathname = url.pathname === '/' ? '/_root.data' : `${url.pathname.replace(/\/$/, '')}.data`
  return pathname + url.search
}

export function sessionCookieFrom(setCookies: string[]): string | null {
  const header = setCookies.find((c) => c.startsWith('zwin_session='))
  if (!header) return null
  const pair = header.split(';')[0] ?? ''
  return pair === 'zwin_session=' ? null : pair
}

/** The random token inside the signed cookie (Remix: base64 of the JSON value, a dot, the signature). */
export function tokenFromCookie(cookie: string): string {
  const value = decodeURIComponent(cookie.slice('zwin_session='.length))
  const encoded = value.slice(0, value.lastIndexOf('.'))
  const decoded: unknown = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'))
  if (typeof decoded !== 'string') throw new Error(`Unexpected session cookie value: ${value}`)
  return decoded
}

export function sessionIdOf(session: Session): string {
  return createHash('sha256').update(session.token).digest('hex')
}

export type SignInOptions = {
  password?: string
  /** The secret of the account's authenticator app, when it is not the demo administrators' one. */
  totpSecret?: string
  ip?: string
  redirectTo?: string
  session?: Session
}

/**
 * Signs in through the real form posts; fails the test with the server's answer when that does not work.
 * An account with a second factor (the demo administrators) gives the code from its app as the second
 * step, computed here from the secret (tests/setup/totp-codes.ts, which keeps parallel tests from
 * bringing the same code twice).
 */
export async function signIn(email: string, options: SignInOptions = {}): Promise<Session> {
  let reply = await postLogin(email, options)
  if (reply.status === 302 && reply.location === '/login/tweede-stap') {
    const pending = reply
    reply = await postSecondStep(pending, await freshCode(email, options.totpSecret), options.ip)
    // On a busy machine another test's sign-in with the next step's code can reach the server first;
    // then this (older) code is refused, as it must be. Like a person, try the next code once.
    if (reply.status === 400) {
      reply = await postSecondStep(pending, await freshCode(email, options.totpSecret), options.ip)
    }
  }
  const cookie = sessionCookieFrom(reply.setCookies)
  if (reply.status !== 302 || !cookie) {
    throw new Error(`Signing in as ${email} failed: ${reply.status} ${reply.body.slice(0, 300)}`)
  }
  return { email, cookie, token: tokenFromCookie(cookie) }
}

/** The second step after a password that was right: the pending sign-in's cookie and a code. */
export function postSecondStep(loginReply: Reply, code: string, ip?: string): Promise<Reply> {
  const pending = loginReply.setCookies
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('zwin_pending=') && c !== 'zwin_pending=')
  if (!pending) throw new Error(`No pending sign-in in ${loginReply.setCookies.join(' | ')}`)
  return send('/login/tweede-stap', {
    form: { code },
    headers: { Cookie: pending, 'X-Forwarded-For': ip ?? clientIp() },
  })
}

export function postLogin(email: string, options: SignInOptions = {}): Promise<Reply> {
  const form: Record<string, string> = {
    email,
    password: options.password ?? DEMO_PASSWORD,
    redirectTo: options.redirectTo ?? '/',
  }
  return send('/login', {
    form,
    session: options.session,
    headers: { 'X-Forwarded-For': options.ip ?? clientIp() },
  })
}

/** True when the session still signs its holder in (the profile page answers instead of sending to /login). */
export async function isSignedIn(session: Session): Promise<boolean> {
  const reply = await send('/profiel', { session })
  if (reply.status === 200) return true
  if (reply.status === 302 && reply.location?.startsWith('/login')) return false
  throw new Error(`Unexpected answer from /profiel: ${reply.status} ${reply.location ?? ''}`)
}

// ---------------------------------------------------------------------------------------------------
// Reading the rendered page

const entities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  '#x27': "'",
}

/** The page text with tags removed and the common entities decoded: what a reader sees. */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, name: string) => entities[name] ?? '')
    .replace(/\s+/g, ' ')
}

const translations = new Map<string, Record<string, unknown>>()
/**
 * A nl-NL text from locales/nl-NL/<namespace>.json, e.g. `text('validation.loginInvalid')` (common) or
 * `text('auth:password.linkInvalid')`.
 */
export function text(key: string, values: Record<string, string | number> = {}): string {
  const [namespace, path_] = key.includes(':') ? key.split(':', 2) : ['common', key]
  let tree = translations.get(namespace!)
  if (!tree) {
    tree = JSON.parse(
      fs.readFileSync(path.join(root, 'locales', 'nl-NL', `${namespace}.json`), 'utf8'),
    ) as Record<string, unknown>
    translations.set(namespace!, tree)
  }
  let node: unknown = tree
  for (const part of path_!.split('.')) node = (node as Record<string, unknown> | undefined)?.[part]
  if (typeof node !== 'string') throw new Error(`No nl-NL text for ${key}`)
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''))
}

// ---------------------------------------------------------------------------------------------------
// The server's database (read-only, except where a test ages a session on purpose)

export function databasePath(): string {
  return path.join(dataDir(), 'zwin.sqlite')
}

export function withDb<T>(run: (db: Database.Database) => T, options: { write?: boolean } = {}): T {
  const db = new Database(databasePath(), {
    readonly: !options.write,
    fileMustExist: true,
    timeout: 10_000,
  })
  try {
    return run(db)
  } finally {
    db.close()
  }
}

export function one<T>(sql: string, ...params: unknown[]): T | undefined {
  return withDb((db) => db.prepare(sql).get(...params) as T | undefined)
}

export function all<T>(sql: string, ...params: unknown[]): T[] {
  return withDb((db) => db.prepare(sql).all(...params) as T[])
}

export function userId(email: string): string {
  const row = one<{ id: string }>('SELECT id FROM User WHERE email = ?', email)
  if (!row) throw new Error(`No user ${email} in ${databasePath()}`)
  return row.id
}

export function organisationId(slug: string): string {
  const row = one<{ id: string }>('SELECT id FROM Organisation WHERE slug = ?', slug)
  if (!row) throw new Error(`No organisation ${slug} in ${databasePath()}`)
  return row.id
}

/** How Prisma's SQLite adapter writes a DateTime. */
export function sqliteDate(date: Date): string {
  return date.toISOString().replace('Z', '+00:00')
}

// ---------------------------------------------------------------------------------------------------
// Accounts of their own, so that tests which lock, rename or throttle an account never touch a demo persona

export const personaEmails = {
  member: 'lid.sluis@example.org',
  coordinator: 'coordinator.gos@example.org',
  nonMember: 'lid.dewolden@example.org',
  orgAdmin: 'orgbeheer.knokke-heist@example.org',
  platformAdmin: 'platformbeheer@example.org',
} as const

/**
 * The joint-project personas (issue 5), kept apart from `personaEmails` because other suites run every
 * test there for each of its personas (tests/security/loader-data.spec.ts). The matrix uses both.
 */
export const projectPersonaEmails = {
  zvlCoordinator: 'coordinator.zvl@example.org',
  hulstMember: 'lid.hulst@example.org',
} as const

export const matrixPersonaEmails = { ...personaEmails, ...projectPersonaEmails } as const

export type TestAccount = { id: string; email: string; name: string; password: string }

/**
 * A new account made the way the product makes one: an admin creates it (an organisation admin in their
 * own organisation; a platform admin where `organisationId` says), the server mails a set-password link (an
 * .eml file in the data folder), the link sets the password.
 */
export async function createTestAccount(
  admin: Session,
  label: string,
  options: { organisationId?: string } = {},
): Promise<TestAccount> {
  const id = unique()
  const email = `${label}-${id}@example.org`
  const name = `Testpersoon ${label} ${id}`
  const password = `Proef-${id}-wachtwoord!`
  const form: Record<string, string> = { name, email }
  if (options.organisationId) form.organisationId = options.organisationId
  const asked = Date.now()
  const created = await send('/beheer/accounts/nieuw', { session: admin, form })
  expect(created.status, `creating ${email}: ${created.body.slice(0, 200)}`).toBe(302)
  const token = await setPasswordToken(email, asked)
  const set = await send(`/wachtwoord-instellen/${token}`, {
    form: { username: email, newPassword: password, repeatPassword: password },
  })
  expect(set.status, `setting the password of ${email}`).toBe(302)
  return { id: userId(email), email, name, password }
}

/** The token of the newest set-password mail to this address, written at or after `after` (ms). */
export async function setPasswordToken(email: string, after = 0): Promise<string> {
  const mailDir = path.join(dataDir(), 'mail')
  for (let attempt = 0; attempt < 50; attempt++) {
    const files = fs.existsSync(mailDir)
      ? fs.readdirSync(mailDir).filter((f) => f.endsWith('.eml'))
      : []
    for (const file of files.sort().reverse()) {
      // The server sends from its outbox a moment after the request: an older mail is not this one.
      if (fs.statSync(path.join(mailDir, file)).mtimeMs < after) continue
      const raw = fs.readFileSync(path.join(mailDir, file), 'utf8')
      if (!new RegExp(`^To: .*${escapeRegExp(email)}`, 'mi').test(raw)) continue
      const token = /\/wachtwoord-instellen\/([A-Za-z0-9_-]{20,})/.exec(decodeMail(raw))?.[1]
      if (token) return token
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`No set-password mail to ${email} in ${mailDir}`)
}

function decodeMail(raw: string): string {
  // Quoted-printable soft line breaks, then any base64 body parts.
  const unfolded = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=')
  const base64Parts = [...unfolded.matchAll(/base64\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/g)].map((m) =>
    Buffer.from((m[1] ?? '').replace(/\s/g, ''), 'base64').toString('utf8'),
  )
  return [unfolded, ...base64Parts].join('\n')
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

// ---------------------------------------------------------------------------------------------------
// Joint projects, made through the product's own forms (the seed has none)

export type ProjectFixture = {
  id: string
  network: string
  title: string
  /** A budget line's note, with accents: the text the CSV export must (and a 404 must not) contain. */
  budgetNote: string
}

/**
 * A project in Zeeuws-Vlaanderen led by Terneuzen with Hulst taking part (Sluis, the third member, does
 * not), created by the network's coordinator, with one budget line of Terneuzen's.
 */
export async function createZvlProject(
  coordinator: Session,
  label: string,
): Promise<ProjectFixture> {
  const id = unique()
  const network = 'zeeuws-vlaanderen'
  const title = `Gezamenlijke inkoop ${label} ${id}`
  const terneuzen = organisationId('terneuzen')
  const form = new URLSearchParams({
    title,
    description: 'Sluis, Terneuzen en Hulst kopen samen in.',
    status: 'active',
    startDate: '2025-01-01',
    endDate: '2027-12-31',
    leadOrganisationId: terneuzen,
    maxEuSharePercent: '50',
  })
  form.append('participantIds', terneuzen)
  form.append('participantIds', organisationId('hulst'))
  const created = await send(`/netwerken/${network}/projecten/nieuw`, {
    session: coordinator,
    form,
  })
  expect(created.status, `creating ${title}: ${created.body.slice(0, 300)}`).toBe(302)
  const projectId = /\/projecten\/([^/?#]+)$/.exec(created.location ?? '')?.[1]
  if (!projectId) throw new Error(`No project id in ${created.location}`)

  const budgetNote = `Financiële bijdrage café ${id}`
  const line = await send(`/netwerken/${network}/projecten/${projectId}/begroting`, {
    session: coordinator,
    form: {
      intent: 'addLine',
      year: '2025',
      category: 'staff',
      source: 'own',
      amount: '12.500,50',
      note: budgetNote,
    },
  })
  expect(line.status, `adding a budget line: ${line.body.slice(0, 300)}`).toBe(302)
  return { id: projectId, network, title, budgetNote }
}

export type GoalFixture = {
  /** A goal of the matrix project: its participating organisations enter measurements. */
  projectGoal: { id: string; name: string }
  /** A goal of the network itself: every member organisation enters measurements. */
  networkGoal: { id: string; name: string }
  /** Terneuzen's measurement of the project goal: only Terneuzen's people may open or change it. */
  measurement: { id: string; note: string }
}

/** Goals made through the product's forms by a coordinator of the project's network (Terneuzen). */
export async function createZvlGoals(
  coordinator: Session,
  project: ProjectFixture,
): Promise<GoalFixture> {
  const id = unique()
  const nextYear = new Date().getUTCFullYear() + 1
  const base = `/netwerken/${project.network}/doelen`
  const create = async (name: string, projectId: string) => {
    const reply = await send(`${base}/nieuw`, {
      session: coordinator,
      form: {
        projectId,
        name,
        unit: 'EUR',
        customUnit: '',
        direction: 'higher',
        baselineValue: '0',
        baselineDate: '2025-01-01',
        targetValue: '250000',
        targetDate: `${nextYear}-12-31`,
      },
    })
    expect(reply.status, `creating the goal ${name}: ${reply.body.slice(0, 300)}`).toBe(302)
    const goalId = /\/doelen\/([^/?#]+)$/.exec(reply.location ?? '')?.[1]
    if (!goalId) throw new Error(`No goal id in ${reply.location}`)
    return { id: goalId, name }
  }
  const projectGoal = await create(`EUR bespaard per jaar ${id}`, project.id)
  const networkGoal = await create(`Gedeelde inkoopwinst ${id}`, '')

  const note = `Eerste meting Terneuzen ${id}`
  const measured = await send(`${base}/${projectGoal.id}`, {
    session: coordinator,
    form: { intent: 'addMeasurement', date: '2025-06-30', value: '40000', note },
  })
  expect(measured.status, `adding a measurement: ${measured.body.slice(0, 300)}`).toBe(302)
  const row = one<{ id: string }>(
    'SELECT id FROM Measurement WHERE goalId = ? AND note = ?',
    projectGoal.id,
    note,
  )
  if (!row) throw new Error(`The measurement "${note}" was not stored`)
  return { projectGoal, networkGoal, measurement: { id: row.id, note } }
}

/** `npm run notifications:send` against the e2e server's data folder; its exit code and output. */
export function notificationsSend(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      ZWIN_DATA_DIR: dataDir(),
      PUBLIC_ORIGIN: origin(),
      ZWIN_DEMO_DATA: 'true',
    }
    delete env.SMTP_URL
    const child = spawn(process.execPath, ['build/runtime/notifications-send.js'], {
      cwd: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'),
      env,
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code) => resolve({ code, output }))
  })
}
