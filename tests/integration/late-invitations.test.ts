import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { callAction, callLoader, sessionCookies } from '../setup/route-calls'
import { seededMeetingIds } from '../setup/seeded-ids'
import { smtpListener } from '../setup/smtp-listener'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// A partner that joins a network after its meetings were published (issue 11, item 4): the network's
// preparers are offered, on the network page, to invite it to the published meetings still to come;
// doing so mails only that partner's people.

const COORDINATOR = 'coordinator.gos@example.org'
const DAMME = 'lid.damme@example.org'
const NEWCOMER = 'lid.brugge@example.org'

const smtp = smtpListener()
const { received } = smtp
let t: TestDatabase
let route: typeof import('../../app/routes/network')
const cookie = sessionCookies()
let brugge = ''
let published = ''

beforeAll(async () => {
  await smtp.start()
  t = await createTestDatabase()
  await seed(t.db)
  route = await import('../../app/routes/network')
  published = (await seededMeetingIds(t.db)).published
  const gos = await t.db.network.findUniqueOrThrow({ where: { slug: 'gos' } })
  const organisation = await t.db.organisation.create({
    data: {
      slug: 'brugge',
      name: 'Stad Brugge',
      kind: 'municipality',
      country: 'BE',
      defaultLocale: 'nl-BE',
      memberships: { create: { networkId: gos.id } },
      users: { create: { email: NEWCOMER, name: 'Bram Brugge' } },
    },
  })
  brugge = organisation.id
})
afterAll(async () => {
  await t.cleanup()
  await smtp.stop()
})
afterEach(() => smtp.clear())

const page = async (email: string) =>
  callLoader(route.loader, '/netwerken/gos', {
    cookie: await cookie(email),
    params: { network: 'gos' },
  })
const invite = async (email: string, organisationId = brugge) =>
  callAction(
    route.action,
    '/netwerken/gos',
    { intent: 'inviteToUpcoming', organisationId },
    { cookie: await cookie(email), params: { network: 'gos' } },
  )
type Offer = { organisation: { name: string }; meetings: { id: string }[] }[]

describe('a partner that joined after meetings were published', () => {
  it('is offered to the preparers with the meetings it misses, and to nobody else', async () => {
    const offers = (await page(COORDINATOR)).data as { uninvited: Offer }
    expect(offers.uninvited.map((o) => o.organisation.name)).toEqual(['Stad Brugge'])
    expect(offers.uninvited[0]!.meetings.map((m) => m.id)).toContain(published)
    expect(((await page(DAMME)).data as { uninvited: Offer }).uninvited).toEqual([])
  })

  it('is invited by a preparer only (404 for a member), and only its people are mailed', async () => {
    expect((await invite(DAMME)).status).toBe(404)
    expect(await t.db.meetingInvitation.count({ where: { organisationId: brugge } })).toBe(0)

    const out = await invite(COORDINATOR)
    expect(out.status).toBe(302)
    expect(
      await t.db.meetingInvitation.count({
        where: { organisationId: brugge, meetingId: published },
      }),
    ).toBe(1)
    expect(received.flatMap((m) => m.to)).toEqual(expect.arrayContaining([NEWCOMER]))
    expect(new Set(received.flatMap((m) => m.to))).toEqual(new Set([NEWCOMER]))
    expect(((await page(COORDINATOR)).data as { uninvited: Offer }).uninvited).toEqual([])
  })

  it('refuses an organisation outside the network, inviting nobody', async () => {
    const deWolden = await t.db.organisation.findUniqueOrThrow({ where: { slug: 'de-wolden' } })
    const out = await invite(COORDINATOR, deWolden.id)
    expect(out.status).toBe(400)
    expect(out.data).toEqual({ error: 'organisationNotInNetwork' })
    expect(received).toEqual([])
  })

  it('never offers a partner that was a member when the meeting was published (left out on purpose)', async () => {
    const damme = await t.db.organisation.findUniqueOrThrow({ where: { slug: 'damme' } })
    await t.db.meetingInvitation.deleteMany({
      where: { meetingId: published, organisationId: damme.id },
    })
    const offers = ((await page(COORDINATOR)).data as { uninvited: Offer }).uninvited
    expect(offers.map((o) => o.organisation.name)).not.toContain('Gemeente Damme')
    const out = await invite(COORDINATOR, damme.id)
    expect(out.status).toBe(302)
    expect(
      await t.db.meetingInvitation.count({
        where: { meetingId: published, organisationId: damme.id },
      }),
    ).toBe(0)
  })

  it('invites the standing participants of a newcomer by name, and a second click changes nothing', async () => {
    const gos = await t.db.network.findUniqueOrThrow({ where: { slug: 'gos' } })
    const organisation = await t.db.organisation.create({
      data: {
        slug: 'oostkamp',
        name: 'Gemeente Oostkamp',
        kind: 'municipality',
        country: 'BE',
        defaultLocale: 'nl-BE',
        memberships: { create: { networkId: gos.id } },
        users: {
          create: [
            { email: 'burgemeester@oostkamp.example.org', name: 'Burgemeester Oostkamp' },
            { email: 'balie@oostkamp.example.org', name: 'Onthaal Oostkamp' },
          ],
        },
      },
      include: { users: true },
    })
    const mayor = organisation.users.find((u) => u.email.startsWith('burgemeester'))!
    await t.db.networkParticipant.create({
      data: { networkId: gos.id, userId: mayor.id, function: 'mayor' },
    })
    const [first, second] = await Promise.all([
      invite(COORDINATOR, organisation.id),
      invite(COORDINATOR, organisation.id),
    ])
    expect([first.status, second.status]).toEqual([302, 302])
    expect(
      await t.db.meetingAttendance.findMany({
        where: { meetingId: published, organisationId: organisation.id },
        select: { userId: true, invited: true },
      }),
    ).toEqual([{ userId: mayor.id, invited: true }])
    // Only the standing participant is mailed, not every account of Oostkamp.
    expect(received.flatMap((m) => m.to)).toContain('burgemeester@oostkamp.example.org')
    expect(received.flatMap((m) => m.to)).not.toContain('balie@oostkamp.example.org')
  })
})
