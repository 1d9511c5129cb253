import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { callLoader, cookieFor } from '../setup/route-calls'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

let t: TestDatabase
let overview: typeof import('../../app/routes/goals/overview')

beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
  overview = await import('../../app/routes/goals/overview')
  const network = await t.db.network.findUniqueOrThrow({ where: { slug: 'vzg' } })
  await t.db.goal.createMany({
    data: Array.from({ length: 120 }, (_, i) => ({
      networkId: network.id,
      name: `Doel ${String(i + 1).padStart(3, '0')}`,
      unit: 'count',
      direction: 'higher',
      baselineValue: 0,
      targetValue: 100,
      targetDate: new Date('2027-12-31T00:00:00Z'),
    })),
  })
})
afterAll(() => t.cleanup())

async function page(query: string) {
  const out = await callLoader(overview.loader, `/netwerken/vzg/doelen${query}`, {
    cookie: await cookieFor('lid.vlissingen@example.org'),
    params: { network: 'vzg' },
  })
  expect(out.status).toBe(200)
  return out.data as { goals: { name: string }[]; page: number; pages: number; total: number }
}

describe('the goals overview pages a long list', () => {
  it('shows 50 goals a page, in name order', async () => {
    const first = await page('')
    expect(first).toMatchObject({ page: 1, pages: 3, total: 120 })
    expect(first.goals).toHaveLength(50)
    expect(first.goals[0]?.name).toBe('Doel 001')
    const last = await page('?pagina=3')
    expect(last.goals.map((g) => g.name)).toEqual(
      Array.from({ length: 20 }, (_, i) => `Doel ${String(101 + i).padStart(3, '0')}`),
    )
  })

  it('keeps a page number out of range or not a number on a real page', async () => {
    expect((await page('?pagina=99')).page).toBe(3)
    expect((await page('?pagina=0')).page).toBe(1)
    expect((await page('?pagina=abc')).page).toBe(1)
  })
})
