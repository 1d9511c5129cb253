import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { seed } from '../../prisma/seed'
import { pdfWithText } from '../fixtures/documents'
import { packFixtures, readPack } from '../setup/agenda-pack'
import { sessionCookies, userFor } from '../setup/route-calls'
import { networkIds, organisationIds, userIds } from '../setup/seeded-ids'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'
import { getLogger } from '~/modules/observability/logger.server'

// How the agenda pack is made and kept: by a child process with limits, through a bounded queue,
// into a cache keyed by the reader's plan. The content of the pack itself is tested in
// agenda-pack.test.ts. Damme, Maldegem and Knokke-Heist may see the note for the Belgian partners;
// Sluis may not. Each test that counts builds has its own set of agenda packs with its own folder.

let t: TestDatabase
let packs: typeof import('../../app/modules/meetings/agenda-pack.server')
let response: typeof import('../../app/modules/meetings/agenda-pack-response.server')
let data: typeof import('../../app/modules/meetings/agenda-pack-data.server')
let job: typeof import('../../app/modules/meetings/agenda-pack-job.server')
let meetingAccess: typeof import('../../app/modules/access/meetings.server')
let route: typeof import('../../app/routes/meetings/agenda-pack')
let fixtures: ReturnType<typeof packFixtures>

const cookie = sessionCookies()
const emails = {
  damme: 'lid.damme@example.org',
  maldegem: 'lid.maldegem@example.org',
  sluis: 'lid.sluis@example.org',
}
type Reader = keyof typeof emails
type Locale = 'nl-NL' | 'nl-BE' | 'en'
const org = { sluis: '', knokke: '', damme: '', maldegem: '' }
let users: Record<Reader, string>
let gos = ''
let meetingId = ''
let workplan = { id: '', sha256: '', versionId: '' }

beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
  packs = await import('../../app/modules/meetings/agenda-pack.server')
  response = await import('../../app/modules/meetings/agenda-pack-response.server')
  data = await import('../../app/modules/meetings/agenda-pack-data.server')
  job = await import('../../app/modules/meetings/agenda-pack-job.server')
  meetingAccess = await import('../../app/modules/access/meetings.server')
  route = await import('../../app/routes/meetings/agenda-pack')
  Object.assign(
    org,
    await organisationIds(t.db, {
      sluis: 'sluis',
      knokke: 'knokke-heist',
      damme: 'damme',
      maldegem: 'maldegem',
    }),
  )
  users = await userIds(t.db, emails)
  gos = (await networkIds(t.db, { gos: 'gos' })).gos
  fixtures = packFixtures(t.db, gos)
  meetingId = await newMeeting('Cache-overleg')
  const [first, second] = [
    await fixtures.addItem(meetingId, 0, 'Werkplan', 'decision', 20),
    await fixtures.addItem(meetingId, 1, 'Toelichting Belgische partners', 'discussion', 15),
  ]
  workplan = await fixtures.addDocument(
    'Werkplan 2026',
    await pdfWithText(['MARKER-WORKPLAN-1', 'MARKER-WORKPLAN-2'], { pages: 2 }),
    { owner: org.sluis },
  )
  const note = await fixtures.addDocument(
    'Notitie Belgische partners',
    await pdfWithText(['MARKER-BELGIAN']),
    { owner: org.knokke, audience: [org.damme, org.maldegem] },
  )
  await fixtures.attach(meetingId, first, workplan.id)
  await fixtures.attach(meetingId, second, note.id)
})

afterAll(() => t.cleanup())

async function newMeeting(title: string): Promise<string> {
  const meeting = await t.db.meeting.create({
    data: {
      networkId: gos,
      title,
      startsAt: new Date('2026-09-03T12:00:00Z'),
      endsAt: new Date('2026-09-03T14:00:00Z'),
      hostOrganisationId: org.sluis,
      status: 'published',
    },
  })
  return meeting.id
}

/** A set of agenda packs of its own, in a folder of its own, with changed settings. */
let instances = 0
function ownPacks(options: Parameters<typeof packs.createAgendaPacks>[0] = {}) {
  const cacheDir = path.join(t.dataDir, `packs-${++instances}`)
  return { cacheDir, agendaPacks: packs.createAgendaPacks({ cacheDir, ...options }) }
}

