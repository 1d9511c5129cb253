import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { callAction, callLoader, fieldErrors, sessionCookies } from '../setup/route-calls'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// Shared efficiency goals (issue 5): the goal form and the measurements, called as Remix calls them,
// against the seeded database. Bad input comes back with a translation key per field and writes nothing;
// a measurement of another organisation does not exist for you (404) and stays as it was; the status and
// percentage the pages show follow the rule for a known set of measurements.
//
// Zeeuws-Vlaanderen: Sluis, Terneuzen, Hulst. The coordinator works for Terneuzen. The project "A" here is
// led by Terneuzen with Hulst taking part; Sluis is a member of the network but not of the project.
// The seed has goals and projects of its own, so every name here carries a per-run suffix and rows are
// only counted per goal or per name.

const NETWORK = 'zeeuws-vlaanderen'
const COORDINATOR = 'coordinator.zvl@example.org' // Terneuzen, coordinator
const TERNEUZEN = 'lid.terneuzen@example.org' // Terneuzen, no role: leads project A
const HULST = 'lid.hulst@example.org' // takes part in A; leads project B
const SLUIS = 'lid.sluis@example.org' // member of the network, in neither project
const DE_WOLDEN = 'lid.dewolden@example.org' // P10 only

const RUN = Date.now().toString(36)
const DAY = 86_400_000

let t: TestDatabase
let routes: {
  newProject: typeof import('../../app/routes/projects/new')
  newGoal: typeof import('../../app/routes/goals/new')
  goal: typeof import('../../app/routes/goals/detail')
  measurement: typeof import('../../app/routes/goals/measurement')
  overview: typeof import('../../app/routes/goals/overview')
  programme: typeof import('../../app/routes/goals/programme')
}
const org = { terneuzen: '', hulst: '', sluis: '' }
const cookie = sessionCookies()
let projectA = '' // Terneuzen leads, Hulst takes part
let projectB = '' // Hulst leads, alone
let otherNetworkProject = '' // a project of the GOS (seed)

/** Today as a calendar day in Amsterdam, the way the server decides what is "in the future". */
const todayIso = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
}).format(new Date())
/** The calendar day `n` days from today (negative: in the past), as YYYY-MM-DD. */
const day = (n: number) =>
  new Date(Date.parse(`${todayIso}T00:00:00.000Z`) + n * DAY).toISOString().slice(0, 10)

beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
  routes = {
    newProject: await import('../../app/routes/projects/new'),
    newGoal: await import('../../app/routes/goals/new'),
    goal: await import('../../app/routes/goals/detail'),
    measurement: await import('../../app/routes/goals/measurement'),
    overview: await import('../../app/routes/goals/overview'),
    programme: await import('../../app/routes/goals/programme'),
  }
  for (const slug of ['terneuzen', 'hulst', 'sluis'] as const) {
    org[slug] = (await t.db.organisation.findUniqueOrThrow({ where: { slug } })).id
  }
  projectA = await createProject(`Gezamenlijke inkoop ${RUN}`, org.terneuzen, [org.hulst])
  projectB = await createProject(`Digitaal loket Hulst ${RUN}`, org.hulst, [])
  otherNetworkProject = (
    await t.db.project.findFirstOrThrow({
      where: { network: { slug: 'gos' } },
      select: { id: true },
    })
  ).id
})
afterAll(() => t.cleanup())

type Fields = Record<string, string | string[]>

async function createProject(title: string, lead: string, partners: string[]) {
  const out = await callAction(
    routes.newProject.action,
    `/netwerken/${NETWORK}/projecten/nieuw`,
    {
      title,
      description: '',
      status: 'active',
      startDate: day(-400),
      endDate: day(400),
      leadOrganisationId: lead,
      participantIds: [lead, ...partners],
      maxEuSharePercent: '50',
    },
    { cookie: await cookie(COORDINATOR), params: { network: NETWORK } },
  )
  expect(out.status, JSON.stringify(out.data)).toBe(302)
  return out.location!.split('/').pop()!
}

let goalCounter = 0
/** A goal name that no other test (and no seed row) uses. */
const goalName = (label: string) => `${label} ${RUN}-${++goalCounter}`

function goalFields(overrides: Fields = {}): Fields {
  return {
    projectId: projectA,
    name: goalName('Bespaarde euro per jaar'),
    unit: 'EUR',
    customUnit: '',
    direction: 'higher',
    baselineValue: '0',
    baselineDate: day(-100),
    targetValue: '250000',
    targetDate: day(100),
    ...overrides,
  }
}

const newGoalPath = `/netwerken/${NETWORK}/doelen/nieuw`
const goalPath = (id: string) => `/netwerken/${NETWORK}/doelen/${id}`
const goalParams = (id: string) => ({ network: NETWORK, goal: id })
const measurementPath = (goal: string, id: string) => `${goalPath(goal)}/metingen/${id}`
const measurementParams = (goal: string, id: string) => ({
  network: NETWORK,
  goal: goal,
  measurement: id,
})

