/**
 * The agenda pack bench (not a timed test), run by `npm run bench` after the documents benches. Two
 * parts, on one seeded data folder:
 *
 * 1. The build (issue 4). A GOS meeting with 20 agenda items, each with one PDF of 10 pages of Dutch
 *    text (about 450 words a page, A4, as a werkplan or verslag is), built for a Damme member, who may
 *    see all 20: a cover, then 200 document pages. The plan is made in this process and the pack by the
 *    real building process (runPackProcess), without the cache: one warm-up, then BENCH_PACK_RUNS
 *    (default 7) timed builds, each with the start of its process. Memory is the building process's
 *    own peak (its maxRSS, which it reports). Budget: a median under 2 s and a peak under 200 MB.
 * 2. The server while packs are built (issue 10). A meeting with one PDF of 5,000 pages (about 1 MB)
 *    and a small note Damme shares with itself only, served by the production server (`npm run build`
 *    first). While the pack is built, /healthz is asked every 10 ms on a connection of its own and its
 *    answer time recorded, and the server's event-loop delay is measured inside the server process
 *    (tests/bench/loop-delay.ts, loaded with --import; no endpoint). Then the same pack is asked for
 *    again (from the cache), BENCH_PACK_CACHED (default 20) times, and four other packs of the meeting
 *    (Damme in two other languages, Sluis's view without the note in two) at once: two build, two
 *    wait. Budgets: while building, event-loop delay p99 under 50 ms and /healthz p99 under 100 ms;
 *    the pack from the cache in under 50 ms.
 *
 *   npm run build && npx tsx tests/bench/agenda-pack.ts
 */
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { Readable } from 'node:stream'
import { PageSizes, PDFDocument, StandardFonts } from 'pdf-lib'
import { percentile, requireBuild, root, signIn, startServer, summarise } from './server'
import { dutchWriter, random } from './dutch-text'
import { RESOLUTION_MS } from './loop-delay'
import { currentUserOf } from '../setup/current-user'

const dataDir = path.join(root, 'tests', '.output', 'bench-agenda-pack')
const READER = 'lid.damme@example.org'
const OTHER_READER = 'lid.sluis@example.org'
const UPLOADER = 'secretaris.gos@example.org'
const ITEMS = 20
const PAGES_PER_PDF = 10
const BIG_PAGES = 5000
const RUNS = Number(process.env.BENCH_PACK_RUNS ?? 7)
const CACHED_RUNS = Number(process.env.BENCH_PACK_CACHED ?? 20)
const BUDGET_MS = 2000
const BUDGET_MB = 200
const LOOP_DELAY_BUDGET_MS = 50
const HEALTHZ_BUDGET_MS = 100
const CACHED_BUDGET_MS = 50
const MB = 1_000_000

// ---- The data ----

/** A 10-page A4 document with a heading, running text in paragraphs and a page number per page. */
async function documentPdf(title: string, seed: number): Promise<Uint8Array> {
  const { winAnsiSafe, wrapText } =
    await import('../../app/modules/meetings/agenda-pack-text.server')
  const writer = dutchWriter(random(seed))
  const doc = await PDFDocument.create()
  doc.setTitle(title)
  const [regular, bold] = [
    await doc.embedFont(StandardFonts.TimesRoman),
    await doc.embedFont(StandardFonts.HelveticaBold),
  ]
  const [width, height] = PageSizes.A4
  const [left, top, bottom, size, leading] = [72, height - 72, 72, 11, 14.5]
  for (let n = 1; n <= PAGES_PER_PDF; n++) {
    const page = doc.addPage(PageSizes.A4)
    let y = top
    if (n === 1) {
      for (const line of wrapText(winAnsiSafe(title), (s) => bold.widthOfTextAtSize(s, 16), 450)) {
        page.drawText(line, { x: left, y, size: 16, font: bold })
        y -= 22
      }
      y -= 8
    }
    // Paragraphs until the page is full, as a word processor fills it.
    while (y > bottom + leading) {
      const lines = wrapText(
        winAnsiSafe(writer.text(60)).replace(/\n+/g, ' '),
        (s) => regular.widthOfTextAtSize(s, size),
        width - 2 * left,
      )
      for (const line of lines) {
        if (y < bottom) break
        page.drawText(line, { x: left, y, size, font: regular })
        y -= leading
      }
      y -= 6
    }
    page.drawText(`${n}`, { x: width / 2, y: 40, size: 9, font: regular })
  }
  return doc.save()
}

