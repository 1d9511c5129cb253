import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { PrismaClient } from '../../app/modules/db/generated/client'
import { cookieFor, userFor } from '../setup/route-calls'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// The activity feed's queries page through an index, never by reading every event (issue 14, item 2):
// listActivity's SQL (the access rule's SQL form) is run through EXPLAIN QUERY PLAN for one network and for
// all of a reader's networks. The secretary's organisation (Sluis) is in several networks.

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
})
afterAll(() => t.cleanup())

it('reads the events of the reader networks through the (networkId, createdAt, id) index', async () => {
  const logged = new PrismaClient({
    adapter: new PrismaBetterSqlite3({ url: `file:${t.databasePath}` }),
    log: [{ emit: 'event', level: 'query' }],
  })
  const queries: { query: string; params: string }[] = []
  logged.$on('query', (e) => queries.push({ query: e.query, params: e.params }))
  const globalForDb = globalThis as unknown as { zwinDb?: unknown }
  const original = globalForDb.zwinDb
  globalForDb.zwinDb = logged
  try {
    const { listActivity } = await import('../../app/modules/activity/feed.server')
    const user = await userFor(await cookieFor('secretaris.gos@example.org'))
    const gos = await t.db.network.findUniqueOrThrow({ where: { slug: 'gos' } })
    for (const networkId of [gos.id, undefined]) {
      queries.length = 0
      await listActivity(user, { networkId, page: 1 })
      // The access rule's SQL form counts and picks the page's ids; the events are then read by id.
      const feedQueries = queries.filter((q) => q.query.includes('FROM "ActivityEvent" e'))
      expect(feedQueries.length).toBe(2) // the count and the page
      for (const q of feedQueries) {
        const plan = await t.db.$queryRawUnsafe<{ detail: string }[]>(
          `EXPLAIN QUERY PLAN ${q.query}`,
          ...(JSON.parse(q.params) as unknown[]),
        )
        const events = plan.map((p) => p.detail).filter((d) => /^(SEARCH|SCAN) e /.test(d))
        expect(events, q.query).toHaveLength(1)
        expect(events[0], q.query).toMatch(
          /^SEARCH e USING (COVERING )?INDEX ActivityEvent_networkId_createdAt_id_idx \(networkId=\?\)$/,
        )
      }
    }
  } finally {
    globalForDb.zwinDb = original
    await logged.$disconnect()
  }
})