function postGoal(email: string, fields: Fields) {
  return cookie(email).then((c) =>
    callAction(routes.newGoal.action, newGoalPath, fields, {
      cookie: c,
      params: { network: NETWORK },
    }),
  )
}

async function createGoal(overrides: Fields = {}, email = COORDINATOR): Promise<string> {
  const out = await postGoal(email, goalFields(overrides))
  expect(out.status, JSON.stringify(out.data)).toBe(302)
  return out.location!.split('/').pop()!
}

async function measure(email: string, goal: string, date: string, value: string, note = '') {
  return callAction(
    routes.goal.action,
    goalPath(goal),
    { intent: 'addMeasurement', date, value, note },
    { cookie: await cookie(email), params: goalParams(goal) },
  )
}

async function measureOk(email: string, goal: string, date: string, value: string, note = '') {
  const out = await measure(email, goal, date, value, note)
  expect(out.status, JSON.stringify(out.data)).toBe(302)
  expect(out.location).toBe(goalPath(goal))
}

const goalsNamed = (name: string) => t.db.goal.count({ where: { name } })
const measurementsOf = (goal: string) =>
  t.db.measurement.findMany({
    where: { goalId: goal },
    orderBy: { createdAt: 'asc' },
    select: { id: true, organisationId: true, date: true, value: true, note: true },
  })
const successAudits = (action: string) =>
  t.db.auditEvent.count({ where: { action, result: 'success' } })

async function auditDetails(action: string, objectId: string) {
  const rows = await t.db.auditEvent.findMany({
    where: { action, objectId },
    orderBy: { createdAt: 'asc' },
  })
  return rows.map((r) => ({
    actorUserId: r.actorUserId,
    actorOrganisationId: r.actorOrganisationId,
    details: JSON.parse(r.details ?? '{}') as Record<string, Record<string, unknown>>,
  }))
}

type GoalPage = {
  canMeasure: boolean
  goal: {
    summary: { status: string; percent: number; latest: { value: number } | null; expected: number }
    series: { date: string; value: number }[]
    partners: { organisation: string; value: number; share: number | null }[]
    measurements: {
      id: string
      organisation: string
      value: number
      own: boolean
      evidence: { id: string; title: string } | null
    }[]
  }
}

async function goalPage(email: string, goal: string) {
  const out = await callLoader(routes.goal.loader, goalPath(goal), {
    cookie: await cookie(email),
    params: goalParams(goal),
  })
  expect(out.status).toBe(200)
  return out.data as GoalPage
}

type Listed = { id: string; status: string; percent: number; latest: { value: number } | null }

async function overviewGoal(email: string, goal: string) {
  const out = await callLoader(routes.overview.loader, `/netwerken/${NETWORK}/doelen`, {
    cookie: await cookie(email),
    params: { network: NETWORK },
  })
  expect(out.status).toBe(200)
  return (out.data as { goals: Listed[] }).goals.find((g) => g.id === goal)
}

async function programme(email: string) {
  const out = await callLoader(routes.programme.loader, `/netwerken/${NETWORK}/programma`, {
    cookie: await cookie(email),
    params: { network: NETWORK },
  })
  expect(out.status).toBe(200)
  return out.data as {
    goalsByStatus: { status: string; count: number }[]
    goalsAtRisk: Listed[]
  }
}

