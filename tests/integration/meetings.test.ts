import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import {
  callAction,
  callLoader,
  fieldErrors,
  sessionCookies,
  userFor,
  type Outcome,
} from '../setup/route-calls'
import { networkIds, organisationIds, seededMeetingIds } from '../setup/seeded-ids'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'
import { smtpListener } from '../setup/smtp-listener'

// Meetings (issue 4, items 1 and 4): the meeting form, who may open which meeting page, editing,
// publishing, cancelling and marking as held, called as Remix calls the routes, against the seeded
// database and a real SMTP listener for the invitation mails. Refused input answers with a message
// key and leaves every meeting table exactly as it was.
//
// GOS = Sluis, Maldegem, Knokke-Heist, Damme, Sint-Laureins. The coordinator and the secretary work for
// Sluis; lid.sluis is a plain member (and also in P10); De Wolden is in P10 only; Terneuzen is not in
// GOS. The seed has three GOS meetings: held (September 2026), published (December 2026), draft
// (February 2027). Meetings made here lie in 2027 and carry a per-run suffix.

const SECRETARY = 'secretaris.gos@example.org'
const COORDINATOR = 'coordinator.gos@example.org'
const SLUIS = 'lid.sluis@example.org'
const DAMME = 'lid.damme@example.org'
const DE_WOLDEN = 'lid.dewolden@example.org'

const RUN = Date.now().toString(36)
const HOUR = 3_600_000

const smtp = smtpListener()
const { received } = smtp

let t: TestDatabase
let routes: {
  list: typeof import('../../app/routes/meetings/list')
  create: typeof import('../../app/routes/meetings/new')
  edit: typeof import('../../app/routes/meetings/edit')
  detail: typeof import('../../app/routes/meetings/detail')
  agenda: typeof import('../../app/routes/meetings/agenda')
  item: typeof import('../../app/routes/meetings/item')
  attendance: typeof import('../../app/routes/meetings/attendance')
}
let access: typeof import('../../app/modules/access/meetings.server')
const cookie = sessionCookies()
const net = { gos: '', p10: '' }
const org = { sluis: '', knokke: '', damme: '', maldegem: '', terneuzen: '', deWolden: '' }
const seeded = { held: '', published: '', draft: '', draftItem: '', publishedItem: '' }

beforeAll(async () => {
  await smtp.start()
  t = await createTestDatabase()
  await seed(t.db)
  routes = {
    list: await import('../../app/routes/meetings/list'),
    create: await import('../../app/routes/meetings/new'),
    edit: await import('../../app/routes/meetings/edit'),
    detail: await import('../../app/routes/meetings/detail'),
    agenda: await import('../../app/routes/meetings/agenda'),
    item: await import('../../app/routes/meetings/item'),
    attendance: await import('../../app/routes/meetings/attendance'),
  }
  access = await import('../../app/modules/access/meetings.server')
  Object.assign(net, await networkIds(t.db, { gos: 'gos', p10: 'p10' }))
  Object.assign(
    org,
    await organisationIds(t.db, {
      sluis: 'sluis',
      knokke: 'knokke-heist',
      damme: 'damme',
      maldegem: 'maldegem',
      terneuzen: 'terneuzen',
      deWolden: 'de-wolden',
    }),
  )
  Object.assign(seeded, await seededMeetingIds(t.db))
  seeded.draftItem = (
    await t.db.agendaItem.findFirstOrThrow({ where: { meetingId: seeded.draft, standing: null } })
  ).id
  seeded.publishedItem = (
    await t.db.agendaItem.findFirstOrThrow({
      where: { meetingId: seeded.published, standing: null },
    })
  ).id
})

afterAll(async () => {
  await t.cleanup()
  await smtp.stop()
})

afterEach(() => smtp.clear())

// ---- helpers ----

type Fields = Record<string, string | string[]>

const ALL_STANDING = ['opening', 'previous_minutes', 'action_list', 'any_other_business', 'closing']

function meetingFields(overrides: Fields = {}): Fields {
  return {
    title: `GOS-werkoverleg ${RUN}`,
    description: 'Overleg over de shuttle en het fietsnetwerk.',
    day: '2027-03-11',
    startTime: '10:00',
    endDay: '',
    endTime: '12:00',
    location: 'Gemeentehuis Damme, Markt 1, 8340 Damme',
    onlineUrl: '',
    hostOrganisationId: org.damme,
    chair: 'Burgemeester van Damme',
    secretary: 'GOS-secretariaat',
    standing: ALL_STANDING,
    ...overrides,
  }
}

const newPath = '/netwerken/gos/vergaderingen/nieuw'
const meetingPath = (id: string, rest = '') => `/netwerken/gos/vergaderingen/${id}${rest}`

async function postNew(email: string, fields: Fields, network = 'gos'): Promise<Outcome> {
  return callAction(routes.create.action, `/netwerken/${network}/vergaderingen/nieuw`, fields, {
    cookie: await cookie(email),
    params: { network },
  })
}

/** The id of the meeting a successful create redirected to (its agenda page). */
function createdId(out: Outcome): string {
  expect(out.status, JSON.stringify(out.data)).toBe(302)
  const id = /^\/netwerken\/gos\/vergaderingen\/([a-z0-9]+)\/agenda$/.exec(out.location ?? '')?.[1]
  if (!id) throw new Error(`No meeting id in ${out.location}`)
  return id
}