/** A long appendix: 5,000 A4 pages with a line of text each (a data annex, a scanned register). */
async function bigPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  for (let n = 1; n <= BIG_PAGES; n++) {
    doc
      .addPage(PageSizes.A4)
      .drawText(`Bijlage meetgegevens Zwinstreek, pagina ${n}`, { x: 72, y: 770, size: 11, font })
  }
  return doc.save()
}

async function generate() {
  process.env.ZWIN_DATA_DIR = dataDir
  const { seedFreshDataDir } = await import('../setup/seeded-data-dir')
  await seedFreshDataDir(dataDir)
  const { db, getDb, prepareDb } = await import('../../app/modules/db/db.server')
  const storage = await import('../../app/modules/documents/storage.server')
  await prepareDb(getDb())

  const gos = await db.network.findUniqueOrThrow({
    where: { slug: 'gos' },
    select: { id: true, memberships: { select: { organisationId: true } } },
  })
  const partners = gos.memberships.map((m) => m.organisationId)
  const uploader = await db.user.findUniqueOrThrow({
    where: { email: UPLOADER },
    select: { id: true, organisationId: true },
  })
  const reader = await db.user.findUniqueOrThrow({
    where: { email: READER },
    select: { organisationId: true },
  })
  const { _max } = await db.document.aggregate({ _max: { searchRowId: true } })
  let searchRowId = _max.searchRowId ?? 0
  /** A document of GOS with one stored version, attached to the meeting (and item). */
  const addDocument = async (
    pdf: Uint8Array,
    document: {
      title: string
      type: string
      fileName: string
      /** Shared by this organisation with itself only; the uploader's, for the whole network, else. */
      onlyFor?: string
    },
    link: { meetingId: string; agendaItemId?: string },
  ) => {
    const file = await storage.receiveToTemp(Readable.from([Buffer.from(pdf)]), pdf.length)
    await storage.storeThenCommit(file, () =>
      db.document.create({
        data: {
          networkId: gos.id,
          title: document.title,
          type: document.type,
          language: 'nl',
          audience: document.onlyFor ? 'selected' : 'network',
          audienceMembers: {
            create: document.onlyFor ? [{ organisationId: document.onlyFor }] : [],
          },
          ownerOrganisationId: document.onlyFor ?? uploader.organisationId,
          createdById: uploader.id,
          searchRowId: ++searchRowId,
          versions: {
            create: {
              number: 1,
              sha256: file.sha256,
              size: file.size,
              mediaType: 'application/pdf',
              originalName: document.fileName,
              organisationId: document.onlyFor ?? uploader.organisationId,
              uploadedById: uploader.id,
            },
          },
          meetingLinks: { create: link },
        },
      }),
    )
  }
  const meetingData = {
    networkId: gos.id,
    location: 'Gemeentehuis, Burgemeester Frans Desmidtplein 1, 8300 Knokke-Heist',
    hostOrganisationId: partners[2] ?? partners[0]!,
    chair: 'Burgemeester van Knokke-Heist',
    secretary: 'Anouk Schorrenberg',
    status: 'published',
  }

  const meeting = await db.meeting.create({
    data: {
      ...meetingData,
      title: 'GOS-overleg najaar: grensmobiliteit, Zwinstreek en crisisbeheersing',
      description: 'Vergadering voor de agendapakket-bench.',
      startsAt: new Date('2026-10-08T07:30:00Z'),
      endsAt: new Date('2026-10-08T15:00:00Z'),
    },
  })
  let bytes = 0
  const rnd = random(20261008)
  for (let i = 0; i < ITEMS; i++) {
    const writer = dutchWriter(rnd)
    const title = `Werkplan ${writer.theme.title} ${writer.year()} (${i + 1})`
    const pdf = await documentPdf(title, 1000 + i)
    bytes += pdf.length
    const item = await db.agendaItem.create({
      data: {
        meetingId: meeting.id,
        position: i,
        title: `${writer.theme.title.charAt(0).toUpperCase()}${writer.theme.title.slice(1)}`,
        kind: (['information', 'discussion', 'decision'] as const)[i % 3]!,
        durationMinutes: 10 + (i % 4) * 5,
        presenterOrganisationId: partners[i % partners.length]!,
      },
    })
    await addDocument(
      pdf,
      { title, type: 'werkplan', fileName: `werkplan-${i + 1}.pdf` },
      { meetingId: meeting.id, agendaItemId: item.id },
    )
  }

  const bigMeeting = await db.meeting.create({
    data: {
      ...meetingData,
      title: 'GOS-overleg meetgegevens Zwinstreek',
      description: 'Vergadering met een lange bijlage, voor de agendapakket-bench.',
      startsAt: new Date('2026-11-12T08:30:00Z'),
      endsAt: new Date('2026-11-12T11:00:00Z'),
    },
  })
  const annexItem = await db.agendaItem.create({
    data: {
      meetingId: bigMeeting.id,
      position: 0,
      title: 'Meetgegevens Zwinstreek 2020–2026',
      kind: 'discussion',
      durationMinutes: 45,
    },
  })
  const big = await bigPdf()
  await addDocument(
    big,
    { title: 'Bijlage meetgegevens', type: 'overig', fileName: 'meetgegevens.pdf' },
    { meetingId: bigMeeting.id, agendaItemId: annexItem.id },
  )
  await addDocument(
    await documentPdf('Notitie voor Damme', 7),
    {
      title: 'Notitie voor Damme',
      type: 'overig',
      fileName: 'notitie.pdf',
      onlyFor: reader.organisationId,
    },
    { meetingId: bigMeeting.id },
  )
  return { meetingId: meeting.id, bytes, bigMeetingId: bigMeeting.id, bigBytes: big.length }
}

