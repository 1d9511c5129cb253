/**
 * The real production server (build/runtime/server.js with the built app) as a child process, for the tests
 * that need a server of their own (tests/durability, tests/hostile): a fresh data folder (migrated and
 * seeded as tests/e2e/test-server.ts does), start on a free port and wait for /healthz, stop politely or
 * kill -9, and small HTTP helpers that sign in and stream a multipart upload.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { applyMigrations } from '../../app/modules/db/migrate.server'
import { freePort } from './seeded-data-dir'
import { freshCode } from './totp-codes'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/**
 * A new data folder under the system temp folder, migrated and seeded with the demo data. The seed runs
 * in its own process (as `npm run db:seed` does): it stores the demo documents' files through the
 * app's config, which reads ZWIN_DATA_DIR once per process.
 */
export async function prepareDataDir(): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwin-server-'))
  applyMigrations({
    databasePath: path.join(dataDir, 'zwin.sqlite'),
    migrationsDir: path.join(root, 'prisma', 'migrations'),
  })
  const env: NodeJS.ProcessEnv = { ...process.env, ZWIN_DATA_DIR: dataDir }
  delete env.VITEST
  delete env.ZWIN_DEMO_DATA
  const seeding = spawn(process.execPath, ['--import', 'tsx', 'prisma/seed.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let printed = ''
  seeding.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')))
  seeding.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')))
  const code = await new Promise<number | null>((resolve) => seeding.once('exit', resolve))
  if (code !== 0) throw new Error(`Seeding ${dataDir} failed (exit code ${code}):\n${printed}`)
  return dataDir
}

export type Answer = {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
  /** The body as it came over the wire (still compressed, if the server compressed it). */
  bytes: Buffer
}

type RequestOptions = {
  method?: string
  headers?: Record<string, string>
  /** A whole body, or a function that writes it (and ends the request) at its own pace. */
  body?: string | ((req: http.ClientRequest) => Promise<void>)
}

/** One request on its own connection (no keep-alive: a killed server leaves nothing to reuse). */
export function request(port: number, target: string, options: RequestOptions = {}) {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: target,
        method: options.method ?? 'GET',
        // The Host a browser would send: Remix compares it with the Origin of a POST.
        headers: { Host: `localhost:${port}`, Connection: 'close', ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          const bytes = Buffer.concat(chunks)
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: bytes.toString('utf8'),
            bytes,
          })
        })
        res.on('error', reject)
        // A server killed mid-answer: the answer never completes (and never counts as one).
        res.on('close', () => {
          if (!res.complete) reject(new Error('The connection closed before the answer ended'))
        })
      },
    )
    req.on('error', reject)
    if (typeof options.body === 'function') options.body(req).catch(reject)
    else req.end(options.body)
  })
}

export type RunningServer = {
  port: number
  origin: string
  pid: number
  /** What the server printed (the last 20 kB), for a failure message. */
  output: () => string
  /** SIGKILL, then wait for the process to be gone. */
  kill: () => Promise<void>
  /** SIGTERM (the server closes the database), then wait for the exit; SIGKILL after 15 s. */
  stop: () => Promise<void>
  /** True while the process (the server, or its supervisor) has not exited. */
  alive: () => boolean
  /** The exit code once it has exited (null while it runs, or when a signal ended it). */
  exitCode: () => number | null
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

async function waitForHealth(port: number, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new ServerDidNotStart(`The server stopped (exit code ${child.exitCode})`, output())
    }
    try {
      if ((await request(port, '/healthz')).status === 200) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill('SIGKILL')
  throw new ServerDidNotStart('The server did not answer /healthz within 60 s', output())
}

class ServerDidNotStart extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(`${message}\n--- server output ---\n${output}`)
  }
}

export type ServerOptions = {
  /** More environment for the server (a shorter body time-out, say). */
  env?: Record<string, string>
  /** Start it the way `npm start` does: under the supervisor (scripts/supervise.ts) that restarts it. */
  supervised?: boolean
}

async function spawnServer(dataDir: string, options: ServerOptions): Promise<RunningServer> {
  const port = await freePort()
  const origin = `http://localhost:${port}`
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    ZWIN_DATA_DIR: dataDir,
    PORT: String(port),
    PUBLIC_ORIGIN: origin,
    // These servers run on the demo data on purpose (npm run serve refuses it otherwise).
    ZWIN_DEMO_DATA: 'true',
  }
  // Mail stays in the data folder (unless the test gives an SMTP_URL); the session secret is the one
  // the data folder keeps.
  delete env.SMTP_URL
  delete env.SESSION_SECRET
  delete env.VITEST
  Object.assign(env, options.env)
  const script = options.supervised ? 'build/runtime/supervise.js' : 'build/runtime/server.js'
  const child = spawn(process.execPath, [script], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let printed = ''
  const keep = (chunk: Buffer) => {
    printed = (printed + chunk.toString('utf8')).slice(-20_000)
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  const output = () => printed
  await waitForHealth(port, child, output)
  return {
    port,
    origin,
    pid: child.pid!,
    output,
    kill: async () => {
      // process.kill by pid, as `kill -9 <pid>` would: no handler in the server runs.
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, 'SIGKILL')
      await exited(child)
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await exited(child)
      clearTimeout(timer)
      if (child.signalCode === 'SIGKILL') throw new Error('The server did not stop on SIGTERM')
    },
    alive: () => child.exitCode === null && child.signalCode === null,
    exitCode: () => child.exitCode,
  }
}

