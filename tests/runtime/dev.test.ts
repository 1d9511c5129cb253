/**
 * `npm run dev` runs the same Express server as production (scripts/server.ts), with the app from Vite
 * in middleware mode: the security headers, the Origin check and the body limits hold in development
 * too, and the page comes from the sources, not a build.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ANONYMOUS_FORM_MAX_BYTES } from '../../scripts/http/body'
import { freePort } from '../setup/seeded-data-dir'
import { prepareDataDir, request, root } from '../setup/server-process'

let server: ChildProcess | undefined
let dataDir: string | undefined

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM')
    await new Promise((resolve) => server!.once('exit', resolve))
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('npm run dev', () => {
  it('serves the app from source through the production server’s own checks', async () => {
    // Inside the project folder, as the default ./data is: Vite must not serve it.
    const seeded = await prepareDataDir()
    dataDir = path.join(root, 'tests', '.output', `dev-data-${path.basename(seeded)}`)
    fs.mkdirSync(path.dirname(dataDir), { recursive: true })
    fs.renameSync(seeded, dataDir)
    const port = await freePort()
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      ZWIN_DATA_DIR: dataDir,
      PORT: String(port),
    }
    delete env.VITEST
    server = spawn(process.execPath, ['--import', 'tsx', 'scripts/server.ts'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let printed = ''
    server.stdout!.on('data', (c: Buffer) => (printed += c.toString()))
    server.stderr!.on('data', (c: Buffer) => (printed += c.toString()))
    const deadline = Date.now() + 120_000
    for (;;) {
      const answer = await request(port, '/healthz').catch(() => undefined)
      if (answer?.status === 200) break
      if (server.exitCode !== null || Date.now() > deadline) {
        throw new Error(`The development server did not start:\n${printed}`)
      }
      await new Promise((r) => setTimeout(r, 250))
    }

    const page = await request(port, '/login', { headers: { 'Accept-Language': 'nl-BE' } })
    expect(page.status).toBe(200)
    expect(page.body).toContain('/app/entry.client.tsx')
    expect(page.body).toContain('Aanmelden')
    const csp = String(page.headers['content-security-policy'])
    const nonce = csp.match(/'nonce-([^']+)'/)?.[1]
    expect(nonce).toBeTruthy()
    expect(page.body).toContain(`nonce="${nonce}"`)

    const form = { 'Content-Type': 'application/x-www-form-urlencoded' }
    const foreign = await request(port, '/login', {
      method: 'POST',
      headers: { ...form, Origin: 'https://elders.example' },
      body: 'email=a%40b.nl&password=x',
    })
    expect(foreign.status).toBe(403)

    const tooLarge = await request(port, '/login', {
      method: 'POST',
      headers: { ...form, Origin: `http://localhost:${port}` },
      body: `email=${'a'.repeat(ANONYMOUS_FORM_MAX_BYTES + 1)}`,
    })
    expect(tooLarge.status).toBe(413)

    // Nothing of the data folder is served, however it is asked for.
    const secret = fs.readFileSync(path.join(dataDir, 'session-secret'), 'utf8').trim()
    const folder = path.relative(root, dataDir)
    for (const target of [
      `/${folder}/session-secret`,
      `/${folder}/zwin.sqlite`,
      `/@fs${dataDir}/session-secret`,
    ]) {
      const answer = await request(port, target)
      expect(answer.status, target).not.toBe(200)
      expect(answer.body, target).not.toContain(secret)
    }
  })
})
