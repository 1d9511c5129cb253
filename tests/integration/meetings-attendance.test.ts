import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import {
  callAction,
  callLoader,
  fieldErrors,
  sessionCookies,
  type Outcome,
} from '../setup/route-calls'
import { networkIds, organisationIds, seededMeetingIds, userIds } from '../setup/seeded-ids'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// Invitations, replies (RSVP) and attendance (issue 4, item 4), called as Remix calls the meeting page
// and its /deelnemers page, against the seeded database. Refused input answers with a message key and
// leaves the meeting tables as they were; what is out of reach answers 404.
//
// GOS = Sluis, Maldegem, Knokke-Heist, Damme, Sint-Laureins. The secretary works for Sluis; lid.sluis is
// also in P10; De Wolden is in P10 only; Terneuzen is not in GOS. The seeded December meeting is
// published with every member invited; meetings made here are written to the database directly, with
// the invitations the meeting form would make.

const SECRETARY = 'secretaris.gos@example.org'
const SLUIS = 'lid.sluis@example.org'
const DAMME = 'lid.damme@example.org'
const MALDEGEM = 'lid.maldegem@example.org'
const DE_WOLDEN = 'lid.dewolden@example.org'
const TERNEUZEN = 'lid.terneuzen@example.org'

const RUN = Date.now().toString(36)
const HOUR = 3_600_000
const DAY = 24 * HOUR

let t: TestDatabase
let routes: {
  detail: typeof import('../../app/routes/meetings/detail')
  attendance: typeof import('../../app/routes/meetings/attendance')
}
const cookie = sessionCookies()
let gos = ''
const org = { sluis: '', knokke: '', damme: '', maldegem: '', terneuzen: '', deWolden: '' }
const person = { secretary: '', sluis: '', damme: '', maldegem: '', terneuzen: '', deWolden: '' }
const seeded = { held: '', published: '', draft: '' }

beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
  routes = {
    detail: await import('../../app/routes/meetings/detail'),
    attendance: await import('../../app/routes/meetings/attendance'),
  }
  gos = (await networkIds(t.db, { gos: 'gos' })).gos
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
  Object.assign(
    person,
    await userIds(t.db, {
      secretary: SECRETARY,
      sluis: SLUIS,
      damme: DAMME,
      maldegem: MALDEGEM,
      terneuzen: TERNEUZEN,
      deWolden: DE_WOLDEN,
    }),
  )
  Object.assign(seeded, await seededMeetingIds(t.db))
})
afterAll(() => t.cleanup())

// ---- helpers ----

type Fields = Record<string, string | string[]>

const meetingPath = (id: string, rest = '') => `/netwerken/gos/vergaderingen/${id}${rest}`

/** A GOS meeting with every member invited, as the form makes it, in the given state. */
async function addMeeting(status: string, startsAt: Date, invited?: string[]) {
  const organisations = invited ?? [org.sluis, org.knokke, org.damme, org.maldegem]
  const created = await t.db.meeting.create({
    data: {
      networkId: gos,
      title: `Deelnemersoverleg ${status} ${RUN}`,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * HOUR),
      hostOrganisationId: org.knokke,
      location: 'Gemeentehuis Knokke-Heist',
      status,
      invitations: { create: organisations.map((organisationId) => ({ organisationId })) },
    },
    select: { id: true },
  })
  return created.id
}

async function reply(email: string, meetingId: string, fields: Fields, network = 'gos') {
  return callAction(
    routes.detail.action,
    `/netwerken/${network}/vergaderingen/${meetingId}`,
    { intent: 'respond', ...fields },
    { cookie: await cookie(email), params: { network, meeting: meetingId } },
  )
}

async function postAttendance(meetingId: string, fields: Fields, email = SECRETARY) {
  return callAction(routes.attendance.action, meetingPath(meetingId, '/deelnemers'), fields, {
    cookie: await cookie(email),
    params: { network: 'gos', meeting: meetingId },
  })
}

