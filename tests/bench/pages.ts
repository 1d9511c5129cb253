/**
 * The page bench of issue 15 (not a timed test): the whole picture of page speed, in one run so that the
 * ratios are fair.
 *
 *  1. The ceiling, measured first: a plain node:http handler answering a small HTML page, and a bare
 *     Remix route (tests/bench/ceiling: one route whose loader returns 20 items, no database, the same
 *     node_modules and future flags, built here and served with express, @remix-run/express and the same
 *     compression() as Zwin's server, in production mode).
 *  2. Zwin's production build (scripts/server.ts) on the large data set (large-generate.ts, generated
 *     fresh at the scale asked), signed in as its three personas: a member of one small network, the GOS
 *     coordinator, and Sluis, in every network.
 *  3. Per persona the pages people open most, at the paths large-samples.ts finds in the data:
 *     dashboard, network, meetings, one meeting with its agenda, documents page 1 and page 50 (or the
 *     last, when there are fewer), search for a common and a rare word, a project, a goal, the programme
 *     overview, the network's activity feed.
 *
 * Each page is loaded with autocannon at 10 connections (the session cookie, gzip accepted, as a
 * browser asks): requests per second, latency p50/p95/p99, and the server process's CPU time per
 * request. Then 20 requests one after the other give the server's own time for a request without
 * others waiting beside it: the median of the durations it logs (scripts/http/observability.ts). The
 * ratio is the page's requests per second over the bare Remix route's. Peak RSS is the server
 * process's VmHWM at the end. Any answer that is not 2xx fails the bench.
 *
 * Zwin is measured twice in the same run: on the SQLite file, then on PostgreSQL (issue 16), with the
 * same data copied into a fresh database by `npm run db:copy`'s code (app/modules/db/copy-to-postgres)
 * before either is loaded, on the server of ZWIN_POSTGRES_ADMIN_URL (the local one by default). A table
 * after both compares them page by page. BENCH_PAGES_DATABASES=sqlite (or postgresql) measures one.
 *
 *   npm run build && npx tsx tests/bench/pages.ts [--scale N] [--reuse-data]
 *
 * BENCH_PAGES_SECONDS (default 5), BENCH_PAGES_WARMUP (1 s), BENCH_PAGES_CONNECTIONS (10) and
 * BENCH_PAGES_PROBES (20) change the load; BENCH_PAGES_ONLY=<text> loads only the pages whose name holds
 * it; BENCH_PAGES_SERVER_LOG=<file> keeps the server's log of the run; BENCH_SERVER_NODE_FLAGS=<flags>
 * starts Zwin's server (not the ceilings) with those node flags, to compare heap settings.
 * --reuse-data keeps the data folder of an earlier run instead of generating it again (for
 * development: what the server wrote then, mail sent and sessions, stays in it). The table goes to the
 * screen; the figures, with the ceiling's, as JSON to tests/.output/bench-pages/ (the data folder is
 * emptied by every generation).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { copySqliteToPostgres } from '../../app/modules/db/copy-to-postgres.server'
import { describePostgres } from '../../app/modules/db/migrate-database.server'
import { postgresAdminUrl } from '../../scripts/postgres-admin'
import { buildCeiling, startCeiling, type CeilingKind } from './ceiling/ceiling'
import { generateLargeData, largeDataDir } from './large-generate'
import {
  LARGE_PERSONAS,
  LARGE_SEARCH_WORDS,
  largeSamplePaths,
  type LargePersona,
  type LargeSamplePaths,
} from './large-samples'
import { loadPage, memoryMb, type LoadFigures } from './load'
import {
  agent,
  percentile,
  request,
  requestLog,
  requireBuild,
  root,
  signIn,
  startServer,
} from './server'

const SECONDS = Number(process.env.BENCH_PAGES_SECONDS ?? 5)
const WARMUP_SECONDS = Number(process.env.BENCH_PAGES_WARMUP ?? 1)
const CONNECTIONS = Number(process.env.BENCH_PAGES_CONNECTIONS ?? 10)
const PROBES = Number(process.env.BENCH_PAGES_PROBES ?? 20)
type BenchDatabase = 'sqlite' | 'postgresql'
const DATABASE_NAMES: Record<BenchDatabase, string> = { sqlite: 'SQLite', postgresql: 'PostgreSQL' }
/** The databases Zwin is measured on, in this order. */
const DATABASES = (process.env.BENCH_PAGES_DATABASES ?? 'sqlite,postgresql')
  .split(',')
  .map((name) => {
    if (name !== 'sqlite' && name !== 'postgresql') {
      throw new Error(`BENCH_PAGES_DATABASES lists sqlite and postgresql, not ${name}`)
    }
    return name as BenchDatabase
  })
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

