import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { readMail, type ReadMail } from '../setup/mime'
import { networkIds, organisationIds, seededMeetingIds, userIds } from '../setup/seeded-ids'
import { smtpListener } from '../setup/smtp-listener'
import { otherInstanceBusyWith } from '../setup/other-instance'
import { onSqlite } from '../setup/sqlite-only'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// Notification mails (issue 14, items 3 and 4) on a real migrated database and a real SMTP listener:
// events become mails at once or in digests for the right people, in their language, never about what
// a person may not see; reminders go once per moment. Events are recorded with the app's own
// recordActivity, in a transaction, as the changes themselves do.
//
// GOS = Sluis, Maldegem, Knokke-Heist, Damme, Sint-Laureins; its December meeting is published with
// every member invited. Damme, Maldegem and Knokke-Heist are Flemish (nl-BE).

const smtp = smtpListener()
let t: TestDatabase
let record: typeof import('../../app/modules/activity/record.server')
let notifications: typeof import('../../app/modules/notifications/send.server')

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
let gos = ''
const org = { sluis: '', knokke: '', damme: '', maldegem: '', sintLaureins: '' }
const person = { secretary: '', damme: '', sluis: '', maldegem: '', knokke: '' }
const meeting = { published: '', held: '' }
let searchRow = 800_000

/** Runs what the scheduler runs, a little later than now (events settle for a minute). */
async function run(at = new Date(Date.now() + 2 * MINUTE)) {
  await notifications.runNotificationsNow(at)
  return smtp.received.map((m) => ({ to: m.to, ...readMail(m.raw) }))
}

type Received = ReadMail & { to: string[] }
const to = (mails: Received[], email: string) => mails.filter((m) => m.to.includes(email))

async function shareDocument(title: string, owner: string, audience: 'network' | string[]) {
  return t.db.$transaction(async (tx) => {
    const document = await tx.document.create({
      data: {
        networkId: gos,
        title,
        type: 'overig',
        language: 'nl',
        audience: audience === 'network' ? 'network' : 'selected',
        ownerOrganisationId: owner,
        searchRowId: searchRow++,
        audienceMembers:
          audience === 'network'
            ? undefined
            : { create: [owner, ...audience].map((organisationId) => ({ organisationId })) },
      },
    })
    return document
  })
}

async function recordEvent(input: Parameters<typeof record.recordActivity>[1]) {
  await t.db.$transaction((tx) => record.recordActivity(tx, input))
}

function actor(userId: string, organisationId: string) {
  return { id: userId, organisation: { id: organisationId } }
}

beforeAll(async () => {
  await smtp.start()
  t = await createTestDatabase()
  await seed(t.db)
  record = await import('../../app/modules/activity/record.server')
  notifications = await import('../../app/modules/notifications/send.server')
  gos = (await networkIds(t.db, { gos: 'gos' })).gos
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
  Object.assign(
    person,
    await userIds(t.db, {
      secretary: 'secretaris.gos@example.org',
      damme: 'lid.damme@example.org',
      sluis: 'lid.sluis@example.org',
      maldegem: 'lid.maldegem@example.org',
      knokke: 'lid.knokke-heist@example.org',
    }),
  )
  Object.assign(meeting, await seededMeetingIds(t.db))
  // Whatever the seed queued (invitations) and recorded is not what these tests look at.
  await notifications.runNotificationsNow(new Date(Date.now() + 2 * MINUTE))
  // Nor is a digest that falls due while they run: a run that passes a digest hour (07:00 in
  // Amsterdam) between this one and a test's own would mail everyone's digest there.
  await noDigestsDue()
})
afterAll(async () => {
  await t.cleanup()
  await smtp.stop()
})
afterEach(async () => {
  smtp.clear()
  await noDigestsDue()
})

/** Nobody's digest is due unless a test says so. */
async function noDigestsDue() {
  await t.db.user.updateMany({
    data: {
      digestCursor: new Date(Date.now() + DAY),
      weeklyDigestCursor: new Date(Date.now() + DAY),
    },
  })
}

