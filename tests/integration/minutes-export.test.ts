import mammoth from 'mammoth'
import { extractText, getDocumentProxy } from 'unpdf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { callResource, sessionCookies } from '../setup/route-calls'
import { networkIds, organisationIds, userIds } from '../setup/seeded-ids'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// The minutes and the decision list of a held GOS meeting as PDF and Word files, read back as a reader
// would (unpdf for the PDF, mammoth for the DOCX): in the reader's language, marked as a draft until
// approved, and holding only what the reader may see. The minutes document is the seeded note for the
// Belgian partners: Maldegem may see its title, Sluis may not.

const SECRETARY = 'secretaris.gos@example.org' // Sluis, nl-NL
const MALDEGEM = 'lid.maldegem@example.org' // Flemish: nl-BE
const SLUIS = 'lid.sluis@example.org'
const DE_WOLDEN = 'lid.dewolden@example.org' // P10 only

const RUN = Date.now().toString(36)
const RESTRICTED = 'Verkeerstellingen grensovergangen (Belgische partners)'

let t: TestDatabase
let route: typeof import('../../app/routes/minutes/export')
const cookie = sessionCookies()
let meetingId = ''

beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
  route = await import('../../app/routes/minutes/export')
  const { gos } = await networkIds(t.db, { gos: 'gos' })
  const org = await organisationIds(t.db, { knokke: 'knokke-heist', maldegem: 'maldegem' })
  const person = await userIds(t.db, { maldegem: MALDEGEM, knokke: 'lid.knokke-heist@example.org' })
  const restricted = await t.db.document.findFirstOrThrow({ where: { title: RESTRICTED } })
  const meeting = await t.db.meeting.create({
    data: {
      networkId: gos,
      title: `GOS-overleg export ${RUN}`,
      startsAt: new Date('2025-03-06T09:00:00Z'),
      endsAt: new Date('2025-03-06T11:00:00Z'),
      hostOrganisationId: org.knokke,
      location: 'Gemeentehuis Knokke-Heist',
      status: 'held',
      minutesText: `Het overleg verliep in goede sfeer ${RUN}.`,
      decisionList: 'Aanvulling: de werkgroep komt in mei bijeen.',
      minutesDocumentId: restricted.id,
    },
  })
  meetingId = meeting.id
  const item = await t.db.agendaItem.create({
    data: {
      meetingId,
      title: 'Werkplan 2026',
      position: 0,
      kind: 'decision',
      decisionOutcome: 'noted',
      decisionText: 'De partners nemen het werkplan door.',
    },
  })
  await t.db.actionItem.create({
    data: {
      networkId: gos,
      meetingId,
      agendaItemId: item.id,
      description: 'Werkplan aanvullen met de fietsroutes',
      organisationId: org.maldegem,
      assigneeUserId: person.maldegem,
      dueDate: new Date('2025-04-01T00:00:00.000Z'),
    },
  })
  await t.db.meetingAttendance.createMany({
    data: [
      { meetingId, userId: person.maldegem, organisationId: org.maldegem, presence: 'present' },
      {
        meetingId,
        userId: person.knokke,
        organisationId: org.knokke,
        presence: 'excused',
        excuseReason: 'Vakantie',
      },
    ],
  })
})
afterAll(() => t.cleanup())

async function download(email: string | null, file: string, meeting = meetingId, network = 'gos') {
  return callResource(
    route.loader,
    `/netwerken/${network}/vergaderingen/${meeting}/verslag/${file}`,
    {
      cookie: email ? await cookie(email) : undefined,
      params: { network, meeting, file },
    },
  )
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocumentProxy(bytes)
  const { text } = await extractText(pdf, { mergePages: true })
  return text.replace(/\s+/g, ' ')
}

async function docxText(bytes: Uint8Array): Promise<string> {
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) })
  return value.replace(/\s+/g, ' ')
}

const read = (file: string, bytes: Uint8Array) =>
  file.endsWith('.pdf') ? pdfText(bytes) : docxText(bytes)