const PERSONAS: Record<LargePersona, string> = {
  smallNetworkMember: 'small network',
  gosCoordinator: 'GOS coordinator',
  everyNetwork: 'every network',
}

/** The documents list's page the issue asks for; a network with fewer pages gives its last one. */
const DEEP_PAGE = 50

/** Where the figures of every run are kept: generating the data empties the data folder. */
const resultsDir = path.join(root, 'tests', '.output', 'bench-pages')

type Options = { scale: number; reuseData: boolean }

function options(argv: string[]): Options {
  const at = argv.indexOf('--scale')
  const scale = at >= 0 ? Number(argv[at + 1]) : 1
  if (!(scale > 0)) throw new Error('--scale takes a positive number')
  return { scale, reuseData: argv.includes('--reuse-data') }
}

/** The large data set of `scale`: generated fresh unless asked to reuse a folder that holds one. */
async function benchData({ scale, reuseData }: Options) {
  const dataDir = largeDataDir(scale)
  // The seed stores its demo files through the app's configuration: into the bench folder, not ./data.
  process.env.ZWIN_DATA_DIR = dataDir
  if (reuseData && fs.existsSync(path.join(dataDir, 'zwin.sqlite'))) {
    console.info(`Reusing the large data set in ${path.relative(root, dataDir)}`)
    return dataDir
  }
  console.info(`Generating the large data set at scale ${scale} (large-generate.ts)…`)
  const summary = await generateLargeData({ scale, dataDir })
  const { Meeting, AgendaItem, Document, Project, Goal, Measurement } = summary.counts
  console.info(
    `  ${Meeting} meetings, ${AgendaItem} agenda items, ${Document} documents, ${Project} projects, ` +
      `${Goal} goals, ${Measurement} measurements (${summary.seconds} s)`,
  )
  return dataDir
}

type SamplePage = { name: string; path: string; note?: string }

/** The pages of issue 15 for a persona, at the paths large-samples.ts finds in the data. */
function pagesOf(sample: LargeSamplePaths): SamplePage[] {
  const { paths } = sample
  const deep = Math.min(DEEP_PAGE, sample.documentPages)
  const hits = (word: string, n: number) => `"${word}" is in ${n} documents of all networks`
  return [
    { name: 'dashboard', path: paths.dashboard },
    { name: 'network', path: paths.network },
    { name: 'meetings list', path: paths.meetings },
    {
      name: 'one meeting',
      path: paths.meeting,
      note: `${sample.meetingAgendaItems} agenda items`,
    },
    {
      name: 'documents p1',
      path: paths.documents,
      note: `${sample.visibleDocuments} documents visible, ${sample.documentPages} pages`,
    },
    {
      name: `documents p${deep}`,
      path: `${paths.documents}?pagina=${deep}`,
      note: deep < DEEP_PAGE ? `the last page: the network has no page ${DEEP_PAGE}` : undefined,
    },
    {
      name: 'search common',
      path: paths.searchCommon,
      note: hits(LARGE_SEARCH_WORDS.common, sample.searchHits.common),
    },
    {
      name: 'search rare',
      path: paths.searchRare,
      note: hits(LARGE_SEARCH_WORDS.rare, sample.searchHits.rare),
    },
    { name: 'project', path: paths.project },
    { name: 'goal', path: paths.goal },
    { name: 'programme overview', path: paths.programme },
    { name: 'activity feed', path: paths.networkActivity },
  ]
}

type PersonaPages = { label: string; email: string; network: string; pages: SamplePage[] }

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
    return { kind, ...figures, peakRssMb: memoryMb(server.pid, 'VmHWM') }
  } finally {
    await server.stop()
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
  /** The server's resident memory once this page's requests are done (VmRSS). */
  rssAfterMb: number
}

