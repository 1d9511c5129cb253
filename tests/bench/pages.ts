/**
 * The page bench of issue 15 (not a timed test): the whole picture of page speed, in one run so that the
 * ratios are fair.
 *
 *  1. The ceiling, measured first: a plain node:http handler answering a small HTML page, and a bare
 *     Remix route (tests/bench/ceiling: one route whose loader returns 20 items, no database, the same
 *     node_modules and future flags, built here and served with express, @remix-run/express and the same
 *     compression() as Zwin's server, in production mode).
 *  2. Zwin's production build (scripts/server.ts) on the bench data, signed in as three personas: a
 *     member of one small network, the GOS coordinator, and Sluis, in every network.
 *  3. Per persona the pages people open most (pages-samples.ts finds them in the data): dashboard,
 *     network, meetings, one meeting with its agenda, documents page 1 and page 50, search for a common
 *     and a rare word, a project, a goal, the programme overview, the activity feed.
 *
 * Each page is loaded with autocannon at 10 connections (the session cookie, gzip accepted, as a
 * browser asks): requests per second, latency p50/p95/p99, and the server process's CPU time per
 * request. Then 20 requests one after the other give the server's own time for a request without
 * others waiting beside it: the median of the durations it logs (scripts/http/observability.ts). The
 * ratio is the page's requests per second over the bare Remix route's. Peak RSS is the server
 * process's VmHWM at the end. Any answer that is not 2xx fails the bench.
 *
 *   npm run build && npx tsx tests/bench/pages.ts [--scale N] [--reuse-data]
 *
 * BENCH_PAGES_SECONDS (default 5), BENCH_PAGES_WARMUP (1 s), BENCH_PAGES_CONNECTIONS (10) and
 * BENCH_PAGES_PROBES (20) change the load; BENCH_PAGES_ONLY=<text> loads only the pages whose name holds
 * it; BENCH_PAGES_SERVER_LOG=<file> keeps the server's log of the run; --reuse-data keeps a data folder generated before (for
 * development: the server's own writes of an earlier run stay in it). The table goes to the screen, the
 * figures as JSON to the data folder (bench-pages-<time>.json).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildCeiling, startCeiling, type CeilingKind } from './ceiling/ceiling'
import { loadPage, peakRssMb, type LoadFigures } from './load'
import { generateNotificationsBenchData, notificationsBenchDir } from './notifications-generate'
import { samplePages, type NetworkChoice, type PersonaSample } from './pages-samples'
import { agent, percentile, request, requireBuild, signIn, startServer } from './server'

const SECONDS = Number(process.env.BENCH_PAGES_SECONDS ?? 5)
const WARMUP_SECONDS = Number(process.env.BENCH_PAGES_WARMUP ?? 1)
const CONNECTIONS = Number(process.env.BENCH_PAGES_CONNECTIONS ?? 10)
const PROBES = Number(process.env.BENCH_PAGES_PROBES ?? 20)
/** Only the pages whose name holds this text (for a look at a few pages: the table is then partial). */
const ONLY = process.env.BENCH_PAGES_ONLY
/** A file that receives the server's whole log of the run. */
const SERVER_LOG = process.env.BENCH_PAGES_SERVER_LOG

/** The budgets of issue 15, for every page and persona. */
const BUDGETS = {
  ratio: 0.3,
  p99Ms: 100,
  serverMedianMs: 5,
  searchP95Ms: 50,
  peakRssMb: 300,
} as const

const PERSONAS: { label: string; email: string; network: NetworkChoice }[] = [
  { label: 'small network', email: 'lid.dewolden@example.org', network: 'smallest' },
  { label: 'GOS coordinator', email: 'coordinator.gos@example.org', network: 'coordinated' },
  { label: 'every network', email: 'lid.sluis@example.org', network: 'largest' },
]

type Options = { scale: number; reuseData: boolean }

function options(argv: string[]): Options {
  const at = argv.indexOf('--scale')
  const scale = at >= 0 ? Number(argv[at + 1]) : 1
  if (!(scale > 0)) throw new Error('--scale takes a positive number')
  return { scale, reuseData: argv.includes('--reuse-data') }
}

