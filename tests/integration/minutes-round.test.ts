import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { callAction, callLoader, fieldErrors, sessionCookies } from '../setup/route-calls'
import { networkIds, organisationIds } from '../setup/seeded-ids'
import { smtpListener } from '../setup/smtp-listener'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// Approval of the minutes by written procedure (schriftelijke ronde, nl-BE schriftelijke procedure),
// through the minutes page as Remix calls it: the secretary opens a round with a deadline; each invited
// organisation answers once (agree, or comments), by any of its people; the secretary closes it after a
// confirmation, which approves the minutes. Refused input answers with a message and writes nothing;
// what is out of reach answers 404.

const SECRETARY = 'secretaris.gos@example.org' // Sluis, GOS secretary
const MALDEGEM = 'lid.maldegem@example.org'
const KNOKKE = 'lid.knokke-heist@example.org'
const DAMME = 'lid.damme@example.org' // Damme is not invited to the meeting below
const DE_WOLDEN = 'lid.dewolden@example.org' // P10 only

const RUN = Date.now().toString(36)
let t: TestDatabase
const smtp = smtpListener()
let route: typeof import('../../app/routes/minutes/minutes')
const cookie = sessionCookies()
const org = { sluis: '', maldegem: '', knokke: '' }
let gos = ''
let held = ''

type Fields = Record<string, string>
const path = (id: string) => `/netwerken/gos/vergaderingen/${id}/verslag`
const post = async (email: string, fields: Fields, meetingId = held) =>
  callAction(route.action, path(meetingId), fields, {
    cookie: await cookie(email),
    params: { network: 'gos', meeting: meetingId },
  })
const read = async (email: string, meetingId = held) =>
  callLoader(route.loader, path(meetingId), {
    cookie: await cookie(email),
    params: { network: 'gos', meeting: meetingId },
  })
type RoundPage = {
  minutes: {
    status: string
    minutesApprovedAt: string | Date | null
    round: {
      id: string
      status: string
      deadline: string | Date
      closedAt: string | Date | null
      canAnswer: boolean
      canClose: boolean
      ownAnswer: { reply: string; comment: string } | null
      organisations: { name: string; answer: { reply: string; comment: string } | null }[]
    } | null
    canOpenRound: boolean
  }
}
const page = async (email: string, meetingId = held) =>
  ((await read(email, meetingId)).data as RoundPage).minutes

const day = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10)

async function meeting(status: string, minutesText = 'Verslag') {
  const created = await t.db.meeting.create({
    data: {
      networkId: gos,
      title: `GOS-overleg schriftelijk ${status} ${RUN}`,
      startsAt: new Date('2025-01-09T09:00:00Z'),
      endsAt: new Date('2025-01-09T11:00:00Z'),
      hostOrganisationId: org.knokke,
      status,
      minutesText,
      invitations: {
        create: [org.sluis, org.maldegem, org.knokke].map((organisationId) => ({ organisationId })),
      },
    },
    select: { id: true },
  })
  return created.id
}

beforeAll(async () => {
  await smtp.start()
  t = await createTestDatabase()
  await seed(t.db)
  route = await import('../../app/routes/minutes/minutes')
  ;({ gos } = await networkIds(t.db, { gos: 'gos' }))
  Object.assign(
    org,
    await organisationIds(t.db, { sluis: 'sluis', maldegem: 'maldegem', knokke: 'knokke-heist' }),
  )
  held = await meeting('held')
})
afterAll(async () => {
  await t.cleanup()
  await smtp.stop()
})

