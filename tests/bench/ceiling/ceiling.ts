/**
 * The ceilings of the page bench (tests/bench/pages.ts): the bare Remix app of this folder, built with
 * its own vite.config.ts, and a plain node:http handler; each served by serve.ts in a process of its
 * own, so that its memory and CPU time are its own.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { freePort } from '../../setup/seeded-data-dir'
import { request, root } from '../server'

export type CeilingKind = 'remix' | 'node-http'

const here = path.join(root, 'tests', 'bench', 'ceiling')

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' })
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${args.join(' ')} failed (exit code ${code})`)),
    )
  })
}

/** `remix vite:build` of the ceiling app, in production mode, into tests/.output/bench-ceiling. */
export async function buildCeiling(): Promise<void> {
  const remixCli = path.join(root, 'node_modules', '@remix-run', 'dev', 'dist', 'cli.js')
  await run(process.execPath, [remixCli, 'vite:build', here], {
    ...process.env,
    NODE_ENV: 'production',
  })
}

export type CeilingServer = {
  kind: CeilingKind
  port: number
  pid: number
  stop: () => Promise<void>
}

export async function startCeiling(kind: CeilingKind): Promise<CeilingServer> {
  const port = await freePort()
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'serve.ts'), kind],
    {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production', PORT: String(port) },
      stdio: 'inherit',
    },
  )
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The ${kind} ceiling stopped (${child.exitCode})`)
    try {
      if ((await request(port, '/')).status === 200) return { kind, port, pid: child.pid!, stop }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  await stop()
  throw new Error(`The ${kind} ceiling did not answer within 30 s`)
}
