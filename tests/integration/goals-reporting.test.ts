import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { callAction, callLoader, fieldErrors, sessionCookies } from '../setup/route-calls'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// A goal's reporting period (issue 14): chosen in the goal form, shown on the goal page, and the
// organisations that have not reported in the current period. Zeeuws-Vlaanderen: Sluis, Terneuzen,
// Hulst; the coordinator works for Terneuzen.

const NETWORK = 'zeeuws-vlaanderen'
const COORDINATOR = 'coordinator.zvl@example.org'
const HULST = 'lid.hulst@example.org'
const RUN = Date.now().toString(36)

let t: TestDatabase
let routes: {
  newGoal: typeof import('../../app/routes/goals/new')
  goal: typeof import('../../app/routes/goals/detail')
  edit: typeof import('../../app/routes/goals/edit')
}
let reporting: typeof import('../../app/modules/goals/reporting.server')
const cookie = sessionCookies()

const todayIso = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
}).format(new Date())

function goalFields(overrides: Record<string, string> = {}) {
  return {
    projectId: '',
    name: `Bespaarde uren ${RUN}-${Math.random().toString(36).slice(2, 6)}`,
    unit: 'hours',
    customUnit: '',
    direction: 'higher',
    baselineValue: '0',
    baselineDate: '',
    targetValue: '1000',
    targetDate: '2099-12-31',
    ...overrides,
  }
}

async function createGoal(overrides: Record<string, string> = {}) {
  const out = await callAction(
    routes.newGoal.action,
    `/netwerken/${NETWORK}/doelen/nieuw`,
    goalFields(overrides),
    { cookie: await cookie(COORDINATOR), params: { network: NETWORK } },
  )
  expect(out.status, JSON.stringify(out.data)).toBe(302)
  return out.location!.split('/').pop()!
}

beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
  routes = {
    newGoal: await import('../../app/routes/goals/new'),
    goal: await import('../../app/routes/goals/detail'),
    edit: await import('../../app/routes/goals/edit'),
  }
  reporting = await import('../../app/modules/goals/reporting.server')
})
afterAll(() => t.cleanup())

describe('a goal with a reporting period', () => {
  it('stores the chosen period, none when left empty, and shows it on the goal page', async () => {
    const quarterly = await createGoal({ reportingPeriod: 'quarterly' })
    const none = await createGoal()
    const rows = await t.db.goal.findMany({
      where: { id: { in: [quarterly, none] } },
      select: { id: true, reportingPeriod: true },
    })
    expect(Object.fromEntries(rows.map((r) => [r.id, r.reportingPeriod]))).toEqual({
      [quarterly]: 'quarterly',
      [none]: null,
    })
    const page = await callLoader(routes.goal.loader, `/netwerken/${NETWORK}/doelen/${quarterly}`, {
      cookie: await cookie(HULST),
      params: { network: NETWORK, goal: quarterly },
    })
    expect((page.data as { goal: { reportingPeriod: string } }).goal.reportingPeriod).toBe(
      'quarterly',
    )
  })

  it('refuses an unknown period with 400 and creates nothing', async () => {
    const before = await t.db.goal.count()
    const out = await callAction(
      routes.newGoal.action,
      `/netwerken/${NETWORK}/doelen/nieuw`,
      goalFields({ reportingPeriod: 'weekly' }),
      { cookie: await cookie(COORDINATOR), params: { network: NETWORK } },
    )
    expect(out.status).toBe(400)
    expect(fieldErrors(out.data).reportingPeriod).toEqual(['choose'])
    expect(await t.db.goal.count()).toBe(before)
  })

  it('changes the period and can take it away again', async () => {
    const goal = await createGoal({ reportingPeriod: 'monthly' })
    const path = `/netwerken/${NETWORK}/doelen/${goal}/bewerken`
    const params = { network: NETWORK, goal }
    const fields = goalFields({ reportingPeriod: 'yearly' })
    delete (fields as Record<string, string>).projectId
    const out = await callAction(routes.edit.action, path, fields, {
      cookie: await cookie(COORDINATOR),
      params,
    })
    expect(out.status, JSON.stringify(out.data)).toBe(302)
    expect((await t.db.goal.findUniqueOrThrow({ where: { id: goal } })).reportingPeriod).toBe(
      'yearly',
    )
    const { reportingPeriod: _, ...without } = fields as Record<string, string>
    const cleared = await callAction(
      routes.edit.action,
      path,
      { ...without, reportingPeriod: '' },
      {
        cookie: await cookie(COORDINATOR),
        params,
      },
    )
    expect(cleared.status).toBe(302)
    expect((await t.db.goal.findUniqueOrThrow({ where: { id: goal } })).reportingPeriod).toBeNull()
  })

  it('lists the member organisations without a measurement in the current period', async () => {
    const goal = await createGoal({ reportingPeriod: 'monthly' })
    const none = await createGoal()
    const hulst = await t.db.organisation.findUniqueOrThrow({ where: { slug: 'hulst' } })
    const names = async () =>
      (await reporting.missingMeasurements([goal, none])).map((g) => ({
        goalId: g.goalId,
        organisations: g.organisations.map((o) => o.name),
      }))
    expect(await names()).toEqual([
      { goalId: goal, organisations: ['Gemeente Hulst', 'Gemeente Sluis', 'Gemeente Terneuzen'] },
    ])
    // Hulst reports today; a measurement of two months ago would not count.
    const user = await t.db.user.findUniqueOrThrow({ where: { email: HULST } })
    await t.db.measurement.create({
      data: {
        goalId: goal,
        organisationId: hulst.id,
        date: new Date(`${todayIso}T00:00:00.000Z`),
        value: 5,
        createdById: user.id,
      },
    })
    const sluis = await t.db.organisation.findUniqueOrThrow({ where: { slug: 'sluis' } })
    await t.db.measurement.create({
      data: {
        goalId: goal,
        organisationId: sluis.id,
        date: new Date(Date.parse(`${todayIso}T00:00:00.000Z`) - 62 * 86_400_000),
        value: 5,
      },
    })
    expect(await names()).toEqual([
      { goalId: goal, organisations: ['Gemeente Sluis', 'Gemeente Terneuzen'] },
    ])
    expect(await reporting.missingMeasurements([])).toEqual([])
  })
})
