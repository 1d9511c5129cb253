import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { callAction, callLoader, fieldErrors, sessionCookies, userFor } from '../setup/route-calls'
import { networkIds, organisationIds, userIds } from '../setup/seeded-ids'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// Decisions, action items and minutes (issue 4, items 5 and 6) against the seeded database. Meetings and
// agenda items are written here directly; decisions, action items and minutes go through the module's
// form handling and the routes /netwerken/:network/acties and …/vergaderingen/:meeting/verslag, as Remix
// calls them. Bad input answers with a message and writes nothing; what is out of reach answers 404.
//
// GOS: Sluis with Maldegem, Knokke-Heist, Damme, Sint-Laureins. The secretary works for Sluis. Terneuzen
// is not in GOS; De Wolden is in P10 only. The meetings lie in 2090, after anything the seed may hold,
// so "previous" and "next" meeting are the ones made here; a second series lies in 2020, before anything
// the seed holds, for meetings that have really begun.

const SECRETARY = 'secretaris.gos@example.org' // Sluis, GOS secretary
const MALDEGEM = 'lid.maldegem@example.org' // no role
const KNOKKE = 'lid.knokke-heist@example.org' // no role
const SLUIS = 'lid.sluis@example.org' // no role
const DE_WOLDEN = 'lid.dewolden@example.org' // P10 only

const RUN = Date.now().toString(36)
const HOUR = 3_600_000

let t: TestDatabase
let routes: {
  actions: typeof import('../../app/routes/minutes/actions')
  minutes: typeof import('../../app/routes/minutes/minutes')
}
let item: typeof import('../../app/modules/minutes/item.server')
let intents: typeof import('../../app/routes/minutes/item-intents.server')
let actionList: typeof import('../../app/modules/minutes/actions.server')
let meetingAccess: typeof import('../../app/modules/access/meetings.server')
const cookie = sessionCookies()
const org = { sluis: '', maldegem: '', knokke: '', damme: '', terneuzen: '' }
const person = { maldegem: '', knokke: '', maldegemDisabled: '' }
let gos = ''
let zvl = ''
/** Held, 1 March 2090 (items A, B with sub-item B1). */
let m1 = ''
/** Cancelled, between m1 and m2: never the meeting where minutes are approved. */
let cancelled = ''
/** Published, 1 April 2090. */
let m2 = ''
/** Draft, 1 May 2090. */
let m3 = ''
/** Held, 2 March 2020, with minutes: its next meeting (p2) has begun. */
let p1 = ''
/** Published, 1 April 2020: begun, not yet marked as held. A cancelled and a draft meeting lie between. */
let p2 = ''
const items = { a: '', b: '', b1: '', m2: '', m3: '', p1: '', p2: '' }

async function meeting(title: string, status: string, startsAt: string, network = gos) {
  const start = new Date(startsAt)
  const created = await t.db.meeting.create({
    data: {
      networkId: network,
      title: `${title} ${RUN}`,
      startsAt: start,
      endsAt: new Date(start.getTime() + 2 * HOUR),
      hostOrganisationId: network === gos ? org.knokke : org.terneuzen,
      status,
    },
    select: { id: true },
  })
  return created.id
}

async function agendaItem(meetingId: string, title: string, position: number, parentId?: string) {
  const created = await t.db.agendaItem.create({
    data: { meetingId, title, position, parentId: parentId ?? null, kind: 'decision' },
    select: { id: true },
  })
  return created.id
}

/** An action item written directly, for the lists; `closedAt` as given. */
async function action(
  meetingId: string,
  description: string,
  organisationId: string,
  extra: { status?: string; closedAt?: string; dueDate?: string; networkId?: string } = {},
) {
  const created = await t.db.actionItem.create({
    data: {
      networkId: extra.networkId ?? gos,
      meetingId,
      description: `${description} ${RUN}`,
      organisationId,
      status: extra.status ?? 'open',
      closedAt: extra.closedAt ? new Date(extra.closedAt) : null,
      dueDate: extra.dueDate ? new Date(`${extra.dueDate}T00:00:00.000Z`) : null,
    },
    select: { id: true },
  })
  return created.id
}

/** The item page's minutes intents, as the page's action hands them over. */
async function postItem(email: string, meetingId: string, itemId: string, fields: Fields) {
  const user = await userFor(await cookie(email))
  const body = new FormData()
  for (const [k, v] of Object.entries(fields)) body.append(k, v)
  try {
    const access = await meetingAccess.requireMeetingAccess(user, 'gos', meetingId)
    return settle(await intents.handleItemMinutesIntent(body, user, access, itemId))
  } catch (thrown) {
    return settle(thrown)
  }
}
type Fields = Record<string, string>

/** A Response or data() from the module as status and data, the way route-calls reports them. */
async function settle(result: unknown) {
  if (result === null) return { status: 200, data: undefined as unknown, location: null }
  if (result instanceof Response) {
    return {
      status: result.status,
      data: null as unknown,
      location: result.headers.get('Location'),
    }
  }
  const { data, init } = result as { data: unknown; init?: ResponseInit }
  return { status: init?.status ?? 200, data, location: null }
}

/** The conform reply inside the item page's action data. */
const reply = (data: unknown) => (data as { minutes: { form: string; reply: unknown } }).minutes

const actionsPath = '/netwerken/gos/acties'
const minutesPath = (id: string) => `/netwerken/gos/vergaderingen/${id}/verslag`

async function openActions(email: string, query = '') {
  return callLoader(routes.actions.loader, `${actionsPath}${query}`, {
    cookie: await cookie(email),
    params: { network: 'gos' },
  })
}
type OpenActions = {
  organisation: { id: string; name: string } | null
  actions: { id: string; overdue: boolean; organisation: { id: string } }[]
  overdue: number
}

