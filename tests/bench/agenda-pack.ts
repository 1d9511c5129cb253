/**
 * The agenda pack bench of issue 4 (not a timed test), run by `npm run bench` after the documents
 * benches: a GOS meeting with 20 agenda items, each with one PDF of 10 pages of Dutch text (about
 * 450 words a page, A4, as a werkplan or verslag is), and the pack built in-process by the real code
 * (buildAgendaPack) for a Damme member, who may see all 20: a cover, then 200 document pages.
 *
 * The data is made in this process (the seed hashes passwords, which takes memory of its own); the
 * packs are built in a fresh child process, so its memory figures are the pack's and the app's only.
 * One warm-up build, then BENCH_PACK_RUNS (default 7) timed ones. Memory: resident set size before
 * the first build, sampled every 10 ms during the builds, and the kernel's peak (VmHWM) at the end.
 * Budget: a median under 2 s and a peak under 200 MB.
 *
 *   npx tsx tests/bench/agenda-pack.ts
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { PageSizes, PDFDocument, StandardFonts } from 'pdf-lib'
import { root, summarise } from './server'
import { dutchWriter, random } from './dutch-text'

const dataDir = path.join(root, 'tests', '.output', 'bench-agenda-pack')
const READER = 'lid.damme@example.org'
const UPLOADER = 'secretaris.gos@example.org'
const ITEMS = 20
const PAGES_PER_PDF = 10
const RUNS = Number(process.env.BENCH_PACK_RUNS ?? 7)
const BUDGET_MS = 2000
const BUDGET_MB = 200
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

async function generate(): Promise<{ meetingId: string; bytes: number }> {
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
  const meeting = await db.meeting.create({
    data: {
      networkId: gos.id,
      title: 'GOS-overleg najaar: grensmobiliteit, Zwinstreek en crisisbeheersing',
      description: 'Vergadering voor de agendapakket-bench.',
      startsAt: new Date('2026-10-08T07:30:00Z'),
      endsAt: new Date('2026-10-08T15:00:00Z'),
      location: 'Gemeentehuis, Burgemeester Frans Desmidtplein 1, 8300 Knokke-Heist',
      hostOrganisationId: partners[2] ?? partners[0]!,
      chair: 'Burgemeester van Knokke-Heist',
      secretary: 'Anouk Schorrenberg',
      status: 'published',
    },
  })
  const { _max } = await db.document.aggregate({ _max: { searchRowId: true } })
  let searchRowId = _max.searchRowId ?? 0
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
    const file = await storage.receiveToTemp(Readable.from([Buffer.from(pdf)]), pdf.length)
    await storage.storeThenCommit(file, () =>
      db.document.create({
        data: {
          networkId: gos.id,
          title,
          type: 'werkplan',
          language: 'nl',
          audience: 'network',
          ownerOrganisationId: uploader.organisationId,
          createdById: uploader.id,
          searchRowId: ++searchRowId,
          versions: {
            create: {
              number: 1,
              sha256: file.sha256,
              size: file.size,
              mediaType: 'application/pdf',
              originalName: `werkplan-${i + 1}.pdf`,
              organisationId: uploader.organisationId,
              uploadedById: uploader.id,
            },
          },
          meetingLinks: { create: { meetingId: meeting.id, agendaItemId: item.id } },
        },
      }),
    )
  }
  await db.$disconnect()
  return { meetingId: meeting.id, bytes }
}

// ---- The measurement (in a child process) ----

const rssNow = () => process.memoryUsage().rss
/** The kernel's record of the most this process has ever had resident (Linux), in bytes. */
function peakRss(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))
  return match ? Number(match[1]) * 1024 : Number.NaN
}

