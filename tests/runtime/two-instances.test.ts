/**
 * Two Zwin instances on two ports, sharing one PostgreSQL database and one data folder, behind a small
 * round-robin proxy started here (what a hosting party's load balancer does): a session works on both,
 * an upload through one is downloadable and searchable through the other at once, its job runs once,
 * both count sign-in failures together, and a `kill -9` of one during uploads loses no acknowledged
 * upload while the other keeps serving (docs/decisions/0019-postgresql.md).
 *
 *   npm run build && npx vitest run --config tests/setup/vitest.server.config.ts tests/runtime/two-instances.test.ts
 */
import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../prisma/demo-logins'
import { createPostgresDatabase, type PostgresDatabase } from '../setup/postgres-db'
import { freePort } from '../setup/seeded-data-dir'
import {
  documentIdOf,
  postMultipart,
  request,
  runCommand,
  signIn,
  startServer,
  type Answer,
  type RunningServer,
} from '../setup/server-process'

const MEMBER = 'lid.knokke-heist@example.org'

let database: PostgresDatabase | undefined
let sql: pg.Client | undefined
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwin-two-instances-'))
const instances: RunningServer[] = []
let proxy: ReturnType<typeof roundRobin> | undefined
/** The proxy as the test's HTTP helpers see a server: one address for both instances. */
let front: RunningServer
let cookie = ''

/**
 * Sends each request to the next instance in turn, as a load balancer does, and says which one
 * answered (`x-zwin-instance`). An instance whose process is gone is skipped, as a load balancer's
 * health check takes it out.
 */
