import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { callLoader, cookieFor, userFor } from '../setup/route-calls'
import { explain, statementsOf } from '../setup/sql-plans'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// A network's documents list (issue 15): the GOS network holds 8,700 documents at the bench's scale 1.
// A page is read in the list's order from an index and stops after the page, instead of every
// document the reader may see sorted (11 ms); the count reads that index alone, the table only for a
// document shared with chosen partners (10 ms, a table row per document, before). Without ANALYZE the
// plans do not depend on how many rows there are, so the demo data shows what a large network gets.

let t: TestDatabase
let list: typeof import('../../app/routes/documents/list')
beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
  list = await import('../../app/routes/documents/list')
})
afterAll(() => t.cleanup())

async function listPlans(email: string, target: string) {
  const cookie = await cookieFor(email)
  const statements = await statementsOf(async () => {
    expect(
      (await callLoader(list.loader, target, { cookie, params: { network: 'gos' } })).status,
    ).toBe(200)
  })
  return explain(t.databasePath, statements).filter(({ sql }) =>
    /FROM (`main`\.`Document`|"Document" d)/.test(sql),
  )
}

describe("a network's documents list", () => {
  for (const target of ['/netwerken/gos/documenten', '/netwerken/gos/documenten?pagina=3']) {
    it(`reads the page in order from an index: ${target}`, async () => {
      const plans = await listPlans('coordinator.gos@example.org', target)
      const page = plans.filter(({ sql }) =>
        /ORDER BY `main`\.`Document`\.`updatedAt` DESC/.test(sql),
      )
      expect(page).toHaveLength(1)
      expect(page[0]!.plan).not.toContain('USE TEMP B-TREE FOR ORDER BY')
    })
  }

  it('counts from an index alone', async () => {
    const plans = await listPlans('lid.damme@example.org', '/netwerken/gos/documenten')
    const count = plans.filter(({ sql }) => /count\(\*\)/i.test(sql))
    expect(count).toHaveLength(1)
    const documentLines = count[0]!.plan.filter((line) => /^SEARCH (main\.Document|d) /.test(line))
    expect(documentLines).toHaveLength(1)
    expect(documentLines[0]).toContain('USING COVERING INDEX')
  })
})

describe("the documents list's count", () => {
  // The count is SQL (the access rule's SQL form); the page is read through the rule's relation form.
  // Both must count the same documents, with and without the list's filters.
  it('is the number of documents the access rule lets each person see', async () => {
    const { visibleDocumentsWhere } = await import('../../app/modules/access/documents.server')
    const gos = await t.db.network.findUniqueOrThrow({ where: { slug: 'gos' } })
    const owners = await t.db.document.findMany({
      where: { networkId: gos.id },
      select: { ownerOrganisationId: true, type: true },
      distinct: ['ownerOrganisationId', 'type'],
    })
    expect(owners.length).toBeGreaterThan(1)
    const people = ['lid.damme@example.org', 'coordinator.gos@example.org', 'lid.sluis@example.org']
    for (const email of people) {
      const cookie = await cookieFor(email)
      const user = await userFor(cookie)
      for (const filter of [
        {},
        { type: owners[0]!.type },
        { organisationId: owners[1]!.ownerOrganisationId },
      ]) {
        const query = new URLSearchParams({
          ...('type' in filter ? { soort: filter.type } : {}),
          ...('organisationId' in filter ? { organisatie: filter.organisationId } : {}),
        })
        const answer = await callLoader(list.loader, `/netwerken/gos/documenten?${query}`, {
          cookie,
          params: { network: 'gos' },
        })
        const expected = await t.db.document.count({
          where: {
            networkId: gos.id,
            ...visibleDocumentsWhere(user),
            ...('type' in filter ? { type: filter.type } : {}),
            ...('organisationId' in filter ? { ownerOrganisationId: filter.organisationId } : {}),
          },
        })
        expect((answer.data as { total: number }).total, `${email} ${query}`).toBe(expected)
      }
    }
  })
})
