/*
 * Metrics, readiness and request logs on the real production build (README, "Metrics and health"):
 * /metrics answers only with METRICS_TOKEN as bearer, in Prometheus text, with the request histogram
 * by route id and status class, the process series, and the app's own counters (an upload counted by
 * app/modules/documents/submit.server.ts shows up here, so the app and the server share one registry);
 * /readyz says 503 when a migration is missing; with METRICS_PORT, /metrics is only on that port.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../prisma/demo-logins'
import { freePort } from '../setup/seeded-data-dir'
import {
  postMultipart,
  prepareDataDir,
  request,
  root,
  signIn,
  startServer,
  type RunningServer,
} from '../setup/server-process'

const TOKEN = 'metrics-test-token-0123456789'

/** The Prometheus text as `series{labels}` → value (comments left out). */
function parseMetrics(text: string): Map<string, number> {
  const series = new Map<string, number>()
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue
    const at = line.lastIndexOf(' ')
    series.set(line.slice(0, at), Number(line.slice(at + 1)))
  }
  return series
}

function valueOf(series: Map<string, number>, name: string): number {
  return series.get(name) ?? 0
}

let dataDir: string
let backupDir: string
let server: RunningServer

beforeAll(async () => {
  dataDir = await prepareDataDir()
  // One snapshot made before the start, by the command an operator runs (the schedule's first backup
  // would come only a minute after the start).
  backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwin-metrics-backups-'))
  execFileSync(process.execPath, ['build/runtime/backup.js', '--to', backupDir], {
    cwd: root,
    env: { ...process.env, ZWIN_DATA_DIR: dataDir },
    stdio: 'ignore',
  })
  server = await startServer(dataDir, { env: { METRICS_TOKEN: TOKEN, BACKUP_DIR: backupDir } })
})

afterAll(async () => {
  await server?.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
  fs.rmSync(backupDir, { recursive: true, force: true })
})

const scrape = async () => {
  const answer = await request(server.port, '/metrics', {
    headers: { Authorization: `Bearer ${TOKEN}` },
  })
  expect(answer.status).toBe(200)
  expect(answer.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/)
  return parseMetrics(answer.body)
}