async function createMeeting(overrides: Fields = {}, email = SECRETARY): Promise<string> {
  return createdId(await postNew(email, meetingFields(overrides)))
}

async function postDetail(email: string, id: string, fields: Fields) {
  return callAction(routes.detail.action, meetingPath(id), fields, {
    cookie: await cookie(email),
    params: { network: 'gos', meeting: id },
  })
}

async function postEdit(email: string, id: string, fields: Fields) {
  return callAction(routes.edit.action, meetingPath(id, '/bewerken'), fields, {
    cookie: await cookie(email),
    params: { network: 'gos', meeting: id },
  })
}

/** Every row of the meeting tables (and the documents), to show that a refusal wrote nothing. */
async function meetingTables() {
  const [meetings, items, links, invitations, attendance, actions, documents] = await Promise.all([
    t.db.meeting.findMany({ orderBy: { id: 'asc' } }),
    t.db.agendaItem.findMany({ orderBy: { id: 'asc' } }),
    t.db.meetingDocument.findMany({ orderBy: { id: 'asc' } }),
    t.db.meetingInvitation.findMany({ orderBy: [{ meetingId: 'asc' }, { organisationId: 'asc' }] }),
    t.db.meetingAttendance.findMany({ orderBy: { id: 'asc' } }),
    t.db.actionItem.findMany({ orderBy: { id: 'asc' } }),
    t.db.document.count(),
  ])
  return { meetings, items, links, invitations, attendance, actions, documents }
}

/** Runs `act` and checks that the meeting tables are the same afterwards. */
async function writesNothing(act: () => Promise<Outcome>): Promise<Outcome> {
  const before = await meetingTables()
  const out = await act()
  expect(await meetingTables()).toEqual(before)
  return out
}

async function agendaOf(meetingId: string) {
  return t.db.agendaItem.findMany({
    where: { meetingId },
    orderBy: [{ parentId: 'asc' }, { position: 'asc' }],
  })
}

/** A meeting written straight to the database, for states the forms cannot reach quickly. */
async function addMeeting(status: string, startsAt: Date, network = net.gos, title = status) {
  const created = await t.db.meeting.create({
    data: {
      networkId: network,
      title: `${title} ${RUN}`,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * HOUR),
      hostOrganisationId: network === net.gos ? org.knokke : org.deWolden,
      location: 'Gemeentehuis',
      status,
    },
    select: { id: true },
  })
  return created.id
}

// ---- the meeting form ----

describe('a new meeting: refused input', () => {
  it.each([
    [
      'an end before the start',
      { startTime: '12:00', endTime: '10:00' },
      { endTime: ['endTimeBeforeStart'] },
    ],
    [
      'an end equal to the start',
      { startTime: '10:00', endTime: '10:00' },
      { endTime: ['endTimeBeforeStart'] },
    ],
    [
      'an end day before the start day',
      { day: '2027-03-11', endDay: '2027-03-10', endTime: '16:00' },
      { endTime: ['endTimeBeforeStart'] },
    ],
    [
      'a start time that does not exist (summer time starts on 28 March 2027)',
      { day: '2027-03-28', startTime: '02:30', endTime: '04:00' },
      { startTime: ['timeMissing'] },
    ],
    [
      'an end time that does not exist',
      { day: '2027-03-28', startTime: '01:00', endTime: '02:15' },
      { endTime: ['timeMissing'] },
    ],
    ['a time that is no time', { startTime: '25:00' }, { startTime: ['time'] }],
    ['a day that does not exist', { day: '2027-02-30' }, { day: ['date'] }],
    [
      'a meeting over more than 48 hours',
      { endDay: '2027-03-14', endTime: '12:00' },
      { endTime: ['meetingTooLong'] },
    ],
    [
      'no address and no online link',
      { location: '', onlineUrl: '' },
      { location: ['locationOrOnline'] },
    ],
    [
      'a javascript: online link',
      { onlineUrl: 'javascript:alert(document.cookie)' },
      { onlineUrl: ['httpsUrl'] },
    ],
    [
      'an http (not https) online link',
      { onlineUrl: 'http://meet.example.org/x' },
      { onlineUrl: ['httpsUrl'] },
    ],
    ['no title', { title: '  ' }, { title: ['required'] }],
    ['no host', { hostOrganisationId: '' }, { hostOrganisationId: ['choose'] }],
    [
      'an unknown standing item',
      { standing: ['opening', 'koffie'] },
      { 'standing[1]': ['choose'] },
    ],
    ['a field the form does not have', { networkId: net.p10 }, { '': ['unexpectedField'] }],
    ['a status chosen in the form', { status: 'published' }, { '': ['unexpectedField'] }],
  ])('refuses %s (400, nothing written)', async (_, overrides: Fields, expected) => {
    const out = await writesNothing(() => postNew(SECRETARY, meetingFields(overrides)))
    expect(out.status).toBe(400)
    expect(fieldErrors(out.data)).toEqual(expected)
  })

  it('refuses a host outside the network (hostNotInNetwork, nothing written)', async () => {
    const out = await writesNothing(() =>
      postNew(SECRETARY, meetingFields({ hostOrganisationId: org.terneuzen })),
    )
    expect(out.status).toBe(400)
    expect(fieldErrors(out.data)).toEqual({ hostOrganisationId: ['hostNotInNetwork'] })
  })

  it('refuses a host that does not exist at all', async () => {
    const out = await writesNothing(() =>
      postNew(SECRETARY, meetingFields({ hostOrganisationId: 'nietbestaand' })),
    )
    expect(fieldErrors(out.data)).toEqual({ hostOrganisationId: ['hostNotInNetwork'] })
  })

  it('refuses to copy the agenda of a meeting of another network (copyNotFound)', async () => {
    const p10Meeting = await addMeeting('published', new Date('2027-01-20T09:00:00Z'), net.p10)
    await t.db.agendaItem.create({
      data: {
        meetingId: p10Meeting,
        position: 0,
        title: 'Position paper platteland',
        kind: 'decision',
      },
    })
    // The secretary's organisation (Sluis) is in P10 too, so it can see that meeting: the network decides.
    const out = await writesNothing(() =>
      postNew(SECRETARY, meetingFields({ copyFrom: p10Meeting })),
    )
    expect(out.status).toBe(400)
    expect(fieldErrors(out.data)).toEqual({ copyFrom: ['copyNotFound'] })
  })

  it('refuses to copy from a meeting id that does not exist', async () => {
    const out = await writesNothing(() =>
      postNew(SECRETARY, meetingFields({ copyFrom: 'bestaatniet' })),
    )
    expect(fieldErrors(out.data)).toEqual({ copyFrom: ['copyNotFound'] })
  })
})