describe('the goal form', () => {
  it('creates a goal of a project and records it in the audit log', async () => {
    const name = goalName('Bespaarde euro per jaar')
    const id = await createGoal({ name })
    const goal = await t.db.goal.findUniqueOrThrow({ where: { id } })
    expect(goal).toMatchObject({
      name,
      projectId: projectA,
      unit: 'EUR',
      customUnit: null,
      direction: 'higher',
      baselineValue: 0,
      targetValue: 250000,
    })
    expect(goal.targetDate.toISOString().slice(0, 10)).toBe(day(100))
    const [event] = await auditDetails('goal.created', id)
    expect(event?.details.after).toMatchObject({ name, targetValue: 250000, projectId: projectA })
  })

  it.each([
    [
      'a target date before the baseline date',
      { baselineDate: day(-10), targetDate: day(-20) },
      { targetDate: ['targetBeforeBaseline'] },
    ],
    [
      'a target date on the baseline date',
      { baselineDate: day(-10), targetDate: day(-10) },
      { targetDate: ['targetBeforeBaseline'] },
    ],
    [
      'a lower target on a higher-is-better goal',
      { direction: 'higher', baselineValue: '100', targetValue: '50' },
      { targetValue: ['targetWrongDirection'] },
    ],
    [
      'a higher target on a lower-is-better goal',
      { direction: 'lower', baselineValue: '100', targetValue: '150' },
      { targetValue: ['targetWrongDirection'] },
    ],
    ['a baseline that is not a number', { baselineValue: 'nul' }, { baselineValue: ['number'] }],
    [
      'a target in words',
      { targetValue: 'tweehonderdvijftigduizend' },
      { targetValue: ['number'] },
    ],
    ['a target with three decimals', { targetValue: '12,345' }, { targetValue: ['number'] }],
    ['an empty target', { targetValue: '' }, { targetValue: ['required'] }],
    ['an absurd target', { targetValue: '1e15' }, { targetValue: ['number'] }],
    ['a target date that is no date', { targetDate: '31-12-2027' }, { targetDate: ['date'] }],
    ['an impossible target date', { targetDate: '2027-02-30' }, { targetDate: ['date'] }],
    [
      'a custom unit without its name',
      { unit: 'custom', customUnit: '' },
      { customUnit: ['customUnitRequired'] },
    ],
    ['an unknown unit', { unit: 'EURO' }, { unit: ['choose'] }],
    ['an unknown direction', { direction: 'up' }, { direction: ['choose'] }],
    ['an empty name', { name: '' }, { name: ['required'] }],
    ['a field the form does not have', { networkId: 'x' }, { '': ['unexpectedField'] }],
  ])('refuses %s (400, nothing written)', async (_, overrides: Fields, expected) => {
    const fields = goalFields(overrides)
    const name = fields.name as string
    const created = await successAudits('goal.created')
    const out = await postGoal(COORDINATOR, fields)
    expect(out.status).toBe(400)
    expect(fieldErrors(out.data)).toMatchObject(expected)
    if (name) expect(await goalsNamed(name)).toBe(0)
    expect(await successAudits('goal.created')).toBe(created)
  })

  it.each([
    ['250.000', 250000],
    ['250000', 250000],
    ['12,5', 12.5],
    ['1.234,56', 1234.56],
  ])('reads a target typed as %j the Dutch way: %d', async (typed, stored) => {
    const fields = goalFields({ targetValue: typed })
    const out = await postGoal(COORDINATOR, fields)
    expect(out.status).toBe(302)
    expect(
      await t.db.goal.findMany({
        where: { name: fields.name as string },
        select: { targetValue: true },
      }),
    ).toEqual([{ targetValue: stored }])
  })

  it.each([
    ['Hulst', HULST, () => projectA, 'a project it takes part in but does not lead'],
    ['Hulst', HULST, () => '', 'the network itself (coordinators only)'],
    ['Terneuzen', TERNEUZEN, () => projectB, "another organisation's project"],
    ['the coordinator', COORDINATOR, () => otherNetworkProject, "another network's project"],
    ['the coordinator', COORDINATOR, () => 'no-such-project', 'a project id that does not exist'],
  ])(
    '%s cannot set a goal for %s by changing the select value (400 notAllowed, nothing written)',
    async (_, email, project) => {
      const fields = goalFields({ projectId: project() })
      const created = await successAudits('goal.created')
      const out = await postGoal(email, fields)
      expect(out.status).toBe(400)
      expect(fieldErrors(out.data)).toEqual({ projectId: ['notAllowed'] })
      expect(await goalsNamed(fields.name as string)).toBe(0)
      expect(await successAudits('goal.created')).toBe(created)
    },
  )

  it('the form offers each user only the projects it may set goals for', async () => {
    const offered = async (email: string) => {
      const out = await callLoader(routes.newGoal.loader, newGoalPath, {
        cookie: await cookie(email),
        params: { network: NETWORK },
      })
      expect(out.status).toBe(200)
      const data = out.data as { projects: { id: string }[]; forNetwork: boolean }
      return { ids: data.projects.map((p) => p.id), forNetwork: data.forNetwork }
    }
    const coordinator = await offered(COORDINATOR)
    expect(coordinator.forNetwork).toBe(true)
    expect(coordinator.ids).toEqual(expect.arrayContaining([projectA, projectB]))
    expect(coordinator.ids).not.toContain(otherNetworkProject)
    const hulst = await offered(HULST)
    expect(hulst.forNetwork).toBe(false)
    expect(hulst.ids).toContain(projectB)
    expect(hulst.ids).not.toContain(projectA)
  })

  it('a member that leads no project, and an outsider, get 404 on the form and on a post', async () => {
    for (const email of [SLUIS, DE_WOLDEN]) {
      const c = await cookie(email)
      const page = await callLoader(routes.newGoal.loader, newGoalPath, {
        cookie: c,
        params: { network: NETWORK },
      })
      expect(page.status, email).toBe(404)
      const fields = goalFields()
      const out = await postGoal(email, fields)
      expect(out.status, email).toBe(404)
      expect(await goalsNamed(fields.name as string)).toBe(0)
    }
  })
})

