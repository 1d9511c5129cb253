/**
 * The hostile-input sweep, generated from the route manifest of the build (docs/security.md, "Hostile
 * transport"): every route with an action, and every resource route, gets the bodies an attacker or a
 * broken client sends. Each answer must be below 500, the server must still answer /healthz after each,
 * and where the input was refused (4xx) the database must be exactly as it was.
 *
 * Signed in as the GOS coordinator (who may prepare meetings and manage projects), and as the platform
 * administrator on /beheer, so that the bodies reach the actions instead of stopping at a 404. The real
 * forms of each page are sent too, with NUL and right-to-left-override characters in every text field
 * and with every field twice.
 *
 *   npm run build && npm run test:server
 */
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import type { ServerBuild } from '@remix-run/node'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../prisma/demo-logins'
import {
  prepareDataDir,
  request,
  root,
  signIn,
  startServer,
  type RunningServer,
} from '../setup/server-process'
import { truncatedUpload } from '../setup/hostile-bodies'

const COORDINATOR = 'coordinator.gos@example.org'
const ADMIN = 'platformbeheer@example.org'
const MiB = 1024 * 1024

let dataDir = ''
let server: RunningServer
const cookies: Record<string, string> = {}

beforeAll(async () => {
  dataDir = await prepareDataDir()
  server = await startServer(dataDir, { env: { REQUEST_BODY_TIMEOUT_SECONDS: '5' } })
  cookies[COORDINATOR] = await signIn(server, COORDINATOR, DEMO_PASSWORD)
  cookies[ADMIN] = await signIn(server, ADMIN, DEMO_PASSWORD)
  await waitForJobs()
})

afterAll(async () => {
  await server?.stop()
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
})

// ---- The server's database, read-only ------------------------------------------------------------

function readDb<T>(run: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, 'zwin.sqlite'), { readonly: true, timeout: 10_000 })
  try {
    return run(db)
  } finally {
    db.close()
  }
}

/** Background work (text extraction of the seeded documents) changes rows: let it finish first. */
async function waitForJobs() {
  for (let wait = 0; wait < 300; wait++) {
    const busy = readDb(
      (db) =>
        (
          db
            .prepare("SELECT count(*) AS n FROM Job WHERE status IN ('queued', 'running')")
            .get() as {
            n: number
          }
        ).n,
    )
    if (busy === 0) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error('Background jobs did not finish')
}

// Rows that change without the input being accepted: the audit log records refusals, sessions are
// touched, sign-in throttling records attempts, and a document's page shown again after a refused form
// logs that its reader viewed it.
const volatile = /^(AuditEvent|Session|DocumentAccess|.*Attempt.*|sqlite_.*|_prisma_migrations)$/

// Columns the server's own scheduler changes while the sweep runs (app/modules/notifications/send.server.ts):
// the outbox sends what earlier, accepted requests queued; new events are claimed for their mails;
// digests move their cursors. A row added or removed in these tables still counts.
const background: Record<string, string[]> = {
  OutboxMail: ['status', 'attempts', 'runAfter', 'lastError', 'sentAt', 'updatedAt'],
  ActivityEvent: ['notifiedAt'],
  User: ['digestCursor', 'weeklyDigestCursor', 'lastVisitAt', 'previousVisitAt', 'updatedAt'],
}

/** A hash of every row, per table, of the tables whose content only accepted input changes. */
function fingerprint(): Map<string, string> {
  return readDb((db) => {
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
        name: string
      }[]
    )
      .map((t) => t.name)
      .filter((name) => !volatile.test(name))
    const hashes = new Map<string, string>()
    for (const table of tables) {
      const rows = db
        .prepare(`SELECT * FROM "${table}"`)
        .all()
        .map((row) => {
          const kept = { ...(row as Record<string, unknown>) }
          for (const column of background[table] ?? []) delete kept[column]
          return JSON.stringify(kept, (_, v: unknown) =>
            Buffer.isBuffer(v) ? v.toString('hex') : v,
          )
        })
        .sort()
      hashes.set(table, createHash('sha256').update(rows.join('\n')).digest('hex'))
    }
    return hashes
  })
}

/** The tables whose content differs between two fingerprints. */
function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([table, hash]) => before.get(table) !== hash).map(([table]) => table)
}

function firstValue(sql: string, ...params: string[]): string {
  const row = readDb((db) => db.prepare(sql).get(...params) as { id: string } | undefined)
  if (!row) throw new Error(`Nothing for ${sql}`)
  return row.id
}