describe('a document shared for the Belgian partners', () => {
  it("is in Damme's daily digest, in Flemish; not in Sluis's; and sent at once to nobody", async () => {
    const title = `Verkeersplan Belgische partners ${Date.now()}`
    const document = await shareDocument(title, org.knokke, [
      org.damme,
      org.maldegem,
      org.sintLaureins,
    ])
    await recordEvent({
      networkId: gos,
      kind: 'document_shared',
      actor: actor(person.knokke, org.knokke),
      documentId: document.id,
      data: { title },
    })
    // First: nothing at once (documents come in the daily digest by default).
    expect((await run()).filter((m) => m.text.includes(title))).toEqual([])

    // The daily digest of everyone is due (their cursor lies two days back).
    await t.db.user.updateMany({ data: { digestCursor: new Date(Date.now() - 2 * DAY) } })
    const mails = await run()
    const damme = to(mails, 'lid.damme@example.org')
    expect(damme).toHaveLength(1)
    expect(damme[0]!.subject).toMatch(/^Uw dagelijkse overzicht van Zwin/)
    expect(damme[0]!.text).toContain(title)
    expect(damme[0]!.html).toContain(title)
    expect(damme[0]!.text).toContain('Met vriendelijke groeten')
    expect(damme[0]!.headers.get('list-unsubscribe')).toMatch(/^<http.+\/uitschrijven\/.+>$/)
    expect(damme[0]!.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')

    // Sluis is in GOS but not in the audience: not a word of it, in any mail.
    for (const mail of to(mails, 'lid.sluis@example.org')) {
      expect(mail.text).not.toContain(title)
      expect(mail.html).not.toContain(title)
    }
    // Knokke-Heist's own sharer is not told what they did themselves.
    expect(to(mails, 'lid.knokke-heist@example.org').filter((m) => m.text.includes(title))).toEqual(
      [],
    )

    // A digest is built once: the next run finds nothing new.
    smtp.clear()
    expect((await run()).filter((m) => m.text.includes(title))).toEqual([])
  })
})

describe("the server's scheduler", () => {
  it('builds the digests in a process of its own, one run at a time, and the outbox sends them', async () => {
    const clock = await import('../../app/modules/notifications/clock-process.server')
    const outbox = await import('../../app/modules/mail/outbox.server')
    const title = `Fietsroute Zwinstreek ${Date.now()}`
    const document = await shareDocument(title, org.knokke, 'network')
    await recordEvent({
      networkId: gos,
      kind: 'document_shared',
      actor: actor(person.knokke, org.knokke),
      documentId: document.id,
      data: { title },
    })
    await t.db.user.updateMany({
      where: { email: 'lid.damme@example.org' },
      data: { digestCursor: new Date(Date.now() - 2 * DAY) },
    })
    // The digest of the day after tomorrow: one per person and moment, and the other tests send
    // Damme's of today and tomorrow.
    const at = new Date(Date.now() + 2 * DAY + 2 * MINUTE)
    const started = clock.startClockWork(at)
    // A second start while the first runs is the same run, not a second process.
    expect(clock.startClockWork(at)).toBe(started)
    const result = await started
    expect(result).toMatchObject({ status: 'done', digests: { digests: 1 } })
    expect(clock.clockWorkRunning()).toBeUndefined()
    // The child queued it; the server's sender sends it.
    await outbox.sendDueMails(at)
    const damme = smtp.received
      .map((m) => ({ to: m.to, ...readMail(m.raw) }))
      .filter((m) => m.to.includes('lid.damme@example.org') && m.text.includes(title))
    expect(damme).toHaveLength(1)
    expect(damme[0]!.subject).toMatch(/^Uw dagelijkse overzicht van Zwin/)
    // The unsubscribe link is signed in the child with the server's secret: the server accepts it.
    const { readUnsubscribeToken } =
      await import('../../app/modules/notifications/unsubscribe.server')
    const link = damme[0]!.headers.get('list-unsubscribe')!.match(/uitschrijven\/([^>]+)>/)![1]!
    expect(readUnsubscribeToken(decodeURIComponent(link))).not.toBeNull()
  })

  it.runIf(!onSqlite)(
    'leaves the digests to the instance already composing them (PostgreSQL)',
    async () => {
      const clock = await import('../../app/modules/notifications/clock-process.server')
      await t.db.user.updateMany({ data: { digestCursor: new Date(Date.now() - 2 * DAY) } })
      const before = await t.db.outboxMail.count()
      const other = await otherInstanceBusyWith(process.env.DATABASE_URL!, 'clockWork')
      try {
        const result = await clock.startClockWork(new Date(Date.now() + 2 * MINUTE))
        expect(result).toEqual({ status: 'elsewhere' })
        expect(await t.db.outboxMail.count()).toBe(before)
      } finally {
        await other.release()
      }
    },
  )

  it('reports a run that fails, without throwing, and queues nothing half', async () => {
    const clock = await import('../../app/modules/notifications/clock-process.server')
    const { CLOCK_LIMITS } = await import('../../app/modules/notifications/clock-limits')
    await t.db.user.updateMany({ data: { digestCursor: new Date(Date.now() - 2 * DAY) } })
    const before = await t.db.outboxMail.count()
    const result = await clock.startClockWork(new Date(Date.now() + 2 * MINUTE), {
      ...CLOCK_LIMITS,
      timeMs: 1,
    })
    expect(result).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/killed after 1 ms/),
    })
    expect(await t.db.outboxMail.count()).toBe(before)
  })
})

