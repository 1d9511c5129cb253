import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { docxWithText, pdfWithText } from '../fixtures/documents'
import { encryptedPdf, packFixtures, readPack as read, type Bookmark } from '../setup/agenda-pack'
import { callResource, sessionCookies, userFor } from '../setup/route-calls'
import { networkIds, organisationIds } from '../setup/seeded-ids'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// The agenda pack of a GOS meeting (Sluis, Maldegem, Knokke-Heist, Damme, Sint-Laureins), built by the
// real child process and read back with pdf.js as a reader would: the pages, their text, the bookmarks
// and the metadata. Damme is in the audience of the note for the Belgian partners; Sluis is not.
// The cache, the queue and the limits have their own file (agenda-pack-cache.test.ts).

let t: TestDatabase
let pack: typeof import('../../app/modules/meetings/agenda-pack.server')
let meetingAccess: typeof import('../../app/modules/access/meetings.server')
let storage: typeof import('../../app/modules/documents/storage.server')
let route: typeof import('../../app/routes/meetings/agenda-pack')

const cookie = sessionCookies()
const emails = {
  damme: 'lid.damme@example.org',
  sluis: 'lid.sluis@example.org',
  secretary: 'secretaris.gos@example.org',
  knokke: 'lid.knokke-heist@example.org',
  p10: 'lid.dewolden@example.org',
}
const org: Record<'sluis' | 'knokke' | 'damme' | 'maldegem' | 'laureins', string> = {
  sluis: '',
  knokke: '',
  damme: '',
  maldegem: '',
  laureins: '',
}
let gos = ''
let meetingId = ''
let draftId = ''

const titles = {
  invitation: 'Uitnodiging GOS-overleg',
  workplan: 'Werkplan grensmobiliteit 2026',
  restricted: 'Vertrouwelijke notitie Belgische partners',
  slides: 'Presentatie kustverdediging',
  broken: 'Begroting Zwinstreek (beschadigd)',
  encrypted: 'Beveiligde bijlage',
  missing: 'Verdwenen verslag',
  binned: 'Weggegooid stuk',
}

let fixtures: ReturnType<typeof packFixtures>

beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
  pack = await import('../../app/modules/meetings/agenda-pack.server')
  meetingAccess = await import('../../app/modules/access/meetings.server')
  storage = await import('../../app/modules/documents/storage.server')
  route = await import('../../app/routes/meetings/agenda-pack')
  Object.assign(
    org,
    await organisationIds(t.db, {
      sluis: 'sluis',
      knokke: 'knokke-heist',
      damme: 'damme',
      maldegem: 'maldegem',
      laureins: 'sint-laureins',
    }),
  )
  gos = (await networkIds(t.db, { gos: 'gos' })).gos
  fixtures = packFixtures(t.db, gos)

  const meeting = await t.db.meeting.create({
    data: {
      networkId: gos,
      title: 'GOS-overleg voorjaar 2026',
      description: 'Het overleg gaat over grensmobiliteit.\n\nWe beginnen met koffie.',
      // 14:00 summer time in Knokke-Heist and Sluis, just after the switch.
      startsAt: new Date('2026-04-02T12:00:00Z'),
      endsAt: new Date('2026-04-02T14:00:00Z'),
      location: 'Maréchal Fochlaan 1, 8300 Knokke-Heist (zaal Ĳzer & Straße)',
      onlineUrl: 'https://meet.example.org/gos-voorjaar',
      hostOrganisationId: org.knokke,
      chair: 'Zbigniew Łukasiewicz',
      secretary: 'Anouk Schorrenberg',
      status: 'published',
    },
  })
  meetingId = meeting.id
  const opening = await fixtures.addItem(meetingId, 0, 'Opening', 'information', 5)
  const workplanItem = await fixtures.addItem(
    meetingId,
    1,
    'Werkplan grensmobiliteit',
    'decision',
    30,
    {
      presenterOrganisationId: org.knokke,
    },
  )
  const belgian = await fixtures.addItem(
    meetingId,
    0,
    'Toelichting Belgische partners',
    'discussion',
    15,
    {
      parentId: workplanItem,
    },
  )
  const finance = await fixtures.addItem(meetingId, 2, 'Financiën Zwinstreek 💶', 'information', 20)
  const questions = await fixtures.addItem(meetingId, 3, 'Rondvraag', 'discussion', 10)

  const secretary = await t.db.user.findUniqueOrThrow({ where: { email: emails.secretary } })
  const sluisOwned = { owner: org.sluis }
  const invitation = await fixtures.addDocument(
    titles.invitation,
    await pdfWithText(['MARKER-INVITATION']),
    sluisOwned,
  )
  const workplan = await fixtures.addDocument(
    titles.workplan,
    await pdfWithText(['MARKER-WORKPLAN-1', 'MARKER-WORKPLAN-2', 'MARKER-WORKPLAN-3'], {
      pages: 3,
    }),
    sluisOwned,
  )
  const restricted = await fixtures.addDocument(
    titles.restricted,
    await pdfWithText(['MARKER-RESTRICTED-1', 'MARKER-RESTRICTED-2'], { pages: 2 }),
    { owner: org.knokke, audience: [org.damme, org.maldegem, org.laureins] },
  )
  const slides = await fixtures.addDocument(titles.slides, docxWithText(['Dia 1']), {
    ...sluisOwned,
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    name: 'presentatie.docx',
  })
  const broken = await fixtures.addDocument(
    titles.broken,
    new TextEncoder().encode('%PDF-1.7\nthis is not really a PDF'),
    sluisOwned,
  )
  const encrypted = await fixtures.addDocument(titles.encrypted, await encryptedPdf(), sluisOwned)
  const missing = await fixtures.addDocument(
    titles.missing,
    await pdfWithText(['MARKER-MISSING']),
    sluisOwned,
  )
  fs.rmSync(storage.storedFilePath(missing.sha256))
  const binned = await fixtures.addDocument(
    titles.binned,
    await pdfWithText(['MARKER-BINNED']),
    sluisOwned,
  )
  await t.db.document.update({ where: { id: binned.id }, data: { deletedAt: new Date() } })

  await fixtures.attach(meetingId, null, invitation.id)
  await fixtures.attach(meetingId, opening, missing.id)
  await fixtures.attach(meetingId, workplanItem, workplan.id)
  await fixtures.attach(meetingId, belgian, restricted.id)
  for (const document of [slides, broken, encrypted, workplan]) {
    await fixtures.attach(meetingId, finance, document.id)
  }
  await fixtures.attach(meetingId, questions, binned.id)

  const draft = await t.db.meeting.create({
    data: {
      networkId: gos,
      title: 'GOS-overleg najaar 2026',
      startsAt: new Date('2026-10-01T12:00:00Z'),
      endsAt: new Date('2026-10-01T14:00:00Z'),
      hostOrganisationId: org.sluis,
      status: 'draft',
      createdById: secretary.id,
    },
  })
  draftId = draft.id
})

afterAll(() => t.cleanup())

/** The reader's pack from the server's agenda packs, read back. */
async function packFor(email: string, locale: 'nl-NL' | 'nl-BE' | 'en' = 'nl-NL', id = meetingId) {
  const user = await userFor(await cookie(email))
  const access = await meetingAccess.requireMeetingAccess(user, 'gos', id)
  const outcome = await pack.agendaPacks.get(user, access, locale)
  if (outcome.status !== 'ready') throw new Error(`No pack: ${JSON.stringify(outcome)}`)
  const bytes = await outcome.file.readFile()
  await outcome.file.close()
  return { ...(await read(bytes)), included: outcome.included }
}