/**
 * Starts the production server on the data folder and waits until /healthz answers. Another process
 * may be rebuilding the app meanwhile: when the server cannot import the build, it waits and retries.
 */
export async function startServer(
  dataDir: string,
  options: ServerOptions = {},
): Promise<RunningServer> {
  for (let attempt = 1; ; attempt++) {
    if (fs.existsSync(path.join(root, 'build', 'runtime', 'server.js'))) {
      try {
        return await spawnServer(dataDir, options)
      } catch (error) {
        const buildMissing =
          error instanceof ServerDidNotStart &&
          /build[/\\]server|ERR_MODULE_NOT_FOUND/.test(error.output)
        if (!buildMissing || attempt >= 4) throw error
      }
    } else if (attempt >= 4) {
      throw new Error('The app is not built: run `npm run build` before these tests.')
    }
    await new Promise((r) => setTimeout(r, 20_000))
  }
}

/** A cookie the answer sets (`name=value`), unless it clears it. */
export function cookieFrom(answer: Pick<Answer, 'headers'>, name: string): string | undefined {
  return [answer.headers['set-cookie'] ?? []]
    .flat()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${name}=`) && c !== `${name}=`)
}

/**
 * After a right password, an account with a second factor (the demo administrators) is sent to the
 * second step: the code from its app, computed here (tests/setup/totp-codes.ts). Other answers pass.
 */
export async function secondStepIfAsked<A extends Omit<Answer, 'bytes'>>(
  port: number,
  origin: string,
  answer: A,
  email: string,
): Promise<A | Answer> {
  if (answer.status !== 302 || answer.headers.location !== '/login/tweede-stap') return answer
  const pending = cookieFrom(answer, 'zwin_pending')
  if (!pending) return answer
  const post = async () =>
    request(port, '/login/tweede-stap', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: origin,
        Cookie: pending,
      },
      body: new URLSearchParams({ code: await freshCode(email) }).toString(),
    })
  // Another process's sign-in with the next step's code may reach the server first and make this one
  // old (refused, as it must be): like a person, try the next code once.
  const first = await post()
  return first.status === 400 ? post() : first
}

/** Signs in over HTTP as a browser would; the `zwin_session=…` cookie to send along. */
export async function signIn(server: RunningServer, email: string, password: string) {
  const first = await request(server.port, '/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.origin },
    body: new URLSearchParams({ email, password, redirectTo: '/' }).toString(),
  })
  const answer = await secondStepIfAsked(server.port, server.origin, first, email)
  const cookie = [answer.headers['set-cookie'] ?? []]
    .flat()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('zwin_session=') && c !== 'zwin_session=')
  if (answer.status !== 302 || !cookie) {
    throw new Error(`Signing in as ${email} failed: ${answer.status} ${answer.body.slice(0, 200)}`)
  }
  return cookie
}

export type MultipartUpload = {
  fields: Record<string, string>
  file: { name: string; content: Buffer; mediaType: string }
  /** Bytes per write; with `pauseMs` between writes, the upload takes a while, as over a network. */
  chunkBytes: number
  pauseMs: number
}

/** The new document's id from the JSON answer of an upload (`/documenten/nieuw.json`). */
export function documentIdOf(answer: Answer): string {
  const { redirectTo } = JSON.parse(answer.body) as { redirectTo?: string }
  const id = redirectTo?.match(/\/documenten\/([^/?#]+)$/)?.[1]
  if (!id) throw new Error(`An upload answered without a document address: ${answer.body}`)
  return id
}

/** POSTs a multipart form, writing the file part chunk by chunk (so a kill can land mid-stream). */
export function postMultipart(
  server: RunningServer,
  target: string,
  cookie: string,
  upload: MultipartUpload,
): Promise<Answer> {
  const boundary = `----zwin-test-${Math.random().toString(16).slice(2)}`
  const head = Buffer.from(
    Object.entries(upload.fields)
      .map(
        ([name, value]) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      )
      .join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${upload.file.name}"` +
      `\r\nContent-Type: ${upload.file.mediaType}\r\n\r\n`,
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  const content = upload.file.content
  return request(server.port, target, {
    method: 'POST',
    headers: {
      'Content-Type': `multipart/form-data; boundary=${boundary}`,
      'Content-Length': String(head.length + content.length + tail.length),
      Origin: server.origin,
      Cookie: cookie,
      Accept: 'application/json',
    },
    body: async (req) => {
      req.write(head)
      for (let at = 0; at < content.length; at += upload.chunkBytes) {
        if (req.destroyed) return
        req.write(content.subarray(at, at + upload.chunkBytes))
        await new Promise((r) => setTimeout(r, upload.pauseMs))
      }
      req.end(tail)
    },
  })
}

/** Runs build/runtime/<name>.js as its npm script does; resolves with its exit code and output. */
export function runCommand(name: 'migrate' | 'seed', env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join('build', 'runtime', `${name}.js`)], {
    cwd: root,
    env: { ...process.env, VITEST: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, output })),
  )
}