describe('measurements', () => {
  let goal = ''
  beforeAll(async () => {
    goal = await createGoal()
  })

  it.each([
    ['a date in the future', { date: day(1) }, { date: ['dateInFuture'] }],
    ['a date far in the future', { date: day(400) }, { date: ['dateInFuture'] }],
    ['a value that is not a number', { value: 'veel' }, { value: ['number'] }],
    ['a value in words', { value: 'veertigduizend' }, { value: ['number'] }],
    ['an empty value', { value: '' }, { value: ['required'] }],
    ['no date', { date: '' }, { date: ['required'] }],
    ['a date that is no date', { date: '2026-13-01' }, { date: ['date'] }],
    ['an organisation named in the form', { organisationId: 'x' }, { '': ['unexpectedField'] }],
  ])('refuses %s (400, nothing written)', async (_, overrides, expected) => {
    const added = await successAudits('goal.measurement_added')
    const out = await callAction(
      routes.goal.action,
      goalPath(goal),
      { intent: 'addMeasurement', date: day(-5), value: '1000', note: '', ...overrides },
      { cookie: await cookie(TERNEUZEN), params: goalParams(goal) },
    )
    expect(out.status).toBe(400)
    expect(fieldErrors(out.data)).toMatchObject(expected)
    expect(await measurementsOf(goal)).toEqual([])
    expect(await successAudits('goal.measurement_added')).toBe(added)
  })

  it('reads a value typed the Dutch way: "40.000" is forty thousand', async () => {
    const fresh = await createGoal()
    const out = await measure(TERNEUZEN, fresh, day(-1), '40.000')
    expect(out.status).toBe(302)
    expect((await measurementsOf(fresh)).map((m) => m.value)).toEqual([40000])
  })

  it('an organisation not in the project (Sluis) or not in the network (De Wolden) gets 404 and writes nothing', async () => {
    for (const email of [SLUIS, DE_WOLDEN]) {
      const out = await measure(email, goal, day(-3), '5000')
      expect(out.status, email).toBe(404)
    }
    expect(await measurementsOf(goal)).toEqual([])
    // Sluis may look at the goal, but the page does not offer it the form.
    expect((await goalPage(SLUIS, goal)).canMeasure).toBe(false)
    const outsider = await callLoader(routes.goal.loader, goalPath(goal), {
      cookie: await cookie(DE_WOLDEN),
      params: goalParams(goal),
    })
    expect(outsider.status).toBe(404)
  })

  it("each organisation writes its own figure, and Hulst cannot change or remove Terneuzen's (404, nothing changed)", async () => {
    await measureOk(TERNEUZEN, goal, day(-20), '40000', 'Eerste aanbesteding')
    await measureOk(HULST, goal, day(-10), '25000')
    const [ternMeasurement, hulstMeasurement] = await measurementsOf(goal)
    expect(ternMeasurement).toMatchObject({ organisationId: org.terneuzen, value: 40000 })
    expect(hulstMeasurement).toMatchObject({ organisationId: org.hulst, value: 25000 })
    const before = await measurementsOf(goal)

    const hulst = await cookie(HULST)
    const params = measurementParams(goal, ternMeasurement!.id)
    const path = measurementPath(goal, ternMeasurement!.id)
    const denied = await t.db.auditEvent.count({
      where: { action: 'access.denied', objectId: ternMeasurement!.id },
    })
    expect(
      (await callLoader(routes.measurement.loader, path, { cookie: hulst, params })).status,
    ).toBe(404)
    const attempts: Fields[] = [
      { date: day(-1), value: '1', note: 'Door Hulst' },
      { intent: 'remove' },
      { intent: 'remove', confirmed: 'yes', id: ternMeasurement!.id },
    ]
    for (const fields of attempts) {
      const out = await callAction(routes.measurement.action, path, fields, {
        cookie: hulst,
        params,
      })
      expect(out.status, JSON.stringify(fields)).toBe(404)
    }
    expect(await measurementsOf(goal)).toEqual(before)
    expect(
      await t.db.auditEvent.count({
        where: { action: 'access.denied', objectId: ternMeasurement!.id },
      }),
    ).toBe(denied + 1 + attempts.length)
    expect(await auditDetails('goal.measurement_updated', ternMeasurement!.id)).toEqual([])
    expect(await auditDetails('goal.measurement_removed', ternMeasurement!.id)).toEqual([])

    // The coordinator works for Terneuzen, not for Hulst: a role does not open Hulst's figure either.
    const coordinatorOut = await callAction(
      routes.measurement.action,
      measurementPath(goal, hulstMeasurement!.id),
      { date: day(-1), value: '1', note: '' },
      { cookie: await cookie(COORDINATOR), params: measurementParams(goal, hulstMeasurement!.id) },
    )
    expect(coordinatorOut.status).toBe(404)
    // A measurement id under another goal's address is not found either.
    const otherGoal = await createGoal()
    const crossed = await callLoader(
      routes.measurement.loader,
      measurementPath(otherGoal, hulstMeasurement!.id),
      { cookie: hulst, params: measurementParams(otherGoal, hulstMeasurement!.id) },
    )
    expect(crossed.status).toBe(404)
    expect(await measurementsOf(goal)).toEqual(before)

    // What the page shows: an edit link on one's own row only.
    const page = await goalPage(HULST, goal)
    expect(page.goal.measurements.map((m) => [m.organisation, m.own])).toEqual([
      ['Gemeente Terneuzen', false],
      ['Gemeente Hulst', true],
    ])
  })

  it('a change to an own measurement: a future date is refused; a good one is saved with before and after in the audit log', async () => {
    const [ternMeasurement] = await measurementsOf(goal)
    const id = ternMeasurement!.id
    const c = await cookie(TERNEUZEN)
    const params = measurementParams(goal, id)
    const path = measurementPath(goal, id)

    const loaded = await callLoader(routes.measurement.loader, path, { cookie: c, params })
    expect(loaded.status).toBe(200)
    expect((loaded.data as { measurement: { value: number } }).measurement.value).toBe(40000)

    const future = await callAction(
      routes.measurement.action,
      path,
      { date: day(2), value: '45000', note: '' },
      { cookie: c, params },
    )
    expect(future.status).toBe(400)
    expect(fieldErrors((future.data as { form: unknown }).form)).toEqual({
      date: ['dateInFuture'],
    })
    const notNumber = await callAction(
      routes.measurement.action,
      path,
      { date: day(-20), value: 'veertigduizend', note: '' },
      { cookie: c, params },
    )
    expect(notNumber.status).toBe(400)
    expect(fieldErrors((notNumber.data as { form: unknown }).form)).toEqual({ value: ['number'] })
    expect((await t.db.measurement.findUniqueOrThrow({ where: { id } })).value).toBe(40000)
    expect(await auditDetails('goal.measurement_updated', id)).toEqual([])

    const saved = await callAction(
      routes.measurement.action,
      path,
      { date: day(-19), value: '42500', note: 'Na controle' },
      { cookie: c, params },
    )
    expect(saved.status).toBe(302)
    expect(saved.location).toBe(goalPath(goal))
    const after = await t.db.measurement.findUniqueOrThrow({ where: { id } })
    expect(after).toMatchObject({
      value: 42500,
      note: 'Na controle',
      organisationId: org.terneuzen,
    })
    const user = await t.db.user.findUniqueOrThrow({ where: { email: TERNEUZEN } })
    const [event] = await auditDetails('goal.measurement_updated', id)
    expect(event).toMatchObject({ actorUserId: user.id, actorOrganisationId: org.terneuzen })
    expect(event!.details.goalId).toBe(goal)
    expect(event!.details.before).toMatchObject({
      value: 40000,
      note: 'Eerste aanbesteding',
      date: `${day(-20)}T00:00:00.000Z`,
    })
    expect(event!.details.after).toMatchObject({
      value: 42500,
      note: 'Na controle',
      date: `${day(-19)}T00:00:00.000Z`,
    })
  })

  it('records an added measurement with its values, and a removal (after confirming) with the values before', async () => {
    await measureOk(TERNEUZEN, goal, day(-2), '48000', 'Tweede ronde')
    const added = (await measurementsOf(goal)).at(-1)!
    expect(added).toMatchObject({ organisationId: org.terneuzen, value: 48000 })
    const [addEvent] = await auditDetails('goal.measurement_added', added.id)
    expect(addEvent!.details.goalId).toBe(goal)
    expect(addEvent!.details.after).toMatchObject({ value: 48000, note: 'Tweede ronde' })

    const c = await cookie(TERNEUZEN)
    const params = measurementParams(goal, added.id)
    const path = measurementPath(goal, added.id)
    // First step: a question, nothing removed yet.
    const asked = await callAction(
      routes.measurement.action,
      path,
      { intent: 'remove' },
      {
        cookie: c,
        params,
      },
    )
    expect(asked.status).toBe(200)
    expect(asked.data).toMatchObject({ confirm: { intent: 'remove', id: added.id } })
    expect(await t.db.measurement.count({ where: { id: added.id } })).toBe(1)

    const removed = await callAction(
      routes.measurement.action,
      path,
      { intent: 'remove', confirmed: 'yes', id: added.id },
      { cookie: c, params },
    )
    expect(removed.status).toBe(302)
    expect(await t.db.measurement.count({ where: { id: added.id } })).toBe(0)
    const [removeEvent] = await auditDetails('goal.measurement_removed', added.id)
    expect(removeEvent!.details.before).toMatchObject({ value: 48000, note: 'Tweede ronde' })
  })
})