describe('opening a written round', () => {
  it('is offered to the secretary of a held meeting, not to members', async () => {
    expect((await page(SECRETARY)).canOpenRound).toBe(true)
    expect((await page(MALDEGEM)).canOpenRound).toBe(false)
    expect((await page(MALDEGEM)).round).toBeNull()
  })

  it('a member cannot open one (404), nothing written', async () => {
    const out = await post(MALDEGEM, { intent: 'openRound', deadline: day(7) })
    expect(out.status).toBe(404)
    expect(await t.db.minutesRound.count()).toBe(0)
  })

  it('refuses a deadline that is missing, not a date or already past', async () => {
    for (const [deadline, message] of [
      ['', 'required'],
      ['2025-02-30', 'date'],
      [day(-1), 'roundDeadlinePast'],
    ] as const) {
      const out = await post(SECRETARY, { intent: 'openRound', deadline })
      expect(out.status, deadline).toBe(400)
      const errors = fieldErrors((out.data as { round: unknown }).round)
      expect(Object.values(errors).flat(), deadline).toEqual([message])
    }
    expect(await t.db.minutesRound.count()).toBe(0)
  })

  it('refuses a meeting that is not held, or minutes with nothing in them', async () => {
    const published = await meeting('published')
    const empty = await meeting('held', '')
    for (const [id, problem] of [
      [published, 'approveOnlyHeld'],
      [empty, 'minutesEmpty'],
    ] as const) {
      const out = await post(SECRETARY, { intent: 'openRound', deadline: day(7) }, id)
      expect(out.status).toBe(400)
      expect(fieldErrors((out.data as { round: unknown }).round)).toEqual({ '': [problem] })
    }
    expect(await t.db.minutesRound.count()).toBe(0)
  })

  it('the secretary opens one with a deadline; it is recorded and audited', async () => {
    smtp.clear()
    const out = await post(SECRETARY, { intent: 'openRound', deadline: day(7) })
    expect(out.status).toBe(302)
    const round = await t.db.minutesRound.findFirstOrThrow({ where: { meetingId: held } })
    expect(round).toMatchObject({
      status: 'open',
      deadline: new Date(`${day(7)}T00:00:00.000Z`),
      closedAt: null,
    })
    expect(
      await t.db.auditEvent.count({
        where: { action: 'meeting.minutes_round_opened', objectId: held },
      }),
    ).toBe(1)
    const seen = await page(MALDEGEM)
    expect(seen.round).toMatchObject({ status: 'open', canAnswer: true, canClose: false })
    expect(seen.round!.organisations.map((o) => o.name)).toEqual([
      'Gemeente Knokke-Heist',
      'Gemeente Maldegem',
      'Gemeente Sluis',
    ])
  })

  it("mails the invited organisations' people, each in their language, with the deadline", async () => {
    const invited = await t.db.user.findMany({
      where: { organisationId: { in: Object.values(org) }, disabledAt: null },
      select: { email: true },
    })
    const to = smtp.received.flatMap((m) => m.to).sort()
    expect(to).toEqual(invited.map((u) => u.email).sort())
    expect(to).not.toContain(DAMME)
    const subject = (email: string) => {
      const raw = smtp.received.find((m) => m.to.includes(email))!.raw
      const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ')
      return (/^Subject: (.*)$/im.exec(head)?.[1] ?? '')
        .replace(/\?=\s+=\?/g, '?==?')
        .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_m, enc: string, value: string) =>
          enc.toUpperCase() === 'B'
            ? Buffer.from(value, 'base64').toString('utf8')
            : Buffer.from(
                value
                  .replaceAll('_', ' ')
                  .replace(/=([0-9A-F]{2})/gi, (_x, hex: string) =>
                    String.fromCharCode(parseInt(hex, 16)),
                  ),
                'latin1',
              ).toString('utf8'),
        )
    }
    const deadline = new Intl.DateTimeFormat('nl-BE', {
      dateStyle: 'long',
      timeZone: 'UTC',
    }).format(new Date(`${day(7)}T00:00:00.000Z`))
    expect(subject(MALDEGEM)).toBe(
      // The title names the network already: no "GOS: GOS-overleg".
      `Schriftelijke procedure: verslag GOS-overleg schriftelijk held ${RUN}, antwoord uiterlijk ${deadline}`,
    )
    expect(subject(SECRETARY)).toMatch(/^Schriftelijke ronde: verslag /)
  })

  it('refuses a second round while one is open', async () => {
    const out = await post(SECRETARY, { intent: 'openRound', deadline: day(9) })
    expect(out.status).toBe(400)
    expect(fieldErrors((out.data as { round: unknown }).round)).toEqual({ '': ['roundOpen'] })
    expect(await t.db.minutesRound.count({ where: { meetingId: held } })).toBe(1)
  })
})