describe('the agenda pack for a reader in the audience of every document (Damme)', () => {
  let damme: Awaited<ReturnType<typeof packFor>>
  let cover = 0

  beforeAll(async () => {
    damme = await packFor(emails.damme, 'nl-BE')
    // The meeting's own documents come right after the cover.
    cover = damme.find('MARKER-INVITATION')
  })

  it('holds the cover, then every readable PDF in agenda order, each once', () => {
    expect(cover).toBeGreaterThan(0)
    expect(damme.pages).toHaveLength(cover + 1 + 3 + 2)
    const order = ['INVITATION', 'WORKPLAN-1', 'WORKPLAN-2', 'WORKPLAN-3', 'RESTRICTED-1']
    expect(order.map((m) => damme.find(`MARKER-${m}`))).toEqual(
      [0, 1, 2, 3, 4].map((i) => cover + i),
    )
    expect(damme.find('MARKER-RESTRICTED-2')).toBe(cover + 5)
    expect(damme.included).toHaveLength(3)
  })

  it('shows the meeting and the timetable on the cover, with the labels of the meeting page', () => {
    const text = damme.pages.slice(0, cover).join('\n')
    for (const expected of [
      'GOS-overleg voorjaar 2026',
      'Grensoverschrijdend Samenwerkingsoverleg',
      'donderdag 2 april 2026',
      '14:00–16:00',
      // Letters outside WinAnsi become their base letter; Flemish, French and German ones stay.
      'Maréchal Fochlaan 1, 8300 Knokke-Heist (zaal IJzer & Straße)',
      'Zbigniew Lukasiewicz',
      'https://meet.example.org/gos-voorjaar',
      'Gastheer Gemeente Knokke-Heist',
      'Het overleg gaat over grensmobiliteit.',
      '14:00–14:05',
      '14:05–14:35',
      '2a',
      '14:35–14:50',
      'Financiën Zwinstreek ?',
      '15:10–15:20',
      // The words of the agenda on the meeting page (meetings:kind, meetings:agenda.presenter).
      'Ter besluitvorming · Inbreng door Gemeente Knokke-Heist',
      '30 min',
    ])
      expect(text).toContain(expected)
  })

  it('says on the cover where each document starts, or why it is not in the pack', () => {
    const text = damme.pages.slice(0, cover).join('\n')
    const startsAt = (title: string, marker: string) => {
      expect(text).toContain(`${title}\nPDF, pagina ${damme.find(marker) + 1}`)
    }
    startsAt(titles.invitation, 'MARKER-INVITATION')
    startsAt(titles.workplan, 'MARKER-WORKPLAN-1')
    startsAt(titles.restricted, 'MARKER-RESTRICTED-1')
    expect(text).toContain(
      `${titles.slides}\npresentatie.docx (DOCX-bestand): geen PDF, download het in Zwin`,
    )
    for (const title of [titles.broken, titles.encrypted, titles.missing]) {
      expect(text).toContain(`${title}\nKon niet worden opgenomen in dit pakket`)
    }
    // Attached twice (items 2 and 3), in the pack once: both listings name the same page.
    expect(text.split(`PDF, pagina ${cover + 2}`)).toHaveLength(3)
    expect(damme.pages.join('\n')).not.toContain(titles.binned)
    expect(damme.pages.join('\n')).not.toContain('MARKER-BINNED')
  })

  it('has a bookmark per agenda item, with its documents and sub-items below it', async () => {
    const { outline } = damme
    expect(outline.map((b) => b.title)).toEqual([
      'Agenda',
      '1. Opening',
      '2. Werkplan grensmobiliteit',
      '3. Financiën Zwinstreek 💶',
      '4. Rondvraag',
    ])
    const [agenda, opening, workplan, finance, questions] = outline as [
      Bookmark,
      Bookmark,
      Bookmark,
      Bookmark,
      Bookmark,
    ]
    expect(agenda.items.map((b) => b.title)).toEqual([titles.invitation])
    expect(await damme.pageOf(agenda)).toBe(0)
    expect(await damme.pageOf(agenda.items[0]!)).toBe(cover)
    // An item with PDFs opens its first one; its children are its PDFs, then its sub-items.
    expect(workplan.items.map((b) => b.title)).toEqual([
      titles.workplan,
      '2a. Toelichting Belgische partners',
    ])
    expect(await damme.pageOf(workplan)).toBe(cover + 1)
    const belgian = workplan.items[1]!
    expect(belgian.items.map((b) => b.title)).toEqual([titles.restricted])
    expect(await damme.pageOf(belgian.items[0]!)).toBe(cover + 4)
    expect(finance.items.map((b) => b.title)).toEqual([titles.workplan])
    expect(await damme.pageOf(finance)).toBe(cover + 1)
    // Items without a PDF open the cover page where they are listed, at their line.
    for (const [bookmark, title] of [
      [opening, 'Opening'],
      [questions, 'Rondvraag'],
    ] as const) {
      expect(bookmark.items).toEqual([])
      const page = await damme.pageOf(bookmark)
      expect(page).toBeLessThan(cover)
      expect(damme.pages[page]).toContain(title)
      expect((bookmark.dest as unknown[])[1]).toEqual({ name: 'XYZ' })
    }
  })

  it('numbers every page and names the meeting in its title', () => {
    damme.pages.forEach((text, index) =>
      expect(text).toContain(`Pagina ${index + 1} van ${damme.pages.length}`),
    )
    expect(damme.title).toBe('Agendapakket GOS: GOS-overleg voorjaar 2026')
  })
})

