import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { callLoader, sessionCookies, userFor } from '../setup/route-calls'
import { networkIds, organisationIds, seededMeetingIds, userIds } from '../setup/seeded-ids'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// "Voor u" on the dashboard (issue 14, item 1), called as Remix calls the dashboard, against the seeded
// database. GOS = Sluis, Maldegem, Knokke-Heist, Damme, Sint-Laureins; its December meeting is published
// with every member invited; the held meeting left Damme an open action item due in 5 days.

const SECRETARY = 'secretaris.gos@example.org'
const DAMME = 'lid.damme@example.org'
const MALDEGEM = 'lid.maldegem@example.org'
const KNOKKE = 'lid.knokke-heist@example.org'
const DE_WOLDEN = 'lid.dewolden@example.org'

const DAY = 24 * 3_600_000

let t: TestDatabase
let dashboard: typeof import('../../app/routes/dashboard')
const cookie = sessionCookies()
let gos = ''
const org = { damme: '', maldegem: '', knokke: '', sluis: '' }
const person = { secretary: '', damme: '', maldegem: '', knokke: '' }
const meeting = { held: '', published: '', draft: '' }
let searchRow = 900_000

type ForYou = {
  actionItems: {
    total: number
    items: { id: string; description: string; overdue: boolean; href: string }[]
  }
  invitations: { id: string; title: string; href: string }[]
  preparing: {
    id: string
    title: string
    replies: { yes: number; no: number; maybe: number; delegate: number; none: number }
  }[]
  newDocuments: { total: number; items: { id: string; title: string }[] }
  minutes: { id: string; title: string; kind: string }[]
  measurements: { id: string; name: string; organisations: string[]; href: string }[]
  allDone: boolean
}

async function forYouOf(email: string): Promise<ForYou> {
  const outcome = await callLoader(dashboard.loader, '/', { cookie: await cookie(email) })
  expect(outcome.status).toBe(200)
  return (outcome.data as { forYou: ForYou }).forYou
}

async function shareDocument(input: {
  title: string
  owner: string
  audience: 'network' | string[]
  createdAt?: Date
}) {
  return t.db.document.create({
    data: {
      networkId: gos,
      title: input.title,
      type: 'overig',
      language: 'nl',
      audience: input.audience === 'network' ? 'network' : 'selected',
      ownerOrganisationId: input.owner,
      searchRowId: searchRow++,
      createdAt: input.createdAt,
      audienceMembers:
        input.audience === 'network'
          ? undefined
          : {
              create: [input.owner, ...input.audience].map((organisationId) => ({
                organisationId,
              })),
            },
    },
    select: { id: true },
  })
}

beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
  dashboard = await import('../../app/routes/dashboard')
  gos = (await networkIds(t.db, { gos: 'gos' })).gos
  Object.assign(
    org,
    await organisationIds(t.db, {
      damme: 'damme',
      maldegem: 'maldegem',
      knokke: 'knokke-heist',
      sluis: 'sluis',
    }),
  )
  Object.assign(
    person,
    await userIds(t.db, {
      secretary: SECRETARY,
      damme: DAMME,
      maldegem: MALDEGEM,
      knokke: KNOKKE,
    }),
  )
  Object.assign(meeting, await seededMeetingIds(t.db))
})
afterAll(() => t.cleanup())

describe('open action items of my organisation', () => {
  it("shows Damme's item due in 5 days, linked to the network's actions, and not to Maldegem", async () => {
    const damme = await forYouOf(DAMME)
    expect(damme.actionItems.items.map((a) => a.description)).toContain(
      'Offerte van twee shuttle-operators opvragen',
    )
    expect(damme.actionItems.items[0]!.href).toBe('/netwerken/gos/acties')
    const maldegem = await forYouOf(MALDEGEM)
    expect(maldegem.actionItems.items.map((a) => a.description)).not.toContain(
      'Offerte van twee shuttle-operators opvragen',
    )
  })

  it('puts an overdue item first, then by due date; done items are not shown', async () => {
    const base = { networkId: gos, meetingId: meeting.held, organisationId: org.maldegem }
    await t.db.actionItem.createMany({
      data: [
        { ...base, description: 'Later werk', dueDate: new Date(Date.now() + 20 * DAY) },
        {
          ...base,
          description: 'Te laat: fietstellingen',
          dueDate: new Date(Date.now() - 3 * DAY),
        },
        { ...base, description: 'Zonder datum' },
        { ...base, description: 'Al gedaan', status: 'done', dueDate: new Date(Date.now() - DAY) },
      ],
    })
    const { actionItems } = await forYouOf(MALDEGEM)
    expect(actionItems.items.map((a) => [a.description, a.overdue])).toEqual([
      ['Te laat: fietstellingen', true],
      ['Later werk', false],
      ['Zonder datum', false],
    ])
    expect(actionItems.total).toBe(3)
  })

  it('shows the first ten and counts them all when there are more', async () => {
    const base = { networkId: gos, meetingId: meeting.held, organisationId: org.knokke }
    await t.db.actionItem.createMany({
      data: Array.from({ length: 12 }, (_, n) => ({
        ...base,
        description: `Knokke-Heist taak ${n + 1}`,
        dueDate: new Date(Date.now() + (n + 1) * DAY),
      })),
    })
    const { actionItems } = await forYouOf(KNOKKE)
    expect(actionItems.items).toHaveLength(10)
    expect(actionItems.items[0]!.description).toBe('Knokke-Heist taak 1')
    expect(actionItems.total).toBe(12)
  })
})