async function measure(meetingId: string) {
  const { db, getDb, prepareDb } = await import('../../app/modules/db/db.server')
  const { requireMeetingAccess } = await import('../../app/modules/access/meetings.server')
  const { buildAgendaPack } = await import('../../app/modules/meetings/agenda-pack.server')
  await prepareDb(getDb())
  const user = await db.user.findUniqueOrThrow({
    where: { email: READER },
    select: {
      id: true,
      email: true,
      name: true,
      locale: true,
      isPlatformAdmin: true,
      isOrgAdmin: true,
      organisation: {
        select: { id: true, slug: true, name: true, country: true, defaultLocale: true },
      },
    },
  })
  const reader = { ...user, sessionId: 'bench' }
  const access = await requireMeetingAccess(reader, 'gos', meetingId)
  const build = () => buildAgendaPack(reader, access, 'nl-BE')

  // A full collection before and after (the child runs with --expose-gc): the heap that stays in use
  // shows that nothing is kept from one pack to the next. The peaks are read before the last one.
  const collect = () => (globalThis as { gc?: () => void }).gc?.()
  collect()
  const heapBefore = process.memoryUsage().heapUsed
  const before = rssNow()
  let sampledPeak = before
  const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, rssNow())), 10)
  const warmUp = performance.now()
  let pack = await build()
  const warmUpMs = performance.now() - warmUp
  const afterWarmUp = rssNow()
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now()
    pack = await build()
    times.push(performance.now() - started)
  }
  clearInterval(sampler)
  const after = rssNow()
  const kernelPeak = peakRss()
  collect()
  const heapAfter = process.memoryUsage().heapUsed

  // Read back as a reader would, after the measurement (pdf.js takes memory of its own).
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const pdf = await getDocument({ data: pack.bytes.slice(), verbosity: 0 }).promise
  const outline = (await pdf.getOutline()) ?? []

  const { median, min, max } = summarise(times)
  const peak = Math.max(sampledPeak, Number.isNaN(kernelPeak) ? 0 : kernelPeak)
  const mb = (n: number) => `${(n / MB).toFixed(0)} MB`
  const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL')
  console.info(
    `  the pack: ${pdf.numPages} pages (${pdf.numPages - ITEMS * PAGES_PER_PDF} cover), ` +
      `${(pack.bytes.byteLength / MB).toFixed(2)} MB, ${outline.length} top-level bookmarks ` +
      `(the cover and ${outline.length - 1} agenda items), ${pack.included.length} documents included`,
  )
  console.info(
    `agenda pack, ${RUNS} builds after one warm-up (${(warmUpMs / 1000).toFixed(2)} s): ` +
      `${times.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(', ')}`,
  )
  console.info(
    `  median ${(median / 1000).toFixed(2)} s, min ${(min / 1000).toFixed(2)} s, ` +
      `max ${(max / 1000).toFixed(2)} s`,
  )
  console.info(
    `  process RSS: ${mb(before)} before the first build (the app: Node, tsx, Prisma, modules), ` +
      `${mb(afterWarmUp)} after the warm-up build, ${mb(after)} after the last; peak ${mb(peak)} ` +
      `(sampled every 10 ms: ${mb(sampledPeak)}; VmHWM: ` +
      `${Number.isNaN(kernelPeak) ? 'n/a' : mb(kernelPeak)}), so the builds took at most ` +
      `${mb(peak - before)} above the app`,
  )
  console.info(
    `  heap in use after a full collection: ${mb(heapBefore)} before the first build, ` +
      `${mb(heapAfter)} after the last (the rest of the peak is garbage V8 had not yet collected)`,
  )
  if (pdf.numPages <= ITEMS * PAGES_PER_PDF || outline.length !== ITEMS + 1) {
    throw new Error('The pack does not hold every document or bookmark')
  }
  console.info('')
  console.info(
    `budget: agenda pack median under ${BUDGET_MS / 1000} s — ` +
      `${verdict(median < BUDGET_MS)} (${(median / 1000).toFixed(2)} s)`,
  )
  // Both readings of the memory budget, each with its own verdict: the whole process (which holds the
  // app, Node, tsx and Prisma before it builds anything) and what building the packs adds to that.
  console.info(
    `budget: agenda pack peak memory under ${BUDGET_MB} MB, whole process — ` +
      `${verdict(peak < BUDGET_MB * MB)} (${mb(peak)}; ${mb(before)} of it before the first build)`,
  )
  console.info(
    `budget: agenda pack peak memory under ${BUDGET_MB} MB, added by the builds — ` +
      `${verdict(peak - before < BUDGET_MB * MB)} (${mb(peak - before)} at most)`,
  )
  await db.$disconnect()
}

function measureInChild(meetingId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', 'tests/bench/agenda-pack.ts', '--measure', meetingId],
      { cwd: root, stdio: 'inherit', env: { ...process.env, ZWIN_DATA_DIR: dataDir } },
    )
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`The agenda pack bench failed (exit code ${code})`)),
    )
  })
}

async function main() {
  const measuring = process.argv.indexOf('--measure')
  if (measuring !== -1) return measure(process.argv[measuring + 1] ?? '')
  console.info(
    `Agenda pack bench: a meeting with ${ITEMS} agenda items, each with a PDF of ${PAGES_PER_PDF} pages…`,
  )
  const started = performance.now()
  const { meetingId, bytes } = await generate()
  console.info(
    `  ${ITEMS} PDFs, ${(bytes / MB).toFixed(2)} MB together (${((performance.now() - started) / 1000).toFixed(1)} s, ` +
      'with the seed)',
  )
  console.info(`Building the pack for ${READER} in a fresh process: 1 warm-up and ${RUNS} timed…`)
  await measureInChild(meetingId)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
