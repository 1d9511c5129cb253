import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { pdfWithText } from '../fixtures/documents'
import {
  callAction,
  callLoader,
  callWithRequest,
  fieldErrors,
  sessionCookies,
  type Outcome,
} from '../setup/route-calls'
import { organisationIds, seededMeetingIds } from '../setup/seeded-ids'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// The agenda of a meeting (issue 4, items 2 and 3): adding items and sub-items, durations, moving with
// the up/down buttons, removing, the documents per item (each keeping its own audience) and sharing a
// new document for an item, called as Remix calls the routes against the seeded database. Refused input
// answers with a message key and leaves the meeting tables (and the files folder) as they were.
//
// GOS = Sluis, Maldegem, Knokke-Heist, Damme, Sint-Laureins. The secretary works for Sluis. The seeded
// December meeting (published) carries "Verkeerstellingen grensovergangen (Belgische partners)", a
// document for Knokke-Heist, Damme, Maldegem and Sint-Laureins only: Sluis does not see it, not even its
// secretary. "Marktverkenning gezamenlijke inkoop" belongs to the Zeeuws-Vlaamse gemeenten, which Sluis
// is in, but it is not a GOS document.

const SECRETARY = 'secretaris.gos@example.org'
const COORDINATOR = 'coordinator.gos@example.org'
const SLUIS = 'lid.sluis@example.org'
const DAMME = 'lid.damme@example.org'
const KNOKKE = 'lid.knokke-heist@example.org'

const BELGIAN_DOC = 'Verkeerstellingen grensovergangen (Belgische partners)'
const BELGIAN_ITEM = 'Grensverkeer: resultaten van de tellingen'
const RUN = Date.now().toString(36)

let t: TestDatabase
let routes: {
  create: typeof import('../../app/routes/meetings/new')
  detail: typeof import('../../app/routes/meetings/detail')
  agenda: typeof import('../../app/routes/meetings/agenda')
  item: typeof import('../../app/routes/meetings/item')
  newDocument: typeof import('../../app/routes/documents/new')
}
const cookie = sessionCookies()
const org = { damme: '', terneuzen: '' }
const seeded = { held: '', published: '', publishedItem: '', heldItem: '' }
const doc = { workplan: '', shuttle: '', belgian: '', otherNetwork: '' }

beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
  routes = {
    create: await import('../../app/routes/meetings/new'),
    detail: await import('../../app/routes/meetings/detail'),
    agenda: await import('../../app/routes/meetings/agenda'),
    item: await import('../../app/routes/meetings/item'),
    newDocument: await import('../../app/routes/documents/new'),
  }
  Object.assign(org, await organisationIds(t.db, { damme: 'damme', terneuzen: 'terneuzen' }))
  const { held, published } = await seededMeetingIds(t.db)
  Object.assign(seeded, { held, published })
  seeded.publishedItem = (
    await t.db.agendaItem.findFirstOrThrow({
      where: { meetingId: seeded.published, title: BELGIAN_ITEM },
    })
  ).id
  seeded.heldItem = (
    await t.db.agendaItem.findFirstOrThrow({ where: { meetingId: seeded.held, standing: null } })
  ).id
  const document = async (title: string) =>
    (await t.db.document.findFirstOrThrow({ where: { title } })).id
  doc.workplan = await document('Werkplan GOS 2027')
  doc.shuttle = await document('Intentieovereenkomst automatische shuttle')
  doc.belgian = await document(BELGIAN_DOC)
  doc.otherNetwork = await document('Marktverkenning gezamenlijke inkoop')
})
afterAll(() => t.cleanup())

// ---- helpers ----

type Fields = Record<string, string | string[]>

const meetingPath = (id: string, rest = '') => `/netwerken/gos/vergaderingen/${id}${rest}`

/** A new draft through the form, with all five standing items. */
async function newDraft(title = `Agendaoverleg ${RUN}`): Promise<string> {
  const out = await callAction(
    routes.create.action,
    '/netwerken/gos/vergaderingen/nieuw',
    {
      title,
      day: '2027-04-15',
      startTime: '14:00',
      endTime: '16:00',
      location: 'Gemeentehuis Damme',
      hostOrganisationId: org.damme,
      standing: ['opening', 'previous_minutes', 'action_list', 'any_other_business', 'closing'],
    },
    { cookie: await cookie(SECRETARY), params: { network: 'gos' } },
  )
  expect(out.status, JSON.stringify(out.data)).toBe(302)
  return /vergaderingen\/([a-z0-9]+)\/agenda$/.exec(out.location ?? '')![1]!
}

async function postAgenda(meetingId: string, fields: Fields, email = SECRETARY) {
  return callAction(routes.agenda.action, meetingPath(meetingId, '/agenda'), fields, {
    cookie: await cookie(email),
    params: { network: 'gos', meeting: meetingId },
  })
}

