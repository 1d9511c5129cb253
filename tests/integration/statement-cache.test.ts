import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// Prisma's SQLite adapter (@prisma/adapter-better-sqlite3 7.10) prepared every statement anew: SQLite
// parsed and planned the same SQL at each query, and a page sends 20 to 40 of them. The page bench's
// profile put about 4 % of the dashboard's server time in preparing alone. patches/ keeps each
// connection's prepared statements (the last few hundred, by their SQL) and runs them with the values
// of each query. These tests hold what that must keep: the same answers, values never carried over from
// one query to the next, and a statement prepared once.

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
  await t.db.organisation.createMany({
    data: [
      { slug: 'damme', name: 'Damme', kind: 'municipality', country: 'BE', defaultLocale: 'nl-BE' },
      { slug: 'sluis', name: 'Sluis', kind: 'municipality', country: 'NL', defaultLocale: 'nl-NL' },
    ],
  })
})
afterAll(() => t.cleanup())

type Prepare = (this: Database.Database, source: string) => Database.Statement
const prototype = Database.prototype as unknown as { prepare: Prepare }

async function preparedWhile(work: () => Promise<unknown>): Promise<string[]> {
  const original = prototype.prepare
  const prepared: string[] = []
  prototype.prepare = function (this: Database.Database, source: string) {
    prepared.push(source)
    return original.call(this, source)
  }
  try {
    await work()
  } finally {
    prototype.prepare = original
  }
  return prepared
}

describe("the adapter's prepared statements", () => {
  test('the same query with other values gives their own answers', async () => {
    const find = (slug: string) =>
      t.db.organisation.findUnique({ where: { slug }, select: { name: true } })
    for (let round = 0; round < 3; round++) {
      expect(await find('damme')).toEqual({ name: 'Damme' })
      expect(await find('sluis')).toEqual({ name: 'Sluis' })
      expect(await find('knokke-heist')).toBeNull()
    }
    const renamed = await t.db.organisation.update({
      where: { slug: 'damme' },
      data: { name: 'Stad Damme' },
      select: { name: true },
    })
    expect(renamed).toEqual({ name: 'Stad Damme' })
    expect(await find('damme')).toEqual({ name: 'Stad Damme' })
  })

  test('a query sent again is not prepared again', async () => {
    const list = () =>
      t.db.organisation.findMany({ where: { country: 'BE' }, select: { slug: true } })
    await list()
    const prepared = await preparedWhile(async () => {
      expect(await list()).toEqual([{ slug: 'damme' }])
      expect(
        await t.db.organisation.findMany({ where: { country: 'NL' }, select: { slug: true } }),
      ).toEqual([{ slug: 'sluis' }])
    })
    expect(prepared).toEqual([])
  })

  test('inside a transaction too, and a failed statement leaves the next one working', async () => {
    await expect(
      t.db.organisation.create({
        data: {
          slug: 'damme',
          name: 'Nog eens Damme',
          kind: 'municipality',
          country: 'BE',
          defaultLocale: 'nl-BE',
        },
      }),
    ).rejects.toThrow()
    const names = await t.db.$transaction(async (tx) => {
      const first = await tx.organisation.findUnique({ where: { slug: 'sluis' } })
      const second = await tx.organisation.findUnique({ where: { slug: 'damme' } })
      return [first?.name, second?.name]
    })
    expect(names).toEqual(['Sluis', 'Stad Damme'])
  })
})