async function setStatus(email: string, actionItemId: string, status: string, redirectTo = '') {
  return callAction(
    routes.actions.action,
    actionsPath,
    { intent: 'setActionStatus', actionItemId, status, ...(redirectTo ? { redirectTo } : {}) },
    { cookie: await cookie(email), params: { network: 'gos' } },
  )
}

async function postMinutes(email: string, meetingId: string, fields: Fields) {
  return callAction(routes.minutes.action, minutesPath(meetingId), fields, {
    cookie: await cookie(email),
    params: { network: 'gos', meeting: meetingId },
  })
}
async function readMinutes(email: string, meetingId: string) {
  return callLoader(routes.minutes.loader, minutesPath(meetingId), {
    cookie: await cookie(email),
    params: { network: 'gos', meeting: meetingId },
  })
}
type MinutesPage = {
  minutes: {
    version: number
    decisionList: string
    document: { id: string; title: string } | null
    canEdit: boolean
  }
}
const version = async (meetingId: string) =>
  (await t.db.meeting.findUniqueOrThrow({ where: { id: meetingId } })).version

beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
  routes = {
    actions: await import('../../app/routes/minutes/actions'),
    minutes: await import('../../app/routes/minutes/minutes'),
  }
  item = await import('../../app/modules/minutes/item.server')
  intents = await import('../../app/routes/minutes/item-intents.server')
  actionList = await import('../../app/modules/minutes/actions.server')
  meetingAccess = await import('../../app/modules/access/meetings.server')
  Object.assign(
    org,
    await organisationIds(t.db, {
      sluis: 'sluis',
      maldegem: 'maldegem',
      knokke: 'knokke-heist',
      damme: 'damme',
      terneuzen: 'terneuzen',
    }),
  )
  Object.assign(person, await userIds(t.db, { maldegem: MALDEGEM, knokke: KNOKKE }))
  person.maldegemDisabled = (
    await t.db.user.create({
      data: {
        email: `vertrokken.${RUN}@example.org`,
        name: 'Vertrokken Medewerker',
        organisationId: org.maldegem,
        disabledAt: new Date(),
      },
    })
  ).id
  ;({ gos, zvl } = await networkIds(t.db, { gos: 'gos', zvl: 'zeeuws-vlaanderen' }))
  m1 = await meeting('GOS-overleg maart', 'held', '2090-03-01T09:00:00.000Z')
  cancelled = await meeting('GOS-overleg afgelast', 'cancelled', '2090-03-15T09:00:00.000Z')
  m2 = await meeting('GOS-overleg april', 'published', '2090-04-01T08:00:00.000Z')
  m3 = await meeting('GOS-overleg mei', 'draft', '2090-05-01T08:00:00.000Z')
  items.a = await agendaItem(m1, 'Werkplan 2091', 0)
  items.b = await agendaItem(m1, 'Grensverkeer', 1)
  items.b1 = await agendaItem(m1, 'Parkeerverwijzing Retranchement', 0, items.b)
  items.m2 = await agendaItem(m2, 'Actielijst', 0)
  items.m3 = await agendaItem(m3, 'Opening', 0)
  p1 = await meeting('GOS-overleg maart 2020', 'held', '2020-03-02T09:00:00.000Z')
  await meeting('GOS-overleg afgelast 2020', 'cancelled', '2020-03-10T09:00:00.000Z')
  await meeting('GOS-overleg concept 2020', 'draft', '2020-03-20T09:00:00.000Z')
  p2 = await meeting('GOS-overleg april 2020', 'published', '2020-04-01T08:00:00.000Z')
  items.p1 = await agendaItem(p1, 'Fietsknooppunten', 0)
  items.p2 = await agendaItem(p2, 'Verslag van de vorige vergadering', 0)
})
afterAll(() => t.cleanup())

