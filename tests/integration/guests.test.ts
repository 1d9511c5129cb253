import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { callAction, callLoader, fieldErrors, sessionCookies } from '../setup/route-calls'
import { organisationIds } from '../setup/seeded-ids'
import { smtpListener } from '../setup/smtp-listener'
import { sendMeetingInvitations } from '../setup/invitations'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// Guests without an account (issue 11, item 4): the secretary invites a speaker by name and e-mail.
// The guest gets the invitation (at publication, or at once for a published meeting), the changes and
// the cancellation, with the .ics, in the language chosen for them; never a link to a page, and they
// answer by replying to the secretary.

const SECRETARY = 'secretaris.gos@example.org'
const DAMME = 'lid.damme@example.org'
const HOUR = 3_600_000
const GUEST = 'spreker@provincie.example.net'

const smtp = smtpListener()
const { received } = smtp
let t: TestDatabase
let routes: {
  guests: typeof import('../../app/routes/meetings/guests')
  detail: typeof import('../../app/routes/meetings/detail')
}
const cookie = sessionCookies()
const org = { knokke: '' }
let gos = ''

beforeAll(async () => {
  await smtp.start()
  t = await createTestDatabase()
  await seed(t.db)
  routes = {
    guests: await import('../../app/routes/meetings/guests'),
    detail: await import('../../app/routes/meetings/detail'),
  }
  Object.assign(org, await organisationIds(t.db, { knokke: 'knokke-heist' }))
  gos = (await t.db.network.findUniqueOrThrow({ where: { slug: 'gos' } })).id
})
afterAll(async () => {
  await t.cleanup()
  await smtp.stop()
})
afterEach(() => smtp.clear())

async function meeting(status: string, title: string) {
  const secretary = await t.db.user.findUniqueOrThrow({ where: { email: SECRETARY } })
  const startsAt = new Date(Date.now() + 14 * 24 * HOUR)
  const created = await t.db.meeting.create({
    data: {
      networkId: gos,
      title,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * HOUR),
      hostOrganisationId: org.knokke,
      location: 'Gemeentehuis Knokke-Heist',
      status,
      createdById: secretary.id,
    },
    select: { id: true },
  })
  return created.id
}

const guestsPath = (id: string) => `/netwerken/gos/vergaderingen/${id}/gasten`
const post = async (id: string, fields: Record<string, string>, email = SECRETARY) =>
  callAction(routes.guests.action, guestsPath(id), fields, {
    cookie: await cookie(email),
    params: { network: 'gos', meeting: id },
  })
const guest = (overrides: Record<string, string> = {}) => ({
  intent: 'addGuest',
  name: 'Ir. Joost de Kust',
  email: GUEST,
  affiliation: 'Provincie Zeeland, spreker kustveiligheid',
  locale: 'nl-BE',
  ...overrides,
})
const mailsTo = (address: string) => received.filter((m) => m.to.includes(address))