describe('status and progress as the pages show them', () => {
  // Baseline 0 on day -100, target 1,000 on day +100: on day -50 a quarter of the time has passed, so the
  // line expects 250. The margin for "at risk" is a tenth of the whole way (100).
  async function goalWithTotal(terneuzen: string, hulst: string) {
    const id = await createGoal({
      unit: 'count',
      baselineValue: '0',
      baselineDate: day(-100),
      targetValue: '1000',
      targetDate: day(100),
    })
    await measureOk(TERNEUZEN, id, day(-50), terneuzen)
    await measureOk(HULST, id, day(-50), hulst)
    return id
  }

  it.each([
    ['on track', '200', '100', 'onTrack', 30],
    ['on the line exactly', '150', '100', 'onTrack', 25],
    ['at risk (behind, within the margin)', '100', '80', 'atRisk', 18],
    ['off track (more than the margin behind)', '60', '40', 'offTrack', 10],
    ['achieved', '700', '300', 'achieved', 100],
  ])('%s: network total %s + %s', async (_, terneuzen, hulst, status, percent) => {
    const id = await goalWithTotal(terneuzen, hulst)
    const total = Number(terneuzen) + Number(hulst)

    const page = await goalPage(TERNEUZEN, id)
    expect(page.goal.summary).toMatchObject({ status, percent, latest: { value: total } })
    expect(page.goal.summary.expected).toBeCloseTo(250, 6)
    expect(page.goal.series).toEqual([{ date: `${day(-50)}T00:00:00.000Z`, value: total }])
    expect(
      page.goal.partners.map((p) => [p.organisation, p.value, Number(p.share?.toFixed(4))]),
    ).toEqual([
      ['Gemeente Hulst', Number(hulst), Number((Number(hulst) / total).toFixed(4))],
      ['Gemeente Terneuzen', Number(terneuzen), Number((Number(terneuzen) / total).toFixed(4))],
    ])

    expect(await overviewGoal(SLUIS, id)).toMatchObject({ status, percent })
    const overview = await programme(SLUIS)
    // the programme overview counts goals per status and lists those behind
    expect(overview.goalsByStatus.find((s) => s.status === status)?.count).toBeGreaterThan(0)
    const atRisk = overview.goalsAtRisk.some((g) => g.id === id)
    expect(atRisk).toBe(status === 'atRisk' || status === 'offTrack')
  })

  it('a goal without measurements has no data and 0 %, and is not "at risk"', async () => {
    const id = await createGoal()
    expect((await goalPage(SLUIS, id)).goal.summary).toMatchObject({
      status: 'noData',
      percent: 0,
      latest: null,
    })
    expect((await programme(SLUIS)).goalsAtRisk.some((g) => g.id === id)).toBe(false)
  })

  it('a partner without a new figure still counts with its previous one', async () => {
    const id = await goalWithTotal('100', '100')
    await measureOk(TERNEUZEN, id, day(-25), '250')
    const page = await goalPage(HULST, id)
    expect(page.goal.series.map((p) => p.value)).toEqual([200, 350])
    // Day -25: 75 of 200 days passed, the line expects 375; 350 is 2.5 % of the way behind: at risk.
    expect(page.goal.summary).toMatchObject({ status: 'atRisk', percent: 35 })
  })

  it('two figures of one organisation on one day: the one entered last counts, on every page', async () => {
    const id = await goalWithTotal('100', '100')
    await measureOk(TERNEUZEN, id, day(-25), '400')
    await measureOk(TERNEUZEN, id, day(-25), '250', 'Correctie')
    const page = await goalPage(HULST, id)
    expect(page.goal.series.map((p) => p.value)).toEqual([200, 350])
    expect(page.goal.summary).toMatchObject({ status: 'atRisk', percent: 35 })
    expect(await overviewGoal(HULST, id)).toMatchObject({ status: 'atRisk', percent: 35 })
  })

  it('lower is better, end to end: the form, the totals, the status and the programme overview', async () => {
    // Hours of manual work per quarter: from 1,000 on day -100 down to 400 on day +100.
    const fields = {
      name: goalName('Uren handmatig werk per kwartaal'),
      unit: 'hours',
      direction: 'lower',
      baselineValue: '1000',
      baselineDate: day(-100),
      targetValue: '400',
      targetDate: day(100),
    }
    // Raising the target on a lower-is-better goal is refused.
    const wrong = await postGoal(COORDINATOR, goalFields({ ...fields, targetValue: '1200' }))
    expect(wrong.status).toBe(400)
    expect(fieldErrors(wrong.data)).toEqual({ targetValue: ['targetWrongDirection'] })
    expect(await goalsNamed(fields.name)).toBe(0)

    const id = await createGoal(fields)
    // Day -50: the line expects 1000 - 0.25 × 600 = 850. Together 500 + 300 = 800 is better: on track.
    await measureOk(TERNEUZEN, id, day(-50), '500')
    await measureOk(HULST, id, day(-50), '300')
    let page = await goalPage(TERNEUZEN, id)
    expect(page.goal.summary).toMatchObject({
      status: 'onTrack',
      percent: 33,
      latest: { value: 800 },
    })
    expect(page.goal.summary.expected).toBeCloseTo(850, 6)
    expect((await programme(SLUIS)).goalsAtRisk.some((g) => g.id === id)).toBe(false)

    // Day -10: Hulst's hours go up to 400, so the total rises to 900 while the line expects 730: the goal
    // is (1000 - 900) / 600 ≈ 17 % of the way where 45 % was due, more than the margin behind.
    await measureOk(HULST, id, day(-10), '400')
    page = await goalPage(TERNEUZEN, id)
    expect(page.goal.summary).toMatchObject({
      status: 'offTrack',
      percent: 17,
      latest: { value: 900 },
    })
    expect(page.goal.summary.expected).toBeCloseTo(730, 6)
    expect(page.goal.series.map((p) => p.value)).toEqual([800, 900])
    const overview = await programme(SLUIS)
    expect(overview.goalsAtRisk.find((g) => g.id === id)).toMatchObject({
      status: 'offTrack',
      percent: 17,
    })

    // Both cut their hours: 150 + 200 = 350 is below the target of 400: achieved.
    await measureOk(TERNEUZEN, id, day(-1), '150')
    await measureOk(HULST, id, day(-1), '200')
    page = await goalPage(TERNEUZEN, id)
    expect(page.goal.summary).toMatchObject({
      status: 'achieved',
      percent: 100,
      latest: { value: 350 },
    })
    expect(await overviewGoal(SLUIS, id)).toMatchObject({ status: 'achieved', percent: 100 })
  })
})

