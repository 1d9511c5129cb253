/**
 * The programme overview bench of issue 5 (not a timed test): builds the bench data (generate.ts), starts
 * the production build (scripts/server.ts) on a free port against it, signs in as a member of the bench
 * network, and times the programme overview and the dashboard over HTTP — sequential requests on one
 * kept-alive connection, gzip accepted as a browser does, the server's time as the client sees it on
 * localhost. The budget is a median
 * under 100 ms for the programme overview; the dashboard, measured in the same run, gives the ratio.
 *
 *   npm run build && npm run bench
 *
 * BENCH_WARMUP and BENCH_RUNS change the number of requests (default 10 and 50 per page).
 *
 * Then the documents benches run (documents.ts): search over 20,000 documents and a 200 MB upload, and
 * the agenda pack bench (agenda-pack.ts): a pack of 20 items with 20 PDFs of 10 pages, and the server
 * while a pack with a PDF of 5,000 pages is built, and the hostile-input bench (hostile.ts): a 100 MB
 * chunked POST, truncated uploads, restarts, and the backup bench (backup.ts): page latency while a
 * snapshot of 20,000 documents and their files is made, and the runtime bench (runtime.ts): server
 * start, memory, the child processes' start, and the notifications bench (notifications.ts): "Voor u" on
 * the dashboard of a person in 12 networks, and its query plans, and the client-weight bench
 * (client-weight.ts): the gzipped JavaScript and CSS of a first visit, and the page bench (pages.ts): the
 * pages people open most, as three personas, under load at 10 connections beside a bare Remix route and
 * a plain node:http handler measured in the same run (requests per second, p50/p99, the server's own
 * time, the ratio to the bare route, peak RSS; a table and JSON), in the same `npm run bench`.
 */
import { spawn } from 'node:child_process'
import { BENCH_NETWORK, defaultBenchDir, generateBenchData } from './generate'
import { agent, ms, request, requireBuild, root, signIn, startServer, summarise } from './server'

const MEMBER = 'lid.terneuzen@example.org' // Terneuzen is a member of the bench network; no role
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10)
const RUNS = Number(process.env.BENCH_RUNS ?? 50)
const BUDGET_MS = 100

const pages = [
  { name: 'programme overview', path: `/netwerken/${BENCH_NETWORK}/programma` },
  { name: 'dashboard', path: '/' },
] as const

async function main() {
  requireBuild()
  // The seed stores its demo files through the app's configuration: into the bench folder, not ./data.
  process.env.ZWIN_DATA_DIR = defaultBenchDir
  console.info('Generating the bench data…')
  const summary = await generateBenchData()
  console.info(
    `  ${summary.projects} projects, ${summary.goals} goals, ${summary.measurements} measurements, ` +
      `${summary.milestones} milestones, ${summary.budgetLines} budget lines; ` +
      `${summary.members} member organisations (${summary.seconds} s)`,
  )

  const server = await startServer(summary.dataDir)
  const { port } = server
  try {
    const cookie = await signIn(port, MEMBER)
    const get = (target: string) => request(port, target, { headers: { Cookie: cookie } })
    // As a browser asks for it: the server's gzip is part of the time a user waits for.
    const getCompressed = (target: string) =>
      request(port, target, { headers: { Cookie: cookie, 'Accept-Encoding': 'gzip' } })

    for (const page of pages) {
      const answer = await get(page.path)
      if (answer.status !== 200) throw new Error(`${page.path} answered ${answer.status}`)
    }
    const programme = await get(pages[0].path)
    const goalLinks = programme.body.match(new RegExp(`/netwerken/${BENCH_NETWORK}/doelen/`, 'g'))
    console.info(
      `  the programme overview is ${Math.round(programme.body.length / 1024)} kB of HTML with ` +
        `${goalLinks?.length ?? 0} goal links`,
    )

    console.info(`Timing ${WARMUP} warm-up and ${RUNS} measured requests per page, taking turns…`)
    for (let i = 0; i < WARMUP; i++) for (const page of pages) await getCompressed(page.path)
    const times = new Map<string, number[]>(pages.map((p) => [p.name, []]))
    for (let i = 0; i < RUNS; i++) {
      for (const page of pages) {
        const started = performance.now()
        const answer = await getCompressed(page.path)
        const elapsed = performance.now() - started
        if (answer.status !== 200) throw new Error(`${page.path} answered ${answer.status}`)
        times.get(page.name)!.push(elapsed)
      }
    }

    const rows = pages.map((page) => ({ page: page.name, ...summarise(times.get(page.name)!) }))
    console.info('')
    console.info(`${'page'.padEnd(20)}  median ms    p95 ms    min ms    max ms`)
    for (const r of rows) {
      console.info(`${r.page.padEnd(20)} ${ms(r.median)}  ${ms(r.p95)}  ${ms(r.min)}  ${ms(r.max)}`)
    }
    const [overview, dashboard] = rows as [(typeof rows)[number], (typeof rows)[number]]
    console.info('')
    console.info(
      `ratio programme overview / dashboard (median): ${(overview.median / dashboard.median).toFixed(1)}×`,
    )
    const within = overview.median < BUDGET_MS
    console.info(
      `budget: median under ${BUDGET_MS} ms for the programme overview — ${within ? 'met' : 'MISSED'} ` +
        `(${overview.median.toFixed(1)} ms)`,
    )
  } finally {
    agent.destroy()
    await server.stop()
  }
}

/**
 * A bench in a process of its own (documents.ts, agenda-pack.ts, pages.ts…): the app's configuration
 * is read once per process, and theirs names another data folder (and another process's memory is
 * measured).
 */
function runInOwnProcess(script: string, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: root,
      stdio: 'inherit',
    })
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`The ${name} bench failed (exit code ${code})`)),
    )
  })
}

main()
  .then(() => {
    console.info('')
    return runInOwnProcess('tests/bench/documents.ts', 'documents')
  })
  .then(() => {
    console.info('')
    return runInOwnProcess('tests/bench/agenda-pack.ts', 'agenda pack')
  })
  .then(() => {
    console.info('')
    return runInOwnProcess('tests/bench/hostile.ts', 'hostile input')
  })
  .then(() => {
    console.info('')
    return runInOwnProcess('tests/bench/backup.ts', 'backup')
  })
  .then(() => {
    console.info('')
    return runInOwnProcess('tests/bench/runtime.ts', 'runtime')
  })
  .then(() => {
    console.info('')
    return runInOwnProcess('tests/bench/notifications.ts', 'notifications')
  })
  .then(() => {
    console.info('')
    return runInOwnProcess('tests/bench/client-weight.ts', 'client weight')
  })
  .then(() => {
    console.info('')
    return runInOwnProcess('tests/bench/pages.ts', 'pages')
  })
  .catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