async function postItem(meetingId: string, itemId: string, fields: Fields, email = SECRETARY) {
  return callAction(routes.item.action, meetingPath(meetingId, `/agenda/${itemId}`), fields, {
    cookie: await cookie(email),
    params: { network: 'gos', meeting: meetingId, item: itemId },
  })
}

function itemFields(overrides: Fields = {}): Fields {
  return {
    intent: 'addItem',
    title: `Fietsknooppunten ${RUN}`,
    description: '',
    kind: 'discussion',
    presenterOrganisationId: '',
    durationMinutes: '20',
    ...overrides,
  }
}

async function addItem(meetingId: string, overrides: Fields = {}): Promise<string> {
  const title =
    (overrides.title as string | undefined) ?? `Punt ${Math.random().toString(36).slice(2)}`
  const out = await postAgenda(meetingId, itemFields({ ...overrides, title }))
  expect(out.status, JSON.stringify(out.data)).toBe(302)
  const item = await t.db.agendaItem.findFirstOrThrow({ where: { meetingId, title } })
  return item.id
}

type AgendaRow = { id: string; number: string; title: string; depth: number; startsAt: string }

/** The agenda as the secretary's agenda page shows it: numbered, in order. */
async function agenda(meetingId: string): Promise<AgendaRow[]> {
  const out = await callLoader(routes.agenda.loader, meetingPath(meetingId, '/agenda'), {
    cookie: await cookie(SECRETARY),
    params: { network: 'gos', meeting: meetingId },
  })
  expect(out.status).toBe(200)
  return (out.data as { agenda: AgendaRow[] }).agenda
}
const numbered = async (meetingId: string) =>
  (await agenda(meetingId)).map((r) => `${r.number} ${r.title}`)

/** Every row of the meeting and document tables, and the files on disk. */
async function snapshot() {
  const [meetings, items, links, invitations, attendance, documents, versions] = await Promise.all([
    t.db.meeting.findMany({ orderBy: { id: 'asc' } }),
    t.db.agendaItem.findMany({ orderBy: { id: 'asc' } }),
    t.db.meetingDocument.findMany({ orderBy: { id: 'asc' } }),
    t.db.meetingInvitation.findMany({ orderBy: [{ meetingId: 'asc' }, { organisationId: 'asc' }] }),
    t.db.meetingAttendance.findMany({ orderBy: { id: 'asc' } }),
    t.db.document.findMany({ orderBy: { id: 'asc' } }),
    t.db.documentVersion.count(),
  ])
  return {
    meetings,
    items,
    links,
    invitations,
    attendance,
    documents,
    versions,
    files: filesOnDisk(),
  }
}

async function writesNothing(act: () => Promise<Outcome>): Promise<Outcome> {
  const before = await snapshot()
  const out = await act()
  expect(await snapshot()).toEqual(before)
  expect(tempFiles()).toEqual([])
  return out
}

/** Every file under the data folder except the database itself. */
function filesOnDisk(): string[] {
  const found: string[] = []
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else found.push(path.relative(t.dataDir, full))
    }
  }
  walk(t.dataDir)
  return found.filter((f) => !f.startsWith('zwin.sqlite')).sort()
}

function tempFiles(): string[] {
  const dir = path.join(t.dataDir, 'files', 'tmp')
  return fs.existsSync(dir) ? fs.readdirSync(dir) : []
}

// ---- adding items ----