describe('the agenda pack for a reader outside the audience of one document (Sluis)', () => {
  it('leaves that document out entirely: no pages, no title, no bookmark', async () => {
    const sluis = await packFor(emails.sluis)
    const cover = sluis.find('MARKER-INVITATION')
    expect(sluis.pages).toHaveLength(cover + 1 + 3)
    const everything = [...sluis.pages, ...sluis.bookmarkTitles, sluis.title].join('\n')
    expect(everything).not.toContain('MARKER-RESTRICTED')
    expect(everything).not.toContain(titles.restricted)
    expect(everything).toContain('2a. Toelichting Belgische partners')
    expect(sluis.bookmarkTitles).toContain(titles.workplan)
    expect(sluis.pages.slice(0, cover).join('\n')).toContain('Ter besluitvorming')
    expect(sluis.included).toHaveLength(2)
  })

  it('the preparers see no more than their own organisation may', async () => {
    const secretary = await packFor(emails.secretary)
    expect(secretary.pages.join('\n')).not.toContain(titles.restricted)
  })
})

describe('other meetings and languages', () => {
  it('writes the pack in English when asked', async () => {
    const english = await packFor(emails.damme, 'en')
    expect(english.pages[0]).toContain('For decision · Presented by Gemeente Knokke-Heist')
    expect(english.pages[0]).toContain(`Page 1 of ${english.pages.length}`)
    // British English: day before month, as in the mail and on the pages.
    expect(english.pages[0]).toContain('Thursday, 2 April 2026')
  })

  it('gives each reader the standing items in their own language, and a changed title as written', async () => {
    const meeting = await t.db.meeting.create({
      data: {
        networkId: gos,
        title: 'Overleg met vaste punten',
        startsAt: new Date('2026-06-11T12:00:00Z'),
        endsAt: new Date('2026-06-11T13:00:00Z'),
        hostOrganisationId: org.sluis,
        status: 'published',
      },
    })
    await fixtures.addItem(meeting.id, 0, 'Rondvraag', 'discussion', 10, {
      standing: 'any_other_business',
    })
    await fixtures.addItem(
      meeting.id,
      1,
      'Sluiting van de vergadering om 15 uur',
      'information',
      5,
      {
        standing: 'closing',
      },
    )
    const titles = async (locale: 'nl-NL' | 'nl-BE' | 'en') =>
      (await packFor(emails.damme, locale, meeting.id)).outline.map((b) => b.title)
    expect(await titles('nl-BE')).toEqual([
      'Agenda',
      '1. Varia',
      '2. Sluiting van de vergadering om 15 uur',
    ])
    expect((await titles('en'))[1]).toBe('1. Any other business')
    expect((await titles('nl-NL'))[1]).toBe('1. Rondvraag')
  })

  it('makes a pack for a meeting without agenda or documents', async () => {
    const secretary = await packFor(emails.secretary, 'nl-NL', draftId)
    expect(secretary.pages).toHaveLength(1)
    expect(secretary.pages[0]).toContain('Concept: deze vergadering is nog niet gepubliceerd.')
    expect(secretary.pages[0]).toContain('Er staan nog geen punten op de agenda.')
    expect(secretary.outline.map((b) => b.title)).toEqual(['Agenda'])
  })

  it('says a cancelled meeting is off, and gives an item of no length only its start time', async () => {
    const cancelled = await t.db.meeting.create({
      data: {
        networkId: gos,
        title: 'Afgelast overleg',
        // 14:00 in summer time.
        startsAt: new Date('2026-06-04T12:00:00Z'),
        endsAt: new Date('2026-06-04T13:00:00Z'),
        hostOrganisationId: org.sluis,
        status: 'cancelled',
        cancelReason: 'Te weinig punten',
      },
    })
    await fixtures.addItem(cancelled.id, 0, 'Mededeling zonder bespreking', 'information', 0)
    await fixtures.addItem(cancelled.id, 1, 'Werkplan', 'discussion', 15)
    const cover = (await packFor(emails.damme, 'nl-NL', cancelled.id)).pages[0]!
    expect(cover).toContain('Deze vergadering is afgelast. Reden: Te weinig punten')
    expect(cover).toContain('1 14:00 Mededeling zonder bespreking')
    expect(cover).not.toContain('14:00–14:00')
    expect(cover).toContain('14:00–14:15')
    expect(cover).toContain('15 min')
    expect(cover).not.toMatch(/(^|[^\d])0 min/)
  })

  it('continues a long agenda on more cover pages and still names the right pages', async () => {
    const long = await t.db.meeting.create({
      data: {
        networkId: gos,
        title: 'Lange vergadering',
        startsAt: new Date('2026-05-07T07:30:00Z'),
        endsAt: new Date('2026-05-07T16:00:00Z'),
        hostOrganisationId: org.damme,
        status: 'published',
      },
    })
    const words = 'over de gezamenlijke aanpak van de grensoverschrijdende samenwerking'
    let last = ''
    for (let i = 0; i < 45; i++) {
      last = await fixtures.addItem(long.id, i, `Punt ${i + 1} ${words} ${words}`, 'discussion', 10)
    }
    const document = await fixtures.addDocument(
      'Bijlage laatste punt',
      await pdfWithText(['MARKER-LAST']),
      {
        owner: org.sluis,
      },
    )
    await fixtures.attach(long.id, last, document.id)
    const result = await packFor(emails.damme, 'nl-NL', long.id)
    const cover = result.find('MARKER-LAST')
    expect(cover).toBeGreaterThan(1)
    expect(result.pages[1]).toContain('Lange vergadering: agenda (vervolg)')
    expect(result.pages.slice(0, cover).join('\n')).toContain(`PDF, pagina ${cover + 1}`)
    expect(result.outline).toHaveLength(46)
    expect(await result.pageOf(result.outline[45]!)).toBe(cover)
    // 07:30 UTC is 09:30 in summer; 45 items of 10 minutes end at 17:00.
    expect(result.pages.join('\n')).toContain('16:50–17:00')
  })

  it('marks the minutes of an earlier meeting as a draft until they are approved', async () => {
    const earlier = await t.db.meeting.create({
      data: {
        networkId: gos,
        title: 'GOS-overleg winter 2026',
        startsAt: new Date('2026-02-05T09:00:00Z'),
        endsAt: new Date('2026-02-05T11:00:00Z'),
        hostOrganisationId: org.sluis,
        status: 'held',
      },
    })
    const minutes = await fixtures.addDocument(
      'Verslag GOS-overleg winter 2026',
      await pdfWithText(['MARKER-MINUTES']),
      { owner: org.sluis },
    )
    await t.db.meeting.update({
      where: { id: earlier.id },
      data: { minutesDocumentId: minutes.id },
    })
    const next = await t.db.meeting.create({
      data: {
        networkId: gos,
        title: 'GOS-overleg lente 2026',
        startsAt: new Date('2026-03-05T09:00:00Z'),
        endsAt: new Date('2026-03-05T11:00:00Z'),
        hostOrganisationId: org.sluis,
        status: 'published',
      },
    })
    const item = await fixtures.addItem(next.id, 0, 'Verslag vorige vergadering', 'decision', 5)
    await fixtures.attach(next.id, item, minutes.id)
    const coverOf = async (email: string, locale: 'nl-NL' | 'nl-BE' | 'en') =>
      (await packFor(email, locale, next.id)).pages[0]!
    expect(await coverOf(emails.sluis, 'nl-NL')).toContain(
      'Verslag GOS-overleg winter 2026\nConceptverslag, nog niet vastgesteld · PDF, pagina 2',
    )
    expect(await coverOf(emails.damme, 'nl-BE')).toContain(
      'Ontwerpnotulen, nog niet goedgekeurd · PDF, pagina 2',
    )
    expect(await coverOf(emails.damme, 'en')).toContain('Draft minutes, not yet approved')
    await t.db.meeting.update({
      where: { id: earlier.id },
      data: { status: 'minutes_approved', minutesApprovedAt: new Date() },
    })
    const approved = await coverOf(emails.sluis, 'nl-NL')
    expect(approved).toContain('Verslag GOS-overleg winter 2026\nPDF, pagina 2')
    expect(approved).not.toContain('Conceptverslag')
  })
})

