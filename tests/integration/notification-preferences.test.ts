import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { callAction, callLoader, fieldErrors, sessionCookies } from '../setup/route-calls'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// Notification preferences and one-click unsubscribe (issue 14): the preferences form and the
// unsubscribe page, called as Remix calls them, against the seeded database.
//
// lid.sluis@example.org: Sluis is in every network (GOS, Zeeuws-Vlaanderen, P10).
// lid.dewolden@example.org: De Wolden, in P10 only.

const SLUIS = 'lid.sluis@example.org'
const DE_WOLDEN = 'lid.dewolden@example.org'

let t: TestDatabase
let routes: {
  preferences: typeof import('../../app/routes/notifications/preferences')
  unsubscribe: typeof import('../../app/routes/notifications/unsubscribe')
}
let prefs: typeof import('../../app/modules/notifications/preferences.server')
let tokens: typeof import('../../app/modules/notifications/unsubscribe.server')
const cookie = sessionCookies()
const net = { gos: '', zvl: '', p10: '' }
let sluisId = ''

const kinds = [
  'invitations',
  'meeting_changes',
  'action_items',
  'documents',
  'meeting_documents',
  'decisions',
  'minutes',
  'goals',
  'projects',
  'reminders',
] as const

/** The form as the page sends it: everything at its default, every network "as for all networks". */
function form(overrides: Record<string, string> = {}, networks = [net.gos, net.zvl, net.p10]) {
  const fields: Record<string, string> = { digestHour: '7', digestWeekday: '1' }
  for (const kind of kinds) fields[`all.${kind}`] = prefs.defaultDelivery[kind]
  for (const n of networks) for (const kind of kinds) fields[`networks.${n}.${kind}`] = 'inherit'
  return { ...fields, ...overrides }
}

const rowsOf = (userId: string) =>
  t.db.notificationPreference.findMany({
    where: { userId },
    select: { kind: true, networkId: true, delivery: true },
    orderBy: [{ kind: 'asc' }, { networkId: 'asc' }],
  })

beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
  routes = {
    preferences: await import('../../app/routes/notifications/preferences'),
    unsubscribe: await import('../../app/routes/notifications/unsubscribe'),
  }
  prefs = await import('../../app/modules/notifications/preferences.server')
  tokens = await import('../../app/modules/notifications/unsubscribe.server')
  for (const [key, slug] of [
    ['gos', 'gos'],
    ['zvl', 'zeeuws-vlaanderen'],
    ['p10', 'p10'],
  ] as const)
    net[key] = (await t.db.network.findUniqueOrThrow({ where: { slug } })).id
  sluisId = (await t.db.user.findUniqueOrThrow({ where: { email: SLUIS } })).id
})
afterAll(() => t.cleanup())