describe('answering', () => {
  it('Maldegem agrees; Knokke-Heist comments', async () => {
    expect((await post(MALDEGEM, { intent: 'answerRound', reply: 'agree' })).status).toBe(302)
    const out = await post(KNOKKE, {
      intent: 'answerRound',
      reply: 'comment',
      comment: 'Punt 2: "verwijzen" moet "samen verwijzen" zijn.',
    })
    expect(out.status).toBe(302)
    const seen = await page(SECRETARY)
    expect(seen.round!.organisations).toEqual([
      {
        name: 'Gemeente Knokke-Heist',
        answer: expect.objectContaining({
          reply: 'comment',
          comment: 'Punt 2: "verwijzen" moet "samen verwijzen" zijn.',
        }),
      },
      { name: 'Gemeente Maldegem', answer: expect.objectContaining({ reply: 'agree' }) },
      { name: 'Gemeente Sluis', answer: null },
    ])
    expect((await page(MALDEGEM)).round!.ownAnswer).toMatchObject({ reply: 'agree' })
    expect(
      await t.db.auditEvent.count({ where: { action: 'meeting.minutes_round_answered' } }),
    ).toBe(2)
  })

  it('one answer per organisation: a second answer replaces the first', async () => {
    expect(
      (await post(MALDEGEM, { intent: 'answerRound', reply: 'comment', comment: 'Toch één punt.' }))
        .status,
    ).toBe(302)
    const answers = await t.db.minutesRoundAnswer.findMany({
      where: { organisationId: org.maldegem },
    })
    expect(answers).toHaveLength(1)
    expect(answers[0]).toMatchObject({ reply: 'comment', comment: 'Toch één punt.' })
  })

  it('comments need a text; an unknown reply is refused', async () => {
    for (const [fields, errors] of [
      [{ reply: 'comment', comment: ' ' }, { comment: ['required'] }],
      [{ reply: 'maybe' }, { reply: ['choose'] }],
    ] as const) {
      const out = await post(KNOKKE, { intent: 'answerRound', ...fields })
      expect(out.status).toBe(400)
      expect(fieldErrors((out.data as { round: unknown }).round)).toEqual(errors)
    }
    const knokke = await t.db.minutesRoundAnswer.findFirstOrThrow({
      where: { organisationId: org.knokke },
    })
    expect(knokke.reply).toBe('comment')
  })

  it('an organisation that is not invited cannot answer; P10 gets 404', async () => {
    const damme = await post(DAMME, { intent: 'answerRound', reply: 'agree' })
    expect(damme.status).toBe(400)
    expect(fieldErrors((damme.data as { round: unknown }).round)).toEqual({
      '': ['roundNotInvited'],
    })
    expect((await page(DAMME)).round!.canAnswer).toBe(false)
    expect((await post(DE_WOLDEN, { intent: 'answerRound', reply: 'agree' })).status).toBe(404)
    expect(await t.db.minutesRoundAnswer.count()).toBe(2)
  })

  it('after the deadline nobody can answer any more', async () => {
    const round = await t.db.minutesRound.findFirstOrThrow({ where: { meetingId: held } })
    await t.db.minutesRound.update({
      where: { id: round.id },
      data: { deadline: new Date(`${day(-1)}T00:00:00.000Z`) },
    })
    try {
      const out = await post(SECRETARY, { intent: 'answerRound', reply: 'agree' })
      expect(out.status).toBe(400)
      expect(fieldErrors((out.data as { round: unknown }).round)).toEqual({
        '': ['roundDeadlinePassed'],
      })
      expect((await page(SECRETARY)).round!.canAnswer).toBe(false)
    } finally {
      await t.db.minutesRound.update({
        where: { id: round.id },
        data: { deadline: round.deadline },
      })
    }
  })
})