/** A real value for every route parameter, from the seeded GOS network. */
function parameterValues(): Record<string, string> {
  const gos = firstValue("SELECT id FROM Network WHERE slug = 'gos'")
  const document = firstValue(
    'SELECT d.id FROM Document d JOIN DocumentVersion v ON v.documentId = d.id WHERE d.networkId = ? AND d.deletedAt IS NULL',
    gos,
  )
  const meeting = firstValue(
    'SELECT m.id FROM Meeting m JOIN AgendaItem a ON a.meetingId = m.id WHERE m.networkId = ?',
    gos,
  )
  const goal = firstValue(
    'SELECT g.id FROM Goal g JOIN Measurement x ON x.goalId = g.id WHERE g.networkId = ?',
    gos,
  )
  return {
    network: 'gos',
    project: firstValue('SELECT id FROM Project WHERE networkId = ?', gos),
    goal,
    measurement: firstValue('SELECT id FROM Measurement WHERE goalId = ?', goal),
    document,
    version: firstValue('SELECT id FROM DocumentVersion WHERE documentId = ?', document),
    meeting,
    item: firstValue('SELECT id FROM AgendaItem WHERE meetingId = ?', meeting),
    file: 'verslag.pdf',
    token: randomBytes(32).toString('base64url'),
    organisation: 'sluis',
    account: firstValue("SELECT id FROM User WHERE email = 'lid.dewolden@example.org'"),
  }
}

// ---- The routes ------------------------------------------------------------------------------------

type Target = { route: string; url: string; email: string; page: boolean }

async function targets(): Promise<Target[]> {
  const build = (await import(path.join(root, 'build/server/index.js'))) as ServerBuild
  const values = parameterValues()
  return Object.values(build.routes)
    .filter((r) => r?.path && (r.module.action || !r.module.default))
    .map((r) => {
      const route = r!.path!
      const url =
        '/' +
        route
          .split('/')
          .map((part) =>
            part === '*'
              ? `onbekend-${randomBytes(3).toString('hex')}`
              : part.startsWith(':')
                ? values[part.slice(1)]!
                : part,
          )
          .join('/')
      return {
        route,
        url,
        email: route.startsWith('beheer') ? ADMIN : COORDINATOR,
        page: Boolean(r!.module.default),
      }
    })
}

// ---- Sending ---------------------------------------------------------------------------------------

type Body = {
  name: string
  contentType?: string
  /** The whole body at once, or chunked (no Content-Length) in pieces. */
  bytes?: Buffer
  chunked?: Buffer
  /** One byte a second. */
  slow?: string
}

function send(target: Target, body: Body): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      Host: `localhost:${server.port}`,
      Origin: server.origin,
      Cookie: cookies[target.email]!,
      Connection: 'close',
    }
    if (body.contentType) headers['Content-Type'] = body.contentType
    if (body.bytes) headers['Content-Length'] = String(body.bytes.length)
    if (body.slow) headers['Content-Length'] = String(Buffer.byteLength(body.slow))
    if (body.chunked) headers['Transfer-Encoding'] = 'chunked'
    const req = http.request({
      host: '127.0.0.1',
      port: server.port,
      path: target.url,
      method: 'POST',
      headers,
      agent: false,
    })
    let settled = false
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        settled = true
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') })
      })
      res.on('error', (error) => !settled && reject(error))
    })
    req.on('error', (error) => !settled && reject(error))
    const write = async () => {
      if (body.bytes) req.end(body.bytes)
      else if (body.chunked) {
        for (let at = 0; at < body.chunked.length && !req.destroyed; at += 256 * 1024) {
          if (!req.write(body.chunked.subarray(at, at + 256 * 1024))) {
            await new Promise((r) => req.once('drain', r))
          }
        }
        req.end()
      } else if (body.slow) {
        for (const byte of body.slow) {
          if (req.destroyed) return
          req.write(byte)
          await new Promise((r) => setTimeout(r, 1000))
        }
        req.end()
      } else req.end()
    }
    void write()
  })
}

/** The POST forms of the page at `url` (those that post to the page itself), as field lists. */
async function formsOf(target: Target): Promise<[string, string][][]> {
  if (!target.page) return []
  const page = await request(server.port, target.url, {
    headers: { Cookie: cookies[target.email]! },
  })
  if (page.status !== 200) return []
  const forms: [string, string][][] = []
  for (const match of page.body.matchAll(/<form([^>]*)>([\s\S]*?)<\/form>/g)) {
    const [, attributes = '', inner = ''] = match
    if (!/method="post"/i.test(attributes) || /multipart/.test(attributes)) continue
    const action = /action="([^"]*)"/.exec(attributes)?.[1]
    if (action && action !== target.url && !action.startsWith(`${target.url}?`)) continue
    const fields: [string, string][] = []
    for (const input of inner.matchAll(/<(input|textarea|select)\b([^>]*)>/g)) {
      const tag = input[2] ?? ''
      const name = /name="([^"]+)"/.exec(tag)?.[1]
      if (!name || /type="(file|submit|button)"/.test(tag)) continue
      fields.push([name, decode(/value="([^"]*)"/.exec(tag)?.[1] ?? 'Zwin')])
    }
    if (fields.length > 0) forms.push(fields)
  }
  return forms
}