async function meetingTables() {
  const [meetings, invitations, attendance, items] = await Promise.all([
    t.db.meeting.findMany({ orderBy: { id: 'asc' } }),
    t.db.meetingInvitation.findMany({ orderBy: [{ meetingId: 'asc' }, { organisationId: 'asc' }] }),
    t.db.meetingAttendance.findMany({ orderBy: { id: 'asc' } }),
    t.db.agendaItem.findMany({ orderBy: { id: 'asc' } }),
  ])
  return { meetings, invitations, attendance, items }
}

async function writesNothing(act: () => Promise<Outcome>): Promise<Outcome> {
  const before = await meetingTables()
  const out = await act()
  expect(await meetingTables()).toEqual(before)
  return out
}

const attendanceRow = (meetingId: string, userId: string) =>
  t.db.meetingAttendance.findUnique({ where: { meetingId_userId: { meetingId, userId } } })

const invitedOrganisations = async (meetingId: string) =>
  (await t.db.meetingInvitation.findMany({ where: { meetingId } }))
    .map((i) => i.organisationId)
    .sort()

// ---- replies ----

describe('replying to an invitation (RSVP)', () => {
  it('saves the reply of a member of an invited organisation', async () => {
    const started = Date.now()
    const out = await reply(DAMME, seeded.published, { response: 'yes' })
    expect(out.status, JSON.stringify(out.data)).toBe(302)
    expect(out.location).toBe(meetingPath(seeded.published))
    const row = await attendanceRow(seeded.published, person.damme)
    expect(row).toMatchObject({
      organisationId: org.damme,
      response: 'yes',
      delegateName: null,
      invited: false,
      presence: null,
      excuseReason: null,
    })
    expect(row!.respondedAt!.getTime()).toBeGreaterThanOrEqual(started - 1000)

    // The meeting page shows it back.
    const page = await callLoader(routes.detail.loader, meetingPath(seeded.published), {
      cookie: await cookie(DAMME),
      params: { network: 'gos', meeting: seeded.published },
    })
    expect(page.data).toMatchObject({ canRespond: true, reply: { response: 'yes' } })
  })

  it('opens the page from a reply link with that answer chosen, and sends nothing by itself', async () => {
    const before = await attendanceRow(seeded.published, person.maldegem)
    const open = async (query: string) =>
      callLoader(routes.detail.loader, `${meetingPath(seeded.published)}${query}`, {
        cookie: await cookie(MALDEGEM),
        params: { network: 'gos', meeting: seeded.published },
      })
    expect((await open('?antwoord=nee')).data).toMatchObject({ suggested: 'no' })
    expect((await open('?antwoord=misschien')).data).toMatchObject({ suggested: 'maybe' })
    for (const query of ['?antwoord=toString', '?antwoord=delegate', '']) {
      expect((await open(query)).data).toMatchObject({ suggested: null })
    }
    expect(await attendanceRow(seeded.published, person.maldegem)).toEqual(before)
  })

  it('changes a reply: a delegate with a name, then maybe (the name goes)', async () => {
    const delegate = await reply(DAMME, seeded.published, {
      response: 'delegate',
      delegateName: 'Schepen Vandamme',
    })
    expect(delegate.status).toBe(302)
    expect(await attendanceRow(seeded.published, person.damme)).toMatchObject({
      response: 'delegate',
      delegateName: 'Schepen Vandamme',
    })
    const maybe = await reply(DAMME, seeded.published, {
      response: 'maybe',
      delegateName: 'Blijft niet staan',
    })
    expect(maybe.status).toBe(302)
    expect(await attendanceRow(seeded.published, person.damme)).toMatchObject({
      response: 'maybe',
      delegateName: null,
    })
    expect(
      await t.db.meetingAttendance.count({
        where: { meetingId: seeded.published, userId: person.damme },
      }),
    ).toBe(1)
  })

  it.each([
    [
      'a delegate without a name',
      { response: 'delegate' },
      { delegateName: ['delegateNameRequired'] },
    ],
    [
      'a delegate whose name is only spaces',
      { response: 'delegate', delegateName: '   ' },
      { delegateName: ['delegateNameRequired'] },
    ],
    ['an answer that is not offered', { response: 'ja' }, { response: ['choose'] }],
    ['no answer', {}, { response: ['choose'] }],
    [
      'a reply on behalf of someone else',
      { response: 'no', userId: 'iemand-anders' },
      { '': ['unexpectedField'] },
    ],
  ])('refuses %s (400, nothing written)', async (_, fields: Fields, expected) => {
    const out = await writesNothing(() => reply(DAMME, seeded.published, fields))
    expect(out.status).toBe(400)
    expect(fieldErrors(out.data)).toEqual(expected)
  })

  it('refuses a reply to a draft, even from its secretary who can see it (notInvited)', async () => {
    const out = await writesNothing(() => reply(SECRETARY, seeded.draft, { response: 'yes' }))
    expect(out.status).toBe(400)
    expect(fieldErrors(out.data)).toEqual({ '': ['notInvited'] })
    // A plain member does not see the draft at all.
    const member = await writesNothing(() => reply(DAMME, seeded.draft, { response: 'yes' }))
    expect(member.status).toBe(404)
  })

  it('refuses a reply to a cancelled or a held meeting (notInvited, nothing written)', async () => {
    const cancelled = await addMeeting('cancelled', new Date(Date.now() + 10 * DAY))
    for (const id of [cancelled, seeded.held]) {
      const out = await writesNothing(() => reply(DAMME, id, { response: 'yes' }))
      expect(out.status).toBe(400)
      expect(fieldErrors(out.data)).toEqual({ '': ['notInvited'] })
    }
  })

  it('refuses a reply from an organisation that is not invited, until the person is invited by name', async () => {
    const id = await addMeeting('published', new Date(Date.now() + 12 * DAY), [org.sluis])
    const out = await writesNothing(() => reply(DAMME, id, { response: 'yes' }))
    expect(fieldErrors(out.data)).toEqual({ '': ['notInvited'] })
    expect(
      (await postAttendance(id, { intent: 'invitePerson', userId: person.damme })).status,
    ).toBe(302)
    expect((await reply(DAMME, id, { response: 'no' })).status).toBe(302)
    expect(await attendanceRow(id, person.damme)).toMatchObject({ invited: true, response: 'no' })
  })

  it('answers 404 to a reply for a GOS meeting posted under the P10 address, writing nothing', async () => {
    // lid.sluis is in both networks; lid.damme only in GOS; lid.dewolden only in P10.
    for (const email of [SLUIS, DAMME, DE_WOLDEN]) {
      const out = await writesNothing(() =>
        reply(email, seeded.published, { response: 'yes' }, 'p10'),
      )
      expect(out.status, email).toBe(404)
    }
    const outsider = await writesNothing(() =>
      reply(DE_WOLDEN, seeded.published, { response: 'yes' }),
    )
    expect(outsider.status).toBe(404)
  })
})