describe('the minutes as PDF and Word', () => {
  for (const file of ['verslag.pdf', 'verslag.docx']) {
    it(`${file}: in Flemish for Maldegem, a draft, with what Maldegem may see`, async () => {
      const answer = await download(MALDEGEM, file)
      expect(answer.status).toBe(200)
      expect(answer.headers.get('Content-Type')).toBe(
        file.endsWith('.pdf')
          ? 'application/pdf'
          : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      )
      expect(answer.headers.get('Content-Disposition')).toMatch(/^attachment; filename="/)
      expect(answer.headers.get('Cache-Control')).toBe('private, no-store')
      const text = await read(file, answer.bytes)
      for (const expected of [
        'Ontwerpnotulen',
        `GOS-overleg export ${RUN}`,
        'donderdag 6 maart 2025, 10:00–12:00',
        'Aanwezigheid',
        'Gemeente Knokke-Heist: verontschuldigd: Lieve Zwinnaert (Vakantie)',
        'Gemeente Maldegem: aanwezig: Griet Meetjesdonck',
        '1. Werkplan 2026: Akte genomen — De partners nemen het werkplan door.',
        'Aanvulling: de werkgroep komt in mei bijeen.',
        '1. Gemeente Maldegem (Griet Meetjesdonck): Werkplan aanvullen met de fietsroutes — uiterlijk 1 april 2025',
        `Het overleg verliep in goede sfeer ${RUN}.`,
        RESTRICTED,
      ])
        expect(text).toContain(expected)
      expect(text).not.toContain('Voor kennisgeving aangenomen')
    })

    it(`${file}: in Dutch for Sluis, without the title of the note Sluis may not see`, async () => {
      const answer = await download(SLUIS, file)
      expect(answer.status).toBe(200)
      const text = await read(file, answer.bytes)
      expect(text).toContain('Conceptverslag')
      expect(text).toContain('met kennisgeving afwezig: Lieve Zwinnaert (Vakantie)')
      expect(text).toContain('1. Werkplan 2026: Voor kennisgeving aangenomen')
      expect(text).not.toContain(RESTRICTED)
      expect(text).not.toContain('Verkeerstellingen')
    })
  }
})

describe('the decision list as PDF and Word', () => {
  for (const file of ['besluitenlijst.pdf', 'besluitenlijst.docx']) {
    it(`${file}: the decisions and action items, not the minutes text`, async () => {
      const answer = await download(SLUIS, file)
      expect(answer.status).toBe(200)
      const text = await read(file, answer.bytes)
      expect(text).toContain('Conceptbesluitenlijst')
      expect(text).toContain('1. Werkplan 2026: Voor kennisgeving aangenomen')
      expect(text).toContain('Werkplan aanvullen met de fietsroutes')
      expect(text).not.toContain(`Het overleg verliep in goede sfeer ${RUN}.`)
      expect(text).not.toContain(RESTRICTED)
    })
  }

  it('in English for a reader who chose English', async () => {
    await t.db.user.update({ where: { email: SECRETARY }, data: { locale: 'en' } })
    try {
      const text = await pdfText((await download(SECRETARY, 'besluitenlijst.pdf')).bytes)
      expect(text).toContain('Draft decision list')
      expect(text).toContain('1. Werkplan 2026: Noted')
      expect(text).toContain('due 1 April 2025')
    } finally {
      await t.db.user.update({ where: { email: SECRETARY }, data: { locale: null } })
    }
  })
})

describe('approved minutes and refusals', () => {
  it('once approved, the exports are no longer marked as a draft and say when', async () => {
    await t.db.meeting.update({
      where: { id: meetingId },
      data: { status: 'minutes_approved', minutesApprovedAt: new Date('2025-04-03T10:00:00Z') },
    })
    try {
      for (const file of ['verslag.pdf', 'verslag.docx']) {
        const text = await read(file, (await download(SLUIS, file)).bytes)
        expect(text).not.toContain('Conceptverslag')
        expect(text).toContain('Het verslag is vastgesteld op 3 april 2025.')
      }
    } finally {
      await t.db.meeting.update({
        where: { id: meetingId },
        data: { status: 'held', minutesApprovedAt: null },
      })
    }
  })

  it('answers 404 to a reader outside the network, an unknown file or meeting', async () => {
    expect((await download(DE_WOLDEN, 'verslag.pdf')).status).toBe(404)
    expect((await download(SLUIS, 'verslag.pdf', meetingId, 'p10')).status).toBe(404)
    expect((await download(SLUIS, 'verslag.odt')).status).toBe(404)
    expect((await download(SLUIS, 'verslag.pdf', 'geen-vergadering')).status).toBe(404)
  })

  it('answers 404 before the meeting has begun: there are no minutes yet', async () => {
    const gos = await t.db.network.findUniqueOrThrow({ where: { slug: 'gos' } })
    const host = await t.db.organisation.findUniqueOrThrow({ where: { slug: 'knokke-heist' } })
    const later = await t.db.meeting.create({
      data: {
        networkId: gos.id,
        title: `GOS-overleg nog niet begonnen ${RUN}`,
        startsAt: new Date(Date.now() + 7 * 86_400_000),
        endsAt: new Date(Date.now() + 7 * 86_400_000 + 7_200_000),
        hostOrganisationId: host.id,
        location: 'Gemeentehuis',
        status: 'published',
      },
    })
    for (const file of ['verslag.pdf', 'besluitenlijst.docx']) {
      expect((await download(SLUIS, file, later.id)).status, file).toBe(404)
    }
  })

  it('sends someone who is not signed in to the sign-in page', async () => {
    const answer = await download(null, 'verslag.pdf')
    expect(answer.status).toBe(302)
    expect(answer.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
  })

  it('a job the writing process cannot use ends in a failed result, never an exception', async () => {
    const { runExport } = await import('../../app/modules/minutes/export-process.server')
    const result = await runExport({ format: 'pdf', model: { title: 42 } } as never)
    expect(result).toEqual({ status: 'failed', reason: 'the export job is not valid' })
  })
})
