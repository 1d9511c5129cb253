import { createHash } from 'node:crypto'
import fs from 'node:fs'
import ICAL from 'ical.js'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { seed } from '../../prisma/seed'
import { callAction, callLoader, callResource, sessionCookies, userFor } from '../setup/route-calls'
import { networkIds, organisationIds } from '../setup/seeded-ids'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'
import { smtpListener } from '../setup/smtp-listener'
import { getLogger } from '~/modules/observability/logger.server'

// Issue 4, item 7 and the invitation of item 4: a meeting's .ics, the personal feed, "Mijn agenda" and
// the invitation mail, against the seeded database and a real SMTP listener.
//
// GOS = Sluis, Maldegem, Knokke-Heist, Damme, Sint-Laureins; P10 has Sluis and De Wolden (not in GOS).
// The secretary (Sluis) prepares GOS meetings and sees its drafts; the Damme member sees GOS only; the
// Sluis member sees GOS and P10; the De Wolden member sees P10 only.

const ORIGIN = 'https://zwin.example.org'
const SECRETARY = 'secretaris.gos@example.org'
const DAMME = 'lid.damme@example.org'
const SLUIS = 'lid.sluis@example.org'
const DE_WOLDEN = 'lid.dewolden@example.org'
const DAY = 86_400_000

const smtp = smtpListener()
const { received, refused } = smtp

let t: TestDatabase
let routes: {
  ics: typeof import('../../app/routes/calendar/meeting-ics')
  feed: typeof import('../../app/routes/calendar/feed')
  agenda: typeof import('../../app/routes/calendar/agenda')
}
let feeds: typeof import('../../app/modules/calendar/feed.server')
let invitations: typeof import('../../app/modules/calendar/invitation-mail.server')
let outbox: typeof import('../../app/modules/mail/outbox.server')

/** Queues the meeting's mails in a transaction, as the changes do, then sends what the outbox holds. */
async function sendInvitations(
  meetingId: string,
  reason: 'published' | 'updated' | 'cancelled',
  only?: Parameters<typeof invitations.queueMeetingInvitations>[3],
) {
  const { queued } = await t.db.$transaction((tx) =>
    invitations.queueMeetingInvitations(tx, meetingId, reason, only),
  )
  return { queued, ...(await outbox.sendDueMails()) }
}
const cookie = sessionCookies()
const net = { gos: '', p10: '' }
const org = { sluis: '', knokke: '', damme: '', deWolden: '' }
const meeting = { published: '', draft: '', cancelled: '', recent: '', old: '', p10: '' }

async function addMeeting(
  network: 'gos' | 'p10',
  status: string,
  startsInDays: number,
  extra: { title?: string; cancelReason?: string; location?: string; onlineUrl?: string } = {},
) {
  // At 09:00 UTC (10:00 or 11:00 in Amsterdam): a meeting that starts late in the evening would end
  // the next day, and the mails then word its time differently (a run after 22:00 failed on that).
  const startsAt = new Date(Date.now() + startsInDays * DAY)
  startsAt.setUTCHours(9, 0, 0, 0)
  const created = await t.db.meeting.create({
    data: {
      networkId: net[network],
      title: extra.title ?? `${network.toUpperCase()} overleg ${status} ${startsInDays}`,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
      hostOrganisationId: network === 'gos' ? org.knokke : org.deWolden,
      status,
      cancelReason: extra.cancelReason ?? null,
      location: extra.location ?? 'Gemeentehuis Knokke-Heist, Dumortierlaan 32, 8300 Knokke-Heist',
      onlineUrl: extra.onlineUrl ?? '',
    },
    select: { id: true },
  })
  return created.id
}