describe('/metrics with METRICS_TOKEN', () => {
  it('is refused without the bearer token, or with another one', async () => {
    expect((await request(server.port, '/metrics')).status).toBe(401)
    const wrong = await request(server.port, '/metrics', {
      headers: { Authorization: `Bearer ${TOKEN}x` },
    })
    expect(wrong.status).toBe(401)
    expect(wrong.body).not.toContain('zwin_')
  })

  it('counts requests by route id and status class, and an upload by its bytes', async () => {
    const before = await scrape()
    const cookie = await signIn(server, 'coordinator.gos@example.org', DEMO_PASSWORD)
    const page = await request(server.port, '/', { headers: { Cookie: cookie } })
    expect(page.status).toBe(200)
    expect((await request(server.port, '/bestaat-niet')).status).toBe(404)
    const content = Buffer.from('Metrics test upload\n'.repeat(500))
    const upload = await postMultipart(server, '/netwerken/gos/documenten/nieuw.json', cookie, {
      fields: { title: 'Metrics upload', type: 'overig', language: 'nl', audience: 'network' },
      file: { name: 'metrics.txt', content, mediaType: 'text/plain' },
      chunkBytes: 64 * 1024,
      pauseMs: 0,
    })
    expect(upload.status, upload.body.slice(0, 200)).toBe(200)

    const after = await scrape()
    const count = (route: string, method: string, statusClass: string) =>
      valueOf(
        after,
        `zwin_http_request_duration_seconds_count{route="${route}",method="${method}",status_class="${statusClass}"}`,
      )
    expect(count('routes/dashboard', 'GET', '2xx')).toBeGreaterThanOrEqual(1)
    expect(count('routes/not-found', 'GET', '4xx')).toBeGreaterThanOrEqual(1)
    expect(count('routes/login', 'POST', '3xx')).toBeGreaterThanOrEqual(1)
    expect(count('routes/documents/new-json', 'POST', '2xx')).toBe(1)
    // Only route ids and fixed words: no raw path became a label.
    const routes = [...after.keys()]
      .map((k) => /route="([^"]*)"/.exec(k)?.[1])
      .filter((r): r is string => Boolean(r))
    expect(routes.filter((r) => r.startsWith('/'))).toEqual([])

    expect(valueOf(after, 'zwin_uploads_total{outcome="stored"}')).toBe(
      valueOf(before, 'zwin_uploads_total{outcome="stored"}') + 1,
    )
    expect(valueOf(after, 'zwin_upload_bytes_total')).toBe(
      valueOf(before, 'zwin_upload_bytes_total') + content.length,
    )
    expect(valueOf(after, 'zwin_file_store_bytes')).toBeGreaterThanOrEqual(content.length)
    expect(valueOf(after, 'zwin_database_bytes{file="main"}')).toBeGreaterThan(0)
    // The newest complete snapshot in BACKUP_DIR, made before the start: within the last ten minutes.
    const backedUpAt = valueOf(after, 'zwin_backup_last_complete_timestamp_seconds')
    expect(Date.now() / 1000 - backedUpAt).toBeLessThan(600)
    expect(Date.now() / 1000 - backedUpAt).toBeGreaterThanOrEqual(-1)
    // The upload queued text extraction for the new file.
    expect([...after.keys()].some((k) => k.startsWith('zwin_jobs'))).toBe(true)
    for (const name of [
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
      'nodejs_eventloop_lag_p99_seconds',
    ]) {
      expect(after.get(name), name).toBeGreaterThan(0)
    }
  })

  it('logs one JSON line per request with its id, route, status and the user and organisation ids', async () => {
    const cookie = await signIn(server, 'lid.sluis@example.org', DEMO_PASSWORD)
    const answer = await request(server.port, '/profiel?tab=x', { headers: { Cookie: cookie } })
    expect(answer.status).toBe(200)
    const reqId = answer.headers['x-request-id'] as string
    expect(reqId).toMatch(/^[0-9a-f-]{36}$/)
    let line: Record<string, unknown> | undefined
    for (let i = 0; i < 50 && !line; i++) {
      line = server
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l.reqId === reqId && l.msg === 'request')
      if (!line) await new Promise((r) => setTimeout(r, 100))
    }
    expect(line).toMatchObject({
      method: 'GET',
      route: 'routes/profile',
      path: '/profiel',
      status: 200,
      userId: expect.any(String),
      organisationId: expect.any(String),
    })
    expect(line!.ms).toBeGreaterThan(0)
    expect(server.output()).not.toContain(DEMO_PASSWORD)
    expect(server.output()).not.toContain('@example.org')
  })
})

describe('/readyz', () => {
  it('is 200 when ready, and 503 naming the check while a migration is missing', async () => {
    const ready = await request(server.port, '/readyz')
    expect(ready.status).toBe(200)
    expect(JSON.parse(ready.body)).toEqual({ status: 'ready' })

    const db = new Database(path.join(dataDir, 'zwin.sqlite'), { timeout: 5_000 })
    try {
      const last = db
        .prepare('SELECT * FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1')
        .get() as Record<string, unknown>
      db.prepare('DELETE FROM "_prisma_migrations" WHERE id = ?').run(last.id)
      const missing = await request(server.port, '/readyz')
      expect(missing.status).toBe(503)
      expect(JSON.parse(missing.body)).toEqual({ status: 'unavailable', failed: ['migrations'] })
      // Liveness is another question: the process still answers.
      expect((await request(server.port, '/healthz')).status).toBe(200)
      const columns = Object.keys(last)
      db.prepare(
        `INSERT INTO "_prisma_migrations" (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      ).run(...columns.map((c) => last[c]))
    } finally {
      db.close()
    }
    expect((await request(server.port, '/readyz')).status).toBe(200)
  })
})

describe('/metrics with METRICS_PORT', () => {
  it('is served on its own port only', async () => {
    const metricsPort = await freePort()
    const other = await startServer(dataDir, { env: { METRICS_PORT: String(metricsPort) } })
    try {
      expect((await request(other.port, '/metrics')).status).toBe(404)
      const answer = await request(metricsPort, '/metrics')
      expect(answer.status).toBe(200)
      expect(parseMetrics(answer.body).get('process_resident_memory_bytes')).toBeGreaterThan(0)
      expect((await request(metricsPort, '/')).status).toBe(404)
    } finally {
      await other.stop()
    }
  })
})