async function readerOf(reader: Reader, meeting = meetingId) {
  const user = await userFor(await cookie(emails[reader]))
  const access = await meetingAccess.requireMeetingAccess(user, 'gos', meeting)
  return { user, access }
}

/** The reader's pack from `agendaPacks`, read back; where it came from and what it holds. */
async function packFor(
  agendaPacks: import('../../app/modules/meetings/agenda-pack.server').AgendaPacks,
  reader: Reader,
  options: { locale?: Locale; meeting?: string } = {},
) {
  const { user, access } = await readerOf(reader, options.meeting)
  const outcome = await agendaPacks.get(user, access, options.locale ?? 'nl-BE')
  if (outcome.status !== 'ready') throw new Error(`No pack: ${JSON.stringify(outcome)}`)
  const bytes = await outcome.file.readFile()
  await outcome.file.close()
  expect(bytes.byteLength).toBe(outcome.bytes)
  const pdf = await readPack(bytes)
  const text = pdf.pages.join('\n')
  // The cover wraps long notes over lines: `flat` reads them as one.
  return {
    from: outcome.from,
    bytes,
    included: outcome.included,
    text,
    flat: text.replace(/\s+/g, ' '),
  }
}

const filesIn = (folder: string) => (fs.existsSync(folder) ? fs.readdirSync(folder) : [])
/** The packs stored under a cache folder, by every instance (each has a folder of its own in it). */
const packsIn = (cacheDir: string) =>
  filesIn(cacheDir).flatMap((entry) =>
    filesIn(path.join(cacheDir, entry)).filter((name) => name.endsWith('.pdf')),
  )
const buildsIn = (cacheDir: string) =>
  filesIn(cacheDir).flatMap((entry) => filesIn(path.join(cacheDir, entry, 'tmp')))
/** Makes a file or folder look as old as the scenario says. */
function age(file: string, days: number) {
  const then = new Date(Date.now() - days * 86_400_000)
  fs.utimesSync(file, then, then)
}

describe('the plan the server hands the building process', () => {
  it('is plain JSON: the dates arrive as the same instants, and nothing the reader may not see', async () => {
    const { user, access } = await readerOf('sluis')
    const plan = await data.packPlan(user, access, 'nl-NL')
    const read = job.packPlanSchema.parse(JSON.parse(JSON.stringify(plan)))
    expect(read.meeting.startsAt).toEqual(new Date('2026-09-03T12:00:00Z'))
    expect(read.agenda.map((item) => [item.number, item.startsAt.toISOString()])).toEqual([
      ['1', '2026-09-03T12:00:00.000Z'],
      ['2', '2026-09-03T12:20:00.000Z'],
    ])
    expect(read.agenda[1]!.endsAt).toEqual(new Date('2026-09-03T12:35:00Z'))
    expect(JSON.stringify(plan)).not.toContain('Notitie Belgische partners')
    expect(read.attachments.map((a) => a.document.title)).toEqual(['Werkplan 2026'])
  })
})