beforeAll(async () => {
  await smtp.start()
  process.env.PUBLIC_ORIGIN = ORIGIN
  t = await createTestDatabase()
  await seed(t.db)
  routes = {
    ics: await import('../../app/routes/calendar/meeting-ics'),
    feed: await import('../../app/routes/calendar/feed'),
    agenda: await import('../../app/routes/calendar/agenda'),
  }
  feeds = await import('../../app/modules/calendar/feed.server')
  invitations = await import('../../app/modules/calendar/invitation-mail.server')
  outbox = await import('../../app/modules/mail/outbox.server')
  Object.assign(net, await networkIds(t.db, { gos: 'gos', p10: 'p10' }))
  Object.assign(
    org,
    await organisationIds(t.db, {
      sluis: 'sluis',
      knokke: 'knokke-heist',
      damme: 'damme',
      deWolden: 'de-wolden',
    }),
  )
  meeting.published = await addMeeting('gos', 'published', 14, { title: 'GOS-overleg voorjaar' })
  meeting.draft = await addMeeting('gos', 'draft', 21)
  meeting.cancelled = await addMeeting('gos', 'cancelled', 7, { cancelReason: 'Te weinig punten' })
  meeting.recent = await addMeeting('gos', 'held', -30)
  meeting.old = await addMeeting('gos', 'minutes_approved', -200)
  meeting.p10 = await addMeeting('p10', 'published', 10, {
    location: '',
    onlineUrl: 'https://meet.example.org/p10',
  })
})

afterAll(async () => {
  await t.cleanup()
  await smtp.stop()
  delete process.env.PUBLIC_ORIGIN
})

afterEach(() => {
  vi.restoreAllMocks()
  smtp.clear()
})

/** Parses a calendar as a calendar program does: its own VTIMEZONE first, then the events. */
function parseCalendar(text: string) {
  ICAL.TimezoneService.reset()
  const root = new ICAL.Component(ICAL.parse(text))
  for (const zone of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone)
  return root.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e))
}

const meetingIdOf = (uid: string) => /^meeting-(.+)@zwin$/.exec(uid)?.[1] ?? `not a meeting: ${uid}`

function icsPath(network: string, id: string) {
  return {
    path: `/netwerken/${network}/vergaderingen/${id}/vergadering.ics`,
    params: { network, meeting: id },
  }
}

async function getIcs(email: string | null, network: string, id: string) {
  const { path, params } = icsPath(network, id)
  return callResource(routes.ics.loader, path, {
    params,
    cookie: email ? await cookie(email) : undefined,
  })
}

function getFeed(token: string) {
  return callResource(routes.feed.loader, `/agenda/feed/${token}/zwin.ics`, { params: { token } })
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes)

describe('the .ics of a meeting', () => {
  it('gives a member the meeting as a calendar file', async () => {
    const res = await getIcs(DAMME, 'gos', meeting.published)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
    // A name every system accepts: the network once, no colon.
    const name = /filename\*=UTF-8''(.*)$/.exec(res.headers.get('Content-Disposition') ?? '')?.[1]
    expect(decodeURIComponent(name ?? '')).toMatch(/^GOS-overleg[^:]*\.ics$/)
    expect(res.headers.get('Cache-Control')).toBe('private, no-store')
    const [event, ...rest] = parseCalendar(text(res.bytes))
    expect(rest).toHaveLength(0)
    expect(event?.uid).toBe(`meeting-${meeting.published}@zwin`)
    expect(event?.summary).toBe('GOS-overleg voorjaar')
    expect(event?.startDate.zone?.tzid).toBe('Europe/Amsterdam')
    const stored = await t.db.meeting.findUniqueOrThrow({ where: { id: meeting.published } })
    expect(event?.startDate.toJSDate().getTime()).toBe(stored.startsAt.getTime())
    expect(event?.component.getFirstPropertyValue('url')).toBe(
      `${ORIGIN}/netwerken/gos/vergaderingen/${meeting.published}`,
    )
    expect(event?.component.getFirstPropertyValue('status')).toBe('CONFIRMED')
  })

  it('answers 404 to a user of another network, in either network address', async () => {
    expect((await getIcs(DE_WOLDEN, 'gos', meeting.published)).status).toBe(404)
    expect((await getIcs(DE_WOLDEN, 'p10', meeting.published)).status).toBe(404)
    // A member of both networks still gets 404 for a GOS meeting under the P10 address.
    expect((await getIcs(SLUIS, 'p10', meeting.published)).status).toBe(404)
  })

  it('answers 404 to a plain member for a draft; its preparer gets it as TENTATIVE', async () => {
    expect((await getIcs(DAMME, 'gos', meeting.draft)).status).toBe(404)
    expect((await getIcs(SLUIS, 'gos', meeting.draft)).status).toBe(404)
    const res = await getIcs(SECRETARY, 'gos', meeting.draft)
    expect(res.status).toBe(200)
    const [event] = parseCalendar(text(res.bytes))
    expect(event?.component.getFirstPropertyValue('status')).toBe('TENTATIVE')
  })

  it('shows a cancelled meeting as cancelled', async () => {
    const res = await getIcs(DAMME, 'gos', meeting.cancelled)
    const [event] = parseCalendar(text(res.bytes))
    expect(event?.component.getFirstPropertyValue('status')).toBe('CANCELLED')
    // Damme's organisation is Flemish; the fixed words follow its language.
    expect(event?.description).toContain('Reden: Te weinig punten')
  })

  it('sends someone without a session to the sign-in page', async () => {
    const res = await getIcs(null, 'gos', meeting.published)
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
  })
})