// ---- invitations ----

describe('invitations', () => {
  it('refuses an organisation outside the network (organisationNotInNetwork, nothing written)', async () => {
    const id = await addMeeting('draft', new Date(Date.now() + 20 * DAY))
    for (const outsider of [org.terneuzen, org.deWolden, 'bestaatniet']) {
      const out = await writesNothing(() =>
        postAttendance(id, { intent: 'saveInvitations', organisationIds: [org.damme, outsider] }),
      )
      expect(out.status, outsider).toBe(400)
      expect(out.data).toEqual({ failure: 'organisationNotInNetwork' })
    }
  })

  it('replaces the invited organisations with the ticked ones', async () => {
    const id = await addMeeting('draft', new Date(Date.now() + 21 * DAY))
    const out = await postAttendance(id, {
      intent: 'saveInvitations',
      organisationIds: [org.damme, org.knokke, org.damme],
    })
    expect(out.status, JSON.stringify(out.data)).toBe(302)
    expect(out.location).toBe(meetingPath(id, '/deelnemers'))
    expect(await invitedOrganisations(id)).toEqual([org.damme, org.knokke].sort())
  })

  it('refuses to change invitations once the meeting is held (invitationsClosed)', async () => {
    const out = await writesNothing(() =>
      postAttendance(seeded.held, { intent: 'saveInvitations', organisationIds: [org.damme] }),
    )
    expect(out.data).toEqual({ failure: 'invitationsClosed' })
  })

  it('refuses to invite a person outside the network (personNotInNetwork, nothing written)', async () => {
    const id = await addMeeting('draft', new Date(Date.now() + 22 * DAY))
    const gone = await t.db.user.create({
      data: {
        email: `vertrokken.${RUN}@example.org`,
        name: 'Vertrokken Medewerker',
        organisationId: org.damme,
        disabledAt: new Date(),
      },
    })
    for (const userId of [person.terneuzen, person.deWolden, gone.id, 'bestaatniet']) {
      const out = await writesNothing(() => postAttendance(id, { intent: 'invitePerson', userId }))
      expect(out.status, userId).toBe(400)
      expect(out.data).toEqual({ failure: 'personNotInNetwork' })
    }
    const empty = await writesNothing(() =>
      postAttendance(id, { intent: 'invitePerson', userId: '' }),
    )
    expect(empty.status).toBe(400)
  })

  it('invites a person of a member organisation by name, once', async () => {
    const id = await addMeeting('draft', new Date(Date.now() + 23 * DAY))
    for (let i = 0; i < 2; i++) {
      const out = await postAttendance(id, { intent: 'invitePerson', userId: person.maldegem })
      expect(out.status).toBe(302)
    }
    const rows = await t.db.meetingAttendance.findMany({ where: { meetingId: id } })
    expect(rows).toEqual([
      expect.objectContaining({
        userId: person.maldegem,
        organisationId: org.maldegem,
        invited: true,
      }),
    ])
  })

  it('answers 404 to a plain member or an outsider changing invitations, writing nothing', async () => {
    for (const email of [SLUIS, DAMME, DE_WOLDEN]) {
      const invite = await writesNothing(() =>
        postAttendance(
          seeded.published,
          { intent: 'saveInvitations', organisationIds: [org.sluis] },
          email,
        ),
      )
      expect(invite.status, email).toBe(404)
      const byName = await writesNothing(() =>
        postAttendance(seeded.published, { intent: 'invitePerson', userId: person.sluis }, email),
      )
      expect(byName.status, email).toBe(404)
    }
  })

  it('answers an unknown intent with a message, writing nothing', async () => {
    const out = await writesNothing(() => postAttendance(seeded.published, { intent: 'alles' }))
    expect(out.status).toBe(400)
    expect(out.data).toEqual({ failure: 'unknownAction' })
  })
})

