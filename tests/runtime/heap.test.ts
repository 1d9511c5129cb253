/**
 * The server's heap limit (scripts/server-heap.ts, issue 15): every way of starting the production server
 * passes it, so the server an operator runs is the one the page bench measured under 300 MB.
 *
 *   npm run build && npx vitest run --config tests/setup/vitest.server.config.ts tests/runtime
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SERVER_HEAP_FLAG } from '../../scripts/server-heap'
import { freePort } from '../setup/seeded-data-dir'
import { prepareDataDir, request, root } from '../setup/server-process'

const dataDirs: string[] = []
afterAll(() => {
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true })
})

const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8')

/** The command line of a running process, as the kernel has it. */
const commandLine = (pid: number) =>
  fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean)

describe('the server runs with its heap limit', () => {
  it('under npm start: the supervisor starts the server with it', async () => {
    const dataDir = await prepareDataDir()
    dataDirs.push(dataDir)
    const port = await freePort()
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      ZWIN_DATA_DIR: dataDir,
      PORT: String(port),
      ZWIN_DEMO_DATA: 'true',
    }
    delete env.VITEST
    const supervisor = spawn(process.execPath, ['build/runtime/supervise.js'], {
      cwd: root,
      env,
      stdio: 'ignore',
    })
    try {
      let healthy = false
      for (let tries = 0; tries < 200 && !healthy; tries++) {
        healthy = await request(port, '/healthz').then(
          (answer) => answer.status === 200,
          () => false,
        )
        if (!healthy) await new Promise((resolve) => setTimeout(resolve, 100))
      }
      expect(healthy).toBe(true)
      const children = fs
        .readFileSync(`/proc/${supervisor.pid}/task/${supervisor.pid}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .map(Number)
      expect(children).toHaveLength(1)
      const server = commandLine(children[0]!)
      expect(server.slice(1)).toEqual([
        SERVER_HEAP_FLAG,
        path.join(root, 'build/runtime/server.js'),
      ])
    } finally {
      const stopped = new Promise((resolve) => supervisor.once('exit', resolve))
      supervisor.kill('SIGTERM')
      await stopped
    }
  })

  it('under npm run serve, in the Docker image and in the README systemd unit', () => {
    const serve = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts
      .serve
    expect(serve).toContain(`node ${SERVER_HEAP_FLAG} build/runtime/server.js`)
    expect(read('Dockerfile')).toContain(
      `CMD ["node", "${SERVER_HEAP_FLAG}", "build/runtime/server.js"]`,
    )
    expect(read('README.md')).toContain(
      `ExecStart=/usr/bin/node ${SERVER_HEAP_FLAG} build/runtime/server.js`,
    )
  })
})