describe('adding agenda items', () => {
  it('puts a new item after the other items but before Rondvraag and Sluiting', async () => {
    const id = await newDraft()
    await addItem(id, { title: 'Werkplan 2027' })
    await addItem(id, { title: 'Begroting 2027' })
    expect(await numbered(id)).toEqual([
      '1 Opening en mededelingen',
      '2 Verslag van de vorige vergadering',
      '3 Actiepuntenlijst',
      '4 Werkplan 2027',
      '5 Begroting 2027',
      '6 Rondvraag',
      '7 Sluiting',
    ])
    // Positions stay 0…n-1 without gaps or doubles.
    const top = await t.db.agendaItem.findMany({
      where: { meetingId: id, parentId: null },
      orderBy: { position: 'asc' },
    })
    expect(top.map((i) => i.position)).toEqual([0, 1, 2, 3, 4, 5, 6])
  })

  it('adds at the very end of an agenda without closing items', async () => {
    const id = await newDraft()
    await t.db.agendaItem.deleteMany({
      where: { meetingId: id, standing: { in: ['closing', 'any_other_business'] } },
    })
    await addItem(id, { title: 'Laatste punt' })
    expect((await numbered(id)).at(-1)).toBe('4 Laatste punt')
  })

  it('adds a sub-item under its item, numbered 4a, 4b, and shifts no other item', async () => {
    const id = await newDraft()
    const parent = await addItem(id, { title: 'Shuttle' })
    const topBefore = await t.db.agendaItem.findMany({
      where: { meetingId: id, parentId: null },
      orderBy: { position: 'asc' },
    })
    await addItem(id, { title: 'Vergunningen', parentId: parent, durationMinutes: '10' })
    await addItem(id, { title: 'Financiering', parentId: parent, durationMinutes: '5' })
    expect(
      await t.db.agendaItem.findMany({
        where: { meetingId: id, parentId: null },
        orderBy: { position: 'asc' },
      }),
    ).toEqual(topBefore)
    const rows = await agenda(id)
    expect(rows.map((r) => `${r.number} ${r.title}`)).toEqual([
      '1 Opening en mededelingen',
      '2 Verslag van de vorige vergadering',
      '3 Actiepuntenlijst',
      '4 Shuttle',
      '4a Vergunningen',
      '4b Financiering',
      '5 Rondvraag',
      '6 Sluiting',
    ])
    expect(rows.find((r) => r.title === 'Vergunningen')?.depth).toBe(1)
    // The timetable from 14:00 (12:00 UTC, summer time): 5 + 10 + 15 + 20 minutes before the sub-items.
    expect(new Date(rows[4]!.startsAt).toISOString()).toBe('2027-04-15T12:50:00.000Z')
    expect(new Date(rows[5]!.startsAt).toISOString()).toBe('2027-04-15T13:00:00.000Z')
  })

  it('refuses a sub-item under a sub-item, or under an item of another meeting (parentNotFound)', async () => {
    const id = await newDraft()
    const parent = await addItem(id, { title: 'Hoofdpunt' })
    const sub = await addItem(id, { title: 'Subpunt', parentId: parent })
    for (const parentId of [sub, seeded.publishedItem, 'bestaatniet']) {
      const out = await writesNothing(() => postAgenda(id, itemFields({ parentId })))
      expect(out.status).toBe(400)
      expect(fieldErrors(out.data)).toEqual({ parentId: ['parentNotFound'] })
    }
  })

  it.each([
    ['"tien"', 'tien', 'durationNumber'],
    ['"-5"', '-5', 'durationNumber'],
    ['"12.5"', '12.5', 'durationNumber'],
    ['"1e9"', '1e9', 'durationTooLong|600'],
    ['"601" (over ten hours)', '601', 'durationTooLong|600'],
    ['an empty duration', '', 'durationNumber'],
  ])('refuses a duration of %s with a message and writes nothing', async (_, value, message) => {
    const id = await newDraft()
    const out = await writesNothing(() => postAgenda(id, itemFields({ durationMinutes: value })))
    expect(out.status).toBe(400)
    expect(fieldErrors(out.data)).toEqual({ durationMinutes: [message] })
  })

  it('accepts 0 and 600 minutes', async () => {
    const id = await newDraft()
    await addItem(id, { title: 'Kort', durationMinutes: '0' })
    await addItem(id, { title: 'Lang', durationMinutes: '600' })
    const items = await t.db.agendaItem.findMany({ where: { meetingId: id, standing: null } })
    expect(items.map((i) => [i.title, i.durationMinutes]).sort()).toEqual([
      ['Kort', 0],
      ['Lang', 600],
    ])
  })

  it('refuses other bad input with a message per field, writing nothing', async () => {
    const id = await newDraft()
    const cases: [Fields, Record<string, string[]>][] = [
      [{ title: '' }, { title: ['required'] }],
      [{ kind: 'besluit' }, { kind: ['choose'] }],
      [{ meetingId: seeded.published }, { '': ['unexpectedField'] }],
      [
        { presenterOrganisationId: org.terneuzen },
        { presenterOrganisationId: ['presenterNotInNetwork'] },
      ],
    ]
    for (const [overrides, expected] of cases) {
      const out = await writesNothing(() => postAgenda(id, itemFields(overrides)))
      expect(out.status, JSON.stringify(overrides)).toBe(400)
      expect(fieldErrors(out.data)).toEqual(expected)
    }
  })

  it('refuses a bad duration when an item is changed too, and saves a good change', async () => {
    const id = await newDraft()
    const item = await addItem(id, { title: 'Te wijzigen' })
    for (const [value, message] of [
      ['tien', 'durationNumber'],
      ['601', 'durationTooLong|600'],
    ]) {
      const out = await writesNothing(() =>
        postItem(id, item, itemFields({ intent: 'saveItem', durationMinutes: value! })),
      )
      expect(out.status).toBe(400)
      expect(fieldErrors(out.data)).toEqual({ durationMinutes: [message] })
    }
    const out = await postItem(
      id,
      item,
      itemFields({
        intent: 'saveItem',
        title: 'Gewijzigd',
        kind: 'decision',
        durationMinutes: '45',
      }),
    )
    expect(out.status, JSON.stringify(out.data)).toBe(302)
    expect(await t.db.agendaItem.findUniqueOrThrow({ where: { id: item } })).toMatchObject({
      title: 'Gewijzigd',
      kind: 'decision',
      durationMinutes: 45,
    })
  })
})

