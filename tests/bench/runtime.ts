/**
 * The runtime bench of issue 12 (not a timed test): the compiled production server on the demo data.
 * - server ready: from starting `node build/runtime/server.js` (migrated database) to the first
 *   /healthz 200, over several starts;
 * - memory: the server's resident set after start, after 50 page views and after a crawl of 350 more
 *   (every page a member of every network reaches from the dashboard), and its peak (VmHWM);
 * - the child processes (text extraction, agenda pack, minutes export): a start of each compiled script
 *   to the end of its loading, beside `node -e 0` (the start of Node itself).
 * Budgets: ready under 1.5 s; RSS after start and 50 page views under 200 MB; peak under 300 MB; a child
 * starts in under 0.3 s.
 *
 *   npm run build && node --import tsx tests/bench/runtime.ts   (part of npm run bench)
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { agent, ms, request, requireBuild, root, signIn, summarise } from './server'
import { freePort, seedFreshDataDir } from '../setup/seeded-data-dir'

const STARTS = Number(process.env.BENCH_STARTS ?? 7)
const MEMBER = 'lid.sluis@example.org' // Sluis is in every network

/** Resident and peak memory of a process, in MB (Linux /proc). */
function memory(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (field: string) => Number(status.match(new RegExp(`${field}:\\s+(\\d+) kB`))?.[1] ?? 0)
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 }
}

async function startAndTime(dataDir: string) {
  const port = await freePort()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    ZWIN_DATA_DIR: dataDir,
    PORT: String(port),
    PUBLIC_ORIGIN: `http://localhost:${port}`,
    ZWIN_DEMO_DATA: 'true',
  }
  const started = performance.now()
  const server = spawn(process.execPath, ['build/runtime/server.js'], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The server stopped (${server.exitCode})`)
    const ok = await request(port, '/healthz').then(
      (answer) => answer.status === 200,
      () => false,
    )
    if (ok) break
    await new Promise((r) => setTimeout(r, 5))
  }
  const readyMs = performance.now() - started
  const stop = () =>
    new Promise<void>((resolve) => {
      if (server.exitCode !== null) return resolve()
      server.once('exit', () => resolve())
      server.kill('SIGTERM')
    })
  return { port, pid: server.pid!, readyMs, stop }
}

/** The links of a page that stay inside Zwin and lead to pages (not downloads, feeds or sign-out). */
function pageLinks(html: string): string[] {
  const links = [...html.matchAll(/href="(\/[^"#?]*)"/g)].map((m) => m[1]!)
  return links.filter(
    (link) =>
      !/\/(assets|logout|afmelden)\b|\.(ics|pdf|docx|csv|zip|css|js|svg|ico)$|\/download$/.test(
        link,
      ),
  )
}

function timeProcess(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'ignore' })
    child.on('error', reject)
    child.on('exit', () => resolve(performance.now() - started))
  })
}

async function main() {
  requireBuild()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwin-bench-runtime-'))
  process.env.ZWIN_DATA_DIR = dataDir
  await seedFreshDataDir(dataDir)

  // Server ready, several times (the first start also tidies after the seed; it counts too).
  const readies: number[] = []
  for (let i = 0; i < STARTS; i++) {
    const server = await startAndTime(dataDir)
    readies.push(server.readyMs)
    await server.stop()
  }
  const ready = summarise(readies)

  // Memory over page views.
  const server = await startAndTime(dataDir)
  const afterStart = memory(server.pid)
  const cookie = await signIn(server.port, MEMBER)
  const seen = new Set<string>()
  const queue = ['/']
  let views = 0
  let afterFifty = afterStart
  while (views < 400) {
    const target = queue.shift() ?? [...seen][views % seen.size]!
    const answer = await request(server.port, target, { headers: { Cookie: cookie } })
    views++
    if (answer.status === 200 && answer.headers['content-type']?.includes('text/html')) {
      for (const link of pageLinks(answer.body)) {
        if (!seen.has(link) && !link.startsWith('/login')) {
          seen.add(link)
          queue.push(link)
        }
      }
    }
    if (views === 50) afterFifty = memory(server.pid)
  }
  const afterCrawl = memory(server.pid)
  await server.stop()
  agent.destroy()

  // The children: a compiled script's start and load, against Node's own start.
  const children = ['extract-text', 'agenda-pack', 'minutes-export'] as const
  const childTimes = new Map<string, number[]>([['node -e 0', []]])
  for (const child of children) childTimes.set(child, [])
  for (let i = 0; i < STARTS; i++) {
    childTimes.get('node -e 0')!.push(await timeProcess(['-e', '0']))
    // Without a job (argument or IPC channel) each stops right after loading.
    for (const child of children) {
      childTimes.get(child)!.push(await timeProcess([`build/runtime/${child}.js`]))
    }
  }

  console.info(`Runtime on Node ${process.versions.node} (${STARTS} starts each)`)
  console.info(
    `  server ready (first /healthz 200): median ${ms(ready.median)} ms, ` +
      `min ${ms(ready.min)}, max ${ms(ready.max)} — budget 1500 ms: ${ready.median < 1500 ? 'met' : 'MISSED'}`,
  )
  const mb = (n: number) => `${n.toFixed(0)} MB`
  console.info(
    `  RSS after start ${mb(afterStart.rss)}; after 50 page views ${mb(afterFifty.rss)} ` +
      `— budget 200 MB: ${afterFifty.rss < 200 ? 'met' : 'MISSED'}`,
  )
  console.info(
    `  after ${views} page views (${seen.size} different pages) ${mb(afterCrawl.rss)}, ` +
      `peak ${mb(afterCrawl.peak)} — budget 300 MB: ${afterCrawl.peak < 300 ? 'met' : 'MISSED'}`,
  )
  const node = summarise(childTimes.get('node -e 0')!)
  console.info(`  child process start to loaded, median (node -e 0: ${ms(node.median)} ms):`)
  for (const child of children) {
    const figures = summarise(childTimes.get(child)!)
    console.info(
      `    ${child.padEnd(15)} ${ms(figures.median)} ms — budget 300 ms: ` +
        `${figures.median < 300 ? 'met' : 'MISSED'}`,
    )
  }
  fs.rmSync(dataDir, { recursive: true, force: true })
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