describe('a new meeting: created', () => {
  it('is a draft with every current GOS member invited and the standing items in order, in Dutch', async () => {
    const title = `Voorjaarsoverleg ${RUN}`
    const id = await createMeeting({ title })
    const meeting = await t.db.meeting.findUniqueOrThrow({
      where: { id },
      include: { invitations: true },
    })
    expect(meeting).toMatchObject({
      networkId: net.gos,
      title,
      status: 'draft',
      publishedAt: null,
      sequence: 0,
      version: 1,
      hostOrganisationId: org.damme,
      location: 'Gemeentehuis Damme, Markt 1, 8340 Damme',
      chair: 'Burgemeester van Damme',
    })
    // 10:00–12:00 on 11 March 2027 in Amsterdam is winter time: 09:00–11:00 UTC.
    expect(meeting.startsAt.toISOString()).toBe('2027-03-11T09:00:00.000Z')
    expect(meeting.endsAt.toISOString()).toBe('2027-03-11T11:00:00.000Z')
    const members = await t.db.networkMembership.findMany({
      where: { networkId: net.gos, activeTo: null },
      select: { organisationId: true },
    })
    expect(meeting.invitations.map((i) => i.organisationId).sort()).toEqual(
      members.map((m) => m.organisationId).sort(),
    )
    expect(meeting.invitations).toHaveLength(5)
    expect(meeting.invitations.map((i) => i.organisationId)).not.toContain(org.terneuzen)

    const items = await agendaOf(id)
    expect(items.map((i) => [i.position, i.standing, i.title, i.kind, i.durationMinutes])).toEqual([
      [0, 'opening', 'Opening en mededelingen', 'information', 5],
      [1, 'previous_minutes', 'Verslag van de vorige vergadering', 'decision', 10],
      [2, 'action_list', 'Actiepuntenlijst', 'discussion', 15],
      [3, 'any_other_business', 'Rondvraag', 'discussion', 10],
      [4, 'closing', 'Sluiting', 'information', 5],
    ])
    // No mail for a draft.
    expect(received).toEqual([])
  })

  it('starts with only the standing items that were ticked, still in agenda order', async () => {
    const id = await createMeeting({ standing: ['closing', 'opening'] })
    expect((await agendaOf(id)).map((i) => [i.position, i.standing])).toEqual([
      [0, 'opening'],
      [1, 'closing'],
    ])
  })

  it('accepts an online-only meeting with an https link and no address', async () => {
    const id = await createMeeting({ location: '', onlineUrl: 'https://teams.example.org/gos' })
    const meeting = await t.db.meeting.findUniqueOrThrow({ where: { id } })
    expect(meeting).toMatchObject({ location: '', onlineUrl: 'https://teams.example.org/gos' })
  })

  it('stores a summer-time meeting with the summer offset', async () => {
    const id = await createMeeting({ day: '2027-03-29', startTime: '10:00', endTime: '12:00' })
    const meeting = await t.db.meeting.findUniqueOrThrow({ where: { id } })
    expect(meeting.startsAt.toISOString()).toBe('2027-03-29T08:00:00.000Z')
  })

  it('names the standing items in English for a preparer whose language is English', async () => {
    await t.db.user.update({ where: { email: COORDINATOR }, data: { locale: 'en' } })
    try {
      const id = await createMeeting({}, COORDINATOR)
      expect((await agendaOf(id)).map((i) => i.title)).toEqual([
        'Opening and announcements',
        'Minutes of the previous meeting',
        'Action list',
        'Any other business',
        'Closing',
      ])
    } finally {
      await t.db.user.update({ where: { email: COORDINATOR }, data: { locale: null } })
    }
  })

  it('uses the Flemish word for any other business for a preparer who reads nl-BE', async () => {
    await t.db.user.update({ where: { email: COORDINATOR }, data: { locale: 'nl-BE' } })
    try {
      const id = await createMeeting({}, COORDINATOR)
      const titles = (await agendaOf(id)).map((i) => i.title)
      expect(titles[3]).toBe('Varia')
      expect(titles[0]).toBe('Opening en mededelingen')
    } finally {
      await t.db.user.update({ where: { email: COORDINATOR }, data: { locale: null } })
    }
  })

  it('copies the items and sub-items of an earlier meeting, not its decisions, documents or actions', async () => {
    // The held September meeting has a decision and action items; give one item a sub-item and a
    // document, so there is something to leave behind.
    const source = seeded.held
    const shuttle = await t.db.agendaItem.findFirstOrThrow({
      where: { meetingId: source, title: { startsWith: 'Automatische shuttle' } },
    })
    expect(shuttle.decisionText).not.toBe('')
    await t.db.agendaItem.create({
      data: {
        meetingId: source,
        parentId: shuttle.id,
        position: 0,
        title: 'Shuttle: vergunningen',
        kind: 'information',
        durationMinutes: 7,
        presenterOrganisationId: org.damme,
        decisionText: 'Vergunning aanvragen',
        decisionOutcome: 'adopted',
      },
    })
    const doc = await t.db.document.findFirstOrThrow({
      where: { networkId: net.gos, title: 'Werkplan GOS 2027' },
    })
    await t.db.meetingDocument.create({
      data: { meetingId: source, agendaItemId: shuttle.id, documentId: doc.id },
    })
    const sourceItems = await agendaOf(source)

    const id = await createMeeting({ copyFrom: source, standing: ALL_STANDING })
    const copied = await agendaOf(id)
    // The copy replaces the standing items: exactly the source's agenda.
    expect(copied).toHaveLength(sourceItems.length)
    const shape = (items: typeof copied) => {
      const titleOf = new Map(items.map((i) => [i.id, i.title]))
      return items
        .map((i) => ({
          title: i.title,
          parent: i.parentId ? titleOf.get(i.parentId) : null,
          position: i.position,
          kind: i.kind,
          standing: i.standing,
          durationMinutes: i.durationMinutes,
          presenterOrganisationId: i.presenterOrganisationId,
          description: i.description,
        }))
        .sort((a, b) => a.title.localeCompare(b.title))
    }
    expect(shape(copied)).toEqual(shape(sourceItems))
    // New rows, in the new meeting; the sub-item hangs under the new copy of its item.
    const sourceIds = new Set(sourceItems.map((i) => i.id))
    expect(copied.every((i) => !sourceIds.has(i.id) && i.meetingId === id)).toBe(true)
    const sub = copied.find((i) => i.title === 'Shuttle: vergunningen')!
    expect(copied.find((i) => i.id === sub.parentId)?.title).toBe(shuttle.title)
    // Not the decisions, documents or action items.
    expect(copied.every((i) => i.decisionText === '' && i.decisionOutcome === null)).toBe(true)
    expect(await t.db.meetingDocument.count({ where: { meetingId: id } })).toBe(0)
    expect(await t.db.actionItem.count({ where: { meetingId: id } })).toBe(0)
    // The source is untouched.
    expect(await agendaOf(source)).toEqual(sourceItems)
  })

  it('offers the earlier meetings of this network only to copy from', async () => {
    const out = await callLoader(routes.create.loader, newPath, {
      cookie: await cookie(SECRETARY),
      params: { network: 'gos' },
    })
    expect(out.status).toBe(200)
    const { copyable, organisations } = out.data as {
      copyable: { id: string }[]
      organisations: { id: string }[]
    }
    const ids = copyable.map((m) => m.id)
    expect(ids).toEqual(expect.arrayContaining([seeded.held, seeded.published, seeded.draft]))
    const networks = await t.db.meeting.findMany({
      where: { id: { in: ids } },
      select: { networkId: true },
    })
    expect(networks.every((m) => m.networkId === net.gos)).toBe(true)
    expect(organisations.map((o) => o.id)).toEqual(
      expect.arrayContaining([org.sluis, org.knokke, org.damme, org.maldegem]),
    )
    expect(organisations).toHaveLength(5)
    expect(organisations.map((o) => o.id)).not.toContain(org.terneuzen)
  })
})