describe('moving an item under another through its own form', () => {
  const save = (meetingId: string, itemId: string, title: string, parentId: string) =>
    postItem(meetingId, itemId, itemFields({ intent: 'saveItem', title, parentId }))

  it('moves an item under another and back, renumbering both levels', async () => {
    const id = await newDraft()
    const shuttle = await addItem(id, { title: 'Shuttle' })
    const permits = await addItem(id, { title: 'Vergunningen', parentId: shuttle })
    const cycling = await addItem(id, { title: 'Fietsroutes' })
    expect((await save(id, cycling, 'Fietsroutes', shuttle)).status).toBe(302)
    expect(await numbered(id)).toEqual([
      '1 Opening en mededelingen',
      '2 Verslag van de vorige vergadering',
      '3 Actiepuntenlijst',
      '4 Shuttle',
      '4a Vergunningen',
      '4b Fietsroutes',
      '5 Rondvraag',
      '6 Sluiting',
    ])
    // Back to the top level: right after the item it was under; the other sub-item moves up to 4a.
    expect((await save(id, permits, 'Vergunningen', '')).status).toBe(302)
    expect(await numbered(id)).toEqual([
      '1 Opening en mededelingen',
      '2 Verslag van de vorige vergadering',
      '3 Actiepuntenlijst',
      '4 Shuttle',
      '4a Fietsroutes',
      '5 Vergunningen',
      '6 Rondvraag',
      '7 Sluiting',
    ])
    // Saving a sub-item with its own parent changes nothing in the order.
    expect((await save(id, cycling, 'Fietsroutes over de grens', shuttle)).status).toBe(302)
    expect((await numbered(id))[4]).toBe('4a Fietsroutes over de grens')
    const moves = await t.db.auditEvent.count({
      where: { action: 'agenda.item_moved', objectId: { in: [cycling, permits] } },
    })
    expect(moves).toBe(2)
  })

  it('keeps one level: an item with sub-items, itself, a sub-item or another meeting is refused', async () => {
    const id = await newDraft()
    const shuttle = await addItem(id, { title: 'Shuttle' })
    const permits = await addItem(id, { title: 'Vergunningen', parentId: shuttle })
    const cycling = await addItem(id, { title: 'Fietsroutes' })
    const cases: [string, string, string][] = [
      [shuttle, cycling, 'itemHasSubItems'],
      [cycling, cycling, 'parentNotFound'],
      [cycling, permits, 'parentNotFound'],
      [cycling, seeded.publishedItem, 'parentNotFound'],
    ]
    for (const [item, parentId, problem] of cases) {
      const out = await writesNothing(() => save(id, item, 'Nieuwe titel', parentId))
      expect(out.status).toBe(400)
      expect(fieldErrors(out.data)).toEqual({ parentId: [problem] })
    }
  })
})

describe("standing items in the reader's language", () => {
  const titlesFor = async (meetingId: string, email: string) => {
    const out = await callLoader(routes.detail.loader, meetingPath(meetingId), {
      cookie: await cookie(email),
      params: { network: 'gos', meeting: meetingId },
    })
    expect(out.status).toBe(200)
    return (out.data as { agenda: AgendaRow[] }).agenda.map((r) => r.title)
  }

  it('shows the standing items of a meeting prepared by Sluis in Flemish to Damme', async () => {
    const id = await newDraft()
    await t.db.meeting.update({ where: { id }, data: { status: 'published' } })
    await addItem(id, { title: 'Grensoverschrijdende fietsroutes' })
    expect(await titlesFor(id, SECRETARY)).toEqual([
      'Opening en mededelingen',
      'Verslag van de vorige vergadering',
      'Actiepuntenlijst',
      'Grensoverschrijdende fietsroutes',
      'Rondvraag',
      'Sluiting',
    ])
    const flemish = await titlesFor(id, DAMME)
    expect(flemish[4]).toBe('Varia')
    expect(flemish[3]).toBe('Grensoverschrijdende fietsroutes')
    // The secretary's agenda page and the item page follow her own language as well.
    const rows = await agenda(id)
    expect(rows.map((r) => r.title)).toContain('Rondvraag')
  })

  it('keeps a standing item whose title the secretary changed as she wrote it', async () => {
    const id = await newDraft()
    await t.db.meeting.update({ where: { id }, data: { status: 'published' } })
    const aob = await t.db.agendaItem.findFirstOrThrow({
      where: { meetingId: id, standing: 'any_other_business' },
    })
    const out = await postItem(
      id,
      aob.id,
      itemFields({ intent: 'saveItem', title: 'Rondvraag en afsluitende mededelingen' }),
    )
    expect(out.status, JSON.stringify(out.data)).toBe(302)
    expect(await titlesFor(id, DAMME)).toContain('Rondvraag en afsluitende mededelingen')
  })
})

// ---- moving ----