describe('the preferences page', () => {
  it('shows the defaults and the networks of the organisation', async () => {
    const page = await callLoader(routes.preferences.loader, '/profiel/meldingen', {
      cookie: await cookie(DE_WOLDEN),
    })
    expect(page.status).toBe(200)
    const data = page.data as {
      all: Record<string, string>
      networks: { id: string }[]
      digestHour: number
    }
    expect(data.all.invitations).toBe('immediately')
    expect(data.all.documents).toBe('daily')
    expect(data.digestHour).toBe(7)
    expect(data.networks.map((n) => n.id)).toEqual([net.p10])
  })

  it('saves choices for all networks and per network, storing only what differs', async () => {
    const saved = await callAction(
      routes.preferences.action,
      '/profiel/meldingen',
      form({
        digestHour: '17',
        digestWeekday: '5',
        'all.documents': 'weekly',
        'all.invitations': 'immediately',
        [`networks.${net.gos}.documents`]: 'off',
        [`networks.${net.zvl}.decisions`]: 'immediately',
      }),
      { cookie: await cookie(SLUIS) },
    )
    expect(saved.status).toBe(302)
    expect(saved.location).toBe('/profiel/meldingen')
    expect(await rowsOf(sluisId)).toEqual(
      [
        { kind: 'decisions', networkId: net.zvl, delivery: 'immediately' },
        { kind: 'documents', networkId: '', delivery: 'weekly' },
        { kind: 'documents', networkId: net.gos, delivery: 'off' },
      ].sort((a, b) => a.kind.localeCompare(b.kind) || a.networkId.localeCompare(b.networkId)),
    )
    const user = await t.db.user.findUniqueOrThrow({ where: { id: sluisId } })
    expect([user.digestHour, user.digestWeekday]).toEqual([17, 5])
    const loaded = await prefs.loadPreferences(sluisId)
    expect(prefs.deliveryFor(loaded.rows, 'documents', net.gos)).toBe('off')
    expect(prefs.deliveryFor(loaded.rows, 'documents', net.p10)).toBe('weekly')
    expect(prefs.deliveryFor(loaded.rows, 'decisions', net.zvl)).toBe('immediately')
    expect(prefs.deliveryFor(loaded.rows, 'decisions', net.gos)).toBe('daily')
    const audit = await t.db.auditEvent.findFirst({
      where: { action: 'notifications.preferences_saved', actorUserId: sluisId },
    })
    expect(audit?.result).toBe('success')
  })

  it('saving the defaults again removes the rows', async () => {
    const saved = await callAction(routes.preferences.action, '/profiel/meldingen', form(), {
      cookie: await cookie(SLUIS),
    })
    expect(saved.status).toBe(302)
    expect(await rowsOf(sluisId)).toEqual([])
  })

  it('ignores choices for a network outside the organisation', async () => {
    const dewolden = await t.db.user.findUniqueOrThrow({ where: { email: DE_WOLDEN } })
    const saved = await callAction(
      routes.preferences.action,
      '/profiel/meldingen',
      form({ [`networks.${net.gos}.documents`]: 'immediately' }, [net.p10, net.gos]),
      { cookie: await cookie(DE_WOLDEN) },
    )
    expect(saved.status).toBe(302)
    expect(await rowsOf(dewolden.id)).toEqual([])
  })

  it('refuses a bad hour, an unknown delivery or an unknown field with 400 and writes nothing', async () => {
    const bads: Record<string, string>[] = [
      { digestHour: '24' },
      { digestWeekday: '8' },
      { 'all.goals': 'hourly' },
      { 'all.everything': 'off' },
      { isPlatformAdmin: 'true' },
    ]
    for (const bad of bads) {
      const answer = await callAction(routes.preferences.action, '/profiel/meldingen', form(bad), {
        cookie: await cookie(SLUIS),
      })
      expect(answer.status, JSON.stringify(bad)).toBe(400)
      expect(Object.keys(fieldErrors(answer.data)).length).toBeGreaterThan(0)
    }
    expect(await rowsOf(sluisId)).toEqual([])
  })

  it('asks an anonymous visitor to sign in', async () => {
    const page = await callLoader(routes.preferences.loader, '/profiel/meldingen')
    expect(page.status).toBe(302)
  })
})