// ---- who may open what ----

describe('access to the meeting pages', () => {
  const loaders = () =>
    [
      ['the new-meeting form', routes.create.loader, newPath, {}],
      [
        'the edit form',
        routes.edit.loader,
        meetingPath(seeded.published, '/bewerken'),
        { meeting: seeded.published },
      ],
      [
        'the agenda editor',
        routes.agenda.loader,
        meetingPath(seeded.published, '/agenda'),
        { meeting: seeded.published },
      ],
      [
        'an agenda item',
        routes.item.loader,
        meetingPath(seeded.published, `/agenda/${seeded.publishedItem}`),
        { meeting: seeded.published, item: seeded.publishedItem },
      ],
      [
        'the draft meeting page',
        routes.detail.loader,
        meetingPath(seeded.draft),
        { meeting: seeded.draft },
      ],
      [
        "the draft's agenda editor",
        routes.agenda.loader,
        meetingPath(seeded.draft, '/agenda'),
        { meeting: seeded.draft },
      ],
      [
        "the draft's agenda item",
        routes.item.loader,
        meetingPath(seeded.draft, `/agenda/${seeded.draftItem}`),
        { meeting: seeded.draft, item: seeded.draftItem },
      ],
      [
        "the draft's attendance page",
        routes.attendance.loader,
        meetingPath(seeded.draft, '/deelnemers'),
        { meeting: seeded.draft },
      ],
    ] as const

  it('answers 404 to a plain GOS member for the forms, the agenda editor and the draft', async () => {
    for (const [what, loader, path, params] of loaders()) {
      const out = await callLoader(loader, path, {
        cookie: await cookie(SLUIS),
        params: { network: 'gos', ...params },
      })
      expect(out.status, what).toBe(404)
    }
  })

  it('lets the coordinator and the secretary open all of them', async () => {
    for (const email of [SECRETARY, COORDINATOR]) {
      for (const [what, loader, path, params] of loaders()) {
        const out = await callLoader(loader, path, {
          cookie: await cookie(email),
          params: { network: 'gos', ...params },
        })
        expect(out.status, `${email}: ${what}`).toBe(200)
      }
    }
  })

  it('shows a plain member the published meeting and its attendance list', async () => {
    for (const email of [SLUIS, DAMME]) {
      const page = await callLoader(routes.detail.loader, meetingPath(seeded.published), {
        cookie: await cookie(email),
        params: { network: 'gos', meeting: seeded.published },
      })
      expect(page.status, email).toBe(200)
      expect((page.data as { canPrepare: boolean }).canPrepare).toBe(false)
      const attendance = await callLoader(
        routes.attendance.loader,
        meetingPath(seeded.published, '/deelnemers'),
        {
          cookie: await cookie(email),
          params: { network: 'gos', meeting: seeded.published },
        },
      )
      expect(attendance.status, email).toBe(200)
      expect((attendance.data as { prepare: unknown }).prepare).toBeNull()
    }
  })

  it('answers 404 to a P10-only user on every meeting page, published or draft', async () => {
    const c = await cookie(DE_WOLDEN)
    const checks: [string, unknown, string, Record<string, string>][] = [
      ['list', routes.list.loader, '/netwerken/gos/vergaderingen', {}],
      ...loaders().map(
        ([what, loader, path, params]) =>
          [what, loader, path, params] as [string, unknown, string, Record<string, string>],
      ),
      [
        'published page',
        routes.detail.loader,
        meetingPath(seeded.published),
        { meeting: seeded.published },
      ],
      ['held page', routes.detail.loader, meetingPath(seeded.held), { meeting: seeded.held }],
      [
        'published attendance',
        routes.attendance.loader,
        meetingPath(seeded.published, '/deelnemers'),
        { meeting: seeded.published },
      ],
    ]
    for (const [what, loader, path, params] of checks) {
      const out = await callLoader(loader, path, {
        cookie: c,
        params: { network: 'gos', ...params },
      })
      expect(out.status, what).toBe(404)
    }
    // Nor under the address of a network the user is in.
    const out = await callLoader(
      routes.detail.loader,
      `/netwerken/p10/vergaderingen/${seeded.published}`,
      {
        cookie: c,
        params: { network: 'p10', meeting: seeded.published },
      },
    )
    expect(out.status).toBe(404)
  })

  it('answers 404 to the form actions of a plain member and a P10-only user, writing nothing', async () => {
    for (const email of [SLUIS, DE_WOLDEN]) {
      const c = await cookie(email)
      const posts: [string, unknown, string, Record<string, string>, Fields][] = [
        ['new', routes.create.action, newPath, {}, meetingFields()],
        [
          'edit',
          routes.edit.action,
          meetingPath(seeded.published, '/bewerken'),
          { meeting: seeded.published },
          meetingFields({ version: '1' }),
        ],
        [
          'add item',
          routes.agenda.action,
          meetingPath(seeded.published, '/agenda'),
          { meeting: seeded.published },
          { intent: 'addItem', title: 'Ingeslopen', kind: 'discussion', durationMinutes: '5' },
        ],
        [
          'save item',
          routes.item.action,
          meetingPath(seeded.published, `/agenda/${seeded.publishedItem}`),
          { meeting: seeded.published, item: seeded.publishedItem },
          { intent: 'saveItem', title: 'Overschreven', kind: 'discussion', durationMinutes: '5' },
        ],
        [
          'publish draft',
          routes.detail.action,
          meetingPath(seeded.draft),
          { meeting: seeded.draft },
          { intent: 'publish', confirmed: 'yes' },
        ],
        [
          'cancel',
          routes.detail.action,
          meetingPath(seeded.published),
          { meeting: seeded.published },
          { intent: 'cancel', reason: 'Zomaar' },
        ],
      ]
      for (const [what, action, path, params, fields] of posts) {
        const out = await writesNothing(() =>
          callAction(action, path, fields, { cookie: c, params: { network: 'gos', ...params } }),
        )
        expect(out.status, `${email}: ${what}`).toBe(404)
      }
    }
    expect(received).toEqual([])
  })

  it('sends someone without a session to the sign-in page', async () => {
    const out = await callLoader(routes.detail.loader, meetingPath(seeded.published), {
      params: { network: 'gos', meeting: seeded.published },
    })
    expect(out.status).toBe(302)
    expect(out.location).toMatch(/^\/login\?redirectTo=/)
  })

  it('lists drafts only for the coordinator and the secretary', async () => {
    const visibleTitles = async (email: string) => {
      const user = await userFor(await cookie(email))
      const rows = await t.db.meeting.findMany({
        where: { networkId: net.gos, ...access.visibleMeetingsWhere(user) },
        select: { id: true, status: true },
      })
      return rows
    }
    for (const email of [SECRETARY, COORDINATOR]) {
      const ids = (await visibleTitles(email)).map((m) => m.id)
      expect(ids, email).toContain(seeded.draft)
    }
    for (const email of [SLUIS, DAMME]) {
      const rows = await visibleTitles(email)
      expect(
        rows.map((m) => m.id),
        email,
      ).toEqual(expect.arrayContaining([seeded.held, seeded.published]))
      expect(
        rows.some((m) => m.status === 'draft'),
        email,
      ).toBe(false)
    }
    expect(await visibleTitles(DE_WOLDEN)).toEqual([])
  })

  it('keeps drafts hidden when a query adds an OR of its own next to the rule', async () => {
    const user = await userFor(await cookie(SLUIS))
    const rows = await t.db.meeting.findMany({
      where: {
        ...access.visibleMeetingsWhere(user),
        OR: [{ status: 'draft' }, { id: seeded.draft }],
      },
      select: { id: true },
    })
    expect(rows).toEqual([])
  })

  it('shows an upcoming draft in the list of the secretary, not of a plain member', async () => {
    // Soon, so they come first in the upcoming list, whatever else this file has made.
    const published = await addMeeting('published', new Date(Date.now() + 1 * 86_400_000))
    const draft = await addMeeting('draft', new Date(Date.now() + 2 * 86_400_000))
    const past = await addMeeting('published', new Date(Date.now() - 3 * 86_400_000))
    const listed = async (email: string, query = '') => {
      const out = await callLoader(routes.list.loader, `/netwerken/gos/vergaderingen${query}`, {
        cookie: await cookie(email),
        params: { network: 'gos' },
      })
      expect(out.status).toBe(200)
      return out.data as { meetings: { id: string }[]; canPrepare: boolean }
    }
    const secretary = await listed(SECRETARY)
    expect(secretary.canPrepare).toBe(true)
    expect(secretary.meetings.slice(0, 2).map((m) => m.id)).toEqual([published, draft])
    const member = await listed(SLUIS)
    expect(member.canPrepare).toBe(false)
    const memberIds = member.meetings.map((m) => m.id)
    expect(memberIds[0]).toBe(published)
    expect(memberIds).not.toContain(draft)
    expect(memberIds).not.toContain(seeded.draft)
    expect(memberIds).not.toContain(past)
    // Past meetings, latest first, are under "eerder": the one of three days ago, and the held one.
    const earlier = (await listed(SLUIS, '?wanneer=eerder')).meetings.map((m) => m.id)
    expect(earlier[0]).toBe(past)
    expect(earlier).toContain(seeded.held)
  })
})