describe('loader data of a goal', () => {
  it("gives ids only of the caller's own measurements", async () => {
    const goal = await createGoal()
    await measureOk(TERNEUZEN, goal, day(-3), '100')
    await measureOk(HULST, goal, day(-2), '50')
    const page = await goalPage(HULST, goal)
    const rows = page.goal.measurements as {
      id: string | null
      organisation: string
      own: boolean
    }[]
    expect(rows.map((r) => [r.organisation, r.own, r.id === null])).toEqual([
      ['Gemeente Terneuzen', false, true],
      ['Gemeente Hulst', true, false],
    ])
    const terneuzen = await t.db.measurement.findFirstOrThrow({
      where: { goalId: goal, organisation: { slug: 'terneuzen' } },
    })
    expect(JSON.stringify(page)).not.toContain(terneuzen.id)
  })
})

describe('changing and removing a goal', () => {
  let edit: typeof import('../../app/routes/goals/edit')
  beforeAll(async () => {
    edit = await import('../../app/routes/goals/edit')
  })
  const editPath = (id: string) => `${goalPath(id)}/bewerken`
  // The edit form has no project choice: a goal stays with what it was made for.
  const editFields = (overrides: Fields = {}) => {
    const { projectId: _project, ...fields } = goalFields(overrides)
    return fields
  }

  async function post(email: string, id: string, fields: Fields) {
    return callAction(edit.action, editPath(id), fields, {
      cookie: await cookie(email),
      params: goalParams(id),
    })
  }

  it('the lead organisation changes the target, with before and after in the audit log', async () => {
    const id = await createGoal()
    const out = await post(TERNEUZEN, id, editFields({ targetValue: '300.000' }))
    expect(out.status, JSON.stringify(out.data)).toBe(302)
    const goal = await t.db.goal.findUniqueOrThrow({ where: { id } })
    expect(goal.targetValue).toBe(300000)
    expect(goal.projectId).toBe(projectA)
    const event = await t.db.auditEvent.findFirstOrThrow({
      where: { action: 'goal.updated', objectId: id },
    })
    const details = JSON.parse(event.details ?? '{}') as {
      before: { targetValue: number }
      after: { targetValue: number }
    }
    expect([details.before.targetValue, details.after.targetValue]).toEqual([250000, 300000])
  })

  it('a participant that does not lead gets 404, and nothing changes', async () => {
    const id = await createGoal()
    const before = await t.db.goal.findUniqueOrThrow({ where: { id } })
    expect((await post(HULST, id, editFields({ targetValue: '1' }))).status).toBe(404)
    expect((await post(HULST, id, { intent: 'remove', confirmed: 'yes' })).status).toBe(404)
    expect(await t.db.goal.findUniqueOrThrow({ where: { id } })).toEqual(before)
  })

  it('bad input gets a message and changes nothing', async () => {
    const id = await createGoal()
    const before = await t.db.goal.findUniqueOrThrow({ where: { id } })
    const out = await post(TERNEUZEN, id, editFields({ targetValue: 'veel' }))
    expect(out.status).toBe(400)
    expect(fieldErrors((out.data as { form: unknown }).form)).toMatchObject({
      targetValue: ['number'],
    })
    expect(await t.db.goal.findUniqueOrThrow({ where: { id } })).toEqual(before)
  })

  it('removes a goal without measurements after confirmation, and keeps one that has them', async () => {
    const empty = await createGoal()
    const first = await post(TERNEUZEN, empty, { intent: 'remove' })
    expect(first.data).toMatchObject({ confirm: { intent: 'remove' } })
    expect(await t.db.goal.count({ where: { id: empty } })).toBe(1)
    expect((await post(TERNEUZEN, empty, { intent: 'remove', confirmed: 'yes' })).status).toBe(302)
    expect(await t.db.goal.count({ where: { id: empty } })).toBe(0)

    const measured = await createGoal()
    await measureOk(HULST, measured, day(-1), '10')
    const refused = await post(TERNEUZEN, measured, { intent: 'remove', confirmed: 'yes' })
    expect(refused.status).toBe(400)
    expect(refused.data).toEqual({ error: 'goalHasMeasurements' })
    expect(await t.db.measurement.count({ where: { goalId: measured } })).toBe(1)
  })
})