describe('unsubscribing by link', () => {
  /** The page behind an unsubscribe link, opened (GET) or answered (POST), as Remix calls it. */
  const openLink = (token: string) =>
    callLoader(routes.unsubscribe.loader, `/uitschrijven/${token}`, { params: { token } })
  const postLink = (token: string, form: Record<string, string> = {}) =>
    callAction(routes.unsubscribe.action, `/uitschrijven/${token}`, form, { params: { token } })

  it('gives headers with the https-or-public-origin one-click URL', () => {
    const headers = tokens.unsubscribeHeaders(sluisId, 'documents', net.gos)
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
    expect(headers['List-Unsubscribe']).toMatch(/^<http:\/\/localhost:\d+\/uitschrijven\/[\w.-]+>$/)
  })

  it('shows the question without changing anything, then turns the kind off for that network', async () => {
    const token = tokens.unsubscribeToken(sluisId, 'documents', net.gos)
    const page = await openLink(token)
    expect(page.status).toBe(200)
    expect(page.data).toMatchObject({ status: 'ok', kind: 'documents', done: false })
    expect(await rowsOf(sluisId)).toEqual([])

    const done = await postLink(token, { 'List-Unsubscribe': 'One-Click' })
    expect(done.status).toBe(200)
    expect(done.data).toMatchObject({
      status: 'ok',
      done: true,
      network: { name: 'Grensoverschrijdend Samenwerkingsoverleg' },
    })
    expect(await rowsOf(sluisId)).toEqual([
      { kind: 'documents', networkId: net.gos, delivery: 'off' },
    ])
    const audit = await t.db.auditEvent.findFirst({
      where: { action: 'notifications.unsubscribed', actorUserId: sluisId },
    })
    expect(JSON.parse(audit!.details!)).toEqual({
      kind: 'documents',
      networkId: net.gos,
      via: 'one-click',
    })
  })

  it('turns a kind off for every network, network choices of that kind included', async () => {
    await t.db.notificationPreference.create({
      data: { userId: sluisId, kind: 'minutes', networkId: net.zvl, delivery: 'immediately' },
    })
    const token = tokens.unsubscribeToken(sluisId, 'minutes')
    const done = await postLink(token)
    expect(done.status).toBe(200)
    const loaded = await prefs.loadPreferences(sluisId)
    for (const n of [net.gos, net.zvl, net.p10, null])
      expect(prefs.deliveryFor(loaded.rows, 'minutes', n)).toBe('off')
    // Twice is fine: the same answer, nothing new.
    const again = await postLink(token)
    expect(again.status).toBe(200)
  })

  it('answers a tampered or foreign token with 404 and changes nothing', async () => {
    const before = await rowsOf(sluisId)
    const token = tokens.unsubscribeToken(sluisId, 'goals')
    const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')
    for (const bad of [tampered, 'x', `${token}x`, '']) {
      const page = await openLink(bad)
      expect(page.status).toBe(404)
      expect(page.data).toEqual({ status: 'invalid' })
      const post = await postLink(bad)
      expect(post.status).toBe(404)
    }
    expect(await rowsOf(sluisId)).toEqual(before)
  })

  it('refuses a signature spelled another way that decodes to the same bytes', async () => {
    // The signature's last base64url character carries two bits that decoding throws away: flipping
    // the lowest one gives another token with the same signature bytes. A token is accepted in one
    // spelling only (a test that changed the last character was refused or not by chance).
    const before = await rowsOf(sluisId)
    const token = tokens.unsubscribeToken(sluisId, 'goals')
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const last = alphabet.indexOf(token.at(-1)!)
    const respelled = token.slice(0, -1) + alphabet[last ^ 1]
    expect(Buffer.from(respelled.split('.')[1]!, 'base64url')).toEqual(
      Buffer.from(token.split('.')[1]!, 'base64url'),
    )
    expect(tokens.readUnsubscribeToken(token)).not.toBeNull()
    expect(tokens.readUnsubscribeToken(respelled)).toBeNull()
    const post = await postLink(respelled)
    expect(post.status).toBe(404)
    expect(await rowsOf(sluisId)).toEqual(before)
  })

  it('says a disabled or removed account gets nothing, without naming anyone', async () => {
    const dewolden = await t.db.user.update({
      where: { email: DE_WOLDEN },
      data: { disabledAt: new Date() },
    })
    const token = tokens.unsubscribeToken(dewolden.id, 'documents')
    const post = await postLink(token)
    expect(post.status).toBe(200)
    expect(post.data).toEqual({ status: 'gone' })
    expect(await rowsOf(dewolden.id)).toEqual([])
    const removed = tokens.unsubscribeToken('cnosuchuser000000000000', 'documents')
    const page = await openLink(removed)
    expect(page.data).toEqual({ status: 'gone' })
  })
})
