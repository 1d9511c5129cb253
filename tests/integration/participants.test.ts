import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { callAction, callLoader, sessionCookies } from '../setup/route-calls'
import { organisationIds, userIds } from '../setup/seeded-ids'
import { smtpListener } from '../setup/smtp-listener'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// Standing participants (issue 11, item 4): who of each GOS partner attends its meetings. A new meeting
// invites them by name, and the invitation goes to them instead of to every account of their
// organisation (the walkthrough counted 10 mails for 5 organisations, administrators included). A
// partner without standing participants still gets the invitation for all its people.

const SECRETARY = 'secretaris.gos@example.org'
const SLUIS = 'lid.sluis@example.org'
const KNOKKE = 'lid.knokke-heist@example.org'
const DAMME = 'lid.damme@example.org'
const DE_WOLDEN = 'lid.dewolden@example.org'

const smtp = smtpListener()
const { received } = smtp
let t: TestDatabase
let routes: {
  participants: typeof import('../../app/routes/network-participants')
  create: typeof import('../../app/routes/meetings/new')
  detail: typeof import('../../app/routes/meetings/detail')
  attendance: typeof import('../../app/routes/meetings/attendance')
}
const cookie = sessionCookies()
const org = { sluis: '', knokke: '', damme: '', maldegem: '', sintLaureins: '' }
const person = { sluis: '', knokke: '', damme: '' }

beforeAll(async () => {
  await smtp.start()
  t = await createTestDatabase()
  await seed(t.db)
  routes = {
    participants: await import('../../app/routes/network-participants'),
    create: await import('../../app/routes/meetings/new'),
    detail: await import('../../app/routes/meetings/detail'),
    attendance: await import('../../app/routes/meetings/attendance'),
  }
  Object.assign(
    org,
    await organisationIds(t.db, {
      sluis: 'sluis',
      knokke: 'knokke-heist',
      damme: 'damme',
      maldegem: 'maldegem',
      sintLaureins: 'sint-laureins',
    }),
  )
  Object.assign(person, await userIds(t.db, { sluis: SLUIS, knokke: KNOKKE, damme: DAMME }))
})
afterAll(async () => {
  await t.cleanup()
  await smtp.stop()
})
afterEach(() => smtp.clear())

const listPath = '/netwerken/gos/vaste-deelnemers'
const post = async (fields: Record<string, string>, email = SECRETARY) =>
  callAction(routes.participants.action, listPath, fields, {
    cookie: await cookie(email),
    params: { network: 'gos' },
  })
const list = async (email: string) =>
  callLoader(routes.participants.loader, listPath, {
    cookie: await cookie(email),
    params: { network: 'gos' },
  })

async function peopleOf(...organisationIds: string[]) {
  const users = await t.db.user.findMany({
    where: { organisationId: { in: organisationIds }, disabledAt: null },
    select: { email: true },
  })
  return users.map((u) => u.email)
}

describe('the standing participants of a network', () => {
  it('are kept by its preparers, with a function, and seen by every member', async () => {
    for (const [userId, fn] of [
      [person.sluis, 'policy_adviser'],
      [person.knokke, 'alderman'],
      [person.damme, 'mayor'],
    ] as const) {
      const out = await post({ intent: 'add', userId, function: fn })
      expect(out.status, JSON.stringify(out.data)).toBe(302)
    }
    const page = await list(DAMME)
    expect(page.status).toBe(200)
    const data = page.data as {
      canManage: boolean
      participants: { name: string; function: string; organisation: { name: string } }[]
    }
    expect(data.canManage).toBe(false)
    expect(data.participants.map((p) => [p.organisation.name, p.function])).toEqual([
      ['Gemeente Damme', 'mayor'],
      ['Gemeente Knokke-Heist', 'alderman'],
      ['Gemeente Sluis', 'policy_adviser'],
    ])
    expect(await t.db.auditEvent.count({ where: { action: 'network.participant_added' } })).toBe(3)
  })

  it('refuses a plain member (404), someone outside the network and a made-up function (400)', async () => {
    const before = await t.db.networkParticipant.count()
    expect(
      (await post({ intent: 'add', userId: person.sluis, function: 'mayor' }, DAMME)).status,
    ).toBe(404)
    expect((await list(DE_WOLDEN)).status).toBe(404)
    const outsider = await t.db.user.findUniqueOrThrow({ where: { email: DE_WOLDEN } })
    const out = await post({ intent: 'add', userId: outsider.id, function: 'mayor' })
    expect(out.status).toBe(400)
    expect(out.data).toEqual({ error: 'personNotInNetwork' })
    expect((await post({ intent: 'add', userId: person.sluis, function: 'koning' })).status).toBe(
      400,
    )
    expect(await t.db.networkParticipant.count()).toBe(before)
  })

  it('are invited by name to a new meeting, and the invitation reaches them instead of everyone', async () => {
    const created = await callAction(
      routes.create.action,
      '/netwerken/gos/vergaderingen/nieuw',
      {
        title: 'GOS-overleg met vaste deelnemers',
        day: '2027-09-16',
        startTime: '14:00',
        endTime: '16:00',
        location: 'Gemeentehuis Damme',
        hostOrganisationId: org.damme,
        standing: ['opening', 'closing'],
      },
      { cookie: await cookie(SECRETARY), params: { network: 'gos' } },
    )
    expect(created.status, JSON.stringify(created.data)).toBe(302)
    const id = /vergaderingen\/([a-z0-9]+)\/agenda$/.exec(created.location ?? '')![1]!
    const named = await t.db.meetingAttendance.findMany({
      where: { meetingId: id, invited: true },
      select: { userId: true },
    })
    expect(named.map((n) => n.userId).sort()).toEqual(
      [person.sluis, person.knokke, person.damme].sort(),
    )

    const published = await callAction(
      routes.detail.action,
      `/netwerken/gos/vergaderingen/${id}`,
      { intent: 'publish', confirmed: 'yes' },
      { cookie: await cookie(SECRETARY), params: { network: 'gos', meeting: id } },
    )
    expect(published.status).toBe(302)
    // Sluis, Knokke-Heist and Damme: their participants only (no administrators, no secretary);
    // Maldegem and Sint-Laureins have none on the list, so all their people.
    const everyoneElse = await peopleOf(org.maldegem, org.sintLaureins)
    expect(received.flatMap((m) => m.to).sort()).toEqual(
      [SLUIS, KNOKKE, DAMME, ...everyoneElse].sort(),
    )
    expect(received.length).toBeLessThan((await peopleOf(...Object.values(org))).length)
  })

  it('leave the list without leaving meetings they were invited to', async () => {
    const out = await post({ intent: 'remove', userId: person.damme })
    expect(out.status).toBe(302)
    expect(await t.db.networkParticipant.count({ where: { userId: person.damme } })).toBe(0)
    expect(
      await t.db.meetingAttendance.count({ where: { userId: person.damme, invited: true } }),
    ).toBeGreaterThan(0)
  })
})
