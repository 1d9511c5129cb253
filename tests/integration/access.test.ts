import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { cookieFor, userFor } from '../setup/route-calls'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

let t: TestDatabase
let access: typeof import('../../app/modules/access/access.server')
let networks: typeof import('../../app/modules/networks/networks.server')

beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
  access = await import('../../app/modules/access/access.server')
  networks = await import('../../app/modules/networks/networks.server')
})
afterAll(() => t.cleanup())

const userOf = async (email: string) => userFor(await cookieFor(email))

async function status(run: () => Promise<unknown>) {
  try {
    await run()
    return 200
  } catch (thrown) {
    return thrown instanceof Response ? thrown.status : 500
  }
}

describe('the access module', () => {
  it('shows the networks of the user’s organisation, and only those', async () => {
    const sluis = (await networks.listMyNetworks(await userOf('coordinator.gos@example.org'))).map(
      (n) => n.slug,
    )
    expect(sluis).toEqual(
      expect.arrayContaining(['gos', 'zeeuws-vlaanderen', 'vzg', 'ozo', 'p10', 'stedenband']),
    )
    const deWolden = (await networks.listMyNetworks(await userOf('lid.dewolden@example.org'))).map(
      (n) => n.slug,
    )
    expect(deWolden).toEqual(['p10'])
  })

  it('answers 404 for a network outside reach and for one that does not exist', async () => {
    const user = await userOf('lid.dewolden@example.org')
    expect(await status(() => access.requireNetworkAccess(user, 'gos'))).toBe(404)
    expect(await status(() => access.requireNetworkAccess(user, 'bestaat-niet'))).toBe(404)
    expect(await status(() => access.requireNetworkAccess(user, 'p10'))).toBe(200)
  })

  it('gives roles only with the role, and 404 without it', async () => {
    const coordinator = await userOf('coordinator.gos@example.org')
    const member = await userOf('lid.sluis@example.org')
    expect((await access.requireNetworkAccess(coordinator, 'gos')).roles).toEqual(['coordinator'])
    expect(await status(() => access.requireNetworkRole(member, 'gos', ['coordinator']))).toBe(404)
    expect(await status(() => access.requireNetworkRole(coordinator, 'gos', ['coordinator']))).toBe(
      200,
    )
  })

  it('an ended or not yet started membership gives no access, in an open session too', async () => {
    const user = await userOf('lid.knokke-heist@example.org')
    const membership = await t.db.networkMembership.findFirstOrThrow({
      where: { network: { slug: 'gos' }, organisation: { slug: 'knokke-heist' } },
    })
    await t.db.networkMembership.update({
      where: { id: membership.id },
      data: { activeTo: new Date(Date.now() - 1000) },
    })
    expect(await status(() => access.requireNetworkAccess(user, 'gos'))).toBe(404)
    await t.db.networkMembership.update({
      where: { id: membership.id },
      data: { activeTo: null, activeFrom: new Date(Date.now() + 86_400_000) },
    })
    expect(await status(() => access.requireNetworkAccess(user, 'gos'))).toBe(404)
    await t.db.networkMembership.update({
      where: { id: membership.id },
      data: { activeFrom: new Date('2021-01-01') },
    })
    expect(await status(() => access.requireNetworkAccess(user, 'gos'))).toBe(200)
  })

  it('a coordinator’s role lapses when their organisation leaves the network', async () => {
    const coordinator = await userOf('coordinator.gos@example.org')
    const membership = await t.db.networkMembership.findFirstOrThrow({
      where: { network: { slug: 'gos' }, organisation: { slug: 'sluis' } },
    })
    await t.db.networkMembership.update({
      where: { id: membership.id },
      data: { activeTo: new Date(Date.now() - 1000) },
    })
    expect(await status(() => access.requireNetworkRole(coordinator, 'gos', ['coordinator']))).toBe(
      404,
    )
    await t.db.networkMembership.update({ where: { id: membership.id }, data: { activeTo: null } })
  })

  it('administration areas follow the flags', async () => {
    expect(access.adminAreas(await userOf('platformbeheer@example.org'))).toEqual({
      platform: true,
      accounts: true,
    })
    expect(access.adminAreas(await userOf('orgbeheer.sluis@example.org'))).toEqual({
      platform: false,
      accounts: true,
    })
    const member = await userOf('lid.sluis@example.org')
    expect(access.adminAreas(member)).toEqual({ platform: false, accounts: false })
    expect(await status(async () => access.manageableUsersWhere(member))).toBe(404)
  })
})

describe('health', () => {
  it('answers 200 with the database reachable and 503 without its schema', async () => {
    const health = await import('../../app/routes/healthz')
    expect((await health.loader()).status).toBe(200)
    await t.db.$executeRawUnsafe('ALTER TABLE "Organisation" RENAME TO "Organisation_away"')
    try {
      const down = await health.loader()
      expect(down.status).toBe(503)
      expect(await down.json()).toEqual({ status: 'unavailable' })
    } finally {
      await t.db.$executeRawUnsafe('ALTER TABLE "Organisation_away" RENAME TO "Organisation"')
    }
  })
})