// ---- 1. The build, through the building process ----

const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL')
const mb = (n: number) => `${(n / MB).toFixed(0)} MB`
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`

async function measureBuilds(meetingId: string) {
  const { db } = await import('../../app/modules/db/db.server')
  const { requireMeetingAccess } = await import('../../app/modules/access/meetings.server')
  const { packPlan } = await import('../../app/modules/meetings/agenda-pack-data.server')
  const { defaultPackLimits, packJob } =
    await import('../../app/modules/meetings/agenda-pack.server')
  const { runPackProcess } = await import('../../app/modules/meetings/agenda-pack-process.server')
  const reader = await currentUserOf(db, READER)
  const access = await requireMeetingAccess(reader, 'gos', meetingId)
  const plan = await packPlan(reader, access, 'nl-BE')
  const output = path.join(dataDir, 'bench-pack.pdf')
  const build = async () => {
    fs.rmSync(output, { force: true })
    const started = performance.now()
    const result = await runPackProcess(packJob(plan, output, defaultPackLimits), defaultPackLimits)
    if (result.status !== 'built') throw new Error(`The pack was not built: ${result.reason}`)
    return { ms: performance.now() - started, result }
  }

  const warmUp = await build()
  const builds: Awaited<ReturnType<typeof build>>[] = []
  for (let i = 0; i < RUNS; i++) builds.push(await build())
  const times = builds.map((b) => b.ms)
  const peaks = builds.map((b) => b.result.peakRssBytes)
  const last = builds.at(-1)!.result

  // Read back as a reader would.
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const pdf = await getDocument({ data: new Uint8Array(fs.readFileSync(output)), verbosity: 0 })
    .promise
  const outline = (await pdf.getOutline()) ?? []
  fs.rmSync(output, { force: true })
  if (pdf.numPages <= ITEMS * PAGES_PER_PDF || outline.length !== ITEMS + 1) {
    throw new Error('The pack does not hold every document or bookmark')
  }

  const { median, min, max } = summarise(times)
  const peak = Math.max(...peaks)
  console.info(
    `  the pack: ${pdf.numPages} pages (${pdf.numPages - ITEMS * PAGES_PER_PDF} cover), ` +
      `${(last.bytes / MB).toFixed(2)} MB, ${outline.length} top-level bookmarks ` +
      `(the cover and ${outline.length - 1} agenda items), ${last.included.length} documents included`,
  )
  console.info(
    `agenda pack, ${RUNS} builds in their own process after one warm-up (${s(warmUp.ms)}): ` +
      times.map(s).join(', '),
  )
  console.info(`  median ${s(median)}, min ${s(min)}, max ${s(max)} (each with its process start)`)
  console.info(
    `  the building process's peak resident memory (Node, tsx, pdf-lib and the pack): ` +
      `${peaks.map(mb).join(', ')}`,
  )
  console.info('')
  console.info(
    `budget: agenda pack median under ${BUDGET_MS / 1000} s — ${verdict(median < BUDGET_MS)} (${s(median)})`,
  )
  console.info(
    `budget: agenda pack peak memory under ${BUDGET_MB} MB, the whole building process — ` +
      `${verdict(peak < BUDGET_MB * MB)} (${mb(peak)})`,
  )
}

