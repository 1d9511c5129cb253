/**
 * `npm start` runs the server under scripts/supervise.ts: a server process that dies (here: kill -9, as
 * the kernel's out-of-memory killer would) is started again, and the portal answers again on the same
 * port. A server that cannot start at all (its port is taken) is not restarted in a loop.
 *
 *   npm run build && npm run test:server
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  prepareDataDir,
  request,
  root,
  startServer,
  type RunningServer,
} from '../setup/server-process'

let dataDir = ''
let supervised: RunningServer

beforeAll(async () => {
  dataDir = await prepareDataDir()
  supervised = await startServer(dataDir, { supervised: true })
})

afterAll(async () => {
  await supervised?.stop()
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
})

/** The pids of the server processes the supervisor reported starting, in order. */
function serverPids(): number[] {
  return [...supervised.output().matchAll(/server process (\d+) started/g)].map((m) => Number(m[1]))
}

describe('the supervisor', () => {
  it('starts a killed server again, on the same port', async () => {
    const [first] = serverPids()
    expect(first).toBeGreaterThan(0)
    process.kill(first!, 'SIGKILL')
    let answered = false
    for (let wait = 0; wait < 100 && !answered; wait++) {
      await new Promise((r) => setTimeout(r, 100))
      answered =
        serverPids().length === 2 &&
        (await request(supervised.port, '/healthz').then(
          (a) => a.status === 200,
          () => false,
        ))
    }
    expect(answered, supervised.output()).toBe(true)
    expect(serverPids()[1]).not.toBe(first)
    expect(supervised.alive()).toBe(true)
  })

  it('stops with the server when it is told to (SIGTERM), without restarting it', async () => {
    await supervised.stop()
    expect(supervised.alive()).toBe(false)
    expect(serverPids()).toHaveLength(2)
  })

  it('gives up at once, with the server’s message, when the server cannot start', async () => {
    const blocker = net.createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as net.AddressInfo).port
    const env: NodeJS.ProcessEnv = { ...process.env, ZWIN_DATA_DIR: dataDir, PORT: String(port) }
    delete env.VITEST
    const child = spawn(process.execPath, ['build/runtime/supervise.js'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let printed = ''
    child.stdout.on('data', (c: Buffer) => (printed += c.toString()))
    child.stderr.on('data', (c: Buffer) => (printed += c.toString()))
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    blocker.close()
    expect(code).not.toBe(0)
    expect(printed).toContain('already in use')
    expect([...printed.matchAll(/server process \d+ started/g)]).toHaveLength(1)
  })
})