/** The bench data: generated fresh unless asked to reuse a folder that holds a database. */
async function benchData({ scale, reuseData }: Options) {
  if (scale !== 1) throw new Error('The notifications bench data has no scale: only --scale 1')
  const dataDir = notificationsBenchDir
  const databasePath = path.join(dataDir, 'zwin.sqlite')
  // The seed stores its demo files through the app's configuration: into the bench folder, not ./data.
  process.env.ZWIN_DATA_DIR = dataDir
  if (reuseData && fs.existsSync(databasePath)) {
    console.info(`Reusing the bench data in ${dataDir}`)
  } else {
    console.info('Generating the bench data (notifications-generate.ts)…')
    const summary = await generateNotificationsBenchData(dataDir)
    console.info(
      `  ${summary.organisations} organisations, ${summary.networks} networks, ${summary.users} ` +
        `people, ${summary.meetings} meetings, ${summary.documents} documents (${summary.seconds} s)`,
    )
  }
  return { dataDir, databasePath, name: 'notifications bench data (notifications-generate.ts)' }
}

const browserHeaders = (cookie?: string): Record<string, string> => ({
  Accept: 'text/html',
  'Accept-Encoding': 'gzip',
  'Accept-Language': 'nl-NL',
  ...(cookie ? { Cookie: cookie } : {}),
})

const loadOptions = (pid: number, label: string) => ({
  pid,
  label,
  seconds: SECONDS,
  warmupSeconds: WARMUP_SECONDS,
  connections: CONNECTIONS,
})

type CeilingResult = LoadFigures & { kind: CeilingKind; peakRssMb: number }

async function measureCeiling(kind: CeilingKind): Promise<CeilingResult> {
  const server = await startCeiling(kind)
  try {
    const figures = await loadPage(
      { port: server.port, path: '/', headers: browserHeaders() },
      loadOptions(server.pid, `the ${kind} ceiling`),
    )
    return { kind, ...figures, peakRssMb: peakRssMb(server.pid) }
  } finally {
    await server.stop()
  }
}

/**
 * The server's log, read as it is written: the duration of each request by its id (the X-Request-Id
 * of the answer), and the durations logged for one path while it is under load.
 */
function requestLog() {
  const byId = new Map<string, number>()
  let watched: string | undefined
  let underLoad: number[] = []
  // The server's other lines: its own work (mail, reminders, digests) shares the CPU with the pages.
  const other = new Map<string, number>()
  const errors: string[] = []
  return {
    onLine(line: string) {
      let entry: { level?: number; msg?: string; reqId?: string; path?: string; ms?: number }
      try {
        entry = JSON.parse(line) as typeof entry
      } catch {
        return
      }
      if ((entry.level ?? 0) >= 50) errors.push(line.slice(0, 500))
      if (entry.msg !== 'request') {
        const what = (entry.msg ?? '(no message)').slice(0, 80)
        other.set(what, (other.get(what) ?? 0) + 1)
        return
      }
      if (typeof entry.ms !== 'number' || !entry.reqId) return
      byId.set(entry.reqId, entry.ms)
      if (entry.path === watched) underLoad.push(entry.ms)
    },
    watch(pathname: string | undefined) {
      watched = pathname
      underLoad = []
    },
    underLoad: () => underLoad,
    background: () => ({ lines: Object.fromEntries(other), errors }),
    async durations(ids: string[]): Promise<number[]> {
      // A request's line is written when its answer closes: a moment after the client has it.
      const deadline = Date.now() + 2_000
      while (ids.some((id) => !byId.has(id)) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20))
      }
      const missing = ids.filter((id) => !byId.has(id))
      if (missing.length)
        throw new Error(`The server logged no line for ${missing.length} requests`)
      return ids.map((id) => byId.get(id)!)
    },
  }
}

const median = (values: number[]) =>
  values.length
    ? percentile(
        [...values].sort((a, b) => a - b),
        50,
      )
    : NaN

type PageResult = LoadFigures & {
  persona: string
  email: string
  page: string
  path: string
  note?: string
  /** The server's own time (its log), median of requests sent one after the other. */
  serverMedianMs: number
  /** The same under the load of CONNECTIONS connections (requests wait for each other). */
  serverMedianUnderLoadMs: number
  ratio: number
}