describe('decisions', () => {
  it('the secretary records a decision on an item of a held meeting', async () => {
    const out = await postItem(SECRETARY, m1, items.a, {
      intent: 'saveDecision',
      decisionText: 'Het werkplan 2091 wordt vastgesteld.',
      decisionOutcome: 'adopted',
    })
    expect(out.status).toBe(302)
    expect(out.location).toBe(`/netwerken/gos/vergaderingen/${m1}/agenda/${items.a}`)
    const stored = await t.db.agendaItem.findUniqueOrThrow({ where: { id: items.a } })
    expect(stored).toMatchObject({
      decisionText: 'Het werkplan 2091 wordt vastgesteld.',
      decisionOutcome: 'adopted',
    })
  })

  it('a decision text without an outcome is refused at the outcome', async () => {
    const out = await postItem(SECRETARY, m1, items.b, {
      intent: 'saveDecision',
      decisionText: 'Zonder uitkomst',
    })
    expect(out.status).toBe(400)
    expect(fieldErrors(reply(out.data).reply)).toEqual({ decisionOutcome: ['choose'] })
    const stored = await t.db.agendaItem.findUniqueOrThrow({ where: { id: items.b } })
    expect(stored.decisionText).toBe('')
  })

  it('a decision on a draft meeting is refused with a message, nothing written', async () => {
    const out = await postItem(SECRETARY, m3, items.m3, {
      intent: 'saveDecision',
      decisionText: 'Te vroeg',
      decisionOutcome: 'adopted',
    })
    expect(out.status).toBe(400)
    expect(reply(out.data).form).toBe('decision')
    expect(fieldErrors(reply(out.data).reply)).toEqual({ '': ['meetingNotOpen'] })
    const stored = await t.db.agendaItem.findUniqueOrThrow({ where: { id: items.m3 } })
    expect(stored).toMatchObject({ decisionText: '', decisionOutcome: null })
  })

  it('a published meeting that has not begun takes no decision: nothing to show before it', async () => {
    const out = await postItem(SECRETARY, m2, items.m2, {
      intent: 'saveDecision',
      decisionText: 'Vooraf besloten',
      decisionOutcome: 'adopted',
    })
    expect(out.status).toBe(400)
    expect(fieldErrors(reply(out.data).reply)).toEqual({ '': ['meetingNotOpen'] })
    const stored = await t.db.agendaItem.findUniqueOrThrow({ where: { id: items.m2 } })
    expect(stored).toMatchObject({ decisionText: '', decisionOutcome: null })
    const user = await userFor(await cookie(SECRETARY))
    const access = await meetingAccess.requireMeetingAccess(user, 'gos', m2)
    expect(await item.itemMinutesData(user, access, items.m2)).toMatchObject({ canRecord: false })
  })

  it('once a published meeting has begun, decisions are recorded (and audited)', async () => {
    const out = await postItem(SECRETARY, p2, items.p2, {
      intent: 'saveDecision',
      decisionText: 'Het verslag van maart 2020 wordt vastgesteld.',
      decisionOutcome: 'adopted',
    })
    expect(out.status).toBe(302)
    const stored = await t.db.agendaItem.findUniqueOrThrow({ where: { id: items.p2 } })
    expect(stored.decisionOutcome).toBe('adopted')
    const audit = await t.db.auditEvent.findMany({
      where: { action: 'meeting.decision_saved', objectId: items.p2 },
    })
    expect(audit).toHaveLength(1)
  })

  it('the write checks the meeting again: one cancelled meanwhile takes no decision', async () => {
    const user = await userFor(await cookie(SECRETARY))
    const access = await meetingAccess.requireMeetingAccess(user, 'gos', p2)
    const decisions = await import('../../app/modules/minutes/decisions.server')
    await t.db.meeting.update({ where: { id: p2 }, data: { status: 'cancelled' } })
    try {
      const result = await decisions.saveDecision(user, access, items.p2, {
        intent: 'saveDecision',
        decisionText: 'Na het afgelasten',
        decisionOutcome: 'rejected',
      })
      expect(result).toBe('meetingNotOpen')
    } finally {
      await t.db.meeting.update({ where: { id: p2 }, data: { status: 'published' } })
    }
    const stored = await t.db.agendaItem.findUniqueOrThrow({ where: { id: items.p2 } })
    expect(stored.decisionOutcome).toBe('adopted')
  })

  it('a plain member cannot record decisions (404); an item of another meeting is 404', async () => {
    const member = await postItem(MALDEGEM, m1, items.b, {
      intent: 'saveDecision',
      decisionText: 'Niet van mij',
      decisionOutcome: 'adopted',
    })
    expect(member.status).toBe(404)
    const otherMeeting = await postItem(SECRETARY, m2, items.a, {
      intent: 'saveDecision',
      decisionText: 'Verkeerde vergadering',
      decisionOutcome: 'adopted',
    })
    expect(otherMeeting.status).toBe(404)
    const stored = await t.db.agendaItem.findUniqueOrThrow({ where: { id: items.a } })
    expect(stored.decisionText).toBe('Het werkplan 2091 wordt vastgesteld.')
  })

  it('other intents are left to the item page', async () => {
    const out = await postItem(SECRETARY, m1, items.a, { intent: 'reorder' })
    expect(out.status).toBe(200)
    expect(out.data).toBeUndefined()
  })
})

describe('adding action items', () => {
  const count = () => t.db.actionItem.count({ where: { meetingId: m1 } })
  const fields = (overrides: Fields = {}): Fields => ({
    intent: 'addActionItem',
    description: `Parkeerverwijzing uitwerken ${RUN}`,
    organisationId: org.maldegem,
    assigneeUserId: '',
    dueDate: '',
    ...overrides,
  })

  it('an organisation outside the network is refused with a message; nothing is written', async () => {
    const before = await count()
    const out = await postItem(SECRETARY, m1, items.b1, fields({ organisationId: org.terneuzen }))
    expect(out.status).toBe(400)
    expect(reply(out.data).form).toBe('action')
    expect(fieldErrors(reply(out.data).reply)).toEqual({ '': ['organisationNotInNetwork'] })
    expect(await count()).toBe(before)
  })

  it('a person of another organisation, or a disabled one, is refused; nothing is written', async () => {
    const before = await count()
    for (const assigneeUserId of [person.knokke, person.maldegemDisabled]) {
      const out = await postItem(SECRETARY, m1, items.b1, fields({ assigneeUserId }))
      expect(out.status).toBe(400)
      expect(fieldErrors(reply(out.data).reply)).toEqual({ '': ['assigneeNotInOrganisation'] })
    }
    expect(await count()).toBe(before)
  })

  it('bad input gets a message per field', async () => {
    const out = await postItem(
      SECRETARY,
      m1,
      items.b1,
      fields({ description: ' ', organisationId: '', dueDate: '2090-02-30' }),
    )
    expect(out.status).toBe(400)
    expect(fieldErrors(reply(out.data).reply)).toEqual({
      description: ['required'],
      organisationId: ['choose'],
      dueDate: ['date'],
    })
  })

  it('a draft meeting, or a published one that has not begun, takes no action items', async () => {
    for (const [meetingId, itemId] of [
      [m3, items.m3],
      [m2, items.m2],
    ] as const) {
      const out = await postItem(SECRETARY, meetingId, itemId, fields())
      expect(out.status).toBe(400)
      expect(fieldErrors(reply(out.data).reply)).toEqual({ '': ['meetingNotOpen'] })
      expect(await t.db.actionItem.count({ where: { meetingId } })).toBe(0)
    }
  })

  it('the write checks the meeting again: one cancelled meanwhile takes no action item', async () => {
    const user = await userFor(await cookie(SECRETARY))
    const access = await meetingAccess.requireMeetingAccess(user, 'gos', p2)
    await t.db.meeting.update({ where: { id: p2 }, data: { status: 'cancelled' } })
    try {
      const result = await actionList.addActionItem(user, access, items.p2, {
        intent: 'addActionItem',
        description: 'Na het afgelasten',
        organisationId: org.maldegem,
      })
      expect(result).toEqual({ problem: 'meetingNotOpen' })
    } finally {
      await t.db.meeting.update({ where: { id: p2 }, data: { status: 'published' } })
    }
    expect(await t.db.actionItem.count({ where: { meetingId: p2 } })).toBe(0)
  })

  it('the secretary adds one for Maldegem with a person and a due day', async () => {
    const out = await postItem(
      SECRETARY,
      m1,
      items.b1,
      fields({ assigneeUserId: person.maldegem, dueDate: '2090-03-20' }),
    )
    expect(out.status).toBe(302)
    const stored = await t.db.actionItem.findFirstOrThrow({
      where: { description: `Parkeerverwijzing uitwerken ${RUN}` },
    })
    expect(stored).toMatchObject({
      networkId: gos,
      meetingId: m1,
      agendaItemId: items.b1,
      organisationId: org.maldegem,
      assigneeUserId: person.maldegem,
      status: 'open',
      dueDate: new Date('2090-03-20T00:00:00.000Z'),
    })
    const audit = await t.db.auditEvent.count({
      where: { action: 'meeting.action_added', objectId: stored.id },
    })
    expect(audit).toBe(1)
    // The item page shows it with the agenda number, and the form's choices to the secretary only.
    const user = await userFor(await cookie(SECRETARY))
    const access = await meetingAccess.requireMeetingAccess(user, 'gos', m1)
    const data = await item.itemMinutesData(user, access, items.b1)
    expect(data.actions.map((a) => [a.description, a.itemNumber])).toEqual([
      [`Parkeerverwijzing uitwerken ${RUN}`, '2a'],
    ])
    expect(data.organisations.map((o) => o.id)).toContain(org.maldegem)
    expect(data.organisations.map((o) => o.id)).not.toContain(org.terneuzen)
    const maldegem = data.organisations.find((o) => o.id === org.maldegem)!
    expect(maldegem.users.map((u) => u.id)).not.toContain(person.maldegemDisabled)
    const member = await userFor(await cookie(MALDEGEM))
    const memberAccess = await meetingAccess.requireMeetingAccess(member, 'gos', m1)
    const seen = await item.itemMinutesData(member, memberAccess, items.b1)
    expect(seen).toMatchObject({ canRecord: false, organisations: [] })
    expect(seen.actions[0]?.canUpdate).toBe(true)
  })
})

