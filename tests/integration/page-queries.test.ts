import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { callLoader, cookieFor } from '../setup/route-calls'
import { networkIds, organisationIds, seededMeetingIds, userIds } from '../setup/seeded-ids'
import { statementsOf } from '../setup/sql-plans'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// Issue 15: the statements a page sends do not grow with what it shows. Each main page is loaded as the
// GOS coordinator on the seed, then again after the GOS got 25 more documents (with their activity), 10
// more meetings, 12 more agenda items on the published meeting, and a year of monthly measurements from
// each partner on each goal. A page that read a row's relations one row at a time (N+1) sends more the
// second time. The statements are counted as the SQLite driver runs them.

const COORDINATOR = 'coordinator.gos@example.org'
const GOS = 'gos'
const DAY = 24 * 3_600_000

let t: TestDatabase
let cookie = ''
type Page = {
  label: string
  route: () => Promise<{ loader: unknown }>
  path: string
  params: Record<string, string>
}
const pages: Page[] = []

beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
  cookie = await cookieFor(COORDINATOR)
  const { gos } = await networkIds(t.db, { gos: GOS })
  const { published } = await seededMeetingIds(t.db)
  const project = await t.db.project.findFirstOrThrow({ where: { networkId: gos } })
  const goal = await t.db.goal.findFirstOrThrow({ where: { networkId: gos } })
  const network = `/netwerken/${GOS}`
  const p = (params: Record<string, string>) => ({ network: GOS, ...params })
  pages.push(
    {
      label: 'dashboard',
      route: () => import('../../app/routes/dashboard'),
      path: '/',
      params: {},
    },
    {
      label: 'network',
      route: () => import('../../app/routes/network'),
      path: network,
      params: p({}),
    },
    {
      label: 'meetings list',
      route: () => import('../../app/routes/meetings/list'),
      path: `${network}/vergaderingen`,
      params: p({}),
    },
    {
      label: 'one meeting',
      route: () => import('../../app/routes/meetings/detail'),
      path: `${network}/vergaderingen/${published}`,
      params: p({ meeting: published }),
    },
    {
      label: 'its agenda',
      route: () => import('../../app/routes/meetings/agenda'),
      path: `${network}/vergaderingen/${published}/agenda`,
      params: p({ meeting: published }),
    },
    {
      label: 'documents list',
      route: () => import('../../app/routes/documents/list'),
      path: `${network}/documenten`,
      params: p({}),
    },
    {
      label: 'project',
      route: () => import('../../app/routes/projects/detail'),
      path: `${network}/projecten/${project.id}`,
      params: p({ project: project.id }),
    },
    {
      label: 'goal',
      route: () => import('../../app/routes/goals/detail'),
      path: `${network}/doelen/${goal.id}`,
      params: p({ goal: goal.id }),
    },
    {
      label: 'programme',
      route: () => import('../../app/routes/goals/programme'),
      path: `${network}/programma`,
      params: p({}),
    },
    {
      label: 'activity',
      route: () => import('../../app/routes/activity/network'),
      path: `${network}/activiteit`,
      params: p({}),
    },
  )
})
afterAll(() => t.cleanup())

/** The statements of one load of the page, and the size of what it returned. */
async function load(page: Page): Promise<{ statements: number; size: number }> {
  const module = await page.route()
  let size = 0
  const statements = await statementsOf(async () => {
    const outcome = await callLoader(module.loader, page.path, { cookie, params: page.params })
    expect(outcome.status, page.label).toBe(200)
    size = JSON.stringify(outcome.data).length
  })
  return { statements: statements.length, size }
}

async function growTheNetwork() {
  const { gos } = await networkIds(t.db, { gos: GOS })
  const org = await organisationIds(t.db, {
    sluis: 'sluis',
    damme: 'damme',
    knokke: 'knokke-heist',
  })
  const { coordinator } = await userIds(t.db, { coordinator: COORDINATOR })
  const { published } = await seededMeetingIds(t.db)
  const max = await t.db.document.aggregate({ _max: { searchRowId: true } })
  const owners = [org.sluis, org.damme, org.knokke]
  for (let n = 0; n < 25; n++) {
    const document = await t.db.document.create({
      data: {
        networkId: gos,
        title: `Extra stuk ${n}`,
        type: 'overig',
        language: 'nl',
        audience: 'network',
        ownerOrganisationId: owners[n % owners.length]!,
        createdById: coordinator,
        searchRowId: (max._max.searchRowId ?? 0) + 1 + n,
      },
    })
    await t.db.activityEvent.create({
      data: {
        networkId: gos,
        kind: 'document_shared',
        actorId: coordinator,
        actorOrganisationId: org.sluis,
        documentId: document.id,
        data: JSON.stringify({ title: document.title }),
      },
    })
  }
  for (let n = 0; n < 10; n++) {
    const startsAt = new Date(Date.now() + (n + 10) * 7 * DAY)
    await t.db.meeting.create({
      data: {
        networkId: gos,
        title: `Extra overleg ${n}`,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
        hostOrganisationId: owners[n % owners.length]!,
        status: 'published',
        publishedAt: new Date(),
      },
    })
  }
  const last = await t.db.agendaItem.aggregate({
    where: { meetingId: published, parentId: null },
    _max: { position: true },
  })
  await t.db.agendaItem.createMany({
    data: Array.from({ length: 12 }, (_, n) => ({
      meetingId: published,
      position: (last._max.position ?? 0) + 100 + n,
      title: `Extra agendapunt ${n}`,
      kind: 'discussion',
      presenterOrganisationId: owners[n % owners.length]!,
    })),
  })
  const goals = await t.db.goal.findMany({ where: { networkId: gos }, select: { id: true } })
  for (const goal of goals) {
    await t.db.measurement.createMany({
      data: owners.flatMap((organisationId) =>
        Array.from({ length: 12 }, (_, month) => ({
          goalId: goal.id,
          organisationId,
          date: new Date(Date.UTC(2025, month, 15)),
          value: 10 + month,
        })),
      ),
    })
  }
}

describe('a page sends as many statements with more to show', () => {
  it('for each main page, as the GOS coordinator', async () => {
    // A first load of each page: the dashboard records the visit (a write that a reload within the
    // visit does not repeat), so both rounds below are reloads.
    for (const page of pages) await load(page)
    const before = new Map<string, { statements: number; size: number }>()
    for (const page of pages) before.set(page.label, await load(page))
    await growTheNetwork()
    // The goal statuses are worked out again once after a change to the measurements
    // (app/modules/goals/summaries.server.ts): a first load after the growth does that.
    for (const page of pages) await load(page)
    const after = new Map<string, { statements: number; size: number }>()
    for (const page of pages) after.set(page.label, await load(page))
    const statements = (loads: typeof before) =>
      Object.fromEntries([...loads].map(([label, l]) => [label, l.statements]))
    expect(statements(after)).toEqual(statements(before))
    // The growth reached these pages: they show more than before (the network page, the project and
    // the programme's totals show what did not grow).
    const grown = [...after]
      .filter(([label, l]) => l.size > before.get(label)!.size)
      .map(([label]) => label)
    expect(grown).toEqual([
      'dashboard',
      'meetings list',
      'one meeting',
      'its agenda',
      'documents list',
      'goal',
      'activity',
    ])
  })
})