// ---- attendance ----

describe('recording attendance', () => {
  /** The attendance form's fields: per person present, excused (with a reason) or absent. */
  const record = (
    people: Record<string, 'present' | 'excused' | 'absent' | string>,
    reasons: Record<string, string> = {},
  ): Fields => ({
    intent: 'saveAttendance',
    ...Object.fromEntries(Object.entries(people).map(([id, p]) => [`presence.${id}`, p])),
    ...Object.fromEntries(Object.entries(reasons).map(([id, r]) => [`reason.${id}`, r])),
  })
  const presenceOf = async (meetingId: string) =>
    Object.fromEntries(
      (await t.db.meetingAttendance.findMany({ where: { meetingId } })).map((r) => [
        r.userId,
        [r.presence, r.excuseReason],
      ]),
    )

  it('refuses before the meeting has started (notYetHeld, nothing written)', async () => {
    const soon = await addMeeting('published', new Date(Date.now() + HOUR))
    const out = await writesNothing(() =>
      postAttendance(soon, record({ [person.damme]: 'present' })),
    )
    expect(out.status).toBe(400)
    expect(out.data).toEqual({ failure: 'notYetHeld' })
    // A draft or cancelled meeting in the past was not held either.
    for (const status of ['draft', 'cancelled']) {
      const id = await addMeeting(status, new Date(Date.now() - 3 * DAY))
      const past = await writesNothing(() =>
        postAttendance(id, record({ [person.damme]: 'present' })),
      )
      expect(past.data, status).toEqual({ failure: 'notYetHeld' })
    }
  })

  it('records present, excused with a reason, and absent per person', async () => {
    const id = await addMeeting('published', new Date(Date.now() - 2 * HOUR))
    // Maldegem replied yes but stayed away; Sluis's member was invited by name.
    await t.db.meetingAttendance.createMany({
      data: [
        { meetingId: id, userId: person.maldegem, organisationId: org.maldegem, response: 'yes' },
        { meetingId: id, userId: person.sluis, organisationId: org.sluis, invited: true },
      ],
    })
    const out = await postAttendance(
      id,
      record(
        {
          [person.damme]: 'present',
          [person.secretary]: 'present',
          [person.maldegem]: 'excused',
          [person.sluis]: 'absent',
        },
        { [person.maldegem]: '  Andere afspraak  ', [person.sluis]: 'Alleen bij verontschuldigd' },
      ),
    )
    expect(out.status, JSON.stringify(out.data)).toBe(302)
    expect(await presenceOf(id)).toEqual({
      [person.damme]: ['present', null],
      [person.secretary]: ['present', null],
      [person.maldegem]: ['excused', 'Andere afspraak'],
      [person.sluis]: ['absent', null],
    })
    expect((await attendanceRow(id, person.maldegem))?.response).toBe('yes')

    // Recorded again: the secretary was away after all, and the reason goes with "present".
    await postAttendance(id, record({ [person.secretary]: 'absent', [person.maldegem]: 'present' }))
    expect((await attendanceRow(id, person.secretary))?.presence).toBe('absent')
    expect(await attendanceRow(id, person.maldegem)).toMatchObject({
      presence: 'present',
      excuseReason: null,
    })
    expect((await attendanceRow(id, person.damme))?.presence).toBe('present')
  })

  it('a "no" reply counts as excused, and anyone else not recorded as absent', async () => {
    const id = await addMeeting('published', new Date(Date.now() - 2 * HOUR))
    await t.db.meetingAttendance.createMany({
      data: [
        { meetingId: id, userId: person.maldegem, organisationId: org.maldegem, response: 'no' },
        { meetingId: id, userId: person.sluis, organisationId: org.sluis, response: 'maybe' },
      ],
    })
    const out = await postAttendance(id, record({ [person.damme]: 'present' }))
    expect(out.status).toBe(302)
    expect(await presenceOf(id)).toEqual({
      [person.damme]: ['present', null],
      [person.maldegem]: ['excused', null],
      [person.sluis]: ['absent', null],
    })
    // The form offers "excused" for a "no" reply that is not recorded yet.
    const page = await callLoader(routes.attendance.loader, meetingPath(id, '/deelnemers'), {
      cookie: await cookie(SECRETARY),
      params: { network: 'gos', meeting: id },
    })
    const groups = (page.data as { groups: { people: { user: { id: string } }[] }[] }).groups
    const maldegem = groups.flatMap((g) => g.people).find((p) => p.user.id === person.maldegem)
    expect(maldegem).toMatchObject({ presence: 'excused', response: 'no' })
  })

  it('records attendance for a meeting already marked as held', async () => {
    const out = await postAttendance(seeded.held, record({ [person.maldegem]: 'present' }))
    expect(out.status).toBe(302)
    expect((await attendanceRow(seeded.held, person.maldegem))?.presence).toBe('present')
  })

  it('refuses an unknown presence or a reason that is too long (choose, nothing written)', async () => {
    const id = await addMeeting('published', new Date(Date.now() - 2 * HOUR))
    for (const fields of [
      record({ [person.damme]: 'maybe' }),
      record({ [person.damme]: 'excused' }, { [person.damme]: 'x'.repeat(501) }),
    ]) {
      const out = await writesNothing(() => postAttendance(id, fields))
      expect(out.status).toBe(400)
      expect(out.data).toEqual({ failure: 'choose' })
    }
  })

  it('refuses a person outside the network (personNotInNetwork, nothing written)', async () => {
    const id = await addMeeting('published', new Date(Date.now() - 2 * HOUR))
    const out = await writesNothing(() =>
      postAttendance(id, record({ [person.damme]: 'present', [person.terneuzen]: 'present' })),
    )
    expect(out.status).toBe(400)
    expect(out.data).toEqual({ failure: 'personNotInNetwork' })
  })

  it('answers 404 to a plain member recording attendance, writing nothing', async () => {
    const id = await addMeeting('published', new Date(Date.now() - 2 * HOUR))
    const out = await writesNothing(() =>
      postAttendance(id, record({ [person.damme]: 'present' }), DAMME),
    )
    expect(out.status).toBe(404)
  })
})