describe('the action list of a meeting', () => {
  const ids = { open1: '', closedBefore: '', closedSince: '', agreedAt2: '', draft: '', zvl: '' }

  beforeAll(async () => {
    ids.open1 = await action(m1, 'Open sinds maart', org.maldegem)
    ids.closedBefore = await action(m1, 'Gedaan tijdens maart', org.knokke, {
      status: 'done',
      closedAt: '2090-03-01T10:00:00.000Z', // before m1 ended
    })
    ids.closedSince = await action(m1, 'Gedaan na maart', org.knokke, {
      status: 'done',
      closedAt: '2090-03-20T10:00:00.000Z', // after m1, before m2
    })
    ids.agreedAt2 = await action(m2, 'Afgesproken in april', org.maldegem)
    ids.draft = await action(m3, 'In een concept', org.maldegem)
    const zvlMeeting = await meeting('ZVL-overleg', 'held', '2090-02-01T09:00:00.000Z', zvl)
    ids.zvl = await action(zvlMeeting, 'Ander netwerk', org.sluis, { networkId: zvl })
  })

  async function listFor(email: string, meetingId: string) {
    const user = await userFor(await cookie(email))
    const access = await meetingAccess.requireMeetingAccess(user, 'gos', meetingId)
    return actionList.actionListForMeeting(user, access)
  }

  it('carries over what was open after the previous meeting, then what was agreed here', async () => {
    const rows = await listFor(MALDEGEM, m2)
    const mine = rows.filter((r) => Object.values(ids).includes(r.id))
    expect(mine.map((r) => [r.id, r.carriedOver])).toEqual([
      [ids.open1, true],
      [ids.closedSince, true],
      [ids.agreedAt2, false],
    ])
    expect(mine.find((r) => r.id === ids.closedSince)?.status).toBe('done')
  })

  it("leaves out later meetings' actions, and drafts' for those who may not see drafts", async () => {
    const m1Rows = (await listFor(MALDEGEM, m1)).map((r) => r.id)
    expect(m1Rows).toContain(ids.open1)
    expect(m1Rows).toContain(ids.closedBefore)
    expect(m1Rows).not.toContain(ids.agreedAt2)
    expect(m1Rows).not.toContain(ids.zvl)
    const user = await userFor(await cookie(MALDEGEM))
    const access = await meetingAccess.requireMeetingAccess(user, 'gos', m2)
    const later = await actionList.actionListForMeeting(user, {
      ...access,
      meeting: { ...access.meeting, startsAt: new Date('2090-06-01T08:00:00.000Z') },
    })
    expect(later.map((r) => r.id)).not.toContain(ids.draft)
  })

  it('status buttons are for the assigned organisation and the preparers', async () => {
    const rows = await listFor(MALDEGEM, m2)
    expect(rows.find((r) => r.id === ids.open1)?.canUpdate).toBe(true)
    expect(rows.find((r) => r.id === ids.closedSince)?.canUpdate).toBe(false)
    const forSecretary = await listFor(SECRETARY, m2)
    expect(forSecretary.find((r) => r.id === ids.closedSince)?.canUpdate).toBe(true)
  })

  it('a P10 user cannot open the meeting at all', async () => {
    await expect(listFor(DE_WOLDEN, m2)).rejects.toMatchObject({ status: 404 })
  })
})

