/**
 * The backup bench (issue 12; not a timed test), run by `npm run bench` after the others: the 20,000
 * documents of the documents bench (documents-generate.ts), each version now with a stored file of its
 * own (1–20 KB of random bytes), served by the production server. Pages a member reads (the
 * dashboard, a network's document list, a search) are timed one after another over HTTP, first with
 * nothing else going on, then while `build/runtime/backup.js` makes a snapshot of the data folder at
 * nice 10, as the server's schedule runs it (app/modules/backup/schedule.server.ts). The budget: the
 * page p99 during the backup at most 2 × the p99 without it. The backup and a restore of its snapshot
 * are timed too.
 *
 *   npm run build && npx tsx tests/bench/backup.ts
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { attachMissingFiles } from '../setup/stored-documents'
import { DOCUMENTS_BENCH_USER, generateDocumentsBenchData } from './documents-generate'
import { benchQueries } from './documents-queries'
import { agent, ms, percentile, request, requireBuild, root, signIn, startServer } from './server'

const BUDGET_RATIO = 2
const BASELINE_REQUESTS = Number(process.env.BENCH_BACKUP_BASELINE ?? 400)
const BACKUP_NICENESS = 10

const benchDir = path.join(root, 'tests', '.output', 'bench-backup')
const backupDir = path.join(root, 'tests', '.output', 'bench-backup-snapshots')
const restoreDir = path.join(root, 'tests', '.output', 'bench-backup-restored')

/** Runs a compiled command; resolves with its exit code, output and wall time. */
function run(name: 'backup' | 'restore', args: string[], env: NodeJS.ProcessEnv, nice = 0) {
  const started = performance.now()
  const child = spawn(process.execPath, [path.join('build', 'runtime', `${name}.js`), ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  if (nice && child.pid) os.setPriority(child.pid, nice)
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  const done = new Promise<{ code: number | null; output: string; ms: number }>((resolve) =>
    child.once('exit', (code) => resolve({ code, output, ms: performance.now() - started })),
  )
  return { child, done }
}

type Figures = { count: number; median: number; p99: number; max: number }

function figures(times: number[]): Figures {
  const sorted = [...times].sort((a, b) => a - b)
  return {
    count: times.length,
    median: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1)!,
  }
}

async function main() {
  requireBuild()
  process.env.ZWIN_DATA_DIR = benchDir
  console.info('Backup bench: generating 20,000 documents, each with a stored file…')
  const generated = await generateDocumentsBenchData(benchDir)
  const attached = attachMissingFiles(benchDir, { minBytes: 1_000, maxBytes: 20_000 })
  console.info(
    `  ${generated.documents} documents, ${attached.files} files of ` +
      `${(attached.bytes / 1024 / 1024).toFixed(0)} MB in all (${generated.seconds} s for the documents)`,
  )

  const db = new Database(path.join(benchDir, 'zwin.sqlite'), { readonly: true })
  const slug = db
    .prepare(
      `SELECT n.slug FROM Network n
       JOIN NetworkMembership m ON m.networkId = n.id
       JOIN User u ON u.organisationId = m.organisationId AND u.email = ?
       JOIN Document d ON d.networkId = n.id
       GROUP BY n.id ORDER BY count(*) DESC LIMIT 1`,
    )
    .pluck()
    .get(DOCUMENTS_BENCH_USER) as string
  db.close()
  const queries = benchQueries()
  const pages = (i: number) =>
    [
      '/',
      `/netwerken/${slug}/documenten`,
      `/zoeken?q=${encodeURIComponent(queries[i % queries.length]!.text)}`,
    ][i % 3]!

  fs.rmSync(backupDir, { recursive: true, force: true })
  fs.rmSync(restoreDir, { recursive: true, force: true })
  const server = await startServer(benchDir)
  let baseline: Figures
  let during: Figures
  let afterwards: Figures
  let backup: { code: number | null; output: string; ms: number }
  try {
    const cookie = await signIn(server.port, DOCUMENTS_BENCH_USER)
    let i = 0
    const timeOne = async () => {
      const target = pages(i++)
      const started = performance.now()
      const answer = await request(server.port, target, {
        headers: { Cookie: cookie, 'Accept-Encoding': 'gzip' },
      })
      if (answer.status !== 200) throw new Error(`${target} answered ${answer.status}`)
      return performance.now() - started
    }
    for (let w = 0; w < 30; w++) await timeOne()

    console.info(`Timing ${BASELINE_REQUESTS} page requests without a backup…`)
    const quiet: number[] = []
    for (let n = 0; n < BASELINE_REQUESTS; n++) quiet.push(await timeOne())
    baseline = figures(quiet)

    console.info(`Timing page requests while a backup runs (nice ${BACKUP_NICENESS})…`)
    const env = { ...process.env, ZWIN_DATA_DIR: benchDir }
    const backing = run('backup', ['--to', backupDir], env, BACKUP_NICENESS)
    let running = true
    const finished = backing.done.then((result) => {
      running = false
      return result
    })
    const busy: number[] = []
    while (running) busy.push(await timeOne())
    backup = await finished
    during = figures(busy)

    // Again without: other work on the machine shows as a difference between the two quiet runs.
    console.info(`Timing ${BASELINE_REQUESTS} page requests after the backup…`)
    const after: number[] = []
    for (let n = 0; n < BASELINE_REQUESTS; n++) after.push(await timeOne())
    afterwards = figures(after)
  } finally {
    agent.destroy()
    await server.stop()
  }
  if (backup.code !== 0) throw new Error(`The backup failed:\n${backup.output}`)

  console.info('Restoring the snapshot into an empty folder…')
  const restore = await run('restore', [backupDir, '--into', restoreDir], process.env).done
  if (restore.code !== 0) throw new Error(`The restore failed:\n${restore.output}`)
  fs.rmSync(restoreDir, { recursive: true, force: true })
  fs.rmSync(backupDir, { recursive: true, force: true })
  // The 20,000 stored files (200 MB) are of no use after the run; the database stays to look into.
  fs.rmSync(path.join(benchDir, 'files'), { recursive: true, force: true })

  const line = (label: string, f: Figures) =>
    console.info(
      `${label.padEnd(24)} ${String(f.count).padStart(8)}  ${ms(f.median)}  ${ms(f.p99)}  ${ms(f.max)}`,
    )
  console.info('')
  console.info(
    `machine: ${os.cpus().length} CPUs, load average (1 min) ${os.loadavg()[0]!.toFixed(1)}`,
  )
  console.info(
    `backup: ${backup.output.match(/\d+ file\(s\)[^\n]*/)?.[0]}; wall time ${(backup.ms / 1000).toFixed(1)} s`,
  )
  console.info(
    `restore: ${(restore.ms / 1000).toFixed(1)} s wall time (every file copied, hashed and fsynced)`,
  )
  console.info(`${'pages (/, list, search)'.padEnd(24)} requests  median ms    p99 ms    max ms`)
  line('without a backup', baseline)
  line('during the backup', during)
  line('after it, without', afterwards)
  const ratio = during.p99 / baseline.p99
  console.info(
    `budget: p99 during the backup at most ${BUDGET_RATIO} × the p99 without — ` +
      `${ratio <= BUDGET_RATIO ? 'PASS' : 'FAIL'} (${ratio.toFixed(2)} ×)`,
  )
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