async function measureZwin(
  databaseDir: string,
  samples: (PersonaSample & { label: string })[],
  remixCeiling: number,
) {
  const log = requestLog()
  const copy = SERVER_LOG ? fs.createWriteStream(SERVER_LOG) : undefined
  const server = await startServer(databaseDir, {}, [], (line) => {
    copy?.write(`${line}\n`)
    log.onLine(line)
  })
  const pid = server.process.pid!
  const results: PageResult[] = []
  try {
    for (const persona of samples) {
      const cookie = await signIn(server.port, persona.email)
      const headers = browserHeaders(cookie)
      console.info(`${persona.label} (${persona.email}), network ${persona.network}:`)
      for (const page of persona.pages.filter((p) => !ONLY || p.name.includes(ONLY))) {
        // The kept-alive socket of the last requests has been idle through a load longer than the
        // server's keep-alive time-out: the server may be closing it. A fresh one.
        agent.destroy()
        const first = await request(server.port, page.path, { headers })
        if (first.status !== 200) {
          throw new Error(`${page.path} answered ${first.status} for ${persona.email}`)
        }
        const pathname = new URL(page.path, 'http://zwin.invalid').pathname
        log.watch(pathname)
        const figures = await loadPage(
          { port: server.port, path: page.path, headers },
          loadOptions(pid, `${page.name} for ${persona.email}`),
        )
        const underLoad = log.underLoad()
        log.watch(undefined)
        agent.destroy()
        const ids: string[] = []
        for (let i = 0; i < PROBES; i++) {
          const answer = await request(server.port, page.path, { headers })
          if (answer.status !== 200) throw new Error(`${page.path} answered ${answer.status}`)
          ids.push(String(answer.headers['x-request-id']))
        }
        const serverMedianMs = median(await log.durations(ids))
        const result: PageResult = {
          persona: persona.label,
          email: persona.email,
          page: page.name,
          path: page.path,
          note: page.note,
          ...figures,
          serverMedianMs,
          serverMedianUnderLoadMs: median(underLoad),
          ratio: figures.requestsPerSecond / remixCeiling,
        }
        results.push(result)
        console.info(
          `  ${page.name.padEnd(20)} ${fixed(result.requestsPerSecond, 0, 6)} req/s  ` +
            `p99 ${fixed(result.latencyMs.p99, 1, 6)} ms  server ${fixed(serverMedianMs, 1, 5)} ms`,
        )
      }
    }
    return { results, peakRssMb: peakRssMb(pid), background: log.background() }
  } finally {
    agent.destroy()
    await server.stop()
    copy?.end()
  }
}

const fixed = (n: number, digits: number, width: number) => n.toFixed(digits).padStart(width)
const verdict = (met: boolean) => (met ? 'met' : 'MISSED')
const isSearch = (page: PageResult) => page.path.startsWith('/zoeken')

function budgetsOf(page: PageResult) {
  return {
    ratio: page.ratio >= BUDGETS.ratio,
    p99: page.latencyMs.p99 < BUDGETS.p99Ms,
    server: page.serverMedianMs < BUDGETS.serverMedianMs,
    ...(isSearch(page) ? { searchP95: page.latencyMs.p95 < BUDGETS.searchP95Ms } : {}),
  }
}

type Background = ReturnType<ReturnType<typeof requestLog>['background']>