function roundRobin(port: number, backends: () => RunningServer[]) {
  let next = 0
  const server = http.createServer((req, res) => {
    const alive = backends().filter((b) => b.alive())
    const backend = alive[next++ % alive.length]
    if (!backend) return void res.writeHead(503).end()
    const name = String(backends().indexOf(backend))
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: backend.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
        agent: false,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-zwin-instance': name })
        answer.pipe(res)
        answer.on('error', () => res.destroy())
      },
    )
    upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()))
    req.on('error', () => upstream.destroy())
    req.pipe(upstream)
  })
  return {
    listen: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

beforeAll(async () => {
  database = await createPostgresDatabase()
  sql = new pg.Client({ connectionString: database.url })
  await sql.connect()
  const env = { DATABASE_URL: database.url, ZWIN_DATA_DIR: dataDir, ZWIN_DEMO_DATA: 'true' }
  for (const step of ['migrate', 'seed'] as const) {
    const done = await runCommand(step, env)
    expect(done.code, done.output).toBe(0)
  }
  const port = await freePort()
  const origin = `http://localhost:${port}`
  proxy = roundRobin(port, () => instances)
  await proxy.listen()
  // Both are told the address users reach them at: the proxy's.
  for (let i = 0; i < 2; i++) {
    instances.push(
      await startServer(dataDir, { env: { DATABASE_URL: database.url, PUBLIC_ORIGIN: origin } }),
    )
  }
  front = { ...instances[0]!, port, origin }
  cookie = await signIn(front, MEMBER, DEMO_PASSWORD)
}, 180_000)

afterAll(async () => {
  await Promise.all(instances.map((i) => i.stop().catch(() => i.kill())))
  await proxy?.close()
  await sql?.end()
  await database?.drop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const get = (target: string, port = front.port) => request(port, target, { headers: { cookie } })
const instanceOf = (answer: Answer) => answer.headers['x-zwin-instance']

function upload(title: string, content: Buffer, pauseMs = 0) {
  return postMultipart(front, '/netwerken/gos/documenten/nieuw.json', cookie, {
    fields: { title, type: 'overig', language: 'nl', audience: 'network' },
    file: { name: `${title}.txt`, content, mediaType: 'text/plain' },
    chunkBytes: 32 * 1024,
    pauseMs,
  })
}

async function versionOf(documentId: string) {
  const { rows } = await sql!.query<{ id: string; sha256: string; size: number }>(
    'SELECT id, sha256, size FROM "DocumentVersion" WHERE "documentId" = $1',
    [documentId],
  )
  expect(rows).toHaveLength(1)
  return rows[0]!
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

describe('two instances behind one address', () => {
  it('keeps a session made on one instance on the other', async () => {
    const answers = await Promise.all([1, 2, 3, 4].map(() => get('/netwerken/gos/documenten')))
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200])
    expect(new Set(answers.map(instanceOf))).toEqual(new Set(['0', '1']))
    for (const answer of answers) expect(answer.body).toContain('Knokke-Heist')
  })

  it('serves an upload through either instance at once, finds it on both, and runs its job once', async () => {
    const word = `grensbrugproef${randomUUID().slice(0, 8)}`
    const contents = Array.from({ length: 6 }, (_, i) =>
      Buffer.from(`Verslag ${i} van de ${word} in het Zwin\n`.repeat(200)),
    )
    const answers = await Promise.all(contents.map((c, i) => upload(`Brugproef ${i}`, c)))
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200))
    expect(new Set(answers.map(instanceOf))).toEqual(new Set(['0', '1']))

    for (const [i, answer] of answers.entries()) {
      const id = documentIdOf(answer)
      const version = await versionOf(id)
      // Downloaded from each instance directly, whichever received it.
      for (const instance of instances) {
        const download = await get(
          `/netwerken/gos/documenten/${id}/versies/${version.id}/download`,
          instance.port,
        )
        expect(download.status).toBe(200)
        expect(sha256(download.bytes)).toBe(sha256(contents[i]!))
      }
    }
    // Found by its title on both at once, and by the words inside once its text is extracted.
    for (const instance of instances) {
      const byTitle = await get('/netwerken/gos/documenten?q=Brugproef', instance.port)
      expect(byTitle.body).toContain('Brugproef 5')
    }
    for (const instance of instances) {
      await expect
        .poll(async () => (await get(`/netwerken/gos/documenten?q=${word}`, instance.port)).body, {
          timeout: 60_000,
          interval: 500,
        })
        .toContain('Brugproef 3')
    }
    // Each version's extraction ran once, on one of the two (claimed with SKIP LOCKED).
    const jobsOf = async () =>
      (
        await sql!.query<{ status: string; attempts: number }>(
          `SELECT status, attempts FROM "Job"
           WHERE kind = 'extract_text' AND payload::jsonb ->> 'versionId' IN (
             SELECT id FROM "DocumentVersion" WHERE "documentId" = ANY($1))`,
          [answers.map(documentIdOf)],
        )
      ).rows
    await expect
      .poll(async () => (await jobsOf()).map((job) => job.status), { timeout: 60_000 })
      .toEqual(answers.map(() => 'done'))
    expect((await jobsOf()).map((job) => job.attempts)).toEqual(answers.map(() => 1))
  }, 120_000)

  it('counts sign-in failures of both instances together', async () => {
    const attempt = () =>
      request(front.port, '/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: front.origin },
        body: new URLSearchParams({
          email: 'lid.damme@example.org',
          password: 'niet-het-wachtwoord',
          redirectTo: '/',
        }).toString(),
      })
    const failures: Answer[] = []
    for (let i = 0; i < 5; i++) failures.push(await attempt())
    expect(failures.map((a) => a.status)).toEqual([400, 400, 400, 400, 400])
    expect(new Set(failures.map(instanceOf))).toEqual(new Set(['0', '1']))
    // The sixth is refused, on whichever instance it lands, and so is the right password now.
    const sixth = await attempt()
    expect(sixth.status).toBe(429)
    const next = await request(front.port, '/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: front.origin },
      body: new URLSearchParams({
        email: 'lid.damme@example.org',
        password: DEMO_PASSWORD,
        redirectTo: '/',
      }).toString(),
    })
    expect(next.status).toBe(429)
    expect(instanceOf(next)).not.toBe(instanceOf(sixth))
  })

  it('loses no acknowledged upload when one instance is killed during uploads, and the other keeps serving', async () => {
    const contents = Array.from({ length: 8 }, (_, i) => {
      const content = Buffer.alloc(1024 * 1024, `schor slik kreek ${i}\n`)
      content.write(`Zwin kill ${randomUUID()}\n`, 0)
      return content
    })
    const settled = Promise.all(
      contents.map((content, i) =>
        upload(`Afgebroken ${i}`, content, 60).then(
          (answer) => answer,
          (error: Error) => error,
        ),
      ),
    )
    await new Promise((r) => setTimeout(r, 1000))
    const [killed, survivor] = instances as [RunningServer, RunningServer]
    await killed.kill()
    const answers = await settled

    const acknowledged = answers.flatMap((answer, i) =>
      answer instanceof Error || answer.status !== 200 ? [] : [{ answer, content: contents[i]! }],
    )
    // Those on the surviving instance were answered; those cut off with the other were not.
    expect(acknowledged.length).toBeGreaterThan(0)
    expect(acknowledged.length).toBeLessThan(contents.length)
    for (const { answer, content } of acknowledged) {
      expect(instanceOf(answer)).toBe('1')
      const version = await versionOf(documentIdOf(answer))
      expect(version).toMatchObject({ sha256: sha256(content), size: content.length })
      const stored = fs.readFileSync(
        path.join(dataDir, 'files', version.sha256.slice(0, 2), version.sha256),
      )
      expect(sha256(stored)).toBe(version.sha256)
    }
    // The other serves on, through the proxy and directly.
    const page = await get('/netwerken/gos/documenten')
    expect(page.status).toBe(200)
    expect(instanceOf(page)).toBe('1')
    expect((await request(survivor.port, '/readyz')).status).toBe(200)
  }, 120_000)
})