// ---- the list per organisation ----

describe('the attendance list per organisation', () => {
  type Group = {
    id: string
    name: string
    invited: boolean
    people: { user: { id: string }; response: string | null; invited: boolean }[]
  }

  async function groups(meetingId: string, email: string) {
    const out = await callLoader(routes.attendance.loader, meetingPath(meetingId, '/deelnemers'), {
      cookie: await cookie(email),
      params: { network: 'gos', meeting: meetingId },
    })
    expect(out.status, email).toBe(200)
    return out.data as { groups: Group[]; prepare: { people: { id: string }[] } | null }
  }

  it('groups the people per organisation: the invited ones, and those of people invited by name', async () => {
    const id = await addMeeting('published', new Date(Date.now() + 30 * DAY), [
      org.sluis,
      org.damme,
      org.knokke,
    ])
    expect((await reply(DAMME, id, { response: 'yes' })).status).toBe(302)
    expect(
      (await postAttendance(id, { intent: 'invitePerson', userId: person.maldegem })).status,
    ).toBe(302)

    const { groups: list, prepare } = await groups(id, SECRETARY)
    const names = new Map(
      (
        await t.db.organisation.findMany({
          where: { id: { in: [org.sluis, org.damme, org.knokke, org.maldegem] } },
        })
      ).map((o) => [o.id, o.name]),
    )
    const expectedOrder = [org.sluis, org.damme, org.knokke, org.maldegem].sort((a, b) =>
      names.get(a)!.localeCompare(names.get(b)!, 'nl'),
    )
    expect(list.map((g) => g.id)).toEqual(expectedOrder)
    const byId = new Map(list.map((g) => [g.id, g]))
    expect(byId.get(org.damme)).toMatchObject({ invited: true, name: names.get(org.damme) })
    expect(byId.get(org.damme)!.people).toEqual([
      expect.objectContaining({
        user: expect.objectContaining({ id: person.damme }),
        response: 'yes',
      }),
    ])
    expect(byId.get(org.knokke)).toMatchObject({ invited: true, people: [] })
    expect(byId.get(org.sluis)).toMatchObject({ invited: true, people: [] })
    // Maldegem is not invited as an organisation, but its member is, by name.
    expect(byId.get(org.maldegem)).toMatchObject({ invited: false })
    expect(byId.get(org.maldegem)!.people).toEqual([
      expect.objectContaining({
        user: expect.objectContaining({ id: person.maldegem }),
        invited: true,
      }),
    ])
    // The secretary may invite anyone of the network's members, nobody else.
    const people = prepare!.people.map((p) => p.id)
    expect(people).toEqual(expect.arrayContaining([person.damme, person.sluis, person.maldegem]))
    expect(people).not.toContain(person.terneuzen)
    expect(people).not.toContain(person.deWolden)

    // A plain member sees the same list, without the preparer's forms.
    const member = await groups(id, DAMME)
    expect(member.groups.map((g) => g.id)).toEqual(expectedOrder)
    expect(member.prepare).toBeNull()
  })
})