/**
 * The data set in a fresh PostgreSQL database of the bench's own, copied and checked as `npm run
 * db:copy` does it; its `postgresql://…`.
 */
async function copyToPostgres(dataDir: string, scale: number): Promise<string> {
  const url = new URL(postgresAdminUrl())
  const name = `zwin_bench_pages_${String(scale).replace(/\W/g, '_')}`
  const admin = new pg.Client({ connectionString: url.toString() })
  await admin.connect()
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await admin.query(`CREATE DATABASE "${name}"`)
  } finally {
    await admin.end()
  }
  url.pathname = `/${name}`
  const copied = await copySqliteToPostgres({
    sqlitePath: path.join(dataDir, 'zwin.sqlite'),
    url: url.toString(),
    sqliteMigrationsDir: path.join(root, 'prisma', 'migrations'),
    postgresMigrationsDir: path.join(root, 'prisma', 'postgresql', 'migrations'),
  })
  // Fresh statistics for the planner, as autovacuum would gather them after a while.
  const client = new pg.Client({ connectionString: url.toString() })
  await client.connect()
  try {
    await client.query('ANALYZE')
  } finally {
    await client.end()
  }
  console.info(
    `  copied to ${describePostgres(url.toString())}: ${copied.rows} rows in ${copied.tables.length} ` +
      `tables, checked, in ${(copied.ms / 1000).toFixed(1)} s (then ANALYZE)`,
  )
  return url.toString()
}

async function measureZwin(
  databaseDir: string,
  samples: PersonaPages[],
  remixCeiling: number,
  env: Record<string, string>,
) {
  const log = requestLog()
  const copy = SERVER_LOG ? fs.createWriteStream(SERVER_LOG) : undefined
  const server = await startServer(databaseDir, env, [], (line) => {
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
          rssAfterMb: memoryMb(pid, 'VmRSS'),
        }
        results.push(result)
        console.info(
          `  ${page.name.padEnd(20)} ${fixed(result.requestsPerSecond, 0, 6)} req/s  ` +
            `p99 ${fixed(result.latencyMs.p99, 1, 6)} ms  server ${fixed(serverMedianMs, 1, 5)} ms`,
        )
      }
    }
    return { results, peakRssMb: memoryMb(pid, 'VmHWM'), background: log.background() }
  } finally {
    agent.destroy()
    await server.stop()
    copy?.end()
  }
}

const fixed = (n: number, digits: number, width: number) =>
  (Number.isFinite(n) ? n.toFixed(digits) : `>${SECONDS} s`).padStart(width)
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

const line = (cells: string[]) => console.info(cells.join('  '))

function printCeilings(ceilings: CeilingResult[]) {
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
}