function printTable(
  ceilings: CeilingResult[],
  pages: PageResult[],
  peakRss: number,
  background: Background,
) {
  const line = (cells: string[]) => console.info(cells.join('  '))
  console.info('')
  console.info(
    `Ceiling (${CONNECTIONS} connections, ${SECONDS} s after ${WARMUP_SECONDS} s of warm-up):`,
  )
  line(['ceiling   ', '   req/s', ' p50 ms', ' p99 ms', 'CPU ms/req', 'peak RSS MB'])
  for (const c of ceilings) {
    line([
      c.kind.padEnd(10),
      fixed(c.requestsPerSecond, 0, 8),
      fixed(c.latencyMs.p50, 1, 7),
      fixed(c.latencyMs.p99, 1, 7),
      fixed(c.cpuMsPerRequest, 2, 10),
      fixed(c.peakRssMb, 0, 11),
    ])
  }
  console.info('')
  console.info(
    `Zwin (ratio: req/s over the bare Remix route's; server ms: median of the server's own time, ` +
      `${PROBES} requests one at a time; budgets: ratio ≥ ${BUDGETS.ratio * 100} %, p99 < ` +
      `${BUDGETS.p99Ms} ms, server < ${BUDGETS.serverMedianMs} ms, search p95 < ${BUDGETS.searchP95Ms} ms):`,
  )
  line([
    'persona        ',
    'page                ',
    '  req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'server ms',
    'CPU ms/req',
    'ratio',
    'ratio ',
    'p99   ',
    'server',
    'search',
    'note',
  ])
  for (const p of pages) {
    const b = budgetsOf(p)
    line([
      p.persona.padEnd(15),
      p.page.padEnd(20),
      fixed(p.requestsPerSecond, 0, 7),
      fixed(p.latencyMs.p50, 1, 6),
      fixed(p.latencyMs.p95, 1, 6),
      fixed(p.latencyMs.p99, 1, 6),
      fixed(p.serverMedianMs, 1, 9),
      fixed(p.cpuMsPerRequest, 1, 10),
      fixed(p.ratio, 2, 5),
      verdict(b.ratio).padEnd(6),
      verdict(b.p99).padEnd(6),
      verdict(b.server).padEnd(6),
      (b.searchP95 === undefined ? '' : verdict(b.searchP95)).padEnd(6),
      p.note ?? '',
    ])
  }
  console.info('')
  const missed = pages.filter((p) => Object.values(budgetsOf(p)).includes(false)).length
  console.info(`${pages.length - missed} of ${pages.length} pages meet every budget of their row`)
  console.info(
    `Peak RSS of Zwin's server over the whole bench: ${peakRss.toFixed(0)} MB — budget < ` +
      `${BUDGETS.peakRssMb} MB ${verdict(peakRss < BUDGETS.peakRssMb)}`,
  )
  // Starting, signing in and stopping log a few lines; more is work of the server's own during the load.
  const lines = Object.entries(background.lines).sort((a, b) => b[1] - a[1])
  console.info(
    `The server's log besides requests: ${lines.map(([msg, n]) => `${n} × "${msg}"`).join(', ')}`,
  )
  for (const error of background.errors) console.warn(`The server logged an error: ${error}`)
}

async function main() {
  const opts = options(process.argv.slice(2))
  const started = new Date().toISOString()
  requireBuild()
  const data = await benchData(opts)
  const samples = PERSONAS.map((persona) => ({
    label: persona.label,
    ...samplePages(data.databasePath, persona.email, persona.network),
  }))

  console.info('Building the bare Remix ceiling (tests/bench/ceiling)…')
  await buildCeiling()
  console.info(`Loading the ceilings, then Zwin: ${CONNECTIONS} connections, ${SECONDS} s a page…`)
  const ceilings = [await measureCeiling('node-http'), await measureCeiling('remix')]
  const remix = ceilings.find((c) => c.kind === 'remix')!
  const zwin = await measureZwin(data.dataDir, samples, remix.requestsPerSecond)

  printTable(ceilings, zwin.results, zwin.peakRssMb, zwin.background)
  const file = path.join(data.dataDir, `bench-pages-${started.replace(/[:.]/g, '-')}.json`)
  const report = {
    at: started,
    data: data.name,
    scale: opts.scale,
    machine: { cpus: os.cpus().length, node: process.version, platform: process.platform },
    load: {
      connections: CONNECTIONS,
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      probes: PROBES,
    },
    budgets: BUDGETS,
    ceilings,
    pages: zwin.results.map((p) => ({ ...p, budgets: budgetsOf(p) })),
    peakRssMb: zwin.peakRssMb,
    peakRssWithinBudget: zwin.peakRssMb < BUDGETS.peakRssMb,
    serverLogBesidesRequests: zwin.background,
  }
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
  console.info(`Figures written to ${path.relative(process.cwd(), file)}`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
