/**
 * The documents benches (not a timed test), run by `npm run bench` after the programme bench:
 *
 * 1. Search. 20,000 documents with Dutch text (documents-generate.ts), of which the bench user (a
 *    member of Terneuzen) may see about half. 200 queries of the kinds people type
 *    (documents-queries.ts) go through the real search code, searchDocuments, in this process: that
 *    time is the figure the budget is for (p95 under 50 ms). The same queries over HTTP (the whole
 *    /zoeken page, from the production server) give the context.
 * 2. Upload (documents-upload.ts). A 200 MiB plain-text file streamed as multipart to the production
 *    server (UPLOAD_MAX_MB=300), as the upload form sends it, three times. The server's resident memory
 *    is sampled every 20 ms from just before each request until its answer, and its kernel-kept peak
 *    (VmHWM) read at the answer: the growth must stay under 64 MiB. The wall time gives the throughput,
 *    which must be at least half that of `cp` of the same file to the same file system, followed by an
 *    fsync of the copy (the server fsyncs too), timed between the uploads. Text extraction starts in
 *    the background after the answer and is not part of the upload; its time is shown apart.
 *
 *   npm run build && npx tsx tests/bench/documents.ts
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { CurrentUser } from '../../app/modules/access/access.server'
import { visibleDocumentsSql } from '../../app/modules/access/documents.server'
import { db, getDb, prepareDb } from '../../app/modules/db/db.server'
import { searchDocuments } from '../../app/modules/documents/search.server'
import {
  defaultDocumentsBenchDir,
  DOCUMENTS_BENCH_USER,
  generateDocumentsBenchData,
} from './documents-generate'
import { benchQueries, type QueryKind } from './documents-queries'
import { benchUpload, SAMPLE_MS, type UploadFigures } from './documents-upload'
import { agent, ms, request, requireBuild, root, signIn, startServer, summarise } from './server'
import { currentUserOf } from '../setup/current-user'

const SEARCH_BUDGET_P95_MS = 50
const RSS_BUDGET_MIB = 64
const THROUGHPUT_BUDGET_RATIO = 0.5

// ---- Search ----

function benchUser(): Promise<CurrentUser> {
  return currentUserOf(db, DOCUMENTS_BENCH_USER)
}

type SearchFigures = ReturnType<typeof summarise> & { hitsAverage: number; zeroHits: number }

async function benchSearchInProcess(queries: { text: string; kind: QueryKind }[]) {
  await prepareDb(getDb())
  const user = await benchUser()
  const [counted] = await db.$queryRaw<{ total: bigint; visible: bigint }[]>`
    SELECT count(*) AS total,
           (SELECT count(*) FROM "Document" d WHERE ${visibleDocumentsSql(user)}) AS visible
    FROM "Document"`
  console.info(
    `  ${DOCUMENTS_BENCH_USER} may see ${Number(counted!.visible)} of ${Number(counted!.total)} ` +
      `documents (by the app's access rule, visibleDocumentsSql)`,
  )

  // Warm-up: the first queries open the connection and load the index pages from disk.
  for (const q of queries.slice(0, 20)) await searchDocuments(user, q.text, { page: 1 })
  const times: number[] = []
  const byKind = new Map<QueryKind, number[]>()
  const hits: number[] = []
  for (const q of queries) {
    const started = performance.now()
    const result = await searchDocuments(user, q.text, { page: 1 })
    const elapsed = performance.now() - started
    times.push(elapsed)
    byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), elapsed])
    hits.push(result.total)
  }
  const figures: SearchFigures = {
    ...summarise(times),
    hitsAverage: hits.reduce((a, b) => a + b, 0) / hits.length,
    zeroHits: hits.filter((h) => h === 0).length,
  }
  await db.$disconnect()
  return { figures, byKind }
}

// ---- The run ----

const median = (values: number[]) => summarise(values).median
const seconds = (ms: number) => (ms / 1000).toFixed(2)
const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL')

async function searchOverHttp(port: number, cookie: string, queries: { text: string }[]) {
  const page = (q: string) =>
    request(port, `/zoeken?q=${encodeURIComponent(q)}`, {
      headers: { Cookie: cookie, 'Accept-Encoding': 'gzip' },
    })
  for (const q of queries.slice(0, 10)) await page(q.text)
  const times: number[] = []
  for (const q of queries) {
    const started = performance.now()
    const answer = await page(q.text)
    times.push(performance.now() - started)
    if (answer.status !== 200) throw new Error(`/zoeken?q=${q.text} answered ${answer.status}`)
  }
  agent.destroy()
  return summarise(times)
}

function reportUpload(upload: UploadFigures) {
  const { mib, runs, copies, bareSink } = upload
  const rate = (ms: number) => mib / (ms / 1000)
  const sinkRate = rate(median(bareSink.map((b) => b.ms)))
  const split = (r: { ms: number; sentMs: number }) =>
    `${seconds(r.ms)} s (${seconds(r.sentMs)} + ${seconds(r.ms - r.sentMs)})`
  const uploadRate = rate(median(runs.map((r) => r.ms)))
  const copyRate = rate(median(copies.map((c) => c.cpSyncMs)))
  const plainCopyRate = rate(median(copies.map((c) => c.cpMs)))
  const growths = runs.map(
    (r) =>
      Math.max(r.rssPeakSampled, Number.isNaN(r.rssPeakKernel) ? 0 : r.rssPeakKernel) - r.rssBefore,
  )
  console.info('')
  console.info(
    `upload of ${mib} MiB (text/plain, multipart, streamed; answered once stored, fsynced and ` +
      `recorded), ${runs.length} runs, sending + after the last byte: ${runs.map(split).join(', ')}; ` +
      `median ${uploadRate.toFixed(0)} MiB/s`,
  )
  console.info(
    `cp + sync of the same file (\`cp\`, then \`sync FILE\` = fsync of the copy), ${copies.length} runs: ` +
      `${copies.map((c) => `${seconds(c.cpSyncMs)} s`).join(', ')}; median ${copyRate.toFixed(0)} MiB/s ` +
      `(cp alone, no fsync: median ${plainCopyRate.toFixed(0)} MiB/s)`,
  )
  console.info(
    `throughput ratio upload / (cp + sync), medians: ${(uploadRate / copyRate).toFixed(2)} ` +
      `(upload / cp alone: ${(uploadRate / plainCopyRate).toFixed(2)})`,
  )
  console.info(
    `for comparison, a bare Node HTTP sink (body to file + fsync; no parsing, hashing or framework), ` +
      `same file and client: ${bareSink.map(split).join(', ')}; median ` +
      `${sinkRate.toFixed(0)} MiB/s = ${(sinkRate / copyRate).toFixed(2)} × cp + sync`,
  )
  runs.forEach((r, i) =>
    console.info(
      `server RSS, upload ${i + 1}: ${r.rssBefore.toFixed(0)} MiB before, peak ` +
        `${r.rssPeakSampled.toFixed(0)} MiB sampled (${r.samples} samples every ${SAMPLE_MS} ms, ` +
        `largest gap ${r.maxGapMs.toFixed(0)} ms)` +
        (Number.isNaN(r.rssPeakKernel) ? '' : `, VmHWM ${r.rssPeakKernel.toFixed(0)} MiB`) +
        `; growth ${growths[i]!.toFixed(0)} MiB`,
    ),
  )
  console.info(
    `  (sampling stops at the answer; the text extraction each upload starts then took ` +
      `${runs.map((r) => `${seconds(r.extractionMs)} s`).join(', ')}, server RSS peaking at ` +
      `${runs.map((r) => `${r.rssPeakExtraction.toFixed(0)}`).join(', ')} MiB)`,
  )
  return { ratio: uploadRate / copyRate, growth: Math.max(...growths) }
}

async function main() {
  requireBuild()
  const loadAtStart = os.loadavg()[0]!
  const dataDir = defaultDocumentsBenchDir
  // The app's configuration (read once per process) names the documents bench folder.
  process.env.ZWIN_DATA_DIR = dataDir

  console.info('Documents bench: generating 20,000 documents…')
  const generated = await generateDocumentsBenchData(dataDir)
  console.info(
    `  ${generated.documents} documents, ${generated.inBin} of them in the bin, on average ` +
      `${Math.round(generated.bodyWords / generated.documents)} words of text each; ` +
      `${generated.visibleToUser} visible to the bench user by construction (${generated.seconds} s)`,
  )

  const queries = benchQueries()
  console.info(`Searching in-process (searchDocuments): 20 warm-up and ${queries.length} queries…`)
  const search = await benchSearchInProcess(queries)

  const server = await startServer(dataDir, { UPLOAD_MAX_MB: '300' })
  let pages: ReturnType<typeof summarise>
  let upload: UploadFigures
  try {
    const cookie = await signIn(server.port, DOCUMENTS_BENCH_USER)
    console.info(`Searching over HTTP (GET /zoeken?q=…, gzip): 10 warm-up and ${queries.length}…`)
    pages = await searchOverHttp(server.port, cookie, queries)
    console.info('Uploading 200 MiB, three times, with cp in between…')
    upload = await benchUpload({
      port: server.port,
      pid: server.process.pid!,
      cookie,
      workDir: path.join(root, 'tests', '.output', 'bench-upload'),
      databasePath: path.join(dataDir, 'zwin.sqlite'),
    })
  } finally {
    await server.stop()
    // The stored uploads (over 600 MiB) are of no use after the run; the database stays to look into.
    fs.rmSync(path.join(dataDir, 'files'), { recursive: true, force: true })
  }

  const { figures, byKind } = search
  console.info('')
  console.info(
    `machine: ${os.cpus().length} CPUs; load average (1 min) ${loadAtStart.toFixed(1)} at the start, ` +
      `${os.loadavg()[0]!.toFixed(1)} at the end (other work on the machine slows every figure below)`,
  )
  console.info(`${'search'.padEnd(26)}  median ms    p95 ms    min ms    max ms`)
  const row = (label: string, s: ReturnType<typeof summarise>) =>
    console.info(`${label.padEnd(26)} ${ms(s.median)}  ${ms(s.p95)}  ${ms(s.min)}  ${ms(s.max)}`)
  row('searchDocuments, all 200', figures)
  for (const [kind, times] of byKind) row(`  ${kind} (${times.length})`, summarise(times))
  row('/zoeken page over HTTP', pages)
  console.info(
    `hits per query (documents the user may see): ${figures.hitsAverage.toFixed(0)} on average; ` +
      `${figures.zeroHits} of ${queries.length} queries found nothing`,
  )
  const uploaded = reportUpload(upload)

  console.info('')
  console.info(
    `budget: search p95 under ${SEARCH_BUDGET_P95_MS} ms — ` +
      `${verdict(figures.p95 < SEARCH_BUDGET_P95_MS)} (${figures.p95.toFixed(1)} ms)`,
  )
  console.info(
    `budget: upload peak RSS growth under ${RSS_BUDGET_MIB} MiB — ` +
      `${verdict(uploaded.growth < RSS_BUDGET_MIB)} (${uploaded.growth.toFixed(0)} MiB, the largest of the runs)`,
  )
  console.info(
    `budget: upload throughput at least ${THROUGHPUT_BUDGET_RATIO} × cp + sync — ` +
      `${verdict(uploaded.ratio >= THROUGHPUT_BUDGET_RATIO)} (${uploaded.ratio.toFixed(2)} ×)`,
  )
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