describe('the personal feed', () => {
  /** The meeting ids in the person's feed, after checking every one is a non-draft they may see. */
  async function feedIds(email: string, token: string) {
    const res = await getFeed(token)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
    expect(res.headers.get('Cache-Control')).toBe('private, no-store')
    const ids = parseCalendar(text(res.bytes)).map((e) => meetingIdOf(e.uid))
    const user = await t.db.user.findUniqueOrThrow({ where: { email } })
    const rows = await t.db.meeting.findMany({
      where: { id: { in: ids } },
      select: { status: true, network: { select: { memberships: true } } },
    })
    expect(rows).toHaveLength(ids.length)
    for (const row of rows) {
      expect(row.status).not.toBe('draft')
      expect(row.network.memberships.some((m) => m.organisationId === user.organisationId)).toBe(
        true,
      )
    }
    return ids
  }

  it('holds the meetings of the owner’s networks that they may see, cancelled ones too', async () => {
    const damme = await feeds.createFeedToken(await userFor(await cookie(DAMME)))
    const ids = await feedIds(DAMME, damme)
    expect(ids).toEqual(
      expect.arrayContaining([meeting.published, meeting.cancelled, meeting.recent]),
    )
    expect(ids).not.toContain(meeting.p10)
    expect(ids).not.toContain(meeting.draft)
    // Older than 90 days: no longer in the feed.
    expect(ids).not.toContain(meeting.old)

    const sluis = await feedIds(
      SLUIS,
      await feeds.createFeedToken(await userFor(await cookie(SLUIS))),
    )
    expect(sluis).toEqual(expect.arrayContaining([meeting.published, meeting.p10]))

    const deWolden = await feedIds(
      DE_WOLDEN,
      await feeds.createFeedToken(await userFor(await cookie(DE_WOLDEN))),
    )
    expect(deWolden).toContain(meeting.p10)
    expect(deWolden).not.toContain(meeting.published)
  })

  it('over the limit keeps the latest-starting meetings, listed from the earliest on', async () => {
    const viewer = await userFor(await cookie(DAMME))
    const farAhead = await addMeeting('gos', 'published', 300, {
      title: 'GOS-overleg volgend jaar',
    })
    const all = await feeds.feedMeetings(viewer)
    expect(all.length).toBeLessThan(feeds.FEED_MEETING_LIMIT)
    expect(all.length).toBeGreaterThan(3)
    const starts = (list: { startsAt: Date }[]) => list.map((m) => m.startsAt.getTime())
    expect(starts(all)).toEqual([...starts(all)].sort((a, b) => a - b))
    expect(all.map((m) => m.id)).toEqual(expect.arrayContaining([meeting.recent, farAhead]))

    const limited = await feeds.feedMeetings(viewer, new Date(), 2)
    expect(limited.map((m) => m.id)).toEqual(all.slice(-2).map((m) => m.id))
    expect(limited.at(-1)?.id).toBe(farAhead)
    expect(limited.map((m) => m.id)).not.toContain(meeting.recent)
    await t.db.meeting.delete({ where: { id: farAhead } })
  })

  it('leaves drafts out even for the person who prepares them', async () => {
    const token = await feeds.createFeedToken(await userFor(await cookie(SECRETARY)))
    const ids = await feedIds(SECRETARY, token)
    expect(ids).toContain(meeting.published)
    expect(ids).not.toContain(meeting.draft)
  })

  it('stores only the hash of the token, nowhere the token itself', async () => {
    const user = await userFor(await cookie(DAMME))
    const token = await feeds.createFeedToken(user)
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const row = await t.db.calendarFeed.findUniqueOrThrow({ where: { userId: user.id } })
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'))
    const audit = await t.db.auditEvent.findMany({ where: { objectType: 'CalendarFeed' } })
    expect(audit.length).toBeGreaterThan(0)
    expect(JSON.stringify(audit)).not.toContain(token)
    if (t.provider === 'postgresql') {
      // Every row of every table, as text.
      const tables = await t.db.$queryRaw<{ name: string }[]>`
        SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()`
      for (const { name } of tables) {
        const [row] = await t.db.$queryRawUnsafe<{ found: boolean }[]>(
          `SELECT coalesce(bool_or(x::text LIKE '%' || $1 || '%'), false) AS found FROM "${name}" x`,
          token,
        )
        expect(row?.found, name).toBe(false)
      }
    } else {
      await t.db.$executeRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)')
      for (const file of [t.databasePath, `${t.databasePath}-wal`]) {
        if (fs.existsSync(file)) expect(fs.readFileSync(file).includes(token)).toBe(false)
      }
    }
  })

  it('stops working when replaced or revoked', async () => {
    const user = await userFor(await cookie(DAMME))
    const first = await feeds.createFeedToken(user)
    const second = await feeds.createFeedToken(user)
    expect((await getFeed(first)).status).toBe(404)
    expect((await getFeed(second)).status).toBe(200)
    expect(await feeds.revokeFeed(user)).toBe(true)
    expect((await getFeed(second)).status).toBe(404)
    expect(await feeds.revokeFeed(user)).toBe(false)
  })

  it('answers 404 for a disabled account and for unknown or malformed tokens', async () => {
    const damme = await t.db.user.findUniqueOrThrow({ where: { email: DAMME } })
    const leaver = await t.db.user.create({
      data: {
        email: `vertrokken.${Date.now()}@example.org`,
        name: 'Vertrokken Persoon',
        organisationId: damme.organisationId,
      },
      select: { id: true, organisation: true },
    })
    const token = await feeds.createFeedToken({ id: leaver.id, organisation: leaver.organisation })
    expect((await getFeed(token)).status).toBe(200)
    await t.db.user.update({ where: { id: leaver.id }, data: { disabledAt: new Date() } })
    expect((await getFeed(token)).status).toBe(404)
    for (const bad of ['x'.repeat(43), 'te-kort', `${token}/../x`, '']) {
      expect((await getFeed(bad)).status).toBe(404)
    }
  })
})