describe('a stuk added to a published meeting', () => {
  it('reaches each invitee once as a "nagezonden stuk", and never someone outside its audience', async () => {
    const open = `Notitie grensoverschrijdende shuttle ${Date.now()}`
    const restricted = `Vertrouwelijke raming Sluis en Knokke-Heist ${Date.now()}`
    for (const [title, audience] of [
      [open, 'network'],
      [restricted, [org.sluis]],
    ] as const) {
      const document = await shareDocument(title, org.knokke, audience as 'network' | string[])
      await recordEvent({
        networkId: gos,
        kind: 'meeting_document_added',
        actor: actor(person.secretary, org.sluis),
        documentId: document.id,
        meetingId: meeting.published,
        data: { title },
      })
    }
    const mails = await run()
    const about = (title: string) =>
      mails.filter((m) => m.subject.startsWith('Nagezonden stuk') && m.subject.includes(title))
    const invitees = await t.db.user.findMany({
      where: {
        disabledAt: null,
        organisation: { meetingInvitations: { some: { meetingId: meeting.published } } },
        NOT: { id: person.secretary },
      },
      select: { email: true, organisationId: true },
    })
    // One mail each for the document for the whole network…
    expect(
      about(open)
        .map((m) => m.to[0])
        .sort(),
    ).toEqual(invitees.map((i) => i.email).sort())
    // …and the restricted one only to Sluis and Knokke-Heist.
    const allowed = invitees.filter((i) => [org.sluis, org.knokke].includes(i.organisationId))
    expect(
      about(restricted)
        .map((m) => m.to[0])
        .sort(),
    ).toEqual(allowed.map((i) => i.email).sort())
    for (const mail of to(mails, 'lid.damme@example.org')) {
      expect(`${mail.subject}\n${mail.text}\n${mail.html}`).not.toContain(restricted)
    }
    // Run again: nothing more.
    smtp.clear()
    expect((await run()).filter((m) => m.subject.startsWith('Nagezonden stuk'))).toEqual([])
  })
})

