import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { callAction, callLoader, fieldErrors, sessionCookies } from '../setup/route-calls'
import { networkIds, organisationIds } from '../setup/seeded-ids'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// Meeting mode (issue 11, item 2): every item's decision and action items on one page, each form saving
// its own item. Plain forms come back to the item (a redirect to its anchor); the browser's fetchers
// (stay=1) get the saved item back as data and the page stays where it is.

const SECRETARY = 'secretaris.gos@example.org'
const MALDEGEM = 'lid.maldegem@example.org'
const HOUR = 3_600_000

let t: TestDatabase
let route: typeof import('../../app/routes/meetings/meeting-mode')
const cookie = sessionCookies()
const org = { knokke: '', maldegem: '' }
let gos = ''
let begun = ''
let later = ''
const items = { first: '', second: '', other: '' }

async function meeting(status: string, startsAt: Date) {
  const created = await t.db.meeting.create({
    data: {
      networkId: gos,
      title: `Vergadermodus ${status}`,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * HOUR),
      hostOrganisationId: org.knokke,
      status,
    },
    select: { id: true },
  })
  return created.id
}

const agendaItem = async (meetingId: string, title: string, position: number) =>
  (
    await t.db.agendaItem.create({
      data: { meetingId, title, position, kind: 'decision', durationMinutes: 20 },
      select: { id: true },
    })
  ).id

beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
  route = await import('../../app/routes/meetings/meeting-mode')
  Object.assign(org, await organisationIds(t.db, { knokke: 'knokke-heist', maldegem: 'maldegem' }))
  gos = (await networkIds(t.db, { gos: 'gos' })).gos
  begun = await meeting('published', new Date(Date.now() - HOUR))
  later = await meeting('published', new Date(Date.now() + 24 * HOUR))
  items.first = await agendaItem(begun, 'Werkplan 2027', 0)
  items.second = await agendaItem(begun, 'Grensverkeer', 1)
  items.other = await agendaItem(later, 'Later punt', 0)
})
afterAll(() => t.cleanup())

const modeUrl = (id: string) => `/netwerken/gos/vergaderingen/${id}/vergadermodus`
const post = async (meetingId: string, fields: Record<string, string>, email = SECRETARY) =>
  callAction(route.action, modeUrl(meetingId), fields, {
    cookie: await cookie(email),
    params: { network: 'gos', meeting: meetingId },
  })

describe('meeting mode', () => {
  it('shows every item with its decision and action items to the secretary', async () => {
    const page = await callLoader(route.loader, modeUrl(begun), {
      cookie: await cookie(SECRETARY),
      params: { network: 'gos', meeting: begun },
    })
    expect(page.status).toBe(200)
    const data = page.data as { canRecord: boolean; items: { title: string; number: string }[] }
    expect(data.canRecord).toBe(true)
    expect(data.items.map((i) => `${i.number} ${i.title}`)).toEqual([
      '1 Werkplan 2027',
      '2 Grensverkeer',
    ])
  })

  it('saves a decision and answers a fetcher with the saved item, staying on the page', async () => {
    const out = await post(begun, {
      intent: 'saveDecision',
      itemId: items.first,
      stay: '1',
      decisionText: 'Het werkplan wordt vastgesteld.',
      decisionOutcome: 'adopted',
    })
    expect(out.status).toBe(200)
    expect(out.data).toEqual({ saved: { form: 'decision', itemId: items.first } })
    expect(
      await t.db.agendaItem.findUniqueOrThrow({
        where: { id: items.first },
        select: { decisionText: true, decisionOutcome: true },
      }),
    ).toEqual({ decisionText: 'Het werkplan wordt vastgesteld.', decisionOutcome: 'adopted' })
  })

  it('adds an action item from a plain form and comes back to the item', async () => {
    const out = await post(begun, {
      intent: 'addActionItem',
      itemId: items.second,
      description: 'Telpunten afstemmen met de politie',
      organisationId: org.maldegem,
      assigneeUserId: '',
      dueDate: '',
    })
    expect(out.status).toBe(302)
    expect(out.location).toBe(`${modeUrl(begun)}#punt-${items.second}`)
    const stored = await t.db.actionItem.findFirstOrThrow({
      where: { meetingId: begun, agendaItemId: items.second },
    })
    expect(stored.description).toBe('Telpunten afstemmen met de politie')
  })

  it('refuses bad input with the form messages and writes nothing', async () => {
    const before = await t.db.actionItem.count()
    const out = await post(begun, {
      intent: 'addActionItem',
      itemId: items.second,
      stay: '1',
      description: '',
      organisationId: '',
    })
    expect(out.status).toBe(400)
    const { minutes } = out.data as { minutes: { form: string; reply: unknown } }
    expect(minutes.form).toBe('action')
    expect(fieldErrors(minutes.reply)).toMatchObject({ description: ['required'] })
    expect(await t.db.actionItem.count()).toBe(before)
  })

  it('records attendance on the same page: present, and excused with a reason', async () => {
    const [damme, knokke] = (await Promise.all(
      ['lid.damme@example.org', 'lid.knokke-heist@example.org'].map((email) =>
        t.db.user.findUniqueOrThrow({ where: { email }, select: { id: true } }),
      ),
    )) as [{ id: string }, { id: string }]
    const out = await post(begun, {
      intent: 'saveAttendance',
      stay: '1',
      [`presence.${damme.id}`]: 'present',
      [`presence.${knokke.id}`]: 'excused',
      [`reason.${knokke.id}`]: 'Gemeenteraad op hetzelfde uur',
    })
    expect(out.status, JSON.stringify(out.data)).toBe(200)
    expect(out.data).toEqual({ saved: { form: 'attendance' } })
    const rows = await t.db.meetingAttendance.findMany({
      where: { meetingId: begun, userId: { in: [damme.id, knokke.id] } },
      select: { userId: true, presence: true, excuseReason: true },
    })
    expect(rows.find((r) => r.userId === damme.id)).toMatchObject({ presence: 'present' })
    expect(rows.find((r) => r.userId === knokke.id)).toMatchObject({
      presence: 'excused',
      excuseReason: 'Gemeenteraad op hetzelfde uur',
    })
    const page = await callLoader(route.loader, modeUrl(begun), {
      cookie: await cookie(SECRETARY),
      params: { network: 'gos', meeting: begun },
    })
    expect((page.data as { people: unknown[] | null }).people?.length).toBeGreaterThan(0)
  })

  it('answers 404 for an item of another meeting, and to a plain member', async () => {
    const other = await post(begun, {
      intent: 'saveDecision',
      itemId: items.other,
      decisionText: '',
    })
    expect(other.status).toBe(404)
    const member = await post(
      begun,
      { intent: 'saveDecision', itemId: items.first, decisionText: '' },
      MALDEGEM,
    )
    expect(member.status).toBe(404)
  })

  it('records nothing before the meeting has begun (meetingNotOpen)', async () => {
    const page = await callLoader(route.loader, modeUrl(later), {
      cookie: await cookie(SECRETARY),
      params: { network: 'gos', meeting: later },
    })
    expect((page.data as { canRecord: boolean }).canRecord).toBe(false)
    const out = await post(later, {
      intent: 'saveDecision',
      itemId: items.other,
      stay: '1',
      decisionText: 'Te vroeg',
      decisionOutcome: 'adopted',
    })
    expect(out.status).toBe(400)
    const stored = await t.db.agendaItem.findUniqueOrThrow({ where: { id: items.other } })
    expect(stored.decisionText).toBe('')
  })
})