describe('the pack cache', () => {
  it('gives a second reader with the same view the stored pack, and a reader with another view their own', async () => {
    const { agendaPacks } = ownPacks()
    const damme = await packFor(agendaPacks, 'damme')
    const maldegem = await packFor(agendaPacks, 'maldegem')
    const sluis = await packFor(agendaPacks, 'sluis')
    expect([damme.from, maldegem.from, sluis.from]).toEqual(['build', 'cache', 'build'])
    expect(agendaPacks.buildsStarted).toBe(2)
    // Damme and Maldegem (other organisations, the same view) get the very same file.
    expect(Buffer.compare(damme.bytes, maldegem.bytes)).toBe(0)
    expect(damme.text).toContain('MARKER-BELGIAN')
    expect(damme.text).toContain('Notitie Belgische partners')
    // Sluis's pack holds nothing of the note: no page, no title.
    expect(sluis.text).not.toContain('MARKER-BELGIAN')
    expect(sluis.text).not.toContain('Notitie Belgische partners')
    expect(sluis.text).toContain('MARKER-WORKPLAN-2')
    expect(sluis.included.map((v) => v.versionId)).toEqual([workplan.versionId])
    // The language is part of the view.
    expect((await packFor(agendaPacks, 'maldegem', { locale: 'en' })).from).toBe('build')
  })

  it('lets readers asking at the same moment share one build', async () => {
    const { agendaPacks } = ownPacks()
    const both = await Promise.all([
      packFor(agendaPacks, 'damme'),
      packFor(agendaPacks, 'maldegem'),
      packFor(agendaPacks, 'damme'),
    ])
    expect(agendaPacks.buildsStarted).toBe(1)
    expect(both.every((p) => Buffer.compare(p.bytes, both[0]!.bytes) === 0)).toBe(true)
  })

  it('makes a new pack after a change to the meeting', async () => {
    const { agendaPacks } = ownPacks()
    const meeting = await newMeeting('Overleg dat verandert')
    await fixtures.attach(meeting, null, workplan.id)
    expect((await packFor(agendaPacks, 'damme', { meeting })).from).toBe('build')
    expect((await packFor(agendaPacks, 'damme', { meeting })).from).toBe('cache')
    await t.db.meeting.update({ where: { id: meeting }, data: { location: 'Stadhuis Sluis' } })
    const changed = await packFor(agendaPacks, 'damme', { meeting })
    expect(changed.from).toBe('build')
    expect(changed.text).toContain('Stadhuis Sluis')
    await fixtures.addItem(meeting, 0, 'Nieuw agendapunt', 'information', 5)
    const withItem = await packFor(agendaPacks, 'damme', { meeting })
    expect(withItem.from).toBe('build')
    expect(withItem.text).toContain('Nieuw agendapunt')
    expect(agendaPacks.buildsStarted).toBe(3)
  })

  it('makes a new pack after a new version of a document', async () => {
    const { agendaPacks } = ownPacks()
    const meeting = await newMeeting('Overleg met een nieuwe versie')
    const document = await fixtures.addDocument(
      'Begroting',
      await pdfWithText(['MARKER-BUDGET-V1']),
      { owner: org.sluis },
    )
    await fixtures.attach(meeting, null, document.id)
    const first = await packFor(agendaPacks, 'damme', { meeting })
    expect(first.text).toContain('MARKER-BUDGET-V1')
    const versionId = await fixtures.addVersion(
      document.id,
      await pdfWithText(['MARKER-BUDGET-V2']),
      org.sluis,
    )
    const second = await packFor(agendaPacks, 'damme', { meeting })
    expect(second.from).toBe('build')
    expect(second.text).toContain('MARKER-BUDGET-V2')
    expect(second.text).not.toContain('MARKER-BUDGET-V1')
    expect(second.included).toEqual([{ documentId: document.id, versionId }])
    // A new title is a change the pack shows too.
    await t.db.document.update({ where: { id: document.id }, data: { title: 'Begroting 2027' } })
    const retitled = await packFor(agendaPacks, 'damme', { meeting })
    expect(retitled.from).toBe('build')
    expect(retitled.text).toContain('Begroting 2027')
  })

  it('starts empty, keeps to its size and removes the least recently used pack first', async () => {
    // The size of a pack in each language, from a first set of packs.
    const probe = ownPacks().agendaPacks
    const sizes = new Map<Locale, number>()
    for (const locale of ['nl-NL', 'nl-BE', 'en'] as const) {
      sizes.set(locale, (await packFor(probe, 'damme', { locale })).bytes.byteLength)
    }
    const total = [...sizes.values()].reduce((a, b) => a + b, 0)
    // Room for any two of them, not for all three (with room to spare: a pack made a moment later can
    // differ from the first by some bytes).
    const { agendaPacks, cacheDir } = ownPacks({
      cacheMaxBytes: total - Math.floor(Math.min(...sizes.values()) / 2),
    })
    // Left by an earlier run of the server two days ago (perhaps an older version of Zwin, which kept
    // its packs in the folder itself): never served.
    fs.mkdirSync(path.join(cacheDir, 'tmp'), { recursive: true })
    fs.writeFileSync(path.join(cacheDir, `${'0'.repeat(64)}.pdf`), 'an old pack')
    fs.writeFileSync(path.join(cacheDir, 'tmp', 'half-written.pdf'), 'half')
    age(path.join(cacheDir, 'tmp'), 2)

    await packFor(agendaPacks, 'damme', { locale: 'nl-NL' })
    expect(filesIn(cacheDir).filter((f) => f.endsWith('.pdf'))).toEqual([])
    expect(packsIn(cacheDir)).toHaveLength(1)
    expect(buildsIn(cacheDir)).toEqual([])
    await packFor(agendaPacks, 'damme', { locale: 'nl-BE' })
    // Asked for again, nl-NL is now the most recently used; nl-BE has to go for en.
    expect((await packFor(agendaPacks, 'damme', { locale: 'nl-NL' })).from).toBe('cache')
    await packFor(agendaPacks, 'damme', { locale: 'en' })
    expect(packsIn(cacheDir)).toHaveLength(2)
    expect((await packFor(agendaPacks, 'damme', { locale: 'nl-NL' })).from).toBe('cache')
    expect((await packFor(agendaPacks, 'damme', { locale: 'en' })).from).toBe('cache')
    expect((await packFor(agendaPacks, 'damme', { locale: 'nl-BE' })).from).toBe('build')
    // Seven builds, each in a child process that starts through tsx (about a second, several under the
    // load of the whole suite on two cores).
  }, 120_000)
})