describe('the open actions page', () => {
  const ids = { maldegemLate: '', maldegemSoon: '', knokke: '', knokkeDone: '' }

  beforeAll(async () => {
    ids.maldegemLate = await action(m1, 'Te laat voor Maldegem', org.maldegem, {
      dueDate: '2020-01-15',
    })
    ids.maldegemSoon = await action(m1, 'Binnenkort voor Maldegem', org.maldegem, {
      dueDate: '2089-12-31',
    })
    ids.knokke = await action(m1, 'Voor Knokke-Heist', org.knokke, { dueDate: '2020-01-10' })
    ids.knokkeDone = await action(m1, 'Al gedaan door Knokke-Heist', org.knokke, {
      status: 'done',
      closedAt: '2090-03-02T10:00:00.000Z',
    })
  })

  it("opens on the user's own organisation, overdue ones marked", async () => {
    const out = await openActions(MALDEGEM)
    expect(out.status).toBe(200)
    const page = out.data as OpenActions
    expect(page.organisation).toEqual({ id: org.maldegem, name: 'Gemeente Maldegem' })
    expect(page.actions.every((a) => a.organisation.id === org.maldegem)).toBe(true)
    const mine = page.actions.filter((a) => Object.values(ids).includes(a.id))
    expect(mine.map((a) => [a.id, a.overdue])).toEqual([
      [ids.maldegemLate, true],
      [ids.maldegemSoon, false],
    ])
    expect(page.overdue).toBeGreaterThanOrEqual(1)
  })

  it('filters by another organisation, or shows all; only open ones', async () => {
    const knokke = (await openActions(MALDEGEM, `?organisatie=${org.knokke}`)).data as OpenActions
    expect(knokke.organisation?.id).toBe(org.knokke)
    expect(knokke.actions.map((a) => a.id)).toContain(ids.knokke)
    expect(knokke.actions.map((a) => a.id)).not.toContain(ids.knokkeDone)
    expect(knokke.actions.map((a) => a.id)).not.toContain(ids.maldegemLate)
    const all = (await openActions(MALDEGEM, '?organisatie=alle')).data as OpenActions
    expect(all.organisation).toBeNull()
    expect(all.actions.map((a) => a.id)).toEqual(
      expect.arrayContaining([ids.knokke, ids.maldegemLate]),
    )
    // An organisation outside the network is not a filter: everything shows.
    const outside = (await openActions(MALDEGEM, `?organisatie=${org.terneuzen}`))
      .data as OpenActions
    expect(outside.organisation).toBeNull()
  })

  it('a P10 user gets 404 on the GOS page and its status form', async () => {
    expect((await openActions(DE_WOLDEN)).status).toBe(404)
    expect((await setStatus(DE_WOLDEN, ids.maldegemSoon, 'done')).status).toBe(404)
  })

  it("Maldegem may close Maldegem's action, not Knokke-Heist's (404)", async () => {
    const done = await setStatus(MALDEGEM, ids.maldegemSoon, 'done', '/netwerken/gos/acties?x=1')
    expect(done.status).toBe(302)
    expect(done.location).toBe('/netwerken/gos/acties?x=1')
    const stored = await t.db.actionItem.findUniqueOrThrow({ where: { id: ids.maldegemSoon } })
    expect(stored.status).toBe('done')
    expect(stored.closedAt).toBeInstanceOf(Date)
    const audit = await t.db.auditEvent.count({
      where: { action: 'meeting.action_status_changed', objectId: ids.maldegemSoon },
    })
    expect(audit).toBe(1)
    const refused = await setStatus(MALDEGEM, ids.knokke, 'done')
    expect(refused.status).toBe(404)
    const untouched = await t.db.actionItem.findUniqueOrThrow({ where: { id: ids.knokke } })
    expect(untouched).toMatchObject({ status: 'open', closedAt: null })
  })

  it('reopening clears the closing time; a redirect off-site falls back to the page', async () => {
    const out = await setStatus(MALDEGEM, ids.maldegemSoon, 'open', 'https://evil.example/')
    expect(out.status).toBe(302)
    expect(out.location).toBe('/netwerken/gos/acties')
    const stored = await t.db.actionItem.findUniqueOrThrow({ where: { id: ids.maldegemSoon } })
    expect(stored).toMatchObject({ status: 'open', closedAt: null })
  })

  it('an unknown status is refused with a message', async () => {
    const out = await setStatus(MALDEGEM, ids.maldegemSoon, 'forgotten')
    expect(out.status).toBe(400)
    expect(fieldErrors(reply(out.data).reply)).toEqual({ status: ['choose'] })
  })

  it('the secretary may close any action of the network, also from the item page', async () => {
    const out = await postItem(SECRETARY, m1, items.a, {
      intent: 'setActionStatus',
      actionItemId: ids.knokke,
      status: 'dropped',
    })
    expect(out.status).toBe(302)
    expect(out.location).toBe(`/netwerken/gos/vergaderingen/${m1}/agenda/${items.a}`)
    const stored = await t.db.actionItem.findUniqueOrThrow({ where: { id: ids.knokke } })
    expect(stored.status).toBe('dropped')
  })
})