describe('guests without an account', () => {
  it('are invited to a draft without a mail, and mailed once it is published', async () => {
    const id = await meeting('draft', 'GOS-overleg met gastspreker')
    const out = await post(id, guest())
    expect(out.status, JSON.stringify(out.data)).toBe(302)
    expect(mailsTo(GUEST)).toHaveLength(0)

    const published = await callAction(
      routes.detail.action,
      `/netwerken/gos/vergaderingen/${id}`,
      { intent: 'publish', confirmed: 'yes' },
      { cookie: await cookie(SECRETARY), params: { network: 'gos', meeting: id } },
    )
    expect(published.status).toBe(302)
    const [mail, ...more] = mailsTo(GUEST)
    expect(more).toHaveLength(0)
    // Quoted-printable wraps long lines: unwrap them before reading the text.
    const raw = mail!.raw.replace(/=\r?\n/g, '')
    // In the language chosen for the guest, with the .ics, and no link into Zwin at all.
    expect(raw).toContain('Beste Ir. Joost de Kust,')
    expect(raw).toMatch(/^Reply-To: secretaris\.gos@example\.org/m)
    expect(raw).toMatch(/Content-Type: text\/calendar/)
    expect(raw).not.toContain('/netwerken/gos/vergaderingen/')
    expect(raw).not.toContain('?antwoord=')
    expect(raw).toContain('op deze e-mail te antwoorden')
  })

  it('get the invitation at once when added to a published meeting, and the cancellation', async () => {
    const id = await meeting('published', 'GOS-werkbezoek Zwin')
    expect((await post(id, guest({ locale: 'en' }))).status).toBe(302)
    expect(mailsTo(GUEST)).toHaveLength(1)
    expect(mailsTo(GUEST)[0]!.raw).toContain('Dear Ir. Joost de Kust,')
    smtp.clear()
    const cancelled = await callAction(
      routes.detail.action,
      `/netwerken/gos/vergaderingen/${id}`,
      { intent: 'cancel', reason: 'De spreker is verhinderd' },
      { cookie: await cookie(SECRETARY), params: { network: 'gos', meeting: id } },
    )
    expect(cancelled.status).toBe(302)
    expect(mailsTo(GUEST)).toHaveLength(1)
    // No word of a Zwin calendar subscription, which a guest does not have.
    const cancellation = mailsTo(GUEST)[0]!.raw.replace(/=\r?\n/g, '')
    expect(cancellation).toContain('remove it there')
    expect(cancellation).not.toContain('subscription')
  })

  it('refuses the same address twice, a bad address and a made-up language, writing nothing', async () => {
    const id = await meeting('draft', 'GOS-overleg dubbel')
    expect((await post(id, guest())).status).toBe(302)
    const before = await t.db.meetingGuest.count()
    const again = await post(id, guest({ email: GUEST.toUpperCase() }))
    expect(again.status).toBe(400)
    expect(fieldErrors(again.data)).toEqual({ email: ['guestExists'] })
    expect(fieldErrors((await post(id, guest({ email: 'geen-adres' }))).data)).toHaveProperty(
      'email',
    )
    expect(fieldErrors((await post(id, guest({ locale: 'fr' }))).data)).toHaveProperty('locale')
    expect(await t.db.meetingGuest.count()).toBe(before)
  })

  it('are removed only after a confirmation, and never by a plain member (404)', async () => {
    const id = await meeting('draft', 'GOS-overleg verwijderen')
    await post(id, guest())
    const stored = await t.db.meetingGuest.findFirstOrThrow({ where: { meetingId: id } })
    expect((await post(id, { intent: 'removeGuest', id: stored.id }, DAMME)).status).toBe(404)
    expect(
      (
        await callLoader(routes.guests.loader, guestsPath(id), {
          cookie: await cookie(DAMME),
          params: { network: 'gos', meeting: id },
        })
      ).status,
    ).toBe(404)
    const asked = await post(id, { intent: 'removeGuest', id: stored.id })
    expect(asked.data).toEqual({
      confirm: { intent: 'removeGuest', id: stored.id, name: 'Ir. Joost de Kust' },
    })
    expect(await t.db.meetingGuest.count({ where: { meetingId: id } })).toBe(1)
    const removed = await post(id, { intent: 'removeGuest', id: stored.id, confirmed: 'yes' })
    expect(removed.status).toBe(302)
    expect(await t.db.meetingGuest.count({ where: { meetingId: id, removedAt: null } })).toBe(0)
  })

  it('cannot be added to a held meeting (invitationsClosed)', async () => {
    const id = await meeting('held', 'GOS-overleg gehouden')
    const out = await post(id, guest())
    expect(out.status).toBe(400)
    expect(await t.db.meetingGuest.count({ where: { meetingId: id } })).toBe(0)
  })

  it('are mailed once per meeting, however often the address is removed and added again', async () => {
    const id = await meeting('published', 'GOS-overleg herhaald')
    for (let round = 0; round < 3; round++) {
      expect((await post(id, guest())).status).toBe(302)
      const stored = await t.db.meetingGuest.findFirstOrThrow({
        where: { meetingId: id, removedAt: null },
      })
      expect(
        (await post(id, { intent: 'removeGuest', id: stored.id, confirmed: 'yes' })).status,
      ).toBe(302)
    }
    expect(mailsTo(GUEST)).toHaveLength(1)
    // The audit keeps a fingerprint of the address, never the address.
    const audit = await t.db.auditEvent.findMany({ where: { action: 'meeting.guest_added' } })
    expect(JSON.stringify(audit)).not.toContain(GUEST)
  })

  it('stops at 50 guests for one meeting (tooManyGuests), writing nothing more', async () => {
    const id = await meeting('draft', 'GOS-congres')
    await t.db.meetingGuest.createMany({
      data: Array.from({ length: 50 }, (_, i) => ({
        meetingId: id,
        name: `Gast ${i}`,
        email: `gast${i}@example.net`,
        locale: 'nl-NL',
      })),
    })
    const out = await post(id, guest())
    expect(out.status).toBe(400)
    expect((out.data as { error?: Record<string, string[]> }).error?.['']).toEqual([
      'tooManyGuests',
    ])
    expect(await t.db.meetingGuest.count({ where: { meetingId: id } })).toBe(50)
  })

  it('have no Reply-To once the secretary who prepared it no longer prepares meetings', async () => {
    const id = await meeting('published', 'GOS-overleg na een rolwissel')
    const secretary = await t.db.user.findUniqueOrThrow({ where: { email: SECRETARY } })
    const roles = await t.db.networkRole.findMany({ where: { userId: secretary.id } })
    await t.db.networkRole.deleteMany({ where: { userId: secretary.id } })
    try {
      await t.db.meetingGuest.create({
        data: { meetingId: id, name: 'Gast', email: GUEST, locale: 'nl-NL' },
      })
      await sendMeetingInvitations(id, 'published')
      expect(mailsTo(GUEST)).toHaveLength(1)
      expect(mailsTo(GUEST)[0]!.raw).not.toMatch(/^Reply-To:/m)
    } finally {
      await t.db.networkRole.createMany({ data: roles })
    }
  })
})