// ---- editing ----

describe('editing a meeting', () => {
  async function editValues(id: string) {
    const out = await callLoader(routes.edit.loader, meetingPath(id, '/bewerken'), {
      cookie: await cookie(SECRETARY),
      params: { network: 'gos', meeting: id },
    })
    expect(out.status).toBe(200)
    return (out.data as { meeting: { version: number } }).meeting
  }

  async function publish(id: string) {
    const out = await postDetail(SECRETARY, id, { intent: 'publish', confirmed: 'yes' })
    expect(out.status, JSON.stringify(out.data)).toBe(302)
    received.length = 0
  }

  it('refuses a form loaded before someone else saved (409 conflict, nothing changed)', async () => {
    const id = await createMeeting({ title: `Botsing ${RUN}` })
    const { version } = await editValues(id)
    const first = await postEdit(
      SECRETARY,
      id,
      meetingFields({ title: `Botsing, eerste ${RUN}`, version: String(version) }),
    )
    expect(first.status, JSON.stringify(first.data)).toBe(302)
    const stale = await writesNothing(() =>
      postEdit(
        COORDINATOR,
        id,
        meetingFields({ title: `Botsing, tweede ${RUN}`, version: String(version) }),
      ),
    )
    expect(stale.status).toBe(409)
    expect(fieldErrors(stale.data)).toEqual({ '': ['meetingConflict'] })
    expect((await t.db.meeting.findUniqueOrThrow({ where: { id } })).title).toBe(
      `Botsing, eerste ${RUN}`,
    )
  })

  it('refuses a form without a version as a conflict too', async () => {
    const id = await createMeeting()
    const out = await writesNothing(() => postEdit(SECRETARY, id, meetingFields({ title: 'x' })))
    expect(out.status).toBe(409)
  })

  it('refuses bad input on the edit form as on the new one (nothing written)', async () => {
    const id = await createMeeting()
    const out = await writesNothing(() =>
      postEdit(
        SECRETARY,
        id,
        meetingFields({ startTime: '15:00', endTime: '14:00', version: '1' }),
      ),
    )
    expect(out.status).toBe(400)
    expect(fieldErrors(out.data)).toEqual({ endTime: ['endTimeBeforeStart'] })
    const host = await writesNothing(() =>
      postEdit(SECRETARY, id, meetingFields({ hostOrganisationId: org.terneuzen, version: '1' })),
    )
    expect(fieldErrors(host.data)).toEqual({ hostOrganisationId: ['hostNotInNetwork'] })
  })

  it('raises the SEQUENCE of a published meeting when its time changes, and mails the invitees', async () => {
    const id = await createMeeting({ title: `Verzet ${RUN}` })
    await publish(id)
    const before = await t.db.meeting.findUniqueOrThrow({ where: { id } })
    const out = await postEdit(
      SECRETARY,
      id,
      meetingFields({
        title: `Verzet ${RUN}`,
        startTime: '13:00',
        endTime: '15:00',
        version: String(before.version),
      }),
    )
    expect(out.status, JSON.stringify(out.data)).toBe(302)
    expect(out.location).toBe(meetingPath(id))
    const after = await t.db.meeting.findUniqueOrThrow({ where: { id } })
    expect(after.sequence).toBe(before.sequence + 1)
    expect(after.version).toBe(before.version + 1)
    expect(after.startsAt.toISOString()).toBe('2027-03-11T12:00:00.000Z')
    expect(after.status).toBe('published')
    // The update goes out with the calendar file.
    expect(received.length).toBeGreaterThan(0)
    expect(received.every((m) => m.raw.includes('text/calendar'))).toBe(true)
  })

  it('raises the SEQUENCE when the description changes (calendars show it), and mails unless asked not to', async () => {
    const id = await createMeeting({ title: `Beschrijving ${RUN}` })
    await publish(id)
    const before = await t.db.meeting.findUniqueOrThrow({ where: { id } })
    const out = await postEdit(
      SECRETARY,
      id,
      meetingFields({
        title: `Beschrijving ${RUN}`,
        description: 'Een andere toelichting.',
        version: String(before.version),
        quiet: 'on',
      }),
    )
    expect(out.status, JSON.stringify(out.data)).toBe(302)
    const after = await t.db.meeting.findUniqueOrThrow({ where: { id } })
    expect(after.description).toBe('Een andere toelichting.')
    expect(after.sequence).toBe(before.sequence + 1)
    expect(after.version).toBe(before.version + 1)
    // "Geen e-mail sturen" was ticked: the feed and the .ics change, nobody is mailed.
    expect(received).toEqual([])
    const again = await postEdit(
      SECRETARY,
      id,
      meetingFields({
        title: `Beschrijving ${RUN}`,
        description: 'Nog een toelichting.',
        version: String(after.version),
      }),
    )
    expect(again.status).toBe(302)
    expect(received.length).toBeGreaterThan(0)
  })

  it('keeps the SEQUENCE of a draft whose time changes: no calendar has it yet', async () => {
    const id = await createMeeting()
    const out = await postEdit(SECRETARY, id, meetingFields({ startTime: '09:00', version: '1' }))
    expect(out.status).toBe(302)
    expect((await t.db.meeting.findUniqueOrThrow({ where: { id } })).sequence).toBe(0)
    expect(received).toEqual([])
  })

  it('refuses to edit a cancelled meeting (alreadyClosed)', async () => {
    const id = await createMeeting()
    await t.db.meeting.update({ where: { id }, data: { status: 'cancelled', cancelReason: 'x' } })
    const out = await writesNothing(() =>
      postEdit(SECRETARY, id, meetingFields({ title: 'Toch nog', version: '1' })),
    )
    expect(out.status).toBe(400)
    expect(fieldErrors(out.data)).toEqual({ '': ['alreadyClosed'] })
  })
})