describe('moving agenda items', () => {
  const positions = (meetingId: string) =>
    t.db.agendaItem.findMany({
      where: { meetingId },
      select: { id: true, parentId: true, position: true },
      orderBy: { id: 'asc' },
    })

  it('refuses to move the first item up or the last item down (cannotMoveFurther), changing nothing', async () => {
    const id = await newDraft()
    const rows = await agenda(id)
    const before = await positions(id)
    const up = await writesNothing(() =>
      postAgenda(id, { intent: 'move', id: rows[0]!.id, direction: 'up' }),
    )
    expect(up.status).toBe(400)
    expect(up.data).toEqual({ failure: 'cannotMoveFurther' })
    const down = await writesNothing(() =>
      postAgenda(id, { intent: 'move', id: rows.at(-1)!.id, direction: 'down' }),
    )
    expect(down.status).toBe(400)
    expect(down.data).toEqual({ failure: 'cannotMoveFurther' })
    expect(await positions(id)).toEqual(before)
  })

  it('keeps sub-items among themselves: the first cannot go up, the last cannot go down', async () => {
    const id = await newDraft()
    const parent = await addItem(id, { title: 'Met subpunten' })
    const first = await addItem(id, { title: 'Sub 1', parentId: parent })
    const last = await addItem(id, { title: 'Sub 2', parentId: parent })
    for (const [item, direction] of [
      [first, 'up'],
      [last, 'down'],
    ] as const) {
      const out = await writesNothing(() => postAgenda(id, { intent: 'move', id: item, direction }))
      expect(out.data).toEqual({ failure: 'cannotMoveFurther' })
    }
    const moved = await postAgenda(id, { intent: 'move', id: last, direction: 'up' })
    expect(moved.status).toBe(302)
    expect(moved.location).toContain(`verplaatst=${last}&richting=omhoog`)
    expect((await numbered(id)).slice(3, 6)).toEqual(['4 Met subpunten', '4a Sub 2', '4b Sub 1'])
  })

  it('swaps an item with its neighbour, up and down', async () => {
    const id = await newDraft()
    const rows = await agenda(id)
    const out = await postAgenda(id, { intent: 'move', id: rows[0]!.id, direction: 'down' })
    expect(out.status).toBe(302)
    expect(out.location).toContain(`verplaatst=${rows[0]!.id}&richting=omlaag`)
    expect((await numbered(id)).slice(0, 2)).toEqual([
      '1 Verslag van de vorige vergadering',
      '2 Opening en mededelingen',
    ])
    await postAgenda(id, { intent: 'move', id: rows[0]!.id, direction: 'up' })
    expect((await numbered(id))[0]).toBe('1 Opening en mededelingen')
  })

  it('refuses a direction that is not up or down, changing nothing', async () => {
    const id = await newDraft()
    const rows = await agenda(id)
    const out = await writesNothing(() =>
      postAgenda(id, { intent: 'move', id: rows[1]!.id, direction: 'left' }),
    )
    expect(out.status).toBe(400)
  })

  it('answers 404 to moving an item of another meeting, changing nothing', async () => {
    const id = await newDraft()
    for (const item of [seeded.publishedItem, 'bestaatniet']) {
      const out = await writesNothing(() =>
        postAgenda(id, { intent: 'move', id: item, direction: 'down' }),
      )
      expect(out.status, item).toBe(404)
    }
  })
})

// ---- removing ----

describe('removing agenda items', () => {
  it('asks for confirmation first, then removes the item with its sub-items and renumbers', async () => {
    const id = await newDraft()
    const parent = await addItem(id, { title: 'Weg ermee' })
    const sub = await addItem(id, { title: 'Ook weg', parentId: parent })
    await addItem(id, { title: 'Blijft' })
    await t.db.meetingDocument.create({
      data: { meetingId: id, agendaItemId: sub, documentId: doc.workplan },
    })

    const asked = await writesNothing(() => postAgenda(id, { intent: 'remove', id: parent }))
    expect(asked.status).toBe(200)
    expect(asked.data).toEqual({ confirm: { intent: 'remove', id: parent, title: 'Weg ermee' } })

    const out = await postAgenda(id, { intent: 'remove', id: parent, confirmed: 'yes' })
    expect(out.status, JSON.stringify(out.data)).toBe(302)
    expect(out.location).toBe(meetingPath(id, '/agenda'))
    expect(await t.db.agendaItem.count({ where: { id: { in: [parent, sub] } } })).toBe(0)
    expect(await numbered(id)).toEqual([
      '1 Opening en mededelingen',
      '2 Verslag van de vorige vergadering',
      '3 Actiepuntenlijst',
      '4 Blijft',
      '5 Rondvraag',
      '6 Sluiting',
    ])
    const top = await t.db.agendaItem.findMany({
      where: { meetingId: id, parentId: null },
      orderBy: { position: 'asc' },
    })
    expect(top.map((i) => i.position)).toEqual([0, 1, 2, 3, 4, 5])
    // The attachment went with the item; the document itself stays.
    expect(await t.db.meetingDocument.count({ where: { meetingId: id } })).toBe(0)
    expect(await t.db.document.count({ where: { id: doc.workplan, deletedAt: null } })).toBe(1)
  })

  it('renumbers the remaining sub-items when a sub-item is removed', async () => {
    const id = await newDraft()
    const parent = await addItem(id, { title: 'Hoofd' })
    const a = await addItem(id, { title: 'A', parentId: parent })
    await addItem(id, { title: 'B', parentId: parent })
    expect((await postAgenda(id, { intent: 'remove', id: a, confirmed: 'yes' })).status).toBe(302)
    expect((await numbered(id)).slice(3, 5)).toEqual(['4 Hoofd', '4a B'])
    const subs = await t.db.agendaItem.findMany({ where: { parentId: parent } })
    expect(subs.map((s) => s.position)).toEqual([0])
  })

  it('answers 404 to removing an item of another meeting, changing nothing', async () => {
    const id = await newDraft()
    const out = await writesNothing(() =>
      postAgenda(id, { intent: 'remove', id: seeded.publishedItem, confirmed: 'yes' }),
    )
    expect(out.status).toBe(404)
  })
})

