/**
 * The server the e2e journeys run against (started by tests/playwright.config.ts): a fresh data folder,
 * migrated and seeded, then the real production server (build/runtime/server.js) on port 3210 (or ZWIN_E2E_PORT). Mail goes to
 * .eml files in the data folder, where the journeys read the set-password links. Everything the server
 * logs goes to tests/.output/e2e-server.log, which tests/log/server-log.spec.ts reads at the end of the
 * run for secrets that must never be there; warnings and errors are shown here too.
 *
 * The app must be built first (`npm run build`; `npm test` does that before the e2e tests).
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startTestProviders, testProviderPort } from '../setup/oidc-provider'
import { seedFreshDataDir } from '../setup/seeded-data-dir'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const e2eDataDir = path.join(root, 'tests', '.output', 'e2e-data')
const lockFile = path.join(root, 'tests', '.output', 'e2e-server.lock')
export const e2eServerLog = path.join(root, 'tests', '.output', 'e2e-server.log')
const port = Number(process.env.ZWIN_E2E_PORT ?? 3210)

/** True when something already answers on the port. */
function portInUse(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * A second run in the same checkout would delete the data folder under the first one's server. The lock
 * (with the owner's pid) makes it stop before it touches anything; a lock left by a dead process is taken over.
 */
function takeLock(): void {
  fs.mkdirSync(path.dirname(lockFile), { recursive: true })
  try {
    fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' })
  } catch {
    const owner = Number(fs.readFileSync(lockFile, 'utf8'))
    if (owner && owner !== process.pid && isRunning(owner)) {
      throw new Error(
        `Another e2e test server (pid ${owner}) is running in this checkout; wait for its run to end.`,
      )
    }
    fs.writeFileSync(lockFile, String(process.pid))
  }
  process.on('exit', () => {
    try {
      if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.rmSync(lockFile)
    } catch {
      // already gone
    }
  })
}

async function main() {
  if (!fs.existsSync(path.join(root, 'build', 'runtime', 'server.js'))) {
    throw new Error('The app is not built: run `npm run build` before the e2e tests.')
  }
  if (await portInUse()) {
    throw new Error(
      `Port ${port} is already in use; stop what runs there (another e2e run?) first.`,
    )
  }
  takeLock()

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ZWIN_DATA_DIR: e2eDataDir,
    PORT: String(port),
    PUBLIC_ORIGIN: `http://localhost:${port}`,
    // The sign-in rate limit counts per client address; a journey may name its own via X-Forwarded-For.
    TRUST_PROXY: 'true',
    NODE_ENV: 'production',
    // The journeys run on the demo data on purpose (npm run serve refuses it otherwise).
    ZWIN_DEMO_DATA: 'true',
    // Encrypts the identity providers' client secrets (a fixed key: this data folder is thrown away).
    SECRETS_KEY: 'dGVzdHMtb25seS1zZWNyZXRzLWtleS0zMi1ieXRlcyE=',
  }
  // Without SMTP_URL the server writes every mail as an .eml file into $ZWIN_DATA_DIR/mail.
  delete env.SMTP_URL
  delete env.SESSION_SECRET

  // The seed stores its demo documents' files through the configuration, so it must see this folder too.
  process.env.ZWIN_DATA_DIR = e2eDataDir
  const { summary } = await seedFreshDataDir(e2eDataDir)
  console.info(
    `e2e data in ${e2eDataDir}: ${summary.organisations} organisations, ${summary.networks} networks, ${summary.users} users`,
  )

  // Real OpenID Connect providers for the sign-in journeys; they live as long as this process.
  const providers = await startTestProviders({
    zwinOrigin: `http://localhost:${port}`,
    port: testProviderPort(port),
  })
  console.info(
    `test identity providers: ${providers.acm.issuer} (acm), ${providers.entra.issuer} (entra)`,
  )

  const server = spawn(process.execPath, ['build/runtime/server.js'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const logFile = fs.createWriteStream(e2eServerLog, { flags: 'w' })
  const keep = (stream: NodeJS.ReadableStream) => {
    let partial = ''
    stream.on('data', (chunk: Buffer) => {
      logFile.write(chunk)
      const lines = (partial + chunk.toString('utf8')).split('\n')
      partial = lines.pop() ?? ''
      for (const line of lines) if (line && !isQuietLine(line)) process.stderr.write(`${line}\n`)
    })
  }
  keep(server.stdout)
  keep(server.stderr)
  const forward = (signal: NodeJS.Signals) => () => {
    if (server.exitCode === null) server.kill(signal)
  }
  process.on('SIGTERM', forward('SIGTERM'))
  process.on('SIGINT', forward('SIGINT'))
  // 'close' comes after the last of its output, which must reach the file before this process ends.
  server.on('close', (code, signal) => {
    logFile.end(() => process.exit(code ?? (signal ? 0 : 1)))
  })
}

/** A JSON line below warn (pino's level 40): in the file only. Anything else is shown as well. */
function isQuietLine(line: string): boolean {
  try {
    return (JSON.parse(line) as { level?: number }).level! < 40
  } catch {
    return false
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