describe('minutes', () => {
  beforeAll(async () => {
    await t.db.agendaItem.update({
      where: { id: items.b1 },
      data: { decisionText: 'Knokke-Heist en Sluis verwijzen samen.', decisionOutcome: 'amended' },
    })
    await t.db.agendaItem.update({ where: { id: items.b }, data: { decisionOutcome: 'noted' } })
  })

  it('members see an empty state before there are minutes', async () => {
    const page = (await readMinutes(MALDEGEM, m1)).data as MinutesPage
    expect(page.minutes).toMatchObject({ decisionList: '', document: null, canEdit: false })
  })

  it('minutes are a draft until they are approved', async () => {
    const page = (await readMinutes(MALDEGEM, m1)).data as MinutesPage & {
      minutes: { draft: boolean }
    }
    expect(page.minutes.draft).toBe(true)
  })

  it('a plain member cannot write minutes (404)', async () => {
    const out = await postMinutes(MALDEGEM, m1, {
      intent: 'generateDecisionList',
      version: String(await version(m1)),
    })
    expect(out.status).toBe(404)
  })

  it('the draft holds attendance per organisation, the decisions in agenda order and the actions', async () => {
    const people = await userIds(t.db, { sluis: SLUIS, damme: 'lid.damme@example.org' })
    await t.db.meetingAttendance.createMany({
      data: [
        {
          meetingId: m1,
          userId: person.maldegem,
          organisationId: org.maldegem,
          presence: 'present',
        },
        {
          meetingId: m1,
          userId: person.knokke,
          organisationId: org.knokke,
          presence: 'excused',
          excuseReason: 'Andere afspraak',
        },
        { meetingId: m1, userId: people.sluis, organisationId: org.sluis, presence: 'absent' },
        // Replied no and not recorded yet: excused.
        { meetingId: m1, userId: people.damme, organisationId: org.damme, response: 'no' },
      ],
    })
    const page = (await readMinutes(KNOKKE, m1)).data as MinutesPage & {
      minutes: { content: import('../../app/modules/minutes/minutes-text').MinutesContent }
    }
    const { content } = page.minutes
    expect(content.attendance).toEqual([
      {
        organisation: 'Gemeente Damme',
        present: [],
        excused: [{ name: 'Wout Vanpolderhove', reason: null }],
        absent: [],
      },
      {
        organisation: 'Gemeente Knokke-Heist',
        present: [],
        excused: [{ name: 'Lieve Zwinnaert', reason: 'Andere afspraak' }],
        absent: [],
      },
      {
        organisation: 'Gemeente Maldegem',
        present: ['Griet Meetjesdonck'],
        excused: [],
        absent: [],
      },
      { organisation: 'Gemeente Sluis', present: [], excused: [], absent: ['Bram Dijkwerker'] },
    ])
    expect(content.decisions).toEqual([
      {
        number: '1',
        title: 'Werkplan 2091',
        standing: null,
        outcome: 'adopted',
        text: 'Het werkplan 2091 wordt vastgesteld.',
      },
      { number: '2', title: 'Grensverkeer', standing: null, outcome: 'noted', text: '' },
      {
        number: '2a',
        title: 'Parkeerverwijzing Retranchement',
        standing: null,
        outcome: 'amended',
        text: 'Knokke-Heist en Sluis verwijzen samen.',
      },
    ])
    expect(content.actions).toContainEqual({
      number: '2a',
      organisation: 'Gemeente Maldegem',
      assignee: 'Griet Meetjesdonck',
      description: `Parkeerverwijzing uitwerken ${RUN}`,
      dueDate: new Date('2090-03-20T00:00:00.000Z'),
    })
    // Only what was agreed at this meeting, not what was carried over to it.
    expect(content.actions.every((a) => !a.description.startsWith('Afgesproken in april'))).toBe(
      true,
    )
  })

  it("is written in the reader's language, with the outcome labels of the interface", async () => {
    const text = await import('../../app/modules/minutes/minutes-text')
    const { plainTranslator } = await import('../../app/i18n/translate')
    const page = (await readMinutes(KNOKKE, m1)).data as {
      minutes: { content: import('../../app/modules/minutes/minutes-text').MinutesContent }
    }
    const render = (locale: 'nl-NL' | 'nl-BE' | 'en') =>
      text.minutesSections(page.minutes.content, plainTranslator(locale), locale)
    const lines = (locale: 'nl-NL' | 'nl-BE' | 'en') =>
      render(locale).flatMap((s) => [s.heading, ...s.lines])
    expect(lines('nl-NL')).toEqual(
      expect.arrayContaining([
        'Aanwezigheid',
        'Gemeente Knokke-Heist: met kennisgeving afwezig: Lieve Zwinnaert (Andere afspraak)',
        'Gemeente Maldegem: aanwezig: Griet Meetjesdonck',
        'Gemeente Sluis: afwezig: Bram Dijkwerker',
        'Besluitenlijst',
        '1. Werkplan 2091: Aangenomen — Het werkplan 2091 wordt vastgesteld.',
        '2. Grensverkeer: Voor kennisgeving aangenomen',
        '2a. Parkeerverwijzing Retranchement: Aangenomen met wijzigingen — Knokke-Heist en Sluis verwijzen samen.',
        'Actiepunten',
        `2a. Gemeente Maldegem (Griet Meetjesdonck): Parkeerverwijzing uitwerken ${RUN} — uiterlijk 20 maart 2090`,
      ]),
    )
    expect(lines('nl-BE')).toEqual(
      expect.arrayContaining([
        'Gemeente Knokke-Heist: verontschuldigd: Lieve Zwinnaert (Andere afspraak)',
        '1. Werkplan 2091: Goedgekeurd — Het werkplan 2091 wordt vastgesteld.',
        '2. Grensverkeer: Akte genomen',
      ]),
    )
    expect(lines('en')).toEqual(
      expect.arrayContaining([
        'Attendance',
        'Gemeente Knokke-Heist: excused: Lieve Zwinnaert (Andere afspraak)',
        '1. Werkplan 2091: Adopted — Het werkplan 2091 wordt vastgesteld.',
        `2a. Gemeente Maldegem (Griet Meetjesdonck): Parkeerverwijzing uitwerken ${RUN} — due 20 March 2090`,
      ]),
    )
    // The labels are the interface's own: one source per locale.
    for (const locale of ['nl-NL', 'nl-BE', 'en'] as const) {
      const t = plainTranslator(locale)
      expect(lines(locale)).toContain(
        `1. Werkplan 2091: ${t('minutes:outcome.adopted')} — Het werkplan 2091 wordt vastgesteld.`,
      )
    }
    // Nothing generated is stored in the author's language.
    const stored = await t.db.meeting.findUniqueOrThrow({ where: { id: m1 } })
    expect(stored.decisionList).toBe('')
  })

  it("names a standing item in the reader's language too (Varia, Any other business)", async () => {
    const text = await import('../../app/modules/minutes/minutes-text')
    const { plainTranslator } = await import('../../app/i18n/translate')
    const aob = await t.db.agendaItem.create({
      data: {
        meetingId: m1,
        position: 9,
        title: 'Rondvraag',
        standing: 'any_other_business',
        kind: 'discussion',
        decisionOutcome: 'noted',
      },
    })
    try {
      const page = (await readMinutes(KNOKKE, m1)).data as {
        minutes: { content: import('../../app/modules/minutes/minutes-text').MinutesContent }
      }
      const lines = (locale: 'nl-NL' | 'nl-BE' | 'en') =>
        text
          .minutesSections(page.minutes.content, plainTranslator(locale), locale)
          .flatMap((s) => s.lines)
      expect(lines('nl-NL')).toContain('3. Rondvraag: Voor kennisgeving aangenomen')
      expect(lines('nl-BE')).toContain('3. Varia: Akte genomen')
      expect(lines('en')).toContain('3. Any other business: Noted')
    } finally {
      await t.db.agendaItem.delete({ where: { id: aob.id } })
    }
  })

  it('an empty draft says so in every section', async () => {
    const text = await import('../../app/modules/minutes/minutes-text')
    const { plainTranslator } = await import('../../app/i18n/translate')
    const empty = { attendance: [], decisions: [], actions: [] }
    expect(text.minutesSections(empty, plainTranslator('nl-NL'), 'nl-NL')).toEqual([
      { heading: 'Aanwezigheid', lines: ['Er is nog geen aanwezigheid vastgelegd.'] },
      {
        heading: 'Besluitenlijst',
        lines: ['Bij de agendapunten zijn nog geen besluiten vastgelegd.'],
      },
      { heading: 'Actiepunten', lines: ['In deze vergadering zijn geen actiepunten afgesproken.'] },
    ])
  })

  it('the old step that froze the decision list in one language is gone', async () => {
    const out = await postMinutes(SECRETARY, m1, {
      intent: 'generateDecisionList',
      version: String(await version(m1)),
    })
    expect(out.status).toBe(400)
    expect((await t.db.meeting.findUniqueOrThrow({ where: { id: m1 } })).decisionList).toBe('')
  })

  it('saves edited minutes, and refuses a stale version with a message', async () => {
    const current = await version(m1)
    const fields = {
      intent: 'saveMinutes',
      decisionList: '1. Werkplan 2091: Aangenomen.',
      minutesText: 'Aanwezig: alle partners.',
      minutesDocumentId: '',
    }
    const saved = await postMinutes(SECRETARY, m1, { ...fields, version: String(current) })
    expect(saved.status).toBe(302)
    const stale = await postMinutes(SECRETARY, m1, {
      ...fields,
      minutesText: 'Overschreven?',
      version: String(current),
    })
    expect(stale.status).toBe(409)
    expect(fieldErrors((stale.data as { form: unknown }).form)).toEqual({ '': ['minutesConflict'] })
    const stored = await t.db.meeting.findUniqueOrThrow({ where: { id: m1 } })
    expect(stored).toMatchObject({ minutesText: 'Aanwezig: alle partners.', version: current + 1 })
  })

  it('a minutes document must be one the preparer may see; readers see only what they may', async () => {
    const restricted = await t.db.document.findFirstOrThrow({
      where: { title: 'Verkeerstellingen grensovergangen (Belgische partners)' },
    })
    const werkplan = await t.db.document.findFirstOrThrow({ where: { title: 'Werkplan GOS 2027' } })
    const base = { intent: 'saveMinutes', decisionList: 'Lijst', minutesText: 'Verslag' }
    const hidden = await postMinutes(SECRETARY, m1, {
      ...base,
      version: String(await version(m1)),
      minutesDocumentId: restricted.id,
    })
    expect(hidden.status).toBe(400)
    expect(fieldErrors((hidden.data as { form: unknown }).form)).toEqual({
      '': ['minutesDocumentNotFound'],
    })
    const ok = await postMinutes(SECRETARY, m1, {
      ...base,
      version: String(await version(m1)),
      minutesDocumentId: werkplan.id,
    })
    expect(ok.status).toBe(302)
    expect(((await readMinutes(MALDEGEM, m1)).data as MinutesPage).minutes.document?.id).toBe(
      werkplan.id,
    )
    // Set by someone who may see it: Maldegem sees the link, Sluis does not, and a save by the Sluis
    // secretary (who was not offered it) keeps it.
    await t.db.meeting.update({ where: { id: m1 }, data: { minutesDocumentId: restricted.id } })
    expect(((await readMinutes(MALDEGEM, m1)).data as MinutesPage).minutes.document?.id).toBe(
      restricted.id,
    )
    expect(((await readMinutes(SLUIS, m1)).data as MinutesPage).minutes.document).toBeNull()
    const kept = await postMinutes(SECRETARY, m1, {
      ...base,
      version: String(await version(m1)),
      minutesDocumentId: '',
    })
    expect(kept.status).toBe(302)
    const stored = await t.db.meeting.findUniqueOrThrow({ where: { id: m1 } })
    expect(stored.minutesDocumentId).toBe(restricted.id)
  })

  it('minutes of a meeting that has not taken place yet are refused', async () => {
    const out = await postMinutes(SECRETARY, m2, {
      intent: 'saveMinutes',
      version: String(await version(m2)),
      decisionList: 'Te vroeg',
      minutesText: '',
    })
    expect(out.status).toBe(400)
    expect(fieldErrors((out.data as { form: unknown }).form)).toEqual({ '': ['minutesNotOpen'] })
    expect((await t.db.meeting.findUniqueOrThrow({ where: { id: m2 } })).decisionList).toBe('')
  })

  it('approval is only for a held meeting', async () => {
    const out = await postMinutes(SECRETARY, m2, {
      intent: 'approveMinutes',
      version: String(await version(m2)),
    })
    expect(out.status).toBe(400)
    expect(out.data).toEqual({ problem: 'approveOnlyHeld' })
  })

  it('approval waits until the next meeting has begun, and the page says why', async () => {
    const current = await version(m1)
    const steps: Fields[] = [
      { version: String(current) },
      { id: String(current), confirmed: 'yes' },
    ]
    for (const confirmation of steps) {
      const out = await postMinutes(SECRETARY, m1, { intent: 'approveMinutes', ...confirmation })
      expect(out.status).toBe(400)
      expect(out.data).toEqual({ problem: 'approveAtNextMeeting' })
    }
    const stored = await t.db.meeting.findUniqueOrThrow({ where: { id: m1 } })
    expect(stored).toMatchObject({ status: 'held', minutesApprovedInId: null, version: current })
    // The secretary reads which meeting will approve them: April, not the cancelled one.
    const page = (await readMinutes(SECRETARY, m1)).data as MinutesPage & {
      minutes: { canApprove: boolean; nextMeeting: { id: string } | null }
    }
    expect(page.minutes).toMatchObject({ canEdit: true, canApprove: false })
    expect(page.minutes.nextMeeting?.id).toBe(m2)
    expect(page.minutes.nextMeeting?.id).not.toBe(cancelled)
  })

  it('without a next meeting: the same message, and no next meeting on the page', async () => {
    const last = await meeting('GOS-overleg juli', 'held', '2090-07-01T08:00:00.000Z')
    await t.db.meeting.update({ where: { id: last }, data: { minutesText: 'Verslag van juli' } })
    const out = await postMinutes(SECRETARY, last, {
      intent: 'approveMinutes',
      version: String(await version(last)),
    })
    expect(out.status).toBe(400)
    expect(out.data).toEqual({ problem: 'approveAtNextMeeting' })
    const page = (await readMinutes(SECRETARY, last)).data as MinutesPage & {
      minutes: { canApprove: boolean; nextMeeting: unknown }
    }
    expect(page.minutes).toMatchObject({ canApprove: false, nextMeeting: null })
    expect((await t.db.meeting.findUniqueOrThrow({ where: { id: last } })).status).toBe('held')
  })

  it('once it has begun: asks first, then records that meeting (not a cancelled or draft one)', async () => {
    await t.db.meeting.update({
      where: { id: p1 },
      data: { minutesText: 'Aanwezig: alle partners.' },
    })
    const before = (await readMinutes(SECRETARY, p1)).data as MinutesPage & {
      minutes: { canApprove: boolean; nextMeeting: { id: string } | null }
    }
    expect(before.minutes.canApprove).toBe(true)
    expect(before.minutes.nextMeeting?.id).toBe(p2)
    const current = await version(p1)
    const first = await postMinutes(SECRETARY, p1, {
      intent: 'approveMinutes',
      version: String(current),
    })
    expect(first.data).toEqual({ confirm: { intent: 'approveMinutes', id: String(current) } })
    expect((await t.db.meeting.findUniqueOrThrow({ where: { id: p1 } })).status).toBe('held')
    const confirmed = await postMinutes(SECRETARY, p1, {
      intent: 'approveMinutes',
      id: String(current),
      confirmed: 'yes',
    })
    expect(confirmed.status).toBe(302)
    const stored = await t.db.meeting.findUniqueOrThrow({ where: { id: p1 } })
    expect(stored).toMatchObject({ status: 'minutes_approved', minutesApprovedInId: p2 })
    expect(stored.minutesApprovedAt).toBeInstanceOf(Date)
    const audit = await t.db.auditEvent.count({
      where: { action: 'meeting.minutes_approved', objectId: p1 },
    })
    expect(audit).toBe(1)
    // Approved minutes are final: no more edits, and no second approval.
    const again = await postMinutes(SECRETARY, p1, {
      intent: 'saveMinutes',
      version: String(stored.version),
      decisionList: 'Later',
      minutesText: '',
    })
    expect(fieldErrors((again.data as { form: unknown }).form)).toEqual({ '': ['minutesNotOpen'] })
    const twice = await postMinutes(SECRETARY, p1, {
      intent: 'approveMinutes',
      version: String(stored.version),
    })
    expect(twice.data).toEqual({ problem: 'approveOnlyHeld' })
    const page = (await readMinutes(MALDEGEM, p1)).data as MinutesPage & {
      minutes: { approvedIn: { id: string } | null }
    }
    expect(page.minutes.approvedIn?.id).toBe(p2)
    expect((page.minutes as unknown as { draft: boolean }).draft).toBe(false)
  })

  it('a decision on a meeting with approved minutes is refused', async () => {
    const out = await postItem(SECRETARY, p1, items.p1, {
      intent: 'saveDecision',
      decisionText: 'Achteraf',
      decisionOutcome: 'rejected',
    })
    expect(out.status).toBe(400)
    expect(fieldErrors(reply(out.data).reply)).toEqual({ '': ['meetingNotOpen'] })
  })

  it('saving minutes is audited', async () => {
    const count = (action: string) => t.db.auditEvent.count({ where: { action, objectId: m1 } })
    expect(await count('meeting.minutes_saved')).toBe(3)
  })

  it('a P10 user gets 404 on the minutes', async () => {
    expect((await readMinutes(DE_WOLDEN, m1)).status).toBe(404)
  })
})