// ---- a closed agenda ----

describe('the agenda of a held or cancelled meeting', () => {
  it('refuses every change to the agenda of the held meeting (agendaClosed, nothing written)', async () => {
    const id = seeded.held
    const item = seeded.heldItem
    const add = await writesNothing(() => postAgenda(id, itemFields()))
    expect(add.status).toBe(400)
    expect(fieldErrors(add.data)).toEqual({ '': ['agendaClosed'] })
    const rows = await t.db.agendaItem.findMany({ where: { meetingId: id, parentId: null } })
    const move = await writesNothing(() =>
      postAgenda(id, { intent: 'move', id: item, direction: 'up' }),
    )
    expect(move.data).toEqual({ failure: 'agendaClosed' })
    const remove = await writesNothing(() =>
      postAgenda(id, { intent: 'remove', id: item, confirmed: 'yes' }),
    )
    expect(remove.data).toEqual({ failure: 'agendaClosed' })
    const save = await writesNothing(() =>
      postItem(id, item, itemFields({ intent: 'saveItem', title: 'Achteraf' })),
    )
    expect(fieldErrors(save.data)).toEqual({ '': ['agendaClosed'] })
    const attach = await writesNothing(() =>
      postItem(id, item, { intent: 'attach', id: doc.workplan }),
    )
    expect(attach.data).toEqual({ failure: 'agendaClosed' })
    expect(rows.length).toBeGreaterThan(1)
  })

  it('refuses changes to a cancelled meeting as well', async () => {
    const id = await newDraft()
    await t.db.meeting.update({ where: { id }, data: { status: 'cancelled', cancelReason: 'x' } })
    const out = await writesNothing(() => postAgenda(id, itemFields()))
    expect(fieldErrors(out.data)).toEqual({ '': ['agendaClosed'] })
  })
})

// ---- documents per item ----