describe('evidence documents on measurements', () => {
  let goal = ''
  let shared = '' // seed: Terneuzen's market study, visible to Terneuzen, Hulst and Sluis
  let terneuzenOnly = ''
  let otherNetwork = '' // seed: a GOS document

  beforeAll(async () => {
    goal = await createGoal({ projectId: '' }) // a goal of the network: every member reports
    shared = (
      await t.db.document.findFirstOrThrow({
        where: { title: 'Marktverkenning gezamenlijke inkoop' },
      })
    ).id
    otherNetwork = (await t.db.document.findFirstOrThrow({ where: { title: 'Werkplan GOS 2027' } }))
      .id
    const max = await t.db.document.aggregate({ _max: { searchRowId: true } })
    terneuzenOnly = (
      await t.db.document.create({
        data: {
          networkId: (await t.db.network.findUniqueOrThrow({ where: { slug: NETWORK } })).id,
          title: `Interne kostenraming ${RUN}`,
          type: 'overig',
          language: 'nl',
          audience: 'selected',
          ownerOrganisationId: org.terneuzen,
          searchRowId: (max._max.searchRowId ?? 0) + 1,
          audienceMembers: { create: [{ organisationId: org.terneuzen }] },
        },
      })
    ).id
  })

  const withEvidence = async (email: string, evidenceDocumentId: string) =>
    callAction(
      routes.goal.action,
      goalPath(goal),
      { intent: 'addMeasurement', date: day(-3), value: '1000', note: '', evidenceDocumentId },
      { cookie: await cookie(email), params: goalParams(goal) },
    )

  it('links a measurement to a document the partners share, and shows the link to them', async () => {
    const out = await withEvidence(TERNEUZEN, shared)
    expect(out.status, JSON.stringify(out.data)).toBe(302)
    const [row] = await t.db.measurement.findMany({
      where: { goalId: goal, organisationId: org.terneuzen },
      select: { evidenceDocumentId: true },
    })
    expect(row?.evidenceDocumentId).toBe(shared)
    const page = await goalPage(HULST, goal)
    expect(page.goal.measurements.map((m) => m.evidence)).toEqual([
      { id: shared, title: 'Marktverkenning gezamenlijke inkoop' },
    ])
  })

  it('refuses evidence the partner cannot see, or from another network, and writes nothing', async () => {
    const before = await t.db.measurement.count({ where: { goalId: goal } })
    for (const [email, document] of [
      [HULST, terneuzenOnly],
      [TERNEUZEN, otherNetwork],
      [TERNEUZEN, 'made-up-id'],
    ] as const) {
      const out = await withEvidence(email, document)
      expect(out.status).toBe(400)
      expect(fieldErrors(out.data)).toEqual({ evidenceDocumentId: ['evidenceNotFound'] })
    }
    expect(await t.db.measurement.count({ where: { goalId: goal } })).toBe(before)
  })

  it('shows a restricted evidence document only to those who may see it, not even its title to others', async () => {
    expect((await withEvidence(TERNEUZEN, terneuzenOnly)).status).toBe(302)
    const own = await goalPage(TERNEUZEN, goal)
    expect(JSON.stringify(own)).toContain(`Interne kostenraming ${RUN}`)
    const other = await goalPage(HULST, goal)
    expect(JSON.stringify(other)).not.toContain(`Interne kostenraming ${RUN}`)
    expect(JSON.stringify(other)).not.toContain(terneuzenOnly)
  })

  it('keeps evidence the reporter can no longer see when they change the figure, and hides it from them', async () => {
    const max = await t.db.document.aggregate({ _max: { searchRowId: true } })
    const hulstDocument = await t.db.document.create({
      data: {
        networkId: (await t.db.network.findUniqueOrThrow({ where: { slug: NETWORK } })).id,
        title: `Factuur van Hulst ${RUN}`,
        type: 'overig',
        language: 'nl',
        audience: 'selected',
        ownerOrganisationId: org.hulst,
        searchRowId: (max._max.searchRowId ?? 0) + 1,
        audienceMembers: {
          create: [{ organisationId: org.hulst }, { organisationId: org.terneuzen }],
        },
      },
    })
    const before = await t.db.measurement.count({ where: { goalId: goal } })
    expect((await withEvidence(TERNEUZEN, hulstDocument.id)).status).toBe(302)
    const measurement = await t.db.measurement.findFirstOrThrow({
      where: { goalId: goal, evidenceDocumentId: hulstDocument.id },
    })
    expect(await t.db.measurement.count({ where: { goalId: goal } })).toBe(before + 1)
    // Hulst narrows the audience: Terneuzen no longer sees the invoice.
    await t.db.documentAudience.delete({
      where: {
        documentId_organisationId: { documentId: hulstDocument.id, organisationId: org.terneuzen },
      },
    })
    const path = measurementPath(goal, measurement.id)
    const params = measurementParams(goal, measurement.id)
    const page = await callLoader(routes.measurement.loader, path, {
      cookie: await cookie(TERNEUZEN),
      params,
    })
    expect(page.status).toBe(200)
    expect(JSON.stringify(page.data)).not.toContain(hulstDocument.id)
    const saved = await callAction(
      routes.measurement.action,
      path,
      { date: day(-2), value: '1500', note: 'bijgesteld', evidenceDocumentId: '' },
      { cookie: await cookie(TERNEUZEN), params },
    )
    expect(saved.status).toBe(302)
    expect(
      await t.db.measurement.findUniqueOrThrow({ where: { id: measurement.id } }),
    ).toMatchObject({ value: 1500, evidenceDocumentId: hulstDocument.id })
  })
})
