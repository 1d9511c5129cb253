import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { callAction, callLoader, sessionCookies } from '../setup/route-calls'
import { organisationIds, userIds } from '../setup/seeded-ids'
import { smtpListener } from '../setup/smtp-listener'
import { sendMeetingInvitations } from '../setup/invitations'
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

describe('changes and cancellations reach everyone who had the invitation', () => {
  it('still mail the whole organisation after one of its people is invited by name', async () => {
    const gos = await t.db.network.findUniqueOrThrow({ where: { slug: 'gos' } })
    const startsAt = new Date(Date.now() + 20 * 24 * 3_600_000)
    const meeting = await t.db.meeting.create({
      data: {
        networkId: gos.id,
        title: 'GOS-overleg over de zeewering',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
        hostOrganisationId: org.sluis,
        location: 'Stadhuis Sluis',
        status: 'published',
        invitations: { create: [{ organisationId: org.maldegem }, { organisationId: org.sluis }] },
      },
    })
    // Sluis has standing participants from the tests above, but this meeting was made without them:
    // the whole of Sluis is invited, and so mailed.
    await sendMeetingInvitations(meeting.id, 'published')
    const sluisPeople = await peopleOf(org.sluis)
    expect(sluisPeople.length).toBeGreaterThan(1)
    expect(received.flatMap((m) => m.to)).toEqual(expect.arrayContaining(sluisPeople))
    smtp.clear()

    // The secretary then invites one Sluis person by name: from now on only they are Sluis's invitee.
    const invited = await callAction(
      routes.attendance.action,
      `/netwerken/gos/vergaderingen/${meeting.id}/deelnemers`,
      { intent: 'invitePerson', userId: person.sluis },
      { cookie: await cookie(SECRETARY), params: { network: 'gos', meeting: meeting.id } },
    )
    expect(invited.status).toBe(302)
    expect(received).toEqual([])

    // A change still reaches every Sluis person who has it in their calendar, and so does a cancellation
    // (each raises the meeting's SEQUENCE, as updateMeeting and cancelMeeting do).
    await t.db.meeting.update({ where: { id: meeting.id }, data: { sequence: { increment: 1 } } })
    await sendMeetingInvitations(meeting.id, 'updated')
    expect(received.flatMap((m) => m.to)).toEqual(expect.arrayContaining(sluisPeople))
    smtp.clear()
    await t.db.meeting.update({
      where: { id: meeting.id },
      data: { status: 'cancelled', sequence: { increment: 1 } },
    })
    await sendMeetingInvitations(meeting.id, 'cancelled')
    expect(received.flatMap((m) => m.to)).toEqual(expect.arrayContaining(sluisPeople))
  })

  it('send the invitation itself, not a change, to someone who never had it', async () => {
    const gos = await t.db.network.findUniqueOrThrow({ where: { slug: 'gos' } })
    const startsAt = new Date(Date.now() + 21 * 24 * 3_600_000)
    const meeting = await t.db.meeting.create({
      data: {
        networkId: gos.id,
        title: 'GOS-overleg over de duinen',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
        hostOrganisationId: org.sluis,
        location: 'Stadhuis Sluis',
        status: 'published',
        invitations: { create: [{ organisationId: org.sluis }] },
        attendance: {
          create: [{ userId: person.sluis, organisationId: org.sluis, invited: true }],
        },
      },
    })
    await sendMeetingInvitations(meeting.id, 'published')
    expect(received.flatMap((m) => m.to)).toEqual([SLUIS])
    smtp.clear()
    // Her personal invitation goes: the whole of Sluis is the invitee again.
    await t.db.meetingAttendance.deleteMany({ where: { meetingId: meeting.id } })
    await t.db.meeting.update({ where: { id: meeting.id }, data: { sequence: { increment: 1 } } })
    await sendMeetingInvitations(meeting.id, 'updated')
    const subjects = new Map(
      received.map((m) => [m.to[0], /^Subject: (.*)$/m.exec(m.raw)?.[1] ?? '']),
    )
    expect(subjects.get(SLUIS)).toMatch(/^Gewijzigd/)
    const others = (await peopleOf(org.sluis)).filter((e) => e !== SLUIS)
    for (const other of others) expect(subjects.get(other), other).toMatch(/^Uitnodiging/)
  })
})