describe('documents per agenda item', () => {
  it('refuses a document the preparer may not see, or of another network (documentNotFound)', async () => {
    const id = await newDraft()
    const item = await addItem(id, { title: 'Grensverkeer' })
    for (const documentId of [doc.belgian, doc.otherNetwork, 'bestaatniet']) {
      const out = await writesNothing(() =>
        postItem(id, item, { intent: 'attach', id: documentId }),
      )
      expect(out.status, documentId).toBe(400)
      expect(out.data).toEqual({ failure: 'documentNotFound' })
    }
  })

  it('refuses a document that is in the bin (documentNotFound)', async () => {
    const id = await newDraft()
    const item = await addItem(id)
    const binned = await t.db.document.create({
      data: {
        networkId: (await t.db.network.findUniqueOrThrow({ where: { slug: 'gos' } })).id,
        title: `Weggegooid ${RUN}`,
        type: 'overig',
        language: 'nl',
        audience: 'network',
        searchRowId: 990_001,
        ownerOrganisationId: (
          await t.db.organisation.findUniqueOrThrow({ where: { slug: 'sluis' } })
        ).id,
        deletedAt: new Date(),
      },
    })
    const out = await writesNothing(() => postItem(id, item, { intent: 'attach', id: binned.id }))
    expect(out.data).toEqual({ failure: 'documentNotFound' })
  })

  it('tells the preparers how many partners each attached document reaches, and nobody else', async () => {
    const id = await newDraft()
    const item = await addItem(id)
    const slugs = ['sluis', 'damme', 'maldegem']
    const three = await t.db.document.create({
      data: {
        networkId: (await t.db.network.findUniqueOrThrow({ where: { slug: 'gos' } })).id,
        title: `Voor drie partners ${RUN}`,
        type: 'overig',
        language: 'nl',
        audience: 'selected',
        searchRowId: 990_002,
        ownerOrganisationId: (
          await t.db.organisation.findUniqueOrThrow({ where: { slug: 'sluis' } })
        ).id,
        audienceMembers: {
          create: await Promise.all(
            slugs.map(async (slug) => ({
              organisationId: (await t.db.organisation.findUniqueOrThrow({ where: { slug } })).id,
            })),
          ),
        },
      },
    })
    for (const documentId of [doc.workplan, three.id]) {
      expect((await postItem(id, item, { intent: 'attach', id: documentId })).status).toBe(302)
    }
    const rows = await agenda(id)
    const documents = (
      rows.find((r) => r.id === item) as unknown as {
        documents: { title: string; reach: unknown }[]
      }
    ).documents
    expect(documents.map((d) => [d.title, d.reach])).toEqual([
      ['Werkplan GOS 2027', { partners: 5, reached: 5 }],
      [`Voor drie partners ${RUN}`, { partners: 5, reached: 3 }],
    ])
    await t.db.meeting.update({ where: { id }, data: { status: 'published' } })
    const asDamme = await callLoader(routes.detail.loader, meetingPath(id), {
      cookie: await cookie(DAMME),
      params: { network: 'gos', meeting: id },
    })
    const seen = (
      asDamme.data as { agenda: { id: string; documents: { reach: unknown }[] }[] }
    ).agenda.find((r) => r.id === item)!.documents
    expect(seen.map((d) => d.reach)).toEqual([null, null])
  })

  it('attaches a network document once; the same again is refused (alreadyAttached)', async () => {
    const id = await newDraft()
    const item = await addItem(id, { title: 'Werkplan' })
    const out = await postItem(id, item, { intent: 'attach', id: doc.workplan })
    expect(out.status, JSON.stringify(out.data)).toBe(302)
    expect(out.location).toBe(meetingPath(id, `/agenda/${item}`))
    const links = await t.db.meetingDocument.findMany({ where: { meetingId: id } })
    expect(links).toEqual([
      expect.objectContaining({ agendaItemId: item, documentId: doc.workplan }),
    ])
    const again = await writesNothing(() =>
      postItem(id, item, { intent: 'attach', id: doc.workplan }),
    )
    expect(again.status).toBe(400)
    expect(again.data).toEqual({ failure: 'alreadyAttached' })

    // The item page no longer offers it, and never offers what the secretary may not see.
    const page = await callLoader(routes.item.loader, meetingPath(id, `/agenda/${item}`), {
      cookie: await cookie(SECRETARY),
      params: { network: 'gos', meeting: id, item },
    })
    const attachable = (page.data as { attachable: { id: string }[] }).attachable.map((d) => d.id)
    expect(attachable).toContain(doc.shuttle)
    expect(attachable).not.toContain(doc.workplan)
    expect(attachable).not.toContain(doc.belgian)
    expect(attachable).not.toContain(doc.otherNetwork)

    // Detaching removes the link, not the document; a link of another meeting is not found.
    const foreign = await t.db.meetingDocument.findFirstOrThrow({
      where: { meetingId: seeded.published },
    })
    const wrong = await writesNothing(() =>
      postItem(id, item, { intent: 'detach', id: foreign.id }),
    )
    expect(wrong.data).toEqual({ failure: 'documentNotFound' })
    const detached = await postItem(id, item, { intent: 'detach', id: links[0]!.id })
    expect(detached.status).toBe(302)
    expect(await t.db.meetingDocument.count({ where: { meetingId: id } })).toBe(0)
    expect(await t.db.document.count({ where: { id: doc.workplan } })).toBe(1)
  })

  it('shows each reader the item, but only the attached documents of their audience', async () => {
    const page = async (email: string) => {
      const out = await callLoader(routes.detail.loader, meetingPath(seeded.published), {
        cookie: await cookie(email),
        params: { network: 'gos', meeting: seeded.published },
      })
      expect(out.status, email).toBe(200)
      return JSON.stringify(out.data)
    }
    const sluis = await page(SLUIS)
    expect(sluis).toContain(BELGIAN_ITEM)
    expect(sluis).toContain('Werkplan GOS 2027')
    expect(sluis).not.toContain(BELGIAN_DOC)
    expect(sluis).not.toContain(doc.belgian)
    // The secretary prepares the meeting, but Sluis is not in the document's audience either.
    const secretary = await page(SECRETARY)
    expect(secretary).toContain(BELGIAN_ITEM)
    expect(secretary).not.toContain(BELGIAN_DOC)
    for (const email of [DAMME, KNOKKE]) {
      const text = await page(email)
      expect(text, email).toContain(BELGIAN_ITEM)
      expect(text, email).toContain(BELGIAN_DOC)
    }
    // Also on the secretary's agenda editor.
    const editor = await callLoader(
      routes.agenda.loader,
      meetingPath(seeded.published, '/agenda'),
      {
        cookie: await cookie(SECRETARY),
        params: { network: 'gos', meeting: seeded.published },
      },
    )
    expect(JSON.stringify(editor.data)).toContain(BELGIAN_ITEM)
    expect(JSON.stringify(editor.data)).not.toContain(BELGIAN_DOC)
  })
})