describe('invitations waiting for my reply', () => {
  it('lists the published meeting until I reply, and never a draft', async () => {
    const before = await forYouOf(DAMME)
    expect(before.invitations.map((m) => m.id)).toEqual([meeting.published])
    expect(before.invitations[0]!.href).toBe(`/netwerken/gos/vergaderingen/${meeting.published}`)

    await t.db.meetingAttendance.create({
      data: {
        meetingId: meeting.published,
        userId: person.damme,
        organisationId: org.damme,
        response: 'yes',
        respondedAt: new Date(),
      },
    })
    const after = await forYouOf(DAMME)
    expect(after.invitations).toEqual([])
  })

  it('is empty for someone whose organisation is not invited', async () => {
    expect((await forYouOf(DE_WOLDEN)).invitations).toEqual([])
  })
})

describe('meetings I prepare', () => {
  it('shows the secretary the reply counts of the published meeting', async () => {
    const { preparing } = await forYouOf(SECRETARY)
    const december = preparing.find((m) => m.id === meeting.published)
    expect(december).toBeDefined()
    // Damme said yes above; everyone else of the five invited organisations has not answered yet.
    expect(december!.replies.yes).toBe(1)
    expect(december!.replies.no + december!.replies.maybe + december!.replies.delegate).toBe(0)
    const invitees = await t.db.user.count({
      where: {
        disabledAt: null,
        organisation: { meetingInvitations: { some: { meetingId: meeting.published } } },
      },
    })
    expect(december!.replies.none).toBe(invitees - 1)
    await t.db.meetingAttendance.create({
      data: {
        meetingId: meeting.published,
        userId: person.knokke,
        organisationId: org.knokke,
        response: 'delegate',
        delegateName: 'Schepen Verhaeghe',
        respondedAt: new Date(),
      },
    })
    const again = (await forYouOf(SECRETARY)).preparing.find((m) => m.id === meeting.published)!
    expect(again.replies).toMatchObject({ yes: 1, delegate: 1, none: invitees - 2 })
  })

  it('counts only the people invited by name of an organisation that has any', async () => {
    // Maldegem's member is invited by name: the rest of Maldegem is no longer waited for, and a reply
    // from one of them is shown among the answers but does not answer for an invitee.
    const before = (await forYouOf(SECRETARY)).preparing.find((m) => m.id === meeting.published)!
    const maldegemPeople = await t.db.user.count({
      where: { organisationId: org.maldegem, disabledAt: null },
    })
    const colleague = await t.db.user.create({
      data: {
        email: 'tweede.maldegem@example.org',
        name: 'Tweede Maldegem',
        organisationId: org.maldegem,
      },
      select: { id: true },
    })
    await t.db.meetingAttendance.create({
      data: {
        meetingId: meeting.published,
        userId: person.maldegem,
        organisationId: org.maldegem,
        invited: true,
      },
    })
    await t.db.meetingAttendance.create({
      data: {
        meetingId: meeting.published,
        userId: colleague.id,
        organisationId: org.maldegem,
        response: 'no',
        respondedAt: new Date(),
      },
    })
    const after = (await forYouOf(SECRETARY)).preparing.find((m) => m.id === meeting.published)!
    expect(after.replies).toEqual({
      ...before.replies,
      no: before.replies.no + 1,
      // Maldegem's people were all waited for; now only the one invited by name is.
      none: before.replies.none - maldegemPeople + 1,
    })
    await t.db.meetingAttendance.deleteMany({
      where: { meetingId: meeting.published, organisationId: org.maldegem },
    })
    await t.db.user.delete({ where: { id: colleague.id } })
    const restored = (await forYouOf(SECRETARY)).preparing.find((m) => m.id === meeting.published)!
    expect(restored.replies).toEqual(before.replies)
  })

  it('is not shown to a member who does not prepare meetings', async () => {
    expect((await forYouOf(DAMME)).preparing).toEqual([])
  })
})

