import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { callAction, callLoader, sessionCookies, userFor } from '../setup/route-calls'
import { networkIds, organisationIds, seededMeetingIds, userIds } from '../setup/seeded-ids'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'
import { smtpListener } from '../setup/smtp-listener'

// The meeting's life after it is made (issue 4): publishing only while it can still be attended,
// confirming "held", keeping agenda items that carry minutes, documents for the meeting as a whole,
// where the page returns after a move, an item that disappears under a preparer's hands, withdrawing and
// adding invitations (who gets mail), the audit of a reply, a copied agenda without a presenter that
// has left, and the network filter of the header search. Called as Remix calls the routes, against the
// seeded database and a real SMTP listener. A refusal answers with a message key and writes nothing.
//
// GOS = Sluis, Maldegem, Knokke-Heist, Damme, Sint-Laureins. The secretary works for Sluis, which is
// also in P10. "Verkeerstellingen grensovergangen (Belgische partners)" is a GOS document for the four
// Belgian partners only: the secretary (Sluis) may not see it. Meetings made here carry a per-run suffix.

const SECRETARY = 'secretaris.gos@example.org'
const SLUIS = 'lid.sluis@example.org'
const DAMME = 'lid.damme@example.org'
const KNOKKE = 'lid.knokke-heist@example.org'
const MALDEGEM = 'lid.maldegem@example.org'

const BELGIAN_DOC = 'Verkeerstellingen grensovergangen (Belgische partners)'
const RUN = Date.now().toString(36)
const HOUR = 3_600_000
const DAY = 24 * HOUR

const smtp = smtpListener()
const { received } = smtp

let t: TestDatabase
let routes: {
  create: typeof import('../../app/routes/meetings/new')
  detail: typeof import('../../app/routes/meetings/detail')
  agenda: typeof import('../../app/routes/meetings/agenda')
  attendance: typeof import('../../app/routes/meetings/attendance')
  search: typeof import('../../app/routes/search')
}
let agendaModule: typeof import('../../app/modules/meetings/agenda.server')
let access: typeof import('../../app/modules/access/meetings.server')
let meetingSearch: typeof import('../../app/modules/meetings/search.server')
const cookie = sessionCookies()
const net = { gos: '', p10: '' }
const org = { sluis: '', knokke: '', damme: '', maldegem: '', sintLaureins: '', deWolden: '' }
const person = { damme: '', maldegem: '' }
const seeded = { held: '', published: '' }
const doc = { workplan: '', shuttle: '', belgian: '' }

beforeAll(async () => {
  await smtp.start()
  t = await createTestDatabase()
  await seed(t.db)
  routes = {
    create: await import('../../app/routes/meetings/new'),
    detail: await import('../../app/routes/meetings/detail'),
    agenda: await import('../../app/routes/meetings/agenda'),
    attendance: await import('../../app/routes/meetings/attendance'),
    search: await import('../../app/routes/search'),
  }
  agendaModule = await import('../../app/modules/meetings/agenda.server')
  access = await import('../../app/modules/access/meetings.server')
  meetingSearch = await import('../../app/modules/meetings/search.server')
  Object.assign(net, await networkIds(t.db, { gos: 'gos', p10: 'p10' }))
  Object.assign(
    org,
    await organisationIds(t.db, {
      sluis: 'sluis',
      knokke: 'knokke-heist',
      damme: 'damme',
      maldegem: 'maldegem',
      sintLaureins: 'sint-laureins',
      deWolden: 'de-wolden',
    }),
  )
  Object.assign(person, await userIds(t.db, { damme: DAMME, maldegem: MALDEGEM }))
  const { held, published } = await seededMeetingIds(t.db)
  Object.assign(seeded, { held, published })
  const document = async (title: string) =>
    (await t.db.document.findFirstOrThrow({ where: { title } })).id
  doc.workplan = await document('Werkplan GOS 2027')
  doc.shuttle = await document('Intentieovereenkomst automatische shuttle')
  doc.belgian = await document(BELGIAN_DOC)
})