describe('the agenda pack download', () => {
  const params = (meeting: string, network = 'gos') => ({ network, meeting })
  const download = async (email: string | null, meeting = meetingId, network = 'gos') =>
    callResource(route.loader, `/netwerken/${network}/vergaderingen/${meeting}/agendapakket.pdf`, {
      cookie: email ? await cookie(email) : undefined,
      params: params(meeting, network),
    })

  it('sends the reader’s pack as a PDF attachment, in their language, and logs the documents', async () => {
    const damme = await t.db.user.findUniqueOrThrow({ where: { email: emails.damme } })
    const before = await t.db.documentAccess.count({ where: { userId: damme.id } })
    const answer = await download(emails.damme)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('Content-Type')).toBe('application/pdf')
    expect(answer.headers.get('Content-Disposition')).toBe(
      'attachment; filename="agendapakket-gos-2026-04-02.pdf"; ' +
        "filename*=UTF-8''agendapakket-gos-2026-04-02.pdf",
    )
    expect(answer.headers.get('Cache-Control')).toBe('private, no-store')
    expect(answer.headers.get('Content-Security-Policy')).toBe("default-src 'none'; sandbox")
    expect(answer.headers.get('Content-Length')).toBe(String(answer.bytes.byteLength))
    const pdf = await read(answer.bytes)
    expect(pdf.pages.join('\n')).toContain('MARKER-RESTRICTED-1')
    // Damme is a Flemish organisation: nl-BE without a saved choice or Accept-Language.
    expect(pdf.language).toBe('nl-BE')
    const logged = await t.db.documentAccess.findMany({
      where: { userId: damme.id },
      orderBy: { createdAt: 'asc' },
      skip: before,
      select: { kind: true, document: { select: { title: true } } },
    })
    expect(logged.map((l) => [l.kind, l.document.title]).sort()).toEqual(
      [titles.invitation, titles.restricted, titles.workplan].map((title) => ['download', title]),
    )
  })

  it('answers 404 to anyone who may not see the meeting', async () => {
    expect((await download(emails.p10)).status).toBe(404)
    expect((await download(emails.damme, draftId)).status).toBe(404)
    expect((await download(emails.sluis, meetingId, 'p10')).status).toBe(404)
    expect((await download(emails.damme, 'geen-vergadering')).status).toBe(404)
    expect((await download(emails.secretary, draftId)).status).toBe(200)
  })

  it('sends someone who is not signed in to the sign-in page', async () => {
    const answer = await download(null)
    expect(answer.status).toBe(302)
    expect(answer.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
  })
})
