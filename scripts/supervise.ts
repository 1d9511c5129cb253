/**
 * Runs the production server (build/runtime/server.js, from scripts/server.ts) and starts it again when it stops unexpectedly: a
 * fault that escapes a request ends the process on purpose (it logs and exits), and this brings the
 * portal back within a second. `npm start` uses it; on a real installation systemd does the same job
 * (the README has a unit file).
 *
 * - A server that stops before it was ready (bad configuration, port in use) is not restarted: this
 *   exits with its code, so the message is not buried under restarts.
 * - A server that keeps failing soon after starting is restarted with a growing pause (up to 30 s).
 * - SIGTERM and SIGINT go to the server, which finishes its requests and stops; then this exits too.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { projectRoot } from './project-root'

// Compiled to build/runtime/supervise.js, beside the server it runs (build/runtime/server.js).
const root = projectRoot(import.meta.dirname)
const serverScript = path.join(import.meta.dirname, 'server.js')
const QUICK_RESTART_MS = 100
const LONGEST_PAUSE_MS = 30_000
/** A server that ran at least this long counts as healthy: its next failure restarts it quickly again. */
const STABLE_AFTER_MS = 60_000

let child: ChildProcess | undefined
let stopping = false
let failuresInARow = 0

function start() {
  const startedAt = Date.now()
  let ready = false
  const server = spawn(process.execPath, [serverScript], {
    cwd: root,
    env: process.env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  child = server
  server.on('message', (message) => {
    if (message === 'ready') ready = true
  })
  server.on('error', (error) => {
    console.error(`Zwin supervisor: the server could not be started: ${error.message}`)
    process.exit(1)
  })
  server.on('exit', (code, signal) => {
    child = undefined
    if (stopping) return process.exit(code ?? 0)
    if (!ready) {
      console.error(`Zwin supervisor: the server stopped before it was ready (exit code ${code}).`)
      return process.exit(code || 1)
    }
    failuresInARow = Date.now() - startedAt > STABLE_AFTER_MS ? 1 : failuresInARow + 1
    const pause = Math.min(QUICK_RESTART_MS * 2 ** (failuresInARow - 1), LONGEST_PAUSE_MS)
    console.error(
      `Zwin supervisor: the server (pid ${server.pid}) stopped (${signal ?? `exit code ${code}`}); ` +
        `starting it again in ${pause} ms.`,
    )
    setTimeout(start, pause)
  })
  console.info(`Zwin supervisor: server process ${server.pid} started.`)
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    stopping = true
    if (child) child.kill(signal)
    else process.exit(0)
  })
}

start()