afterAll(async () => {
  await t.cleanup()
  await smtp.stop()
})

afterEach(() => smtp.clear())

// ---- helpers ----

type Fields = Record<string, string | string[]>

const ALL_GOS = () => [org.sluis, org.maldegem, org.knokke, org.damme, org.sintLaureins]
const meetingPath = (id: string, rest = '') => `/netwerken/gos/vergaderingen/${id}${rest}`

/** A GOS meeting written straight to the database, with the invitations the form would make. */
async function addMeeting(
  status: string,
  startsAt: Date,
  options: { invited?: string[]; network?: string; title?: string } = {},
) {
  const network = options.network ?? net.gos
  const invited = options.invited ?? (network === net.gos ? ALL_GOS() : [])
  const created = await t.db.meeting.create({
    data: {
      networkId: network,
      title: `${options.title ?? `Levensloop ${status}`} ${RUN}`,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * HOUR),
      hostOrganisationId: network === net.gos ? org.knokke : org.deWolden,
      location: 'Gemeentehuis',
      status,
      invitations: { create: invited.map((organisationId) => ({ organisationId })) },
    },
    select: { id: true },
  })
  return created.id
}

/** A new draft through the form, with all five standing items. */
async function newDraft(fields: Fields = {}): Promise<string> {
  const out = await callAction(
    routes.create.action,
    '/netwerken/gos/vergaderingen/nieuw',
    {
      title: `Levensloopoverleg ${RUN}`,
      day: '2027-05-20',
      startTime: '14:00',
      endTime: '16:00',
      location: 'Gemeentehuis Damme',
      hostOrganisationId: org.damme,
      standing: ['opening', 'previous_minutes', 'action_list', 'any_other_business', 'closing'],
      ...fields,
    },
    { cookie: await cookie(SECRETARY), params: { network: 'gos' } },
  )
  expect(out.status, JSON.stringify(out.data)).toBe(302)
  return /vergaderingen\/([a-z0-9]+)\/agenda$/.exec(out.location ?? '')![1]!
}

async function postDetail(id: string, fields: Fields, email = SECRETARY) {
  return callAction(routes.detail.action, meetingPath(id), fields, {
    cookie: await cookie(email),
    params: { network: 'gos', meeting: id },
  })
}

async function postAgenda(id: string, fields: Fields, email = SECRETARY) {
  return callAction(routes.agenda.action, meetingPath(id, '/agenda'), fields, {
    cookie: await cookie(email),
    params: { network: 'gos', meeting: id },
  })
}

async function postAttendance(id: string, fields: Fields, email = SECRETARY) {
  return callAction(routes.attendance.action, meetingPath(id, '/deelnemers'), fields, {
    cookie: await cookie(email),
    params: { network: 'gos', meeting: id },
  })
}

async function loadAgenda(id: string, query = '') {
  const out = await callLoader(routes.agenda.loader, meetingPath(id, `/agenda${query}`), {
    cookie: await cookie(SECRETARY),
    params: { network: 'gos', meeting: id },
  })
  expect(out.status).toBe(200)
  return out.data as {
    agenda: { id: string; title: string }[]
    meetingDocuments: { id: string; linkId: string; title: string }[]
    attachable: { id: string }[]
    moved: { id: string; direction: string } | null
  }
}

async function loadMeeting(id: string, email: string) {
  const out = await callLoader(routes.detail.loader, meetingPath(id), {
    cookie: await cookie(email),
    params: { network: 'gos', meeting: id },
  })
  expect(out.status, email).toBe(200)
  return out.data as { meetingDocuments: { id: string; title: string }[] }
}