describe('the pack cache shared by several instances', () => {
  it('never removes the packs of another instance at its start, and removes those of an instance gone a day', async () => {
    const { agendaPacks: first, cacheDir } = ownPacks({ cacheShared: true })
    expect((await packFor(first, 'damme', { locale: 'nl-NL' })).from).toBe('build')
    // The folder of an instance that stopped two days ago.
    const gone = path.join(cacheDir, 'gone')
    fs.mkdirSync(gone)
    fs.writeFileSync(path.join(gone, `${'1'.repeat(64)}.pdf`), 'a pack of a stopped instance')
    age(gone, 2)

    // A second instance, on the same shared folder, starts and makes a pack of its own.
    const second = packs.createAgendaPacks({ cacheDir, cacheShared: true })
    expect((await packFor(second, 'damme', { locale: 'en' })).from).toBe('build')
    expect((await packFor(first, 'damme', { locale: 'nl-NL' })).from).toBe('cache')
    expect((await packFor(second, 'damme', { locale: 'en' })).from).toBe('cache')
    expect(fs.existsSync(gone)).toBe(false)
    expect(packsIn(cacheDir)).toHaveLength(2)

    // A single server (SQLite) is the only one: at its start the folders of its earlier runs all go.
    const alone = packs.createAgendaPacks({ cacheDir, cacheShared: false })
    expect((await packFor(alone, 'damme', { locale: 'nl-BE' })).from).toBe('build')
    expect(packsIn(cacheDir)).toHaveLength(1)
  }, 60_000)
})