describe('a meeting published', () => {
  it('mails the invitation at once, or puts it in the digest of someone who chose that', async () => {
    await t.db.notificationPreference.create({
      data: { userId: person.damme, kind: 'invitations', networkId: '', delivery: 'daily' },
    })
    const startsAt = new Date(Date.now() + 20 * DAY)
    const title = `Werkbezoek Zwin ${Date.now()}`
    const draft = await t.db.meeting.create({
      data: {
        networkId: gos,
        title,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
        hostOrganisationId: org.sluis,
        invitations: { create: [{ organisationId: org.damme }, { organisationId: org.maldegem }] },
      },
    })
    const { cookieFor, userFor } = await import('../setup/route-calls')
    const { requireMeetingAccess } = await import('../../app/modules/access/meetings.server')
    const { publishMeeting } = await import('../../app/modules/meetings/meetings.server')
    const secretary = await userFor(await cookieFor('secretaris.gos@example.org'))
    expect(
      await publishMeeting(secretary, await requireMeetingAccess(secretary, 'gos', draft.id)),
    ).not.toHaveProperty('problem')

    const now = (await run()).filter((m) => m.subject.includes(title) || m.text.includes(title))
    expect(now.map((m) => m.to[0])).toContain('lid.maldegem@example.org')
    expect(now.map((m) => m.to[0])).not.toContain('lid.damme@example.org')
    // The invitation stops with one click too (RFC 8058), and says how in its text.
    const invitation = now.find((m) => m.to[0] === 'lid.maldegem@example.org')!
    expect(invitation.headers.get('list-unsubscribe')).toMatch(/^<http.+\/uitschrijven\/.+>$/)
    expect(invitation.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
    expect(invitation.text).toMatch(/uitschrijven\//)

    smtp.clear()
    await t.db.user.update({
      where: { id: person.damme },
      data: { digestCursor: new Date(Date.now() - DAY) },
    })
    // Tomorrow's digest (today's went out in the first test; a digest is one per person and moment).
    const digest = to(await run(new Date(Date.now() + DAY)), 'lid.damme@example.org')
    expect(digest).toHaveLength(1)
    expect(digest[0]!.subject).toMatch(/dagelijkse overzicht/)
    expect(digest[0]!.text).toContain(title)
    // Maldegem had the invitation itself: no second word of it in a digest.
    expect(
      to(await run(), 'lid.maldegem@example.org').filter((m) => m.text.includes(title)),
    ).toEqual([])
  })
})

describe('an action item', () => {
  it("goes at once to the assigned organisation's people only", async () => {
    const description = `Offerte fietsenstallingen ${Date.now()}`
    const item = await t.db.actionItem.create({
      data: { networkId: gos, meetingId: meeting.held, description, organisationId: org.maldegem },
    })
    await recordEvent({
      networkId: gos,
      kind: 'action_assigned',
      actor: actor(person.secretary, org.sluis),
      actionItemId: item.id,
      meetingId: meeting.held,
      data: { description, organisationName: 'Maldegem' },
    })
    const mails = (await run()).filter((m) => m.text.includes(description))
    const maldegem = await t.db.user.findMany({
      where: { organisationId: org.maldegem, disabledAt: null },
      select: { email: true },
    })
    expect(mails.map((m) => m.to[0]).sort()).toEqual(maldegem.map((u) => u.email).sort())
  })

  it('is in English for someone who chose English', async () => {
    await t.db.user.update({ where: { id: person.maldegem }, data: { locale: 'en' } })
    const description = `Bike counts ${Date.now()}`
    const item = await t.db.actionItem.create({
      data: { networkId: gos, meetingId: meeting.held, description, organisationId: org.maldegem },
    })
    await recordEvent({
      networkId: gos,
      kind: 'action_assigned',
      actor: actor(person.secretary, org.sluis),
      actionItemId: item.id,
      meetingId: meeting.held,
      data: { description },
    })
    const mine = to(await run(), 'lid.maldegem@example.org').filter((m) =>
      m.text.includes(description),
    )
    expect(mine).toHaveLength(1)
    expect(mine[0]!.text).toContain('Dear ')
    expect(mine[0]!.text).toContain('Kind regards')
    await t.db.user.update({ where: { id: person.maldegem }, data: { locale: null } })
  })
})

describe('reminders', () => {
  it("an overdue action item: to the organisation's people once, then again a week later", async () => {
    const description = `Verkeersborden vervangen ${Date.now()}`
    await t.db.actionItem.create({
      data: {
        networkId: gos,
        meetingId: meeting.held,
        description,
        organisationId: org.maldegem,
        dueDate: new Date(`${new Date(Date.now() - 3 * DAY).toISOString().slice(0, 10)}T00:00:00Z`),
      },
    })
    const first = (await run()).filter((m) => m.text.includes(description))
    expect(first.length).toBeGreaterThan(0)
    expect(first.every((m) => m.subject.startsWith('Actiepunt te laat'))).toBe(true)
    expect(first.map((m) => m.to[0])).toContain('lid.maldegem@example.org')
    expect(first.map((m) => m.to[0])).not.toContain('lid.damme@example.org')

    smtp.clear()
    expect((await run()).filter((m) => m.text.includes(description))).toEqual([])

    smtp.clear()
    const nextWeek = (await run(new Date(Date.now() + 7 * DAY))).filter((m) =>
      m.text.includes(description),
    )
    expect(nextWeek.map((m) => m.to[0]).sort()).toEqual(first.map((m) => m.to[0]).sort())
  })

  it('a reply still missing 5 days before a meeting, to those who have not answered', async () => {
    const startsAt = new Date(Date.now() + 3 * DAY)
    const title = `Extra overleg ${Date.now()}`
    const created = await t.db.meeting.create({
      data: {
        networkId: gos,
        title,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
        hostOrganisationId: org.sluis,
        status: 'published',
        publishedAt: new Date(),
        invitations: { create: [{ organisationId: org.damme }, { organisationId: org.sluis }] },
        attendance: {
          create: [
            {
              userId: person.sluis,
              organisationId: org.sluis,
              response: 'yes',
              respondedAt: new Date(),
            },
          ],
        },
      },
    })
    const mails = (await run()).filter((m) => m.text.includes(title))
    expect(mails.map((m) => m.to[0])).toContain('lid.damme@example.org')
    expect(mails.map((m) => m.to[0])).not.toContain('lid.sluis@example.org')
    expect(mails.map((m) => m.to[0])).not.toContain('lid.maldegem@example.org')
    await t.db.meeting.delete({ where: { id: created.id } })
  })

  it('nobody gets a reminder who turned reminders off', async () => {
    await t.db.notificationPreference.create({
      data: { userId: person.damme, kind: 'reminders', networkId: '', delivery: 'off' },
    })
    const description = `Tellingen aanleveren ${Date.now()}`
    await t.db.actionItem.create({
      data: {
        networkId: gos,
        meetingId: meeting.held,
        description,
        organisationId: org.damme,
        dueDate: new Date(`${new Date(Date.now() + DAY).toISOString().slice(0, 10)}T00:00:00Z`),
      },
    })
    const mails = (await run()).filter((m) => m.text.includes(description))
    expect(mails.map((m) => m.to[0])).not.toContain('lid.damme@example.org')
  })
})