// ---- publishing, cancelling, held ----

describe('publishing a meeting', () => {
  it('asks for confirmation first, then publishes and mails every invited person once', async () => {
    const title = `Publicatie ${RUN}`
    const id = await createMeeting({ title })
    const asked = await writesNothing(() => postDetail(SECRETARY, id, { intent: 'publish' }))
    expect(asked.status).toBe(200)
    expect(asked.data).toEqual({ confirm: { intent: 'publish', id } })
    expect(received).toEqual([])

    const started = Date.now()
    const out = await postDetail(SECRETARY, id, { intent: 'publish', confirmed: 'yes' })
    expect(out.status, JSON.stringify(out.data)).toBe(302)
    expect(out.location).toBe(meetingPath(id))
    const meeting = await t.db.meeting.findUniqueOrThrow({ where: { id } })
    expect(meeting.status).toBe('published')
    expect(meeting.publishedAt).not.toBeNull()
    expect(meeting.publishedAt!.getTime()).toBeGreaterThanOrEqual(started - 1000)

    // Everyone active in the five invited organisations, once each, with the .ics attached.
    const invited = await t.db.user.findMany({
      where: {
        disabledAt: null,
        organisation: { meetingInvitations: { some: { meetingId: id } } },
      },
      select: { email: true },
    })
    const to = received.flatMap((m) => m.to)
    expect(to.sort()).toEqual(invited.map((u) => u.email).sort())
    expect(to).toContain(DAMME)
    expect(to).toContain(SLUIS)
    expect(to).not.toContain(DE_WOLDEN)
    expect(received.every((m) => m.to.length === 1)).toBe(true)
    expect(received.every((m) => /Content-Type: text\/calendar/i.test(m.raw))).toBe(true)

    // Now a plain member sees it.
    const page = await callLoader(routes.detail.loader, meetingPath(id), {
      cookie: await cookie(DAMME),
      params: { network: 'gos', meeting: id },
    })
    expect(page.status).toBe(200)
  })

  it('refuses to publish twice (notDraft) and sends nothing the second time', async () => {
    const id = await createMeeting()
    expect((await postDetail(SECRETARY, id, { intent: 'publish', confirmed: 'yes' })).status).toBe(
      302,
    )
    received.length = 0
    const again = await writesNothing(() =>
      postDetail(SECRETARY, id, { intent: 'publish', confirmed: 'yes' }),
    )
    expect(again.status).toBe(400)
    expect(again.data).toEqual({ failure: 'notDraft' })
    expect(received).toEqual([])
  })

  it('refuses to publish a cancelled meeting (notDraft)', async () => {
    const id = await createMeeting()
    expect(
      (await postDetail(SECRETARY, id, { intent: 'cancel', reason: 'Geen agenda' })).status,
    ).toBe(302)
    const out = await writesNothing(() =>
      postDetail(SECRETARY, id, { intent: 'publish', confirmed: 'yes' }),
    )
    expect(out.data).toEqual({ failure: 'notDraft' })
  })

  it('answers an unknown intent with a message, writing nothing', async () => {
    const out = await writesNothing(() =>
      postDetail(SECRETARY, seeded.published, { intent: 'wis' }),
    )
    expect(out.status).toBe(400)
    expect(out.data).toEqual({ failure: 'unknownAction' })
  })
})