describe('closing the round', () => {
  it('a member cannot close it (404)', async () => {
    const round = await t.db.minutesRound.findFirstOrThrow({ where: { meetingId: held } })
    expect((await post(MALDEGEM, { intent: 'closeRound', id: round.id })).status).toBe(404)
    expect(
      (await post(MALDEGEM, { intent: 'closeRound', id: round.id, confirmed: 'yes' })).status,
    ).toBe(404)
  })

  it('asks first, saying who answered; then approves the minutes with the date', async () => {
    const round = await t.db.minutesRound.findFirstOrThrow({ where: { meetingId: held } })
    const first = await post(SECRETARY, { intent: 'closeRound', id: round.id })
    expect(first.status).toBe(200)
    expect(first.data).toEqual({
      confirm: { intent: 'closeRound', id: round.id, answered: 2, comments: 2, invited: 3 },
    })
    expect((await t.db.meeting.findUniqueOrThrow({ where: { id: held } })).status).toBe('held')
    const closed = await post(SECRETARY, { intent: 'closeRound', id: round.id, confirmed: 'yes' })
    expect(closed.status).toBe(302)
    const stored = await t.db.meeting.findUniqueOrThrow({ where: { id: held } })
    expect(stored.status).toBe('minutes_approved')
    expect(stored.minutesApprovedAt).toBeInstanceOf(Date)
    expect(stored.minutesApprovedInId).toBeNull()
    const after = await t.db.minutesRound.findUniqueOrThrow({ where: { id: round.id } })
    expect(after.status).toBe('closed')
    expect(after.closedAt).toEqual(stored.minutesApprovedAt)
    for (const action of ['meeting.minutes_round_closed', 'meeting.minutes_approved']) {
      expect(await t.db.auditEvent.count({ where: { action, objectId: held } }), action).toBe(1)
    }
    const seen = await page(MALDEGEM)
    expect(seen.status).toBe('minutes_approved')
    expect(seen.round).toMatchObject({ status: 'closed', canAnswer: false, canClose: false })
    expect(seen.round!.closedAt).not.toBeNull()
  })

  it('a closed round takes no answers and cannot be closed again', async () => {
    const round = await t.db.minutesRound.findFirstOrThrow({ where: { meetingId: held } })
    const answer = await post(KNOKKE, { intent: 'answerRound', reply: 'agree' })
    expect(fieldErrors((answer.data as { round: unknown }).round)).toEqual({
      '': ['roundClosed'],
    })
    const again = await post(SECRETARY, { intent: 'closeRound', id: round.id, confirmed: 'yes' })
    expect(again.status).toBe(400)
    expect(fieldErrors((again.data as { round: unknown }).round)).toEqual({ '': ['roundClosed'] })
  })

  it('a round of another meeting cannot be closed through this one', async () => {
    const other = await meeting('held')
    await post(SECRETARY, { intent: 'openRound', deadline: day(3) }, other)
    const round = await t.db.minutesRound.findFirstOrThrow({ where: { meetingId: other } })
    const third = await meeting('held')
    const out = await post(
      SECRETARY,
      { intent: 'closeRound', id: round.id, confirmed: 'yes' },
      third,
    )
    expect(out.status).toBe(400)
    expect(fieldErrors((out.data as { round: unknown }).round)).toEqual({ '': ['roundClosed'] })
    expect((await t.db.minutesRound.findUniqueOrThrow({ where: { id: round.id } })).status).toBe(
      'open',
    )
  })

  it('approval at the next meeting stays possible, and withdraws an open round', async () => {
    const earlier = await meeting('held')
    await t.db.meeting.update({
      where: { id: earlier },
      data: {
        startsAt: new Date('2019-01-10T09:00:00Z'),
        endsAt: new Date('2019-01-10T11:00:00Z'),
      },
    })
    const next = await t.db.meeting.create({
      data: {
        networkId: gos,
        title: `GOS-overleg volgende ${RUN}`,
        startsAt: new Date('2019-02-07T09:00:00Z'),
        endsAt: new Date('2019-02-07T11:00:00Z'),
        hostOrganisationId: org.sluis,
        status: 'published',
      },
    })
    expect((await post(SECRETARY, { intent: 'openRound', deadline: day(5) }, earlier)).status).toBe(
      302,
    )
    const version = String(
      (await t.db.meeting.findUniqueOrThrow({ where: { id: earlier } })).version,
    )
    const approved = await post(
      SECRETARY,
      { intent: 'approveMinutes', id: version, confirmed: 'yes' },
      earlier,
    )
    expect(approved.status).toBe(302)
    const stored = await t.db.meeting.findUniqueOrThrow({ where: { id: earlier } })
    expect(stored).toMatchObject({ status: 'minutes_approved', minutesApprovedInId: next.id })
    const round = await t.db.minutesRound.findFirstOrThrow({ where: { meetingId: earlier } })
    expect(round.status).toBe('withdrawn')
    expect((await page(MALDEGEM, earlier)).round).toMatchObject({
      status: 'withdrawn',
      canAnswer: false,
      canClose: false,
    })
  })
})