/** Adds an item (or sub-item) through the agenda form; its id. */
async function addItem(meetingId: string, title: string, fields: Fields = {}) {
  const out = await postAgenda(meetingId, {
    intent: 'addItem',
    title,
    description: '',
    kind: 'discussion',
    presenterOrganisationId: '',
    durationMinutes: '15',
    ...fields,
  })
  expect(out.status, JSON.stringify(out.data)).toBe(302)
  return (await t.db.agendaItem.findFirstOrThrow({ where: { meetingId, title } })).id
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

async function writesNothing<T>(act: () => Promise<T>): Promise<T> {
  const before = await meetingTables()
  const out = await act()
  expect(await meetingTables()).toEqual(before)
  return out
}

/** The active people of these organisations: who an invitation to them reaches. */
async function peopleOf(...organisationIds: string[]) {
  const users = await t.db.user.findMany({
    where: { organisationId: { in: organisationIds }, disabledAt: null },
    select: { email: true },
  })
  return users.map((u) => u.email).sort()
}

const recipients = () => received.flatMap((m) => m.to).sort()

// ---- 1. publishing ----

describe('publishing a draft', () => {
  it('refuses a draft whose end has passed (meetingOver): it stays a draft and nobody is mailed', async () => {
    const id = await addMeeting('draft', new Date(Date.now() - 3 * HOUR))
    const out = await writesNothing(() => postDetail(id, { intent: 'publish', confirmed: 'yes' }))
    expect(out.status).toBe(400)
    expect(out.data).toEqual({ failure: 'meetingOver' })
    expect((await t.db.meeting.findUniqueOrThrow({ where: { id } })).status).toBe('draft')
    expect(received).toEqual([])
  })

  it('publishes a draft that began an hour ago and ends in an hour, raising SEQUENCE from 0 to 1', async () => {
    const id = await addMeeting('draft', new Date(Date.now() - HOUR))
    expect((await t.db.meeting.findUniqueOrThrow({ where: { id } })).sequence).toBe(0)
    const out = await postDetail(id, { intent: 'publish', confirmed: 'yes' })
    expect(out.status, JSON.stringify(out.data)).toBe(302)
    expect(out.location).toBe(meetingPath(id))
    const meeting = await t.db.meeting.findUniqueOrThrow({ where: { id } })
    expect(meeting).toMatchObject({ status: 'published', sequence: 1 })
    expect(recipients()).toEqual(await peopleOf(...ALL_GOS()))
  })
})

// ---- 2. held ----

describe('marking a meeting as held', () => {
  it('asks for confirmation first, changing nothing; confirmed, a started published meeting is held', async () => {
    const id = await addMeeting('published', new Date(Date.now() - HOUR))
    const asked = await writesNothing(() => postDetail(id, { intent: 'held' }))
    expect(asked.status).toBe(200)
    expect(asked.data).toEqual({ confirm: { intent: 'held', id } })
    expect((await t.db.meeting.findUniqueOrThrow({ where: { id } })).status).toBe('published')

    const out = await postDetail(id, { intent: 'held', confirmed: 'yes' })
    expect(out.status, JSON.stringify(out.data)).toBe(302)
    expect((await t.db.meeting.findUniqueOrThrow({ where: { id } })).status).toBe('held')
  })
})

describe('registering a meeting after the fact', () => {
  it('records a past draft as held without publishing it: nobody is mailed, its minutes can follow', async () => {
    const id = await newDraft({ day: '2026-03-12', startTime: '14:00', endTime: '16:00' })
    const asked = await writesNothing(() => postDetail(id, { intent: 'held' }))
    expect(asked.data).toEqual({ confirm: { intent: 'held', id } })

    const out = await postDetail(id, { intent: 'held', confirmed: 'yes' })
    expect(out.status, JSON.stringify(out.data)).toBe(302)
    const meeting = await t.db.meeting.findUniqueOrThrow({ where: { id } })
    expect(meeting).toMatchObject({ status: 'held', publishedAt: null })
    expect(received).toEqual([])
    const audit = await t.db.auditEvent.findFirstOrThrow({
      where: { action: 'meeting.held', objectId: id },
    })
    expect(JSON.parse(audit.details ?? '{}')).toEqual({ afterTheFact: true })
    // Every invited partner now sees it, as any held meeting.
    const asDamme = await callLoader(routes.detail.loader, meetingPath(id), {
      cookie: await cookie(DAMME),
      params: { network: 'gos', meeting: id },
    })
    expect(asDamme.status).toBe(200)
  })

  it('refuses to record a draft that has not begun as held (notStarted), changing nothing', async () => {
    const id = await addMeeting('draft', new Date(Date.now() + HOUR))
    const out = await writesNothing(() => postDetail(id, { intent: 'held', confirmed: 'yes' }))
    expect(out.status).toBe(400)
    expect(out.data).toEqual({ failure: 'notStarted' })
  })

  it('offers the secretary "held" instead of publishing on a draft that is over', async () => {
    const id = await addMeeting('draft', new Date(Date.now() - 3 * HOUR))
    const page = await callLoader(routes.detail.loader, meetingPath(id), {
      cookie: await cookie(SECRETARY),
      params: { network: 'gos', meeting: id },
    })
    expect(page.data).toMatchObject({ started: true, over: true })
  })
})

// ---- 3. items with minutes ----

describe('removing an agenda item that carries minutes', () => {
  type Setup = (meetingId: string, item: string, sub: string) => Promise<unknown>
  const decision = (id: string, data: { decisionText?: string; decisionOutcome?: string }) =>
    t.db.agendaItem.update({ where: { id }, data })
  const actionOn = (meetingId: string, agendaItemId: string) =>
    t.db.actionItem.create({
      data: {
        networkId: net.gos,
        meetingId,
        agendaItemId,
        description: 'Offerte opvragen',
        organisationId: org.damme,
      },
    })
  const cases: [string, Setup][] = [
    ['a decision text', (_, item) => decision(item, { decisionText: 'Vastgesteld.' })],
    ['a decision outcome', (_, item) => decision(item, { decisionOutcome: 'postponed' })],
    ['an action item', (meetingId, item) => actionOn(meetingId, item)],
    ['a sub-item with a decision', (_, __, sub) => decision(sub, { decisionText: 'Akkoord.' })],
    ['a sub-item with an action item', (meetingId, _, sub) => actionOn(meetingId, sub)],
  ]

  it.each(cases)(
    'refuses an item with %s (itemHasMinutes), even confirmed, removing nothing',
    async (_, setup) => {
      const id = await newDraft()
      const item = await addItem(id, `Met verslag ${Math.random().toString(36).slice(2)}`)
      const sub = await addItem(id, `Subpunt ${Math.random().toString(36).slice(2)}`, {
        parentId: item,
      })
      await setup(id, item, sub)
      const out = await writesNothing(() =>
        postAgenda(id, { intent: 'remove', id: item, confirmed: 'yes' }),
      )
      expect(out.status).toBe(400)
      expect(out.data).toEqual({ failure: 'itemHasMinutes' })
      expect(await t.db.agendaItem.count({ where: { id: { in: [item, sub] } } })).toBe(2)
    },
  )
})

// ---- 4. documents for the meeting as a whole ----

describe('documents for the meeting as a whole', () => {
  it('attaches a document to the meeting, lists it, stops offering it, and detaches it again', async () => {
    const id = await newDraft()
    const before = await loadAgenda(id)
    expect(before.meetingDocuments).toEqual([])
    expect(before.attachable.map((d) => d.id)).toContain(doc.workplan)

    const out = await postAgenda(id, { intent: 'attach', id: doc.workplan })
    expect(out.status, JSON.stringify(out.data)).toBe(302)
    expect(out.location).toBe(meetingPath(id, '/agenda'))
    const links = await t.db.meetingDocument.findMany({ where: { meetingId: id } })
    expect(links).toEqual([
      expect.objectContaining({ agendaItemId: null, documentId: doc.workplan }),
    ])

    const page = await loadAgenda(id)
    expect(page.meetingDocuments).toEqual([
      expect.objectContaining({
        id: doc.workplan,
        linkId: links[0]!.id,
        title: 'Werkplan GOS 2027',
      }),
    ])
    const offered = page.attachable.map((d) => d.id)
    expect(offered).not.toContain(doc.workplan)
    expect(offered).toContain(doc.shuttle)
    expect(offered).not.toContain(doc.belgian)

    const again = await writesNothing(() => postAgenda(id, { intent: 'attach', id: doc.workplan }))
    expect(again.status).toBe(400)
    expect(again.data).toEqual({ failure: 'alreadyAttached' })

    const detached = await postAgenda(id, { intent: 'detach', id: links[0]!.id })
    expect(detached.status, JSON.stringify(detached.data)).toBe(302)
    expect(await t.db.meetingDocument.count({ where: { meetingId: id } })).toBe(0)
    expect(await t.db.document.count({ where: { id: doc.workplan, deletedAt: null } })).toBe(1)
    expect((await loadAgenda(id)).attachable.map((d) => d.id)).toContain(doc.workplan)
  })

  it('refuses a document the secretary may not see (documentNotFound, nothing written)', async () => {
    const id = await newDraft()
    for (const documentId of [doc.belgian, 'bestaatniet']) {
      const out = await writesNothing(() => postAgenda(id, { intent: 'attach', id: documentId }))
      expect(out.status, documentId).toBe(400)
      expect(out.data).toEqual({ failure: 'documentNotFound' })
    }
  })

  it('refuses to detach a link of another meeting (documentNotFound, nothing written)', async () => {
    const id = await newDraft()
    const foreign = await t.db.meetingDocument.findFirstOrThrow({
      where: { meetingId: seeded.published },
    })
    const out = await writesNothing(() => postAgenda(id, { intent: 'detach', id: foreign.id }))
    expect(out.status).toBe(400)
    expect(out.data).toEqual({ failure: 'documentNotFound' })
  })

  it('detaches from the agenda page only documents of the meeting itself, not of an item', async () => {
    const id = await newDraft()
    const [item] = await t.db.agendaItem.findMany({ where: { meetingId: id }, take: 1 })
    const link = await t.db.meetingDocument.create({
      data: { meetingId: id, agendaItemId: item!.id, documentId: doc.workplan },
    })
    const out = await writesNothing(() => postAgenda(id, { intent: 'detach', id: link.id }))
    expect(out.status).toBe(400)
    expect(out.data).toEqual({ failure: 'documentNotFound' })
  })

  it('shows each reader on the meeting page only the meeting documents of their audience', async () => {
    const id = await addMeeting('published', new Date(Date.now() + 5 * DAY))
    // The Belgian document is attached as its Belgian preparers could; the secretary could not.
    await t.db.meetingDocument.createMany({
      data: [
        { meetingId: id, agendaItemId: null, documentId: doc.workplan },
        { meetingId: id, agendaItemId: null, documentId: doc.belgian },
      ],
    })
    const titles = async (email: string) =>
      (await loadMeeting(id, email)).meetingDocuments.map((d) => d.title).sort()
    for (const email of [SECRETARY, SLUIS]) {
      expect(await titles(email), email).toEqual(['Werkplan GOS 2027'])
    }
    for (const email of [DAMME, KNOKKE]) {
      expect(await titles(email), email).toEqual([BELGIAN_DOC, 'Werkplan GOS 2027'].sort())
    }
    expect(JSON.stringify(await loadMeeting(id, SLUIS))).not.toContain(doc.belgian)
  })
})

// ---- 5. moving ----

describe('moving an agenda item', () => {
  it('redirects with the item and its direction, and the agenda page hands them back', async () => {
    const id = await newDraft()
    const rows = (await loadAgenda(id)).agenda
    const here = meetingPath(id, '/agenda')

    const up = await postAgenda(id, { intent: 'move', id: rows[1]!.id, direction: 'up' })
    expect(up.status, JSON.stringify(up.data)).toBe(302)
    expect(up.location).toBe(`${here}?verplaatst=${rows[1]!.id}&richting=omhoog`)
    const afterUp = await loadAgenda(id, `?verplaatst=${rows[1]!.id}&richting=omhoog`)
    expect(afterUp.moved).toEqual({ id: rows[1]!.id, direction: 'up' })
    expect(afterUp.agenda[0]!.id).toBe(rows[1]!.id)

    const down = await postAgenda(id, { intent: 'move', id: rows[1]!.id, direction: 'down' })
    expect(down.location).toBe(`${here}?verplaatst=${rows[1]!.id}&richting=omlaag`)
    const afterDown = await loadAgenda(id, `?verplaatst=${rows[1]!.id}&richting=omlaag`)
    expect(afterDown.moved).toEqual({ id: rows[1]!.id, direction: 'down' })
  })

  it('hands back no move for an unknown item, an item of another meeting, or none at all', async () => {
    const id = await newDraft()
    const foreign = await t.db.agendaItem.findFirstOrThrow({
      where: { meetingId: seeded.published },
    })
    for (const query of [
      '?verplaatst=bestaatniet&richting=omhoog',
      `?verplaatst=${foreign.id}&richting=omlaag`,
      '',
    ]) {
      expect((await loadAgenda(id, query)).moved, query).toBeNull()
    }
  })

  it('answers itemNotFound (not an error) for an item removed after the access check, writing nothing', async () => {
    const id = await newDraft()
    const user = await userFor(await cookie(SECRETARY))
    const meeting = await access.requireMeetingPreparer(user, 'gos', id)
    const itemId = await addItem(id, 'Verdwijnt zo meteen')
    await access.requireAgendaItem(user, meeting, itemId)
    // A colleague removes it in the meantime.
    await t.db.agendaItem.delete({ where: { id: itemId } })

    for (const direction of ['up', 'down'] as const) {
      const moved = await writesNothing(() =>
        agendaModule.moveAgendaItem(user, meeting, itemId, direction),
      )
      expect(moved).toEqual({ problem: 'itemNotFound' })
    }
    const updated = await writesNothing(() =>
      agendaModule.updateAgendaItem(user, meeting, itemId, {
        intent: 'saveItem',
        title: 'Toch gewijzigd',
        description: '',
        kind: 'discussion',
        presenterOrganisationId: '',
        durationMinutes: 10,
      }),
    )
    expect(updated).toEqual({ problem: 'itemNotFound' })
    const removed = await writesNothing(() => agendaModule.removeAgendaItem(user, meeting, itemId))
    expect(removed).toEqual({ problem: 'itemNotFound' })
  })
})

// ---- 6. invitations ----

describe('personal invitations and invitations after publishing', () => {
  it('withdraws a personal invitation: the row goes when the person never replied', async () => {
    const id = await addMeeting('draft', new Date(Date.now() + 10 * DAY), {
      invited: [org.sluis, org.damme],
    })
    expect(
      (await postAttendance(id, { intent: 'invitePerson', userId: person.maldegem })).status,
    ).toBe(302)
    expect(await t.db.meetingAttendance.count({ where: { meetingId: id } })).toBe(1)
    const out = await postAttendance(id, { intent: 'uninvitePerson', userId: person.maldegem })
    expect(out.status, JSON.stringify(out.data)).toBe(302)
    expect(out.location).toBe(meetingPath(id, '/deelnemers'))
    expect(await t.db.meetingAttendance.count({ where: { meetingId: id } })).toBe(0)
    expect(received).toEqual([])
  })

  it('withdraws a personal invitation but keeps the reply the person gave', async () => {
    const id = await addMeeting('published', new Date(Date.now() + 11 * DAY), {
      invited: [org.sluis],
    })
    expect(
      (await postAttendance(id, { intent: 'invitePerson', userId: person.damme })).status,
    ).toBe(302)
    expect((await postDetail(id, { intent: 'respond', response: 'yes' }, DAMME)).status).toBe(302)
    const out = await postAttendance(id, { intent: 'uninvitePerson', userId: person.damme })
    expect(out.status, JSON.stringify(out.data)).toBe(302)
    const row = await t.db.meetingAttendance.findUniqueOrThrow({
      where: { meetingId_userId: { meetingId: id, userId: person.damme } },
    })
    expect(row).toMatchObject({ invited: false, response: 'yes' })
  })

  it('refuses to withdraw an invitation that was never given (personNotInvited, nothing written)', async () => {
    const id = await addMeeting('published', new Date(Date.now() + 9 * DAY))
    const out = await writesNothing(() =>
      postAttendance(id, { intent: 'uninvitePerson', userId: person.maldegem }),
    )
    expect(out.status).toBe(400)
    expect(out.data).toEqual({ failure: 'personNotInvited' })
  })

  it('refuses to withdraw an invitation of a held meeting (invitationsClosed, nothing written)', async () => {
    const out = await writesNothing(() =>
      postAttendance(seeded.held, { intent: 'uninvitePerson', userId: person.maldegem }),
    )
    expect(out.status).toBe(400)
    expect(out.data).toEqual({ failure: 'invitationsClosed' })
  })

  it('mails only the people of an organisation added to a published meeting', async () => {
    const id = await addMeeting('published', new Date(Date.now() + 12 * DAY))
    const withoutSintLaureins = ALL_GOS().filter((o) => o !== org.sintLaureins)
    const removed = await postAttendance(id, {
      intent: 'saveInvitations',
      organisationIds: withoutSintLaureins,
    })
    expect(removed.status, JSON.stringify(removed.data)).toBe(302)
    expect(received).toEqual([])

    const added = await postAttendance(id, {
      intent: 'saveInvitations',
      organisationIds: ALL_GOS(),
    })
    expect(added.status, JSON.stringify(added.data)).toBe(302)
    const expected = await peopleOf(org.sintLaureins)
    expect(expected.length).toBeGreaterThan(0)
    expect(recipients()).toEqual(expected)
    expect(received.every((m) => m.to.length === 1)).toBe(true)
    expect(received.every((m) => /Content-Type: text\/calendar/i.test(m.raw))).toBe(true)

    // Saving the same organisations again mails nobody.
    received.length = 0
    await postAttendance(id, { intent: 'saveInvitations', organisationIds: ALL_GOS() })
    expect(received).toEqual([])
  })

  it('mails just the person invited by name to a published meeting', async () => {
    const id = await addMeeting('published', new Date(Date.now() + 13 * DAY), {
      invited: [org.sluis, org.damme],
    })
    const out = await postAttendance(id, { intent: 'invitePerson', userId: person.maldegem })
    expect(out.status, JSON.stringify(out.data)).toBe(302)
    expect(recipients()).toEqual([MALDEGEM])
    expect(received[0]!.raw).toMatch(/Content-Type: text\/calendar/i)
    // A person whose organisation is invited already had the mail.
    received.length = 0
    expect(
      (await postAttendance(id, { intent: 'invitePerson', userId: person.damme })).status,
    ).toBe(302)
    expect(received).toEqual([])
  })

  it('mails nobody for invitations added to a draft', async () => {
    const id = await addMeeting('draft', new Date(Date.now() + 14 * DAY), {
      invited: [org.sluis],
    })
    const added = await postAttendance(id, {
      intent: 'saveInvitations',
      organisationIds: [org.sluis, org.sintLaureins],
    })
    expect(added.status).toBe(302)
    const byName = await postAttendance(id, { intent: 'invitePerson', userId: person.maldegem })
    expect(byName.status).toBe(302)
    expect(received).toEqual([])
  })
})

// ---- 7. the audit of a reply ----

describe('replying', () => {
  it('writes an audit row meeting.replied', async () => {
    const id = await addMeeting('published', new Date(Date.now() + 15 * DAY))
    const out = await postDetail(id, { intent: 'respond', response: 'maybe' }, DAMME)
    expect(out.status, JSON.stringify(out.data)).toBe(302)
    const events = await t.db.auditEvent.findMany({
      where: { action: 'meeting.replied', objectId: id },
    })
    expect(events).toEqual([
      expect.objectContaining({
        result: 'success',
        actorUserId: person.damme,
        actorOrganisationId: org.damme,
        objectType: 'Meeting',
      }),
    ])
    expect(JSON.parse(events[0]!.details ?? '{}')).toEqual({ response: 'maybe' })
  })
})

// ---- 8. copying an agenda ----

describe('copying an agenda', () => {
  it('leaves out a presenter organisation that has left the network since', async () => {
    const source = await addMeeting('held', new Date(Date.now() - 20 * DAY), {
      title: 'Bronoverleg',
    })
    const top = await t.db.agendaItem.create({
      data: {
        meetingId: source,
        position: 0,
        title: 'Door Maldegem',
        kind: 'discussion',
        presenterOrganisationId: org.maldegem,
      },
    })
    await t.db.agendaItem.createMany({
      data: [
        {
          meetingId: source,
          position: 1,
          title: 'Door Damme',
          kind: 'decision',
          presenterOrganisationId: org.damme,
        },
        {
          meetingId: source,
          parentId: top.id,
          position: 0,
          title: 'Ook door Maldegem',
          kind: 'information',
          presenterOrganisationId: org.maldegem,
        },
      ],
    })
    const membership = { networkId: net.gos, organisationId: org.maldegem }
    await t.db.networkMembership.update({
      where: { networkId_organisationId: membership },
      data: { activeTo: new Date(Date.now() - DAY) },
    })
    try {
      const copy = await newDraft({ title: `Kopie ${RUN}`, copyFrom: source })
      const items = await t.db.agendaItem.findMany({ where: { meetingId: copy } })
      const presenter = Object.fromEntries(items.map((i) => [i.title, i.presenterOrganisationId]))
      expect(presenter).toEqual({
        'Door Maldegem': null,
        'Door Damme': org.damme,
        'Ook door Maldegem': null,
      })
      const sub = items.find((i) => i.title === 'Ook door Maldegem')!
      expect(sub.parentId).toBe(items.find((i) => i.title === 'Door Maldegem')!.id)
      // The source keeps its own record.
      expect(
        (await t.db.agendaItem.findUniqueOrThrow({ where: { id: top.id } }))
          .presenterOrganisationId,
      ).toBe(org.maldegem)
    } finally {
      await t.db.networkMembership.update({
        where: { networkId_organisationId: membership },
        data: { activeTo: null },
      })
    }
  })
})

// ---- 10. the header search per network ----

describe('the header search with a network filter', () => {
  it('finds only meetings of the chosen network', async () => {
    // Sluis is in both networks, so its secretary sees meetings of both.
    const p10 = await addMeeting('published', new Date(Date.now() + 16 * DAY), {
      network: net.p10,
      title: 'Zoekoverleg platteland',
    })
    const gos = await addMeeting('published', new Date(Date.now() + 17 * DAY), {
      title: 'Zoekoverleg grens',
    })
    const q = encodeURIComponent(`zoekoverleg ${RUN}`)
    const search = async (query: string) => {
      const out = await callLoader(routes.search.loader, `/zoeken?q=${q}${query}`, {
        cookie: await cookie(SECRETARY),
      })
      expect(out.status).toBe(200)
      return (out.data as { meetings: { id: string }[] }).meetings.map((m) => m.id).sort()
    }
    expect(await search('')).toEqual([p10, gos].sort())
    expect(await search('&netwerk=p10')).toEqual([p10])
    expect(await search('&netwerk=gos')).toEqual([gos])
    // No GOS meeting at all under P10, whatever the words.
    const overleg = await callLoader(routes.search.loader, '/zoeken?q=overleg&netwerk=p10', {
      cookie: await cookie(SECRETARY),
    })
    const slugs = (overleg.data as { meetings: { network: { slug: string } }[] }).meetings.map(
      (m) => m.network.slug,
    )
    expect(slugs).not.toContain('gos')

    const user = await userFor(await cookie(SECRETARY))
    const inNetwork = async (networkId?: string) =>
      (await meetingSearch.searchMeetings(user, `zoekoverleg ${RUN}`, networkId))
        .map((m) => m.id)
        .sort()
    expect(await inNetwork(net.p10)).toEqual([p10])
    expect(await inNetwork(net.gos)).toEqual([gos])
    expect(await inNetwork()).toEqual([p10, gos].sort())
  })
})