// ---- sharing a new document for an item ----

describe('sharing a new document for an agenda item', () => {
  function uploadRequest(url: string, fields: Fields, bytes: Uint8Array, cookieHeader: string) {
    const form = new FormData()
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) form.append(k, one)
    form.append(
      'file',
      new File([new Uint8Array(bytes)], 'toelichting.pdf', { type: 'application/pdf' }),
    )
    return new Request(`http://localhost${url}`, {
      method: 'POST',
      body: form,
      headers: { Origin: 'http://localhost:3000', Cookie: cookieHeader },
    })
  }

  async function share(email: string, fields: Fields) {
    const url = '/netwerken/gos/documenten/nieuw'
    const request = uploadRequest(
      url,
      {
        title: `Toelichting ${RUN}`,
        description: '',
        type: 'presentatie',
        language: 'nl',
        tags: '',
        audience: 'network',
        ...fields,
      },
      await pdfWithText(['Toelichting bij het agendapunt']),
      await cookie(email),
    )
    return callWithRequest(routes.newDocument.action, request, { network: 'gos' })
  }

  it('offers the form for the item to the secretary, and 404 to a plain member', async () => {
    const id = await newDraft()
    const item = await addItem(id, { title: 'Met bijlage' })
    const url = `/netwerken/gos/documenten/nieuw?vergadering=${id}&agendapunt=${item}`
    const secretary = await callLoader(routes.newDocument.loader, url, {
      cookie: await cookie(SECRETARY),
      params: { network: 'gos' },
    })
    expect(secretary.status).toBe(200)
    expect((secretary.data as { forItem: unknown }).forItem).toEqual({
      meetingId: id,
      agendaItemId: item,
      title: 'Met bijlage',
      url: meetingPath(id, `/agenda/${item}`),
    })
    const member = await callLoader(routes.newDocument.loader, url, {
      cookie: await cookie(SLUIS),
      params: { network: 'gos' },
    })
    expect(member.status).toBe(404)
  })

  it('stores the document and attaches it to the item when the secretary shares it', async () => {
    const id = await newDraft()
    const item = await addItem(id, { title: 'Toelichting volgt' })
    const title = `Toelichting secretaris ${RUN}`
    const out = await share(SECRETARY, { title, meetingId: id, agendaItemId: item })
    expect(out.status, JSON.stringify(out.data)).toBe(302)
    expect(out.location).toBe(meetingPath(id, `/agenda/${item}`))
    const created = await t.db.document.findFirstOrThrow({ where: { title } })
    expect(await t.db.meetingDocument.findMany({ where: { meetingId: id } })).toEqual([
      expect.objectContaining({ agendaItemId: item, documentId: created.id }),
    ])
    expect(tempFiles()).toEqual([])
    // And it is on the item for a Damme member once the meeting is published.
    await t.db.meeting.update({ where: { id }, data: { status: 'published' } })
    const page = await callLoader(routes.detail.loader, meetingPath(id), {
      cookie: await cookie(DAMME),
      params: { network: 'gos', meeting: id },
    })
    expect(JSON.stringify(page.data)).toContain(title)
  })

  it('answers 404 to a plain member, with no document, no stored file and no temp file', async () => {
    const id = await newDraft()
    const item = await addItem(id, { title: 'Niet voor leden' })
    await t.db.meeting.update({ where: { id }, data: { status: 'published' } })
    const title = `Toelichting lid ${RUN}`
    const out = await writesNothing(() =>
      share(SLUIS, { title, meetingId: id, agendaItemId: item }),
    )
    expect(out.status).toBe(404)
    expect(await t.db.document.count({ where: { title } })).toBe(0)
  })

  // Known bug (reported): agendaUploadTarget does not check that the agenda is still open, so the
  // document is stored, the attach then fails with agendaClosed unseen, and the answer is a redirect
  // to the new document as if all went well.
  it('refuses a document shared for an item of a held meeting, writing nothing', async () => {
    const title = `Toelichting achteraf ${RUN}`
    const out = await writesNothing(() =>
      share(SECRETARY, { title, meetingId: seeded.held, agendaItemId: seeded.heldItem }),
    )
    expect([400, 404]).toContain(out.status)
    expect(await t.db.document.count({ where: { title } })).toBe(0)
  })

  it('answers 404 to the secretary for an item of another meeting, writing nothing', async () => {
    const id = await newDraft()
    const attempts: Fields[] = [
      { meetingId: id, agendaItemId: seeded.publishedItem },
      { agendaItemId: seeded.publishedItem },
      { meetingId: id, agendaItemId: 'bestaatniet' },
    ]
    for (const fields of attempts) {
      const out = await writesNothing(() => share(COORDINATOR, fields))
      expect(out.status, JSON.stringify(fields)).toBe(404)
    }
  })
})