function decode(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

const form = (fields: [string, string][]) => Buffer.from(new URLSearchParams(fields).toString())
const urlencoded = 'application/x-www-form-urlencoded'
const hostileText = 'Overleg\u0000 \u202Eevil.exe\u202C \u200F'

/** The bad bodies for one route; the page's own forms make the NUL/RTL and duplicate cases real. */
async function badBodies(target: Target): Promise<Body[]> {
  const forms = await formsOf(target)
  const generic: [string, string][] = [
    ['intent', 'save'],
    ['title', 'Zwin'],
    ['name', 'Zwin'],
  ]
  const used = forms.length > 0 ? forms : [generic]
  const bodies: Body[] = [
    { name: 'empty body', contentType: urlencoded, bytes: Buffer.alloc(0) },
    {
      name: 'truncated multipart',
      contentType: 'multipart/form-data; boundary=XB',
      bytes: truncatedUpload(),
    },
    {
      name: '5 MB chunked',
      contentType: urlencoded,
      chunked: Buffer.concat([Buffer.from('title='), Buffer.alloc(5 * MiB, 'a')]),
    },
    { name: 'wrong content type', contentType: 'application/xml', bytes: Buffer.from('<a/>') },
    {
      name: '10 MB field',
      contentType: urlencoded,
      bytes: Buffer.concat([Buffer.from('title='), Buffer.alloc(10 * MiB, 'b')]),
    },
    {
      name: 'JSON instead of a form',
      contentType: 'application/json',
      bytes: Buffer.from(JSON.stringify(Object.fromEntries(used[0]!))),
    },
  ]
  used.forEach((fields, index) => {
    const intent = fields.find(([name]) => name === 'intent')?.[1] ?? `form ${index + 1}`
    bodies.push({
      name: `NUL and RTL override (${intent})`,
      contentType: urlencoded,
      bytes: form(
        fields.map(([name, value]) => [
          name,
          /^(intent|confirmed|redirectTo)$/.test(name) ? value : `${value}${hostileText}`,
        ]),
      ),
    })
    bodies.push({
      name: `duplicated parameters (${intent})`,
      contentType: urlencoded,
      bytes: form(
        fields.flatMap(
          ([name, value]) =>
            [
              [name, value],
              [name, `${value} 2`],
            ] as [string, string][],
        ),
      ),
    })
  })
  return bodies
}

/** Signs the persona in again when a body (a sign-out, say) ended their session. */
async function keepSignedIn(email: string) {
  const profile = await request(server.port, '/profiel', { headers: { Cookie: cookies[email]! } })
  if (profile.status !== 200) cookies[email] = await signIn(server, email, DEMO_PASSWORD)
}

async function expectAlive(context: string) {
  expect(server.alive(), `${context}: the server exited\n${server.output()}`).toBe(true)
  expect((await request(server.port, '/healthz')).status, context).toBe(200)
}

// ---- The sweep -------------------------------------------------------------------------------------

describe('the hostile-input sweep over every action and resource route', () => {
  const counts = new Map<string, number>()
  const tally = (status: number) => {
    const key = `${Math.floor(status / 100)}xx ${status}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }

  it('never answers 5xx, keeps serving, and writes nothing for refused input', async () => {
    const all = await targets()
    expect(all.length).toBeGreaterThan(40)
    const problems: string[] = []
    let sent = 0
    for (const target of all) {
      for (const body of await badBodies(target)) {
        await keepSignedIn(target.email)
        const before = fingerprint()
        const answer = await send(target, body)
        sent++
        tally(answer.status)
        const context = `POST ${target.route} with ${body.name}`
        if (answer.status >= 500)
          problems.push(`${context}: ${answer.status} ${answer.body.slice(0, 200)}`)
        await expectAlive(context)
        if (answer.status >= 400) {
          await waitForJobs()
          const changed = changedTables(before, fingerprint())
          if (changed.length > 0) {
            problems.push(
              `${context}: refused (${answer.status}), but ${changed.join(', ')} changed`,
            )
          }
        }
      }
    }
    console.info(
      `Sweep: ${sent} requests to ${all.length} routes; answers: ${[...counts]
        .sort()
        .map(([k, n]) => `${k} ×${n}`)
        .join(', ')}`,
    )
    expect(problems).toEqual([])
  })

  it('a body sent one byte a second, to every route at once, gets an answer below 500', async () => {
    const all = await targets()
    for (const email of [COORDINATOR, ADMIN]) await keepSignedIn(email)
    const answers = await Promise.all(
      all.map(async (target) => ({
        target,
        answer: await send(target, { name: 'slow', contentType: urlencoded, slow: 'a=b' }),
      })),
    )
    const failures = answers.filter(({ answer }) => answer.status >= 500)
    expect(failures.map(({ target, answer }) => `${target.route}: ${answer.status}`)).toEqual([])
    await expectAlive('after the slow bodies')
    console.info(
      `Slow bodies: ${answers.length} routes, one byte a second for 3 s each, all at once`,
    )
  })
})