describe('cancelling a meeting', () => {
  it('asks for a reason (required, nothing written)', async () => {
    const id = await createMeeting()
    for (const reason of ['', '   ']) {
      const out = await writesNothing(() => postDetail(SECRETARY, id, { intent: 'cancel', reason }))
      expect(out.status).toBe(400)
      expect(fieldErrors(out.data)).toEqual({ reason: ['required'] })
    }
    const missing = await writesNothing(() => postDetail(SECRETARY, id, { intent: 'cancel' }))
    expect(fieldErrors(missing.data)).toEqual({ reason: ['required'] })
  })

  it('cancels a published meeting with its reason, raises the SEQUENCE and tells the invitees', async () => {
    const id = await createMeeting({ title: `Afgelast ${RUN}` })
    expect((await postDetail(SECRETARY, id, { intent: 'publish', confirmed: 'yes' })).status).toBe(
      302,
    )
    received.length = 0
    const before = await t.db.meeting.findUniqueOrThrow({ where: { id } })
    const out = await postDetail(SECRETARY, id, {
      intent: 'cancel',
      reason: 'De gastgemeente is niet beschikbaar',
    })
    expect(out.status, JSON.stringify(out.data)).toBe(302)
    const after = await t.db.meeting.findUniqueOrThrow({ where: { id } })
    expect(after).toMatchObject({
      status: 'cancelled',
      cancelReason: 'De gastgemeente is niet beschikbaar',
      sequence: before.sequence + 1,
      version: before.version + 1,
    })
    expect(received.flatMap((m) => m.to)).toContain(DAMME)
    expect(received.every((m) => /Content-Type: text\/calendar/i.test(m.raw))).toBe(true)
  })

  it('cancels a draft without mailing anyone', async () => {
    const id = await createMeeting()
    const out = await postDetail(SECRETARY, id, { intent: 'cancel', reason: 'Dubbel gepland' })
    expect(out.status).toBe(302)
    const after = await t.db.meeting.findUniqueOrThrow({ where: { id } })
    expect(after).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Dubbel gepland',
      sequence: 1,
    })
    expect(received).toEqual([])
  })

  it('refuses to cancel twice, or to cancel a held meeting (alreadyClosed)', async () => {
    const id = await createMeeting()
    expect(
      (await postDetail(SECRETARY, id, { intent: 'cancel', reason: 'Eerste keer' })).status,
    ).toBe(302)
    const again = await writesNothing(() =>
      postDetail(SECRETARY, id, { intent: 'cancel', reason: 'Tweede keer' }),
    )
    expect(again.status).toBe(400)
    expect(fieldErrors(again.data)).toEqual({ '': ['alreadyClosed'] })
    const held = await writesNothing(() =>
      postDetail(SECRETARY, seeded.held, { intent: 'cancel', reason: 'Achteraf' }),
    )
    expect(fieldErrors(held.data)).toEqual({ '': ['alreadyClosed'] })
  })
})

