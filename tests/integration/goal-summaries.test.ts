import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { callLoader, cookieFor } from '../setup/route-calls'
import { statementsOf } from '../setup/sql-plans'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// The programme overview and the goals overview show every goal's status (issue 15). Working that out
// reads every measurement of the network: 17,000 for a large network at scale 1, about 25 ms each
// time. It is worked out once per change instead: the database counts every change to any goal or
// measurement (triggers, so a write by any path counts, cascades included), and a page reuses what it
// worked out while that count and the day stay the same. These tests change goals and measurements
// straight in the database, as no page would, and the pages must follow at once; they also fail when a
// later migration rebuilds Goal or Measurement without creating the triggers again.

const NETWORK = 'zeeuws-vlaanderen'
const SLUIS = 'lid.sluis@example.org'
const DAY = 86_400_000
const RUN = Date.now().toString(36)

let t: TestDatabase
let routes: {
  overview: typeof import('../../app/routes/goals/overview')
  programme: typeof import('../../app/routes/goals/programme')
}
let networkId = ''
let terneuzen = ''
let hulst = ''
let cookie = ''

beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
  routes = {
    overview: await import('../../app/routes/goals/overview'),
    programme: await import('../../app/routes/goals/programme'),
  }
  networkId = (await t.db.network.findUniqueOrThrow({ where: { slug: NETWORK } })).id
  terneuzen = (await t.db.organisation.findUniqueOrThrow({ where: { slug: 'terneuzen' } })).id
  hulst = (await t.db.organisation.findUniqueOrThrow({ where: { slug: 'hulst' } })).id
  cookie = await cookieFor(SLUIS)
})
afterAll(() => t.cleanup())

const daysFromNow = (n: number) => new Date(Math.floor(Date.now() / DAY) * DAY + n * DAY)

type Listed = { id: string; name: string; status: string; percent: number }

async function overviewGoal(id: string) {
  const out = await callLoader(routes.overview.loader, `/netwerken/${NETWORK}/doelen`, {
    cookie,
    params: { network: NETWORK },
  })
  expect(out.status).toBe(200)
  return (out.data as { goals: Listed[] }).goals.find((g) => g.id === id)
}

async function programme() {
  const out = await callLoader(routes.programme.loader, `/netwerken/${NETWORK}/programma`, {
    cookie,
    params: { network: NETWORK },
  })
  expect(out.status).toBe(200)
  return out.data as {
    goalsByStatus: { status: string; count: number }[]
    goalsAtRisk: Listed[]
  }
}

/** A goal from 0 to 1,000 over 200 days, half-way now; with a figure of `value` 10 days ago. */
async function goalWith(value: number, projectId: string | null = null) {
  const goal = await t.db.goal.create({
    data: {
      networkId,
      projectId,
      name: `Doel ${RUN} ${Math.random().toString(36).slice(2, 8)}`,
      unit: 'count',
      direction: 'higher',
      baselineValue: 0,
      baselineDate: daysFromNow(-100),
      targetValue: 1000,
      targetDate: daysFromNow(100),
    },
  })
  const measurement = await t.db.measurement.create({
    data: { goalId: goal.id, organisationId: terneuzen, date: daysFromNow(-10), value },
  })
  return { goal: goal.id, measurement: measurement.id }
}

const measurementStatements = (statements: { sql: string }[]) =>
  statements.filter((s) => /FROM\s+(`main`\.)?[`"]?Measurement[`"]?\s/i.test(s.sql))

describe('the goals of a network are worked out once per change', () => {
  it('a second programme overview, with nothing changed, reads no measurement', async () => {
    await goalWith(450)
    await programme()
    const statements = await statementsOf(() => programme())
    expect(measurementStatements(statements)).toEqual([])
    // ... and neither does the goals overview, which shows the same statuses
    expect(measurementStatements(await statementsOf(() => overviewGoal('none')))).toEqual([])
  })

  it('a new figure counts at once', async () => {
    const { goal } = await goalWith(450) // on track: 45 % where 45 % is due
    expect(await overviewGoal(goal)).toMatchObject({ status: 'onTrack', percent: 45 })
    await t.db.measurement.create({
      data: { goalId: goal, organisationId: hulst, date: daysFromNow(-5), value: 600 },
    })
    expect(await overviewGoal(goal)).toMatchObject({ status: 'achieved', percent: 100 })
  })

  it('a corrected figure counts at once, on both overviews', async () => {
    const { goal, measurement } = await goalWith(450)
    expect(await overviewGoal(goal)).toMatchObject({ status: 'onTrack' })
    expect((await programme()).goalsAtRisk.some((g) => g.id === goal)).toBe(false)
    await t.db.measurement.update({ where: { id: measurement }, data: { value: 100 } })
    expect(await overviewGoal(goal)).toMatchObject({ status: 'offTrack', percent: 10 })
    expect((await programme()).goalsAtRisk.find((g) => g.id === goal)).toMatchObject({
      status: 'offTrack',
      percent: 10,
    })
  })

  it('a figure moved to another goal counts for both', async () => {
    const first = await goalWith(450)
    const second = await goalWith(100)
    expect(await overviewGoal(second.goal)).toMatchObject({ status: 'offTrack' })
    await t.db.measurement.update({
      where: { id: first.measurement },
      data: { goalId: second.goal, organisationId: hulst },
    })
    expect(await overviewGoal(first.goal)).toMatchObject({ status: 'noData', percent: 0 })
    expect(await overviewGoal(second.goal)).toMatchObject({ status: 'onTrack', percent: 55 })
  })

  it('a deleted figure is gone at once', async () => {
    const { goal, measurement } = await goalWith(450)
    expect(await overviewGoal(goal)).toMatchObject({ status: 'onTrack' })
    await t.db.measurement.delete({ where: { id: measurement } })
    expect(await overviewGoal(goal)).toMatchObject({ status: 'noData', percent: 0 })
  })

  it('a changed target counts at once', async () => {
    const { goal } = await goalWith(450)
    expect(await overviewGoal(goal)).toMatchObject({ status: 'onTrack', percent: 45 })
    await t.db.goal.update({ where: { id: goal }, data: { targetValue: 450 } })
    expect(await overviewGoal(goal)).toMatchObject({ status: 'achieved', percent: 100 })
  })

  it('a deleted goal, and the goals of a deleted project, are no longer counted', async () => {
    const project = await t.db.project.findFirstOrThrow({
      where: { networkId },
      select: { id: true },
    })
    const alone = await goalWith(100)
    const inProject = await goalWith(100, project.id)
    const counted = async () =>
      (await programme()).goalsByStatus.reduce((sum, s) => sum + s.count, 0)
    const atRisk = async () => (await programme()).goalsAtRisk.map((g) => g.id)
    expect(await atRisk()).toEqual(expect.arrayContaining([alone.goal, inProject.goal]))
    expect(await counted()).toBe(await t.db.goal.count({ where: { networkId } }))

    await t.db.goal.delete({ where: { id: alone.goal } })
    expect(await atRisk()).not.toContain(alone.goal)
    expect(await counted()).toBe(await t.db.goal.count({ where: { networkId } }))

    await t.db.project.delete({ where: { id: project.id } })
    expect(await t.db.goal.count({ where: { id: inProject.goal } })).toBe(0)
    expect(await atRisk()).not.toContain(inProject.goal)
    expect(await counted()).toBe(await t.db.goal.count({ where: { networkId } }))
  })
})
