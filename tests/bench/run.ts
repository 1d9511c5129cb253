/**
 * The programme overview bench of issue 5 (not a timed test): builds the bench data (generate.ts), starts
 * the production build (scripts/server.ts) on a free port against it, signs in as a member of the bench
 * network, and times the programme overview and the dashboard over HTTP — sequential requests on one
 * kept-alive connection, gzip accepted as a browser does, the server's time as the client sees it on
 * localhost. The budget is a median
 * under 100 ms for the programme overview; the dashboard, measured in the same run, gives the ratio.
 *
 *   npm run build && npm run bench
 *
 * BENCH_WARMUP and BENCH_RUNS change the number of requests (default 10 and 50 per page).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEMO_PASSWORD } from '../../prisma/demo-logins'
import { BENCH_NETWORK, generateBenchData } from './generate'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const MEMBER = 'lid.terneuzen@example.org' // Terneuzen is a member of the bench network; no role
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10)
const RUNS = Number(process.env.BENCH_RUNS ?? 50)
const BUDGET_MS = 100

const pages = [
  { name: 'programme overview', path: `/netwerken/${BENCH_NETWORK}/programma` },
  { name: 'dashboard', path: '/' },
] as const

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      )
    })
  })
}

// One socket for every request, kept alive: sequential requests never pay for a new connection.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string }

function request(
  port: number,
  target: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: target,
        method: options.method ?? 'GET',
        // The Host the browser would send: Remix compares it with the Origin of a POST.
        headers: { Host: `localhost:${port}`, 'Accept-Language': 'nl-NL', ...options.headers },
        agent,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

async function waitForServer(port: number, server: ChildProcess) {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (server.exitCode !== null)
      throw new Error(`The server stopped (exit code ${server.exitCode})`)
    try {
      if ((await request(port, '/healthz')).status === 200) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error('The server did not answer /healthz within 60 s')
}

async function signIn(port: number): Promise<string> {
  const origin = `http://localhost:${port}`
  const answer = await request(port, '/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
    body: new URLSearchParams({
      email: MEMBER,
      password: DEMO_PASSWORD,
      redirectTo: '/',
    }).toString(),
  })
  const cookie = [answer.headers['set-cookie'] ?? []]
    .flat()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('zwin_session=') && c !== 'zwin_session=')
  if (answer.status !== 302 || !cookie) {
    throw new Error(`Signing in as ${MEMBER} failed: ${answer.status} ${answer.body.slice(0, 200)}`)
  }
  return cookie
}

function percentile(sorted: number[], p: number): number {
  // Nearest rank: the smallest value with at least p % of the values at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[rank - 1]!
}

const ms = (n: number) => n.toFixed(1).padStart(8)

async function main() {
  if (!fs.existsSync(path.join(root, 'build', 'server', 'index.js'))) {
    throw new Error('The app is not built: run `npm run build` first.')
  }
  console.info('Generating the bench data…')
  const summary = await generateBenchData()
  console.info(
    `  ${summary.projects} projects, ${summary.goals} goals, ${summary.measurements} measurements, ` +
      `${summary.milestones} milestones, ${summary.budgetLines} budget lines; ` +
      `${summary.members} member organisations (${summary.seconds} s)`,
  )

  const port = await freePort()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    ZWIN_DATA_DIR: summary.dataDir,
    PORT: String(port),
    PUBLIC_ORIGIN: `http://localhost:${port}`,
  }
  // Mail (none is sent here) stays in the data folder.
  delete env.SMTP_URL
  const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/server.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  try {
    await waitForServer(port, server)
    const cookie = await signIn(port)
    const get = (target: string) => request(port, target, { headers: { Cookie: cookie } })
    // As a browser asks for it: the server's gzip is part of the time a user waits for.
    const getCompressed = (target: string) =>
      request(port, target, { headers: { Cookie: cookie, 'Accept-Encoding': 'gzip' } })

    for (const page of pages) {
      const answer = await get(page.path)
      if (answer.status !== 200) throw new Error(`${page.path} answered ${answer.status}`)
    }
    const programme = await get(pages[0].path)
    const goalLinks = programme.body.match(new RegExp(`/netwerken/${BENCH_NETWORK}/doelen/`, 'g'))
    console.info(
      `  the programme overview is ${Math.round(programme.body.length / 1024)} kB of HTML with ` +
        `${goalLinks?.length ?? 0} goal links`,
    )

    console.info(`Timing ${WARMUP} warm-up and ${RUNS} measured requests per page, taking turns…`)
    for (let i = 0; i < WARMUP; i++) for (const page of pages) await getCompressed(page.path)
    const times = new Map<string, number[]>(pages.map((p) => [p.name, []]))
    for (let i = 0; i < RUNS; i++) {
      for (const page of pages) {
        const started = performance.now()
        const answer = await getCompressed(page.path)
        const elapsed = performance.now() - started
        if (answer.status !== 200) throw new Error(`${page.path} answered ${answer.status}`)
        times.get(page.name)!.push(elapsed)
      }
    }

    const rows = pages.map((page) => {
      const sorted = [...times.get(page.name)!].sort((a, b) => a - b)
      return {
        page: page.name,
        median: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        min: sorted[0]!,
        max: sorted.at(-1)!,
      }
    })
    console.info('')
    console.info(`${'page'.padEnd(20)}  median ms    p95 ms    min ms    max ms`)
    for (const r of rows) {
      console.info(`${r.page.padEnd(20)} ${ms(r.median)}  ${ms(r.p95)}  ${ms(r.min)}  ${ms(r.max)}`)
    }
    const [overview, dashboard] = rows as [(typeof rows)[number], (typeof rows)[number]]
    console.info('')
    console.info(
      `ratio programme overview / dashboard (median): ${(overview.median / dashboard.median).toFixed(1)}×`,
    )
    const within = overview.median < BUDGET_MS
    console.info(
      `budget: median under ${BUDGET_MS} ms for the programme overview — ${within ? 'met' : 'MISSED'} ` +
        `(${overview.median.toFixed(1)} ms)`,
    )
  } finally {
    agent.destroy()
    server.kill('SIGTERM')
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