describe('documents shared with my organisation since my last visit', () => {
  it('counts from the visit before this one, leaves out my own and those outside my audience', async () => {
    // A visit long ago, so everything since then is new.
    await t.db.user.update({
      where: { id: person.damme },
      data: { lastVisitAt: new Date(Date.now() - 2 * DAY), previousVisitAt: null },
    })
    const forAll = await shareDocument({
      title: 'Nota grensoverschrijdend vervoer',
      owner: org.knokke,
      audience: 'network',
    })
    const forBelgians = await shareDocument({
      title: 'Offertes Belgische partners',
      owner: org.knokke,
      audience: [org.damme, org.maldegem],
    })
    const notForDamme = await shareDocument({
      title: 'Interne notitie Sluis-Knokke',
      owner: org.knokke,
      audience: [org.sluis],
    })
    const own = await shareDocument({
      title: 'Eigen stuk Damme',
      owner: org.damme,
      audience: 'network',
    })

    const first = await forYouOf(DAMME)
    const ids = first.newDocuments.items.map((d) => d.id)
    expect(ids).toEqual(expect.arrayContaining([forAll.id, forBelgians.id]))
    expect(ids).not.toContain(notForDamme.id)
    expect(ids).not.toContain(own.id)

    // Reloading within the same visit keeps the list; it is the visit before this one that counts.
    const reload = await forYouOf(DAMME)
    expect(reload.newDocuments.items.map((d) => d.id)).toEqual(ids)

    // Seen in that visit, which (as if time passed) ended an hour ago; shared two hours ago. The next
    // visit no longer counts them as new.
    const HOUR = 3_600_000
    await t.db.document.updateMany({
      where: { id: { in: ids } },
      data: { createdAt: new Date(Date.now() - 2 * HOUR) },
    })
    await t.db.user.update({
      where: { id: person.damme },
      data: { lastVisitAt: new Date(Date.now() - HOUR) },
    })
    const next = await forYouOf(DAMME)
    expect(next.newDocuments.total).toBe(0)
  })
})

describe('minutes waiting for approval', () => {
  it('shows an open written round to an invited organisation that has not answered yet', async () => {
    await t.db.meeting.update({ where: { id: meeting.held }, data: { minutesText: 'Concept' } })
    const round = await t.db.minutesRound.create({
      data: { meetingId: meeting.held, deadline: new Date(Date.now() + 7 * DAY) },
    })
    const held = await t.db.meetingInvitation.count({
      where: { meetingId: meeting.held, organisationId: org.damme },
    })
    expect(held).toBe(1)
    expect((await forYouOf(DAMME)).minutes.map((m) => [m.id, m.kind])).toContainEqual([
      meeting.held,
      'round',
    ])
    await t.db.minutesRoundAnswer.create({
      data: { roundId: round.id, organisationId: org.damme, userId: person.damme, reply: 'agree' },
    })
    expect((await forYouOf(DAMME)).minutes.map((m) => m.id)).not.toContain(meeting.held)
  })
})

describe('partners that have not reported a measurement', () => {
  it("shows the network's coordinator a goal's missing partners for the current period", async () => {
    const goal = await t.db.goal.create({
      data: {
        networkId: gos,
        name: 'Minder lege ritten grensvervoer',
        unit: 'percent',
        direction: 'lower',
        baselineValue: 40,
        targetValue: 20,
        targetDate: new Date(Date.now() + 365 * DAY),
        reportingPeriod: 'monthly',
        measurements: { create: { organisationId: org.sluis, date: new Date(), value: 35 } },
      },
    })
    const coordinator = await forYouOf('coordinator.gos@example.org')
    const entry = coordinator.measurements.find((m) => m.id === goal.id)
    expect(entry).toBeDefined()
    expect(entry!.href).toBe(`/netwerken/gos/doelen/${goal.id}`)
    const damme = await t.db.organisation.findUniqueOrThrow({ where: { id: org.damme } })
    const sluis = await t.db.organisation.findUniqueOrThrow({ where: { id: org.sluis } })
    expect(entry!.organisations).toContain(damme.name)
    expect(entry!.organisations).not.toContain(sluis.name)
    // Not for a member without the coordinator role.
    expect((await forYouOf(DAMME)).measurements).toEqual([])
  })
})

describe('when nothing needs me', () => {
  it('says all is done', async () => {
    const user = await userFor(await cookie(DE_WOLDEN))
    await t.db.actionItem.updateMany({
      where: { organisationId: user.organisation.id },
      data: { status: 'done' },
    })
    await t.db.user.update({
      where: { id: user.id },
      data: { lastVisitAt: new Date(), previousVisitAt: new Date() },
    })
    const forYou = await forYouOf(DE_WOLDEN)
    expect(forYou.allDone).toBe(true)
    expect((await forYouOf(DAMME)).allDone).toBe(false)
  })
})

describe('the network cards beside "Voor u"', () => {
  it("show each network of the person's organisation with its current members and the person's roles", async () => {
    const cards = async (email: string) => {
      const outcome = await callLoader(dashboard.loader, '/', { cookie: await cookie(email) })
      return (
        outcome.data as {
          networks: { slug: string; memberCount: number; roles: string[] }[]
        }
      ).networks.map((n) => [n.slug, n.memberCount, n.roles.join(',')])
    }
    const members = (slug: string) =>
      t.db.networkMembership.count({
        where: {
          network: { slug },
          activeFrom: { lte: new Date() },
          OR: [{ activeTo: null }, { activeTo: { gt: new Date() } }],
        },
      })
    expect(await cards(SECRETARY)).toContainEqual(['gos', await members('gos'), 'secretary'])
    expect(await cards(DAMME)).toContainEqual(['gos', await members('gos'), ''])
    expect((await cards(DE_WOLDEN)).map(([slug]) => slug)).toEqual(['p10'])
  })
})
