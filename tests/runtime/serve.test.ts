/**
 * `npm run serve`, the production start (build/runtime/server.js): it holds one database connection, it
 * will not serve the demo people's published password in production unless told that is intended, and
 * SIGTERM stops it without losing an upload it acknowledged.
 *
 *   npm run build && npx vitest run --config tests/setup/vitest.server.config.ts tests/runtime
 */
import { spawn } from 'node:child_process'
import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../prisma/demo-logins'
import { freePort } from '../setup/seeded-data-dir'
import {
  documentIdOf,
  postMultipart,
  prepareDataDir,
  request,
  root,
  signIn,
  startServer,
  type RunningServer,
} from '../setup/server-process'

const MEMBER = 'lid.knokke-heist@example.org'
const servers: RunningServer[] = []
const dataDirs: string[] = []

async function freshDataDir() {
  const dataDir = await prepareDataDir()
  dataDirs.push(dataDir)
  return dataDir
}

afterAll(async () => {
  for (const server of servers) await server.kill()
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true })
})

/** Runs the production server without the test harness's ZWIN_DEMO_DATA=true; resolves on its exit. */
async function serveInProduction(dataDir: string, demoData?: string) {
  const port = await freePort()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    ZWIN_DATA_DIR: dataDir,
    PORT: String(port),
  }
  delete env.VITEST
  delete env.ZWIN_DEMO_DATA
  if (demoData !== undefined) env.ZWIN_DEMO_DATA = demoData
  const child = spawn(process.execPath, ['build/runtime/server.js'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let printed = ''
  child.stdout.on('data', (c: Buffer) => (printed += c.toString()))
  child.stderr.on('data', (c: Buffer) => (printed += c.toString()))
  // Either it stops by itself, or it answers /healthz (and is then stopped here).
  const outcome = await new Promise<'exited' | 'serving'>((resolve) => {
    child.once('exit', () => resolve('exited'))
    const poll = setInterval(() => {
      request(port, '/healthz').then(
        (answer) => {
          if (answer.status !== 200) return
          clearInterval(poll)
          resolve('serving')
        },
        () => undefined,
      )
    }, 100)
    child.once('exit', () => clearInterval(poll))
  })
  if (outcome === 'serving') {
    child.kill('SIGTERM')
    await new Promise((resolve) => child.once('exit', resolve))
  }
  return { outcome, code: child.exitCode, printed }
}

function openDatabase(dataDir: string) {
  return new Database(path.join(dataDir, 'zwin.sqlite'), { fileMustExist: true })
}

describe('npm run serve', () => {
  it('refuses to start in production while demo accounts with the published password exist', async () => {
    const dataDir = await freshDataDir()

    const refused = await serveInProduction(dataDir)
    expect(refused.outcome).toBe('exited')
    expect(refused.code).not.toBe(0)
    expect(refused.printed).toContain('ZWIN_DEMO_DATA=true')
    expect(refused.printed).not.toContain('Zwin is running')

    // Said to be intended: it serves the demo.
    expect((await serveInProduction(dataDir, 'true')).outcome).toBe('serving')

    // Once the demo people are disabled, a real installation starts without the flag.
    const db = openDatabase(dataDir)
    db.prepare(
      "UPDATE User SET disabledAt = datetime('now') WHERE email LIKE '%@example.org'",
    ).run()
    db.close()
    expect((await serveInProduction(dataDir)).outcome).toBe('serving')
  })

  it('holds one connection to the database file, whatever it has served', async () => {
    const dataDir = await freshDataDir()
    const server = await startServer(dataDir)
    servers.push(server)
    const cookie = await signIn(server, MEMBER, DEMO_PASSWORD)
    for (const page of ['/', '/netwerken/gos/documenten', '/netwerken/gos/vergaderingen']) {
      expect((await request(server.port, page, { headers: { Cookie: cookie } })).status).toBe(200)
    }
    const database = path.join(dataDir, 'zwin.sqlite')
    const handles = fs
      .readdirSync(`/proc/${server.pid}/fd`)
      .map((fd) => {
        try {
          return fs.readlinkSync(`/proc/${server.pid}/fd/${fd}`)
        } catch {
          return '' // closed meanwhile
        }
      })
      .filter((target) => target === database)
    expect(handles).toHaveLength(1)
  })

  it('finishes the uploads under way on SIGTERM, and every acknowledged one is intact', async () => {
    const dataDir = await freshDataDir()
    const server = await startServer(dataDir)
    servers.push(server)
    const cookie = await signIn(server, MEMBER, DEMO_PASSWORD)

    // Eight text files of 1 MB, each taking about two seconds to arrive; SIGTERM comes in between.
    const files = Array.from({ length: 8 }, (_, i) => {
      const content = Buffer.alloc(1024 * 1024, `polder dijk haven kreek ${i}\n`)
      content.write(`Zwin shutdown ${randomUUID()}\n`, 0)
      return content
    })
    let stopAt = Infinity
    const answers = files.map((content, i) =>
      postMultipart(server, '/netwerken/gos/documenten/nieuw.json', cookie, {
        fields: { title: `Shutdown ${i}`, type: 'overig', language: 'nl', audience: 'network' },
        file: { name: `stuk-${i}.txt`, content, mediaType: 'text/plain' },
        chunkBytes: 32 * 1024,
        pauseMs: 60,
      }).then(
        (answer) => ({ answer, after: Date.now() > stopAt }),
        (error: Error) => ({ answer: error, after: Date.now() > stopAt }),
      ),
    )
    await new Promise((r) => setTimeout(r, 1000))
    stopAt = Date.now()
    const stopped = server.stop()
    await new Promise((r) => setTimeout(r, 200))
    // It takes no new connection once told to stop.
    await expect(request(server.port, '/healthz')).rejects.toThrow()
    await stopped
    expect(server.exitCode()).toBe(0)

    const settled = await Promise.all(answers)
    const acknowledged = settled.flatMap(({ answer }, i) =>
      answer instanceof Error ? [] : [{ answer, content: files[i]! }],
    )
    // Uploads still arriving when SIGTERM came were read to their end and answered. (A connection
    // the server had not yet accepted from the kernel's queue is refused with the listener: its
    // client sees a reset, and no upload was acknowledged.)
    expect(acknowledged.map(({ answer }) => answer.status)).toEqual(acknowledged.map(() => 200))
    expect(
      settled.filter(({ answer, after }) => after && !(answer instanceof Error)).length,
    ).toBeGreaterThan(0)

    const db = openDatabase(dataDir)
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    // The job worker stopped between jobs: none is left half-run.
    expect(db.prepare("SELECT count(*) AS n FROM Job WHERE status = 'running'").get()).toEqual({
      n: 0,
    })
    for (const { answer, content } of acknowledged) {
      const id = documentIdOf(answer)
      const sha256 = createHash('sha256').update(content).digest('hex')
      const version = db
        .prepare('SELECT sha256, size FROM DocumentVersion WHERE documentId = ?')
        .get(id) as { sha256: string; size: number } | undefined
      expect(version).toEqual({ sha256, size: content.length })
      const stored = fs.readFileSync(path.join(dataDir, 'files', sha256.slice(0, 2), sha256))
      expect(createHash('sha256').update(stored).digest('hex')).toBe(sha256)
    }
    db.close()
  })
})