// ---- 2. The server while packs are built ----

type Timed = { status: number; ms: number; bytes: number }

/** A GET on a connection of its own (`agent`), timed until the whole body has arrived. */
function timedGet(
  port: number,
  target: string,
  agent: http.Agent,
  headers: Record<string, string> = {},
): Promise<Timed> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const req = http.get(
      {
        host: '127.0.0.1',
        port,
        path: target,
        agent,
        headers: { Host: `localhost:${port}`, ...headers },
      },
      (res) => {
        let bytes = 0
        res.on('data', (chunk: Buffer) => (bytes += chunk.length))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, bytes }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
  })
}

/** Asks /healthz every 10 ms until stopped; its answer times. */
function pollHealth(port: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const times: number[] = []
  let stopped = false
  const done = (async () => {
    while (!stopped) {
      const next = performance.now() + 10
      const answer = await timedGet(port, '/healthz', agent)
      if (answer.status !== 200) throw new Error(`/healthz answered ${answer.status}`)
      times.push(answer.ms)
      await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())))
    }
    agent.destroy()
  })()
  return {
    async stop() {
      stopped = true
      await done
      return times
    },
  }
}

type LoopDelay = { p50: number; p99: number; max: number; samples: number }

/** The server's event-loop delay since the last call (tests/bench/loop-delay.ts). */
async function loopDelay(pid: number, file: string): Promise<LoopDelay> {
  fs.rmSync(file, { force: true })
  process.kill(pid, 'SIGUSR2')
  const deadline = Date.now() + 5000
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) throw new Error('The server did not report its event-loop delay')
    await new Promise((r) => setTimeout(r, 10))
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as LoopDelay
}

const f = (n: number) => n.toFixed(1)
const healthLine = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b)
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1)!,
    text:
      `/healthz ${times.length} answers: median ${f(percentile(sorted, 50))} ms, ` +
      `p99 ${f(percentile(sorted, 99))} ms, max ${f(sorted.at(-1)!)} ms`,
  }
}
// The samples are tick to tick: the sampling interval itself (RESOLUTION_MS) is no delay.
const delayLine = (d: LoopDelay) =>
  `server event-loop delay: median ${f(d.p50)} ms, p99 ${f(d.p99)} ms, max ${f(d.max)} ms ` +
  `(${RESOLUTION_MS} ms: none)`

