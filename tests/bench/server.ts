/**
 * What the benches share: the production server (build/runtime/server.js) started on a free port against a
 * bench data folder, plain HTTP requests to it on one kept-alive connection, signing in, percentiles.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import readline from 'node:readline'
import { fileURLToPath } from 'node:url'
import { DEMO_PASSWORD } from '../../prisma/demo-logins'
import { freePort } from '../setup/seeded-data-dir'
import { secondStepIfAsked } from '../setup/server-process'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export function requireBuild() {
  if (!fs.existsSync(path.join(root, 'build', 'runtime', 'server.js'))) {
    throw new Error('The app is not built: run `npm run build` first.')
  }
}

// One socket for every request, kept alive: sequential requests never pay for a new connection.
export const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })

export type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string }

export function request(
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

export type BenchServer = { port: number; process: ChildProcess; stop: () => Promise<void> }

/**
 * The production build on a free port, serving `dataDir`; resolves once /healthz answers. `imports`
 * are modules loaded into the server process before it starts (a bench's own measuring code).
 * `onLogLine` receives each line of the server's log (JSON, one per request among others); without
 * it the log is not read.
 */
export async function startServer(
  dataDir: string,
  extraEnv: Record<string, string> = {},
  imports: string[] = [],
  onLogLine?: (line: string) => void,
): Promise<BenchServer> {
  const port = await freePort()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    ZWIN_DATA_DIR: dataDir,
    PORT: String(port),
    PUBLIC_ORIGIN: `http://localhost:${port}`,
    // The benches sign in as demo people on purpose (npm run serve refuses them otherwise).
    ZWIN_DEMO_DATA: 'true',
    ...extraEnv,
  }
  // Mail (none is sent here) stays in the data folder.
  delete env.SMTP_URL
  // node itself, not a wrapper: the child's pid is the server's, for its memory figures.
  // A preloaded module of the bench's own is TypeScript: only then does tsx load it.
  const preload = imports.length
    ? ['--import', 'tsx', ...imports.flatMap((module) => ['--import', `./${module}`])]
    : []
  // BENCH_SERVER_NODE_FLAGS (for example "--max-old-space-size=192") reach Zwin's server only, not the
  // ceilings, so the same run compares heap settings fairly.
  const nodeFlags = (process.env.BENCH_SERVER_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean)
  const server = spawn(process.execPath, [...preload, ...nodeFlags, 'build/runtime/server.js'], {
    cwd: root,
    env,
    stdio: ['ignore', onLogLine ? 'pipe' : 'ignore', 'inherit'],
  })
  if (onLogLine && server.stdout) {
    readline.createInterface({ input: server.stdout }).on('line', onLogLine)
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (server.exitCode !== null || server.signalCode !== null) return resolve()
      server.once('exit', () => resolve())
      server.kill('SIGTERM')
    })
  try {
    await waitForServer(port, server)
  } catch (error) {
    await stop()
    throw error
  }
  return { port, process: server, stop }
}

/** Signs in over HTTP as a browser does; the session cookie (`name=value`). */
export async function signIn(port: number, email: string): Promise<string> {
  const origin = `http://localhost:${port}`
  const first = await request(port, '/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, redirectTo: '/' }).toString(),
  })
  const answer = await secondStepIfAsked(port, origin, first, email)
  const cookie = [answer.headers['set-cookie'] ?? []]
    .flat()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('zwin_session=') && c !== 'zwin_session=')
  if (answer.status !== 302 || !cookie) {
    throw new Error(`Signing in as ${email} failed: ${answer.status} ${answer.body.slice(0, 200)}`)
  }
  return cookie
}

export function percentile(sorted: number[], p: number): number {
  // Nearest rank: the smallest value with at least p % of the values at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[rank - 1]!
}

export function summarise(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b)
  return {
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    min: sorted[0]!,
    max: sorted.at(-1)!,
  }
}

export const ms = (n: number) => n.toFixed(1).padStart(8)

/**
 * The server's log, read as it is written: the duration of each request by its id (the X-Request-Id
 * of the answer), and the durations logged for one path while it is under load.
 */
export function requestLog() {
  const byId = new Map<string, number>()
  let watched: string | undefined
  let underLoad: number[] = []
  // The server's other lines: its own work (mail, reminders, digests) shares the CPU with the pages.
  const other = new Map<string, number>()
  const errors: string[] = []
  return {
    onLine(line: string) {
      let entry: { level?: number; msg?: string; reqId?: string; path?: string; ms?: number }
      try {
        entry = JSON.parse(line) as typeof entry
      } catch {
        return
      }
      if ((entry.level ?? 0) >= 50) errors.push(line.slice(0, 500))
      if (entry.msg !== 'request') {
        const what = (entry.msg ?? '(no message)').slice(0, 80)
        other.set(what, (other.get(what) ?? 0) + 1)
        return
      }
      if (typeof entry.ms !== 'number' || !entry.reqId) return
      byId.set(entry.reqId, entry.ms)
      if (entry.path === watched) underLoad.push(entry.ms)
    },
    watch(pathname: string | undefined) {
      watched = pathname
      underLoad = []
    },
    underLoad: () => underLoad,
    background: () => ({ lines: Object.fromEntries(other), errors }),
    async durations(ids: string[]): Promise<number[]> {
      // A request's line is written when its answer closes: a moment after the client has it.
      const deadline = Date.now() + 2_000
      while (ids.some((id) => !byId.has(id)) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20))
      }
      const missing = ids.filter((id) => !byId.has(id))
      if (missing.length)
        throw new Error(`The server logged no line for ${missing.length} requests`)
      return ids.map((id) => byId.get(id)!)
    },
  }
}