describe('marking a meeting as held', () => {
  it('refuses before the meeting has started (notStarted, nothing written)', async () => {
    const id = await addMeeting('published', new Date(Date.now() + HOUR))
    const out = await writesNothing(() =>
      postDetail(SECRETARY, id, { intent: 'held', confirmed: 'yes' }),
    )
    expect(out.status).toBe(400)
    expect(out.data).toEqual({ failure: 'notStarted' })
  })

  it('marks a published meeting that has begun as held', async () => {
    const id = await addMeeting('published', new Date(Date.now() - HOUR))
    const out = await postDetail(SECRETARY, id, { intent: 'held', confirmed: 'yes' })
    expect(out.status, JSON.stringify(out.data)).toBe(302)
    expect((await t.db.meeting.findUniqueOrThrow({ where: { id } })).status).toBe('held')
    // Only once.
    const again = await writesNothing(() =>
      postDetail(SECRETARY, id, { intent: 'held', confirmed: 'yes' }),
    )
    expect(again.data).toEqual({ failure: 'notPublished' })
  })

  // A draft that has begun is registered after the fact (meetings-lifecycle.test.ts); a cancelled one is not.
  it('refuses a cancelled meeting that has begun (notPublished)', async () => {
    const id = await addMeeting('cancelled', new Date(Date.now() - HOUR))
    const out = await writesNothing(() =>
      postDetail(SECRETARY, id, { intent: 'held', confirmed: 'yes' }),
    )
    expect(out.data).toEqual({ failure: 'notPublished' })
  })
})