describe('Mijn agenda', () => {
  const agendaIds = async (email: string) => {
    const res = await callLoader(routes.agenda.loader, '/agenda', { cookie: await cookie(email) })
    expect(res.status).toBe(200)
    return (res.data as { meetings: { id: string }[] }).meetings.map((m) => m.id)
  }

  it('lists coming meetings of every network the user may see; drafts only for the preparer', async () => {
    const damme = await agendaIds(DAMME)
    expect(damme).toEqual(expect.arrayContaining([meeting.cancelled, meeting.published]))
    expect(damme).not.toContain(meeting.draft)
    expect(damme).not.toContain(meeting.p10)
    expect(damme).not.toContain(meeting.recent)
    expect(damme.indexOf(meeting.cancelled)).toBeLessThan(damme.indexOf(meeting.published))

    expect(await agendaIds(SECRETARY)).toContain(meeting.draft)
    expect(await agendaIds(SLUIS)).toEqual(expect.arrayContaining([meeting.published, meeting.p10]))
    expect(await agendaIds(SLUIS)).not.toContain(meeting.draft)
    expect(await agendaIds(DE_WOLDEN)).not.toContain(meeting.published)
  })

  it('makes a link once, asks before replacing or stopping it, and audits both', async () => {
    const email = 'lid.knokke-heist@example.org'
    const user = await userFor(await cookie(email))
    const post = async (fields: Record<string, string>) =>
      callAction(routes.agenda.action, '/agenda', fields, { cookie: await cookie(email) })

    const made = await post({ intent: 'create' })
    expect(made.headers.get('Cache-Control')).toBe('no-store')
    const url = (made.data as { created: string }).created
    expect(url).toMatch(new RegExp(`^${ORIGIN}/agenda/feed/[A-Za-z0-9_-]{43}/zwin\\.ics$`))
    const token = url.split('/')[5]!
    expect((await getFeed(token)).status).toBe(200)
    const loaded = await callLoader(routes.agenda.loader, '/agenda', {
      cookie: await cookie(email),
    })
    expect(JSON.stringify(loaded.data)).not.toContain(token)

    // A new link only after confirming: the first answer is the question, nothing changed.
    expect((await post({ intent: 'create' })).data).toEqual({ confirm: 'replace' })
    expect((await getFeed(token)).status).toBe(200)
    const replaced = await post({ intent: 'create', id: 'feed', confirmed: 'yes' })
    const newToken = (replaced.data as { created: string }).created.split('/')[5]!
    expect((await getFeed(token)).status).toBe(404)
    expect((await getFeed(newToken)).status).toBe(200)

    expect((await post({ intent: 'revoke' })).data).toEqual({ confirm: 'revoke' })
    expect((await getFeed(newToken)).status).toBe(200)
    expect((await post({ intent: 'revoke', id: 'feed', confirmed: 'yes' })).data).toEqual({
      revoked: true,
    })
    expect((await getFeed(newToken)).status).toBe(404)
    expect(await t.db.calendarFeed.findUnique({ where: { userId: user.id } })).toBeNull()

    const audit = await t.db.auditEvent.findMany({
      where: { actorUserId: user.id, objectType: 'CalendarFeed' },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { action: true, details: true },
    })
    expect(audit.map((a) => a.action)).toEqual([
      'calendarFeed.created',
      'calendarFeed.created',
      'calendarFeed.revoked',
    ])
    expect(audit.map((a) => JSON.parse(a.details ?? '{}').replaced)).toEqual([
      false,
      true,
      undefined,
    ])
  })

  it('refuses an unknown intent without writing anything', async () => {
    const res = await callAction(
      routes.agenda.action,
      '/agenda',
      { intent: 'steal' },
      {
        cookie: await cookie(DAMME),
      },
    )
    expect(res.status).toBe(400)
    expect(res.data).toEqual({ error: 'unknownAction' })
  })
})