function printTable(
  database: BenchDatabase,
  pages: PageResult[],
  peakRss: number,
  background: Background,
) {
  console.info('')
  console.info(
    `Zwin on ${DATABASE_NAMES[database]} (ratio: req/s over the bare Remix route's; server ms: median of the server's own time, ` +
      `${PROBES} requests one at a time; RSS: the server's after the page; ok: the budgets, ratio ≥ ` +
      `${BUDGETS.ratio * 100} %, p99 < ${BUDGETS.p99Ms} ms, server < ${BUDGETS.serverMedianMs} ms, ` +
      `search p95 < ${BUDGETS.searchP95Ms} ms):`,
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
    'RSS MB',
    'ok ratio ',
    'ok p99   ',
    'ok server',
    'ok p95   ',
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
      fixed(p.rssAfterMb, 0, 6),
      verdict(b.ratio).padEnd(9),
      verdict(b.p99).padEnd(9),
      verdict(b.server).padEnd(9),
      (b.searchP95 === undefined ? '' : verdict(b.searchP95)).padEnd(9),
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

/** Page by page, PostgreSQL beside SQLite: the ratios are PostgreSQL's figure over SQLite's. */
function printComparison(sqlite: PageResult[], postgresql: PageResult[]) {
  console.info('')
  console.info('PostgreSQL beside SQLite (same data, same run; ratio = PostgreSQL / SQLite):')
  line([
    'persona        ',
    'page                ',
    'SQLite req/s',
    'PG req/s',
    'req/s ratio',
    'SQLite server ms',
    'PG server ms',
    'server ratio',
    'SQLite p99',
    'PG p99',
  ])
  const ratios: number[] = []
  for (const onPostgres of postgresql) {
    const lite = sqlite.find((p) => p.persona === onPostgres.persona && p.page === onPostgres.page)
    if (!lite) continue
    ratios.push(onPostgres.serverMedianMs / lite.serverMedianMs)
    line([
      onPostgres.persona.padEnd(15),
      onPostgres.page.padEnd(20),
      fixed(lite.requestsPerSecond, 0, 12),
      fixed(onPostgres.requestsPerSecond, 0, 8),
      fixed(onPostgres.requestsPerSecond / lite.requestsPerSecond, 2, 11),
      fixed(lite.serverMedianMs, 1, 16),
      fixed(onPostgres.serverMedianMs, 1, 12),
      fixed(onPostgres.serverMedianMs / lite.serverMedianMs, 2, 12),
      fixed(lite.latencyMs.p99, 1, 10),
      fixed(onPostgres.latencyMs.p99, 1, 6),
    ])
  }
  console.info(
    `Median over the pages of PostgreSQL's server time over SQLite's: ${fixed(median(ratios), 2, 0)}×`,
  )
}

async function main() {
  const opts = options(process.argv.slice(2))
  const started = new Date().toISOString()
  requireBuild()
  const dataDir = await benchData(opts)
  const samples: PersonaPages[] = (Object.keys(LARGE_PERSONAS) as LargePersona[]).map((persona) => {
    const sample = largeSamplePaths(dataDir, persona)
    return {
      label: PERSONAS[persona],
      email: sample.email,
      network: sample.network,
      pages: pagesOf(sample),
    }
  })

  // Copied before either is loaded, so both start from the same rows.
  const envs: Record<BenchDatabase, Record<string, string>> = { sqlite: {}, postgresql: {} }
  if (DATABASES.includes('postgresql')) {
    console.info('Copying the data set into PostgreSQL (npm run db:copy)…')
    envs.postgresql = { DATABASE_URL: await copyToPostgres(dataDir, opts.scale) }
  }

  console.info('Building the bare Remix ceiling (tests/bench/ceiling)…')
  await buildCeiling()
  console.info(`Loading the ceilings, then Zwin: ${CONNECTIONS} connections, ${SECONDS} s a page…`)
  const ceilings = [await measureCeiling('node-http'), await measureCeiling('remix')]
  const remix = ceilings.find((c) => c.kind === 'remix')!
  const runs: ({ database: BenchDatabase } & Awaited<ReturnType<typeof measureZwin>>)[] = []
  for (const database of DATABASES) {
    console.info(`Zwin on ${DATABASE_NAMES[database]}:`)
    const zwin = await measureZwin(dataDir, samples, remix.requestsPerSecond, envs[database])
    runs.push({ database, ...zwin })
  }

  printCeilings(ceilings)
  for (const run of runs) printTable(run.database, run.results, run.peakRssMb, run.background)
  const [sqlite, postgresql] = [
    runs.find((r) => r.database === 'sqlite'),
    runs.find((r) => r.database === 'postgresql'),
  ]
  if (sqlite && postgresql) printComparison(sqlite.results, postgresql.results)
  const file = path.join(
    resultsDir,
    `bench-pages-scale-${opts.scale}-${started.replace(/[:.]/g, '-')}.json`,
  )
  const report = {
    at: started,
    data: path.relative(root, dataDir),
    scale: opts.scale,
    dataReused: opts.reuseData,
    machine: { cpus: os.cpus().length, node: process.version, platform: process.platform },
    load: {
      connections: CONNECTIONS,
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      probes: PROBES,
    },
    budgets: BUDGETS,
    ceilings,
    runs: runs.map((run) => ({
      database: run.database,
      pages: run.results.map((p) => ({ ...p, budgets: budgetsOf(p) })),
      peakRssMb: run.peakRssMb,
      peakRssWithinBudget: run.peakRssMb < BUDGETS.peakRssMb,
      serverLogBesidesRequests: run.background,
    })),
  }
  fs.mkdirSync(resultsDir, { recursive: true })
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
  console.info(`Figures written to ${path.relative(process.cwd(), file)}`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
