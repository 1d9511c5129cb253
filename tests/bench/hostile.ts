/**
 * The hostile-input bench of issue 10 (not a timed test; docs/security.md, "Hostile transport"), on the
 * production build with the demo data:
 *
 * 1. a 100 MB chunked POST to /login, five times: the answer, how much the client could hand to its
 *    socket before the 413 came (an upper bound of what the server read: the kernels' socket buffers
 *    hold a few MB of it), and the server's RSS before, at its sampled peak and after;
 * 2. ten truncated multipart uploads at once, three rounds: their answers, and /healthz right after;
 * 3. the supervisor (`npm start`): kill -9 of the server process, five times, and the time until
 *    /healthz answers again.
 *
 *   npm run build && npm run bench   (or: node --import tsx tests/bench/hostile.ts)
 */
import fs from 'node:fs'
import http from 'node:http'
import { DEMO_PASSWORD } from '../../prisma/demo-logins'
import {
  prepareDataDir,
  request,
  signIn,
  startServer,
  type RunningServer,
} from '../setup/server-process'
import { postTruncatedUpload } from '../setup/hostile-bodies'
import { ms, requireBuild, summarise } from './server'

const MiB = 1024 * 1024
const mb = (bytes: number) => `${(bytes / MiB).toFixed(1)} MB`

/** The resident memory of a process, from the kernel. */
function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
  return Number(match?.[1] ?? 0) * 1024
}

/** Streams `total` bytes chunked to /login until the server answers; what came back and when. */
function chunkedFlood(server: RunningServer, total: number) {
  return new Promise<{ status: number; written: number }>((resolve, reject) => {
    let written = 0
    let done = false
    const req = http.request({
      host: '127.0.0.1',
      port: server.port,
      path: '/login',
      method: 'POST',
      agent: false,
      headers: {
        Host: `localhost:${server.port}`,
        Origin: server.origin,
        'Content-Type': 'application/x-www-form-urlencoded',
        'Transfer-Encoding': 'chunked',
      },
    })
    req.on('response', (res) => {
      res.resume()
      res.on('end', () => {
        done = true
        req.destroy()
        resolve({ status: res.statusCode ?? 0, written })
      })
    })
    req.on('error', (error) => !done && reject(error))
    const chunk = Buffer.alloc(64 * 1024, 'a')
    const pump = () => {
      while (!done && written < total) {
        written += chunk.length
        if (!req.write(chunk)) return void req.once('drain', pump)
      }
      if (!done) req.end()
    }
    pump()
  })
}

async function floods(server: RunningServer) {
  console.info('1. A 100 MB chunked POST to /login, without signing in (5 times)')
  const rows: { status: number; written: number; before: number; peak: number; after: number }[] =
    []
  for (let run = 0; run < 5; run++) {
    const before = rssOf(server.pid)
    let peak = before
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(server.pid))), 10)
    const { status, written } = await chunkedFlood(server, 100 * MiB)
    await new Promise((r) => setTimeout(r, 200))
    clearInterval(sampler)
    rows.push({ status, written, before, peak, after: rssOf(server.pid) })
  }
  for (const r of rows) {
    console.info(
      `   ${r.status}; handed to the socket before the answer: ${mb(r.written)}; server RSS ` +
        `${mb(r.before)} → peak ${mb(r.peak)} (+${mb(r.peak - r.before)}) → ${mb(r.after)}`,
    )
  }
  const growth = summarise(rows.map((r) => r.peak - r.before))
  const written = summarise(rows.map((r) => r.written))
  console.info(
    `   median: handed over ${mb(written.median)}, RSS growth ${mb(growth.median)} ` +
      `(max ${mb(growth.max)}); budget: growth < 32 MB — ` +
      `${growth.max < 32 * MiB && rows.every((r) => r.status === 413) ? 'met' : 'MISSED'}`,
  )
}

async function truncatedUploads(server: RunningServer) {
  console.info('2. Ten truncated multipart uploads at once (3 rounds)')
  const cookie = await signIn(server, 'lid.knokke-heist@example.org', DEMO_PASSWORD)
  const health: number[] = []
  for (let round = 0; round < 3; round++) {
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => postTruncatedUpload(server, cookie)),
    )
    const started = performance.now()
    const healthz = await request(server.port, '/healthz')
    health.push(performance.now() - started)
    console.info(
      `   round ${round + 1}: answers ${answers.map((a) => a.status).join(' ')}; then /healthz ` +
        `${healthz.status} in ${(performance.now() - started).toFixed(1)} ms; server alive: ${server.alive()}`,
    )
  }
}

async function restarts(dataDir: string) {
  console.info('3. kill -9 of the server under the supervisor (5 times)')
  const supervised = await startServer(dataDir, { supervised: true })
  const pids = () =>
    [...supervised.output().matchAll(/server process (\d+) started/g)].map((m) => Number(m[1]))
  const times: number[] = []
  try {
    for (let run = 0; run < 5; run++) {
      const current = pids().at(-1)!
      const started = performance.now()
      process.kill(current, 'SIGKILL')
      for (;;) {
        await new Promise((r) => setTimeout(r, 20))
        if (pids().at(-1) === current) continue
        const ok = await request(supervised.port, '/healthz').then(
          (a) => a.status === 200,
          () => false,
        )
        if (ok) break
      }
      times.push(performance.now() - started)
      // Longer than STABLE_AFTER_MS would be needed for the quickest restart every time; the pause
      // after a second failure within a minute doubles, which this measures as well.
    }
  } finally {
    await supervised.stop()
  }
  const s = summarise(times)
  console.info(`   back after (ms): ${times.map((t) => t.toFixed(0)).join(', ')}`)
  console.info(`   median ${ms(s.median).trim()} ms, first ${times[0]!.toFixed(0)} ms`)
}

async function main() {
  requireBuild()
  console.info('Preparing a data folder with the demo data…')
  const dataDir = await prepareDataDir()
  const server = await startServer(dataDir)
  try {
    await floods(server)
    await truncatedUploads(server)
  } finally {
    await server.stop()
  }
  await restarts(dataDir)
  fs.rmSync(dataDir, { recursive: true, force: true })
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