describe('the download of a pack from the cache', () => {
  const download = async (reader: Reader, meeting = meetingId, headers: HeadersInit = {}) => {
    const request = new Request(
      `http://localhost/netwerken/gos/vergaderingen/${meeting}/agendapakket.pdf`,
      { headers: { Cookie: await cookie(emails[reader]), ...headers } },
    )
    const answer = (await route.loader({
      request,
      params: { network: 'gos', meeting },
      context: {},
    })) as Response
    return { answer, bytes: new Uint8Array(await answer.arrayBuffer()) }
  }
  const loggedFor = (reader: Reader) =>
    t.db.documentAccess.findMany({
      where: { userId: users[reader] },
      select: { kind: true, versionId: true },
    })

  it('logs the documents as downloaded by every reader, also when the pack came from the cache', async () => {
    const first = await download('damme')
    expect(first.answer.status).toBe(200)
    const started = packs.agendaPacks.buildsStarted
    const second = await download('maldegem')
    expect(second.answer.status).toBe(200)
    expect(packs.agendaPacks.buildsStarted).toBe(started)
    expect(second.answer.headers.get('Content-Length')).toBe(String(second.bytes.byteLength))
    expect(second.answer.headers.get('Content-Disposition')).toMatch(
      /^attachment; filename="agendapakket-gos-2026-09-03.pdf"/,
    )
    expect(second.answer.headers.get('Cache-Control')).toBe('private, no-store')
    expect(Buffer.compare(first.bytes, second.bytes)).toBe(0)
    for (const reader of ['damme', 'maldegem'] as const) {
      const logged = await loggedFor(reader)
      expect(logged).toHaveLength(2)
      expect(logged.every((l) => l.kind === 'download')).toBe(true)
      expect(logged.map((l) => l.versionId)).toContain(workplan.versionId)
    }
  })

  it('turns a reader away with 503, Retry-After and a page in their language when the queue is full', async () => {
    const meeting = await newMeeting('Overleg op een drukke ochtend')
    await fixtures.attach(meeting, null, workplan.id)
    expect((await download('damme')).answer.status).toBe(200)
    // Ten builds that wait for a signal take both places and all eight in the waiting room.
    let release = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    const { queue } = packs.agendaPacks
    const holders = Array.from({ length: 10 }, () => queue.run(() => gate))
    expect([queue.active, queue.waiting]).toEqual([2, 8])
    try {
      const before = (await loggedFor('sluis')).length
      const busy = await download('sluis', meeting)
      expect(busy.answer.status).toBe(503)
      expect(busy.answer.headers.get('Retry-After')).toBe('30')
      expect(busy.answer.headers.get('Cache-Control')).toBe('no-store')
      expect(busy.answer.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
      const page = new TextDecoder().decode(busy.bytes)
      expect(page).toContain('<html lang="nl-NL"')
      expect(page).toContain('Even geduld')
      expect(page).toContain('Probeer het over een minuut opnieuw.')
      expect((await loggedFor('sluis')).length).toBe(before)

      // In English for a reader who chose English, and as JSON for a client that asks for it.
      await t.db.user.update({ where: { id: users.sluis }, data: { locale: 'en' } })
      const json = await download('sluis', meeting, { Accept: 'application/json' })
      expect(json.answer.status).toBe(503)
      expect(JSON.parse(new TextDecoder().decode(json.bytes))).toEqual({
        error: {
          reason: 'busy',
          title: 'Please wait a moment',
          message:
            'Zwin is doing a lot at once right now and cannot make this for you straight away. ' +
            'Please try again in a minute.',
        },
      })

      // A pack already made needs no place in the queue.
      expect((await download('damme')).answer.status).toBe(200)
    } finally {
      await t.db.user.update({ where: { id: users.sluis }, data: { locale: null } })
      release()
      await Promise.all(holders)
    }
    expect([queue.active, queue.waiting]).toEqual([0, 0])
    expect((await download('sluis', meeting)).answer.status).toBe(200)
  })
})

describe('builds at the same time', () => {
  it('runs at most two at once; the others wait their turn and are still made', async () => {
    const { agendaPacks } = ownPacks()
    const asked: [Reader, Locale][] = [
      ['damme', 'nl-NL'],
      ['damme', 'nl-BE'],
      ['damme', 'en'],
      ['sluis', 'nl-NL'],
      ['sluis', 'en'],
    ]
    const all = Promise.all(
      asked.map(([reader, locale]) => packFor(agendaPacks, reader, { locale })),
    )
    await vi.waitFor(() => expect(agendaPacks.queue.waiting).toBe(3), { timeout: 10_000 })
    expect(agendaPacks.queue.active).toBe(2)
    const made = await all
    expect(made.map((p) => p.from)).toEqual(Array(5).fill('build'))
    expect(agendaPacks.buildsStarted).toBe(5)
    expect([agendaPacks.queue.active, agendaPacks.queue.waiting]).toEqual([0, 0])
  })
})

describe('the limits of a build', () => {
  let meeting = ''
  const documents = { short: '', long: '', closing: '' }
  const sizes = { short: 0, long: 0, closing: 0 }

  beforeAll(async () => {
    meeting = await newMeeting('Overleg met een lange bijlage')
    const specs = [
      ['short', 'Korte notitie', ['MARKER-SHORT-1', 'MARKER-SHORT-2'], 2],
      ['long', 'Lange rapportage', ['MARKER-LONG'], 30],
      ['closing', 'Slotnotitie', ['MARKER-CLOSING'], 1],
    ] as const
    for (const [index, [key, title, lines, pages]] of specs.entries()) {
      const bytes = await pdfWithText([...lines], { pages })
      sizes[key] = bytes.byteLength
      const item = await fixtures.addItem(meeting, index, title, 'information', 10)
      const document = await fixtures.addDocument(title, bytes, { owner: org.sluis })
      documents[key] = document.id
      await fixtures.attach(meeting, item, document.id)
    }
  })

  it('leaves out a document that would take the pack past its pages, and says so on the cover', async () => {
    const { agendaPacks } = ownPacks({ limits: { ...packs.defaultPackLimits, maxPages: 10 } })
    const pack = await packFor(agendaPacks, 'sluis', { meeting, locale: 'nl-NL' })
    expect(pack.text).toContain('MARKER-SHORT-2')
    expect(pack.text).not.toContain('MARKER-LONG')
    // Smaller documents after it still fit.
    expect(pack.text).toContain('MARKER-CLOSING')
    expect(pack.flat).toContain(
      "• Lange rapportage Niet opgenomen: met de 30 pagina's hiervan zou het pakket meer dan 10 " +
        "pagina's tellen; download het in Zwin",
    )
    expect(pack.included.map((v) => v.documentId)).toEqual([documents.short, documents.closing])
  })

  it('leaves out a document that would take the bytes read past the limit', async () => {
    const maxSourceBytes = sizes.short + sizes.closing
    expect(sizes.long).toBeGreaterThan(sizes.closing)
    const { agendaPacks } = ownPacks({ limits: { ...packs.defaultPackLimits, maxSourceBytes } })
    const pack = await packFor(agendaPacks, 'sluis', { meeting, locale: 'en' })
    expect(pack.text).not.toContain('MARKER-LONG')
    expect(pack.text).toContain('MARKER-CLOSING')
    expect(pack.flat).toMatch(
      /• Lange rapportage Not included: the pack would become too large \(more than [\d.]+ MB of documents\); download it from Zwin/,
    )
    expect(pack.included.map((v) => v.documentId)).toEqual([documents.short, documents.closing])
  })

  it('kills a build that takes too long; the reader gets a page saying the pack could not be made', async () => {
    const { agendaPacks, cacheDir } = ownPacks({
      limits: { ...packs.defaultPackLimits, timeMs: 200 },
    })
    const { user, access } = await readerOf('sluis', meeting)
    const outcome = await agendaPacks.get(user, access, 'nl-NL')
    expect(outcome).toEqual({
      status: 'failed',
      reason: expect.stringMatching(/^pack process killed after 200 ms/) as unknown,
    })

    const errors = vi.spyOn(getLogger(), 'error').mockImplementation(() => {})
    const request = new Request('http://localhost/netwerken/gos/agendapakket.pdf')
    const answer = await response.agendaPackResponse(request, user, access, 'nl-NL', agendaPacks)
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/not made: pack process killed/))
    errors.mockRestore()
    expect(answer.status).toBe(500)
    expect(answer.headers.get('Cache-Control')).toBe('no-store')
    const page = await answer.text()
    expect(page).toContain('Het agendapakket kon niet worden gemaakt')
    expect(page).toContain('download de stukken één voor één op de pagina van de vergadering')
    // Nothing half-written is left, and nothing is kept: the next request tries again.
    expect(filesIn(path.join(cacheDir, 'tmp'))).toEqual([])
    expect(filesIn(cacheDir).filter((f) => f.endsWith('.pdf'))).toEqual([])
    expect(agendaPacks.buildsStarted).toBe(2)
    expect([agendaPacks.queue.active, agendaPacks.queue.waiting]).toEqual([0, 0])
  })

  it('answers the same when the build process runs out of memory', async () => {
    const { agendaPacks } = ownPacks({ limits: { ...packs.defaultPackLimits, heapMb: 4 } })
    const { user, access } = await readerOf('sluis', meeting)
    const outcome = await agendaPacks.get(user, access, 'nl-NL')
    expect(outcome).toEqual({
      status: 'failed',
      // V8 aborts when the heap is full (SIGABRT); Node 24 with so small a heap may crash at start
      // (SIGSEGV). Either way the process ended without a result.
      reason: expect.stringMatching(
        /^pack process ended \(code null, signal SIG(ABRT|SEGV)\) without a result/,
      ) as unknown,
    })
    const errors = vi.spyOn(getLogger(), 'error').mockImplementation(() => {})
    const request = new Request('http://localhost/netwerken/gos/agendapakket.pdf', {
      headers: { 'Accept-Language': 'en' },
    })
    const answer = await response.agendaPackResponse(request, user, access, 'en', agendaPacks)
    errors.mockRestore()
    expect(answer.status).toBe(500)
    expect(await answer.text()).toContain('The agenda pack could not be made')
  })
})