async function measureServer(meetingId: string) {
  const loopDelayFile = path.join(dataDir, 'loop-delay.json')
  const server = await startServer(dataDir, { ZWIN_BENCH_LOOP_DELAY_FILE: loopDelayFile }, [
    'tests/bench/loop-delay.ts',
  ])
  const pid = server.process.pid!
  try {
    const target = `/netwerken/gos/vergaderingen/${meetingId}/agendapakket.pdf`
    const damme = await signIn(server.port, READER)
    const sluis = await signIn(server.port, OTHER_READER)
    const packAgent = new http.Agent({ keepAlive: true, maxSockets: 8 })
    const getPack = (cookie: string, language = 'nl-BE') =>
      timedGet(server.port, target, packAgent, { Cookie: cookie, 'Accept-Language': language })

    // Idle, for comparison.
    await loopDelay(pid, loopDelayFile)
    const idlePoll = pollHealth(server.port)
    await new Promise((r) => setTimeout(r, 2000))
    const idle = healthLine(await idlePoll.stop())
    const idleDelay = await loopDelay(pid, loopDelayFile)

    // The pack of the 5,000-page document, built while /healthz is asked.
    const poll = pollHealth(server.port)
    await new Promise((r) => setTimeout(r, 200))
    const cold = await getPack(damme)
    await new Promise((r) => setTimeout(r, 200))
    const building = healthLine(await poll.stop())
    const buildingDelay = await loopDelay(pid, loopDelayFile)
    if (cold.status !== 200) throw new Error(`The pack answered ${cold.status}`)

    // The same pack again: from the cache.
    const cached: Timed[] = []
    for (let i = 0; i < CACHED_RUNS; i++) cached.push(await getPack(damme))
    if (cached.some((c) => c.status !== 200 || c.bytes !== cold.bytes)) {
      throw new Error('A pack from the cache differs from the one built')
    }
    const cachedTimes = summarise(cached.map((c) => c.ms))
    const cachedSorted = cached.map((c) => c.ms).sort((a, b) => a - b)

    // Four other packs of the meeting at once: two build, two wait.
    await loopDelay(pid, loopDelayFile)
    const fourPoll = pollHealth(server.port)
    const fourStarted = performance.now()
    const four = await Promise.all([
      getPack(damme, 'en'),
      getPack(damme, 'nl-NL'),
      getPack(sluis, 'nl-NL'),
      getPack(sluis, 'en'),
    ])
    const fourMs = performance.now() - fourStarted
    const fourHealth = healthLine(await fourPoll.stop())
    const fourDelay = await loopDelay(pid, loopDelayFile)
    if (four.some((answer) => answer.status !== 200)) {
      throw new Error(`Four at once answered ${four.map((a) => a.status).join(', ')}`)
    }
    packAgent.destroy()
    const packsKept = fs
      .readdirSync(path.join(dataDir, 'agenda-packs'))
      .filter((name) => name.endsWith('.pdf')).length

    console.info(
      `  the pack: ${(cold.bytes / MB).toFixed(2)} MB (the ${BIG_PAGES}-page PDF, the note and a cover)`,
    )
    console.info(`idle, 2 s: ${idle.text}; ${delayLine(idleDelay)}`)
    console.info(`one pack built (${s(cold.ms)} until the whole PDF had arrived):`)
    console.info(`  ${building.text}`)
    console.info(`  ${delayLine(buildingDelay)}`)
    console.info(
      `the same pack again, from the cache, ${CACHED_RUNS} times: first ${f(cached[0]!.ms)} ms, ` +
        `median ${f(cachedTimes.median)} ms, p99 ${f(percentile(cachedSorted, 99))} ms, ` +
        `max ${f(cachedTimes.max)} ms`,
    )
    console.info(
      `four other packs at once (${four.map((a) => s(a.ms)).join(', ')}; all in ${s(fourMs)}; ` +
        `${packsKept} packs in the cache now):`,
    )
    console.info(`  ${fourHealth.text}`)
    console.info(`  ${delayLine(fourDelay)}`)
    console.info('')
    console.info(
      `budget: event-loop delay p99 under ${LOOP_DELAY_BUDGET_MS} ms while a pack is built — ` +
        `${verdict(buildingDelay.p99 < LOOP_DELAY_BUDGET_MS)} (${f(buildingDelay.p99)} ms; ` +
        `four at once ${f(fourDelay.p99)} ms)`,
    )
    console.info(
      `budget: /healthz p99 under ${HEALTHZ_BUDGET_MS} ms while a pack is built — ` +
        `${verdict(building.p99 < HEALTHZ_BUDGET_MS)} (${f(building.p99)} ms; ` +
        `four at once ${f(fourHealth.p99)} ms)`,
    )
    console.info(
      `budget: the same pack again from the cache under ${CACHED_BUDGET_MS} ms — ` +
        `${verdict(cached[0]!.ms < CACHED_BUDGET_MS)} (${f(cached[0]!.ms)} ms; ` +
        `median ${f(cachedTimes.median)} ms)`,
    )
  } finally {
    await server.stop()
  }
}

async function main() {
  requireBuild()
  console.info(
    `Agenda pack bench: a meeting with ${ITEMS} agenda items, each with a PDF of ${PAGES_PER_PDF} ` +
      `pages, and one with a PDF of ${BIG_PAGES} pages…`,
  )
  const started = performance.now()
  const { meetingId, bytes, bigMeetingId, bigBytes } = await generate()
  console.info(
    `  ${ITEMS} PDFs, ${(bytes / MB).toFixed(2)} MB together; the long one ` +
      `${(bigBytes / MB).toFixed(2)} MB (${((performance.now() - started) / 1000).toFixed(1)} s, ` +
      'with the seed)',
  )
  console.info(`Building the pack for ${READER}: 1 warm-up and ${RUNS} timed…`)
  await measureBuilds(meetingId)
  console.info('')
  console.info('The production server while packs are built…')
  await measureServer(bigMeetingId)
  const { db } = await import('../../app/modules/db/db.server')
  await db.$disconnect()
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