/** The decoded body of the first MIME part of this type, as nodemailer writes it. */
function mimePart(raw: string, type: string): string {
  const at = raw.search(new RegExp(`^Content-Type: ${type}`, 'mi'))
  if (at < 0) throw new Error(`No ${type} part in the message`)
  const headEnd = raw.indexOf('\r\n\r\n', at)
  const body = raw.slice(headEnd + 4, raw.indexOf('\r\n--', headEnd))
  const encoding = /^Content-Transfer-Encoding: (\S+)/im.exec(raw.slice(at, headEnd))?.[1]
  if (encoding?.toLowerCase() === 'base64') return Buffer.from(body, 'base64').toString('utf8')
  if (encoding?.toLowerCase() === 'quoted-printable') return quotedPrintable(body)
  return body
}

function quotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
  return Buffer.from(bytes, 'latin1').toString('utf8')
}

function subjectOf(raw: string): string {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ')
  return (/^Subject: (.*)$/im.exec(head)?.[1] ?? '')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_m, enc: string, value: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(value, 'base64').toString('utf8')
        : quotedPrintable(value.replaceAll('_', ' ')),
    )
}

describe('the invitation mail', () => {
  const KNOKKE = 'lid.knokke-heist@example.org'
  const ENGLISH = `english.damme.${Date.now()}@example.org`
  const GONE = `weg.damme.${Date.now()}@example.org`
  const onlineUrl = 'https://meet.example.org/gos?a=1&b=2'
  let target = ''
  let expected: string[] = []

  const mailTo = (email: string) => {
    const mails = received.filter((m) => m.to.includes(email))
    expect(mails, `mails to ${email}`).toHaveLength(1)
    return mails[0]!.raw
  }

  beforeAll(async () => {
    target = await addMeeting('gos', 'published', 30, { title: 'GOS-overleg najaar', onlineUrl })
    // Invited: Knokke-Heist and Damme (members), De Wolden (not a member of GOS: no mail).
    await t.db.meetingInvitation.createMany({
      data: [org.knokke, org.damme, org.deWolden].map((organisationId) => ({
        meetingId: target,
        organisationId,
      })),
    })
    const sluis = await t.db.user.findUniqueOrThrow({ where: { email: SLUIS } })
    const secretary = await t.db.user.findUniqueOrThrow({ where: { email: SECRETARY } })
    await t.db.meetingAttendance.createMany({
      data: [
        // Invited by name although Sluis is not invited as an organisation.
        { meetingId: target, userId: sluis.id, organisationId: org.sluis, invited: true },
        // Replied, but not invited by name: no mail.
        { meetingId: target, userId: secretary.id, organisationId: org.sluis, response: 'yes' },
      ],
    })
    await t.db.user.createMany({
      data: [
        { email: ENGLISH, name: 'Emma English', organisationId: org.damme, locale: 'en' },
        { email: GONE, name: 'Weg Geweest', organisationId: org.damme, disabledAt: new Date() },
      ],
    })
    const invitedOrganisations = await t.db.user.findMany({
      where: { organisationId: { in: [org.knokke, org.damme] }, disabledAt: null },
      select: { email: true },
    })
    expected = [...invitedOrganisations.map((u) => u.email), SLUIS].sort()
    // Prepared by the secretary, with an item of its own and the standing "Rondvraag".
    await t.db.meeting.update({ where: { id: target }, data: { createdById: secretary.id } })
    await t.db.agendaItem.createMany({
      data: [
        {
          meetingId: target,
          position: 0,
          title: 'Begroting 2027',
          kind: 'decision',
          durationMinutes: 30,
        },
        {
          meetingId: target,
          position: 1,
          title: 'Rondvraag',
          standing: 'any_other_business',
          kind: 'discussion',
          durationMinutes: 10,
        },
      ],
    })
  })

  it('mails each invited person once, alone, in their language, with the .ics attached', async () => {
    expect(expected).toEqual(expect.arrayContaining([KNOKKE, DAMME, ENGLISH, SLUIS]))
    expect(expected).not.toContain(GONE)

    const result = await sendInvitations(target, 'published')
    expect(result).toEqual({
      queued: expected.length,
      sent: expected.length,
      retrying: 0,
      failed: 0,
    })
    expect(received.map((m) => m.to)).toEqual(expect.arrayContaining(expected.map((e) => [e])))
    expect(received.flatMap((m) => m.to).sort()).toEqual(expected)
    for (const mail of received) {
      // Nobody sees who else was invited.
      for (const other of expected.filter((e) => e !== mail.to[0])) {
        expect(mail.raw).not.toContain(other)
      }
    }

    const stored = await t.db.meeting.findUniqueOrThrow({ where: { id: target } })
    const flemish = mailTo(KNOKKE)
    // The title names the network already: no "GOS: GOS-overleg".
    expect(subjectOf(flemish)).toMatch(/^Uitnodiging: GOS-overleg najaar op \d{1,2} \w+ \d{4}$/)
    // Answers go to the secretary who prepared it, not to the portal's no-reply address.
    expect(flemish).toMatch(new RegExp(`^Reply-To: ${SECRETARY.replace('.', '\\.')}`, 'm'))
    const plain = mimePart(flemish, 'text/plain')
    expect(plain).toContain('Beste Lieve Zwinnaert,')
    expect(plain).toMatch(/Wanneer: \w+ \d{1,2} \w+ \d{4}, \d{2}:\d{2}–\d{2}:\d{2} uur/)
    expect(plain).toContain('Waar: Gemeentehuis Knokke-Heist, Dumortierlaan 32, 8300 Knokke-Heist')
    expect(plain).toContain(`Online: ${onlineUrl}`)
    expect(plain).toContain(`${ORIGIN}/netwerken/gos/vergaderingen/${target}`)
    expect(plain).toContain('Met vriendelijke groeten,')
    // The agenda, numbered and timed, with the standing item in the reader's language.
    expect(plain).toMatch(/Agenda:\r?\n1\. \d{2}:\d{2} Begroting 2027\r?\n2\. \d{2}:\d{2} Varia/)
    // One link per answer: each opens the meeting page with that answer chosen, nothing is sent yet.
    for (const answer of ['ja', 'nee', 'misschien']) {
      expect(plain).toContain(
        `${ORIGIN}/netwerken/gos/vergaderingen/${target}?antwoord=${answer}#antwoord`,
      )
    }
    expect(mimePart(flemish, 'text/html')).toContain(
      'href="https://meet.example.org/gos?a=1&amp;b=2"',
    )

    const [event, ...others] = parseCalendar(mimePart(flemish, 'text/calendar'))
    expect(others).toHaveLength(0)
    expect(event?.uid).toBe(`meeting-${target}@zwin`)
    expect(event?.sequence).toBe(0)
    expect(event?.component.getFirstPropertyValue('status')).toBe('CONFIRMED')
    expect(event?.startDate.toJSDate().getTime()).toBe(stored.startsAt.getTime())
    expect(flemish).toMatch(/^Content-Type: text\/calendar; charset=utf-8; method=PUBLISH;/m)
    expect(flemish).toMatch(/^Content-Disposition: attachment; filename="GOS-overleg najaar\.ics"/m)

    const english = mailTo(ENGLISH)
    // English dates are British: day before month, as on the pages and in the pack.
    expect(subjectOf(english)).toMatch(/^Invitation: GOS-overleg najaar on \d{1,2} \w+ \d{4}$/)
    expect(mimePart(english, 'text/plain')).toMatch(/2\. \d{2}:\d{2} Any other business/)
    expect(mimePart(english, 'text/plain')).toMatch(
      /When: \w+, \d{1,2} \w+ \d{4}, \d{2}:\d{2}–\d{2}:\d{2} \(Amsterdam and Brussels time\)/,
    )
    expect(parseCalendar(mimePart(english, 'text/calendar'))[0]?.description).toContain(
      `Join online: ${onlineUrl}`,
    )
    expect(subjectOf(mailTo(SLUIS))).toMatch(/^Uitnodiging: /)
  })

  it('mails only the invitees among the given organisations and people, when asked', async () => {
    const sluis = await t.db.user.findUniqueOrThrow({ where: { email: SLUIS } })
    const secretary = await t.db.user.findUniqueOrThrow({ where: { email: SECRETARY } })
    const activePeopleOf = async (organisationId: string) =>
      (
        await t.db.user.findMany({
          where: { organisationId, disabledAt: null },
          select: { email: true },
        })
      ).map((u) => u.email)
    const to = async (only: Parameters<typeof invitations.queueMeetingInvitations>[3]) => {
      received.length = 0
      // Each case as if nobody had been mailed yet (the same mail is queued once: key per sequence).
      await t.db.outboxMail.deleteMany()
      const result = await sendInvitations(target, 'published', only)
      expect(result).toMatchObject({ queued: received.length, sent: received.length, failed: 0 })
      return received.flatMap((m) => m.to).sort()
    }

    // A newly invited organisation: its active people, nobody else (not the disabled one).
    const damme = await activePeopleOf(org.damme)
    expect(damme).toEqual(expect.arrayContaining([DAMME, ENGLISH]))
    expect(await to({ organisationIds: [org.damme] })).toEqual(damme.sort())
    // A person newly invited by name; and both at once.
    expect(await to({ userIds: [sluis.id] })).toEqual([SLUIS])
    expect(await to({ organisationIds: [org.knokke], userIds: [sluis.id] })).toEqual(
      [...(await activePeopleOf(org.knokke)), SLUIS].sort(),
    )
    // Still only invitees of current member organisations: someone who only replied, an organisation
    // that is invited but not a member of the network, and an empty choice get nothing.
    expect(await to({ userIds: [secretary.id] })).toEqual([])
    expect(await to({ organisationIds: [org.deWolden] })).toEqual([])
    expect(await to({})).toEqual([])
    expect(await to({ organisationIds: [], userIds: [] })).toEqual([])
  })

  it('queues a change once: the same change again adds no mail', async () => {
    await t.db.meeting.update({ where: { id: target }, data: { sequence: { increment: 1 } } })
    const first = await t.db.$transaction((tx) =>
      invitations.queueMeetingInvitations(tx, target, 'updated'),
    )
    const again = await t.db.$transaction((tx) =>
      invitations.queueMeetingInvitations(tx, target, 'updated'),
    )
    expect(again).toEqual(first)
    expect(await outbox.sendDueMails()).toMatchObject({ sent: first.queued, failed: 0 })
    expect(received).toHaveLength(first.queued)
  })

  it('tries a refused mail again later, logs it without anyone’s address, and sends the rest', async () => {
    refused.add(DAMME)
    // As updateMeeting does: a change that calendars show raises the SEQUENCE.
    await t.db.meeting.update({ where: { id: target }, data: { sequence: { increment: 1 } } })
    const warn = vi.spyOn(getLogger(), 'warn').mockImplementation(() => {})
    const result = await sendInvitations(target, 'updated')
    expect(result).toEqual({
      queued: expected.length,
      sent: expected.length - 1,
      retrying: 1,
      failed: 0,
    })
    expect(subjectOf(mailTo(KNOKKE))).toMatch(/^Gewijzigd: GOS-overleg najaar op /)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(JSON.stringify(warn.mock.calls[0])).not.toMatch(/@/)
    const waiting = await t.db.outboxMail.findFirstOrThrow({
      where: { to: DAMME, status: 'queued' },
    })
    expect(waiting).toMatchObject({ attempts: 1, category: 'meeting_change' })
    expect(waiting.lastError).not.toMatch(/@/)
  })

  it('says a cancelled meeting is off, with the reason, and asks to remove it from the calendar', async () => {
    const before = await t.db.meeting.findUniqueOrThrow({ where: { id: target } })
    // As cancelMeeting does: the status, the reason and a higher SEQUENCE in one update.
    await t.db.meeting.update({
      where: { id: target },
      data: {
        status: 'cancelled',
        cancelReason: 'De zaal is niet beschikbaar',
        sequence: { increment: 1 },
      },
    })
    const result = await sendInvitations(target, 'cancelled')
    expect(result).toEqual({
      queued: expected.length,
      sent: expected.length,
      retrying: 0,
      failed: 0,
    })
    const mail = mailTo(DAMME)
    expect(subjectOf(mail)).toMatch(/^Afgelast: GOS-overleg najaar op /)
    const plain = mimePart(mail, 'text/plain')
    expect(plain).toContain('De vergadering GOS-overleg najaar van ')
    expect(plain).toContain(' is afgelast.')
    expect(plain).toContain('Reden: De zaal is niet beschikbaar')
    // A PUBLISH file does not reliably take an entry out of a calendar: the mail promises no such thing.
    expect(plain).toContain('Verwijder haar daar dan.')
    expect(plain).toContain('agenda-abonnement')
    expect(plain).not.toMatch(/bijlage/i)

    // The attached file still says it: the same UID, STATUS:CANCELLED and the raised SEQUENCE.
    const ics = mimePart(mail, 'text/calendar')
    expect(ics).toMatch(/^METHOD:PUBLISH\r$/m)
    const [event] = parseCalendar(ics)
    expect(event?.uid).toBe(`meeting-${target}@zwin`)
    expect(event?.sequence).toBe(before.sequence + 1)
    expect(event?.component.getFirstPropertyValue('status')).toBe('CANCELLED')
    expect(event?.summary).toBe('Afgelast: GOS-overleg najaar')

    const english = mailTo(ENGLISH)
    expect(subjectOf(english)).toMatch(/^Cancelled: GOS-overleg najaar on /)
    expect(mimePart(english, 'text/plain')).toContain('please remove it there')
    expect(parseCalendar(mimePart(english, 'text/calendar'))[0]?.summary).toBe(
      'Cancelled: GOS-overleg najaar',
    )
  })

  it('never announces a draft, and does not throw for an unknown meeting', async () => {
    await t.db.meetingInvitation.create({
      data: { meetingId: meeting.draft, organisationId: org.damme },
    })
    expect(await sendInvitations(meeting.draft, 'published')).toMatchObject({ queued: 0, sent: 0 })
    expect(await sendInvitations('geen-vergadering', 'updated')).toMatchObject({
      queued: 0,
      sent: 0,
    })
    expect(received).toHaveLength(0)
  })
})
