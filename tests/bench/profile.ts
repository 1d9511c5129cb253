/**
 * Where the programme overview's time goes, in-process against the bench data (run `npm run bench` or
 * `npx tsx tests/bench/generate.ts` first): the loader's parts one by one, the whole loader, and the whole
 * document request through the production build (loader + React render + serialised loader data).
 * Also times a lean alternative for the goals listing — only each organisation's latest measurement per
 * goal — and checks that it gives the same status and percentage for every goal.
 *
 *   npx tsx tests/bench/profile.ts
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defaultBenchDir, BENCH_NETWORK } from './generate'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
process.env.ZWIN_DATA_DIR = process.env.ZWIN_DATA_DIR ?? defaultBenchDir
process.env.NODE_ENV = 'production'

const RUNS = 20

async function timed(label: string, run: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await run()
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now()
    await run()
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  const median = times[Math.floor(times.length / 2)]!
  console.info(`${label.padEnd(64)} ${median.toFixed(1).padStart(7)} ms`)
  return median
}

async function main() {
  const { db } = await import('../../app/modules/db/db.server')
  const { listGoals } = await import('../../app/modules/goals/goals.server')
  const { programmeOverview } = await import('../../app/modules/goals/programme.server')
  const { goalStatus, progress } = await import('../../app/modules/goals/progress')
  const { calendarDay } = await import('../../app/modules/projects/milestones')
  const { createSession, commitSessionCookie } =
    await import('../../app/modules/auth/session.server')

  const network = await db.network.findUniqueOrThrow({
    where: { slug: BENCH_NETWORK },
    select: { id: true, slug: true, name: true, shortName: true, level: true, description: true },
  })
  const access = { network, roles: [] }
  const networkId = network.id
  console.info(`Bench data: ${process.env.ZWIN_DATA_DIR}\n`)

  await timed('programmeOverview (the whole loader body)', () => programmeOverview(access))
  await timed('  listGoals (goals with all their measurements + status)', () => listGoals(access))
  await timed('    goal.findMany with measurements (query + Prisma mapping)', () =>
    db.goal.findMany({
      where: { networkId },
      select: {
        id: true,
        unit: true,
        direction: true,
        baselineValue: true,
        baselineDate: true,
        targetValue: true,
        targetDate: true,
        project: { select: { id: true, title: true } },
        measurements: { select: { organisationId: true, date: true, value: true } },
      },
    }),
  )
  const goals = await db.goal.findMany({
    where: { networkId },
    select: {
      id: true,
      unit: true,
      direction: true,
      baselineValue: true,
      baselineDate: true,
      targetValue: true,
      targetDate: true,
      measurements: { select: { organisationId: true, date: true, value: true } },
    },
  })
  await timed('    goalStatus for every goal (the rule in JavaScript only)', async () => {
    const today = new Date()
    for (const g of goals) goalStatus(g as never, g.measurements, today)
  })
  await timed('    goal.findMany without measurements', () =>
    db.goal.findMany({
      where: { networkId },
      select: { id: true, name: true, project: { select: { id: true, title: true } } },
    }),
  )
  await timed('  project.groupBy status', () =>
    db.project.groupBy({ by: ['status'], where: { networkId }, _count: { _all: true } }),
  )
  await timed('  milestone.findMany (upcoming, take 50)', () =>
    db.milestone.findMany({
      where: { project: { networkId }, doneAt: null },
      orderBy: { dueDate: 'asc' },
      take: 50,
      select: { id: true, title: true, dueDate: true, project: { select: { id: true } } },
    }),
  )
  await timed('  budgetLine.findMany (all lines of the network)', () =>
    db.budgetLine.findMany({
      where: { project: { networkId } },
      select: { year: true, amountCents: true, organisation: { select: { id: true, name: true } } },
    }),
  )

  // The lean alternative: each organisation's latest counted measurement per goal (ties: the one entered
  // last), and the first measurement date of goals without a baseline date, from SQLite directly.
  type Latest = { goalId: string; organisationId: string; date: string; value: number }
  // SQLite takes the bare columns (date, value) from the row that holds the MAX.
  const latestSql = (today: string) =>
    db.$queryRawUnsafe<Latest[]>(
      `SELECT m.goalId AS goalId, m.organisationId AS organisationId,
              MAX(m.date || '|' || m.createdAt) AS latestKey, m.date AS date, m.value AS value
       FROM Measurement m JOIN Goal g ON g.id = m.goalId
       WHERE g.networkId = ? AND substr(m.date, 1, 10) <= ?
       GROUP BY m.goalId, m.organisationId`,
      networkId,
      today,
    )
  const firstSql = (today: string) =>
    db.$queryRawUnsafe<{ goalId: string; first: string }[]>(
      `SELECT m.goalId, MIN(m.date) AS first FROM Measurement m JOIN Goal g ON g.id = m.goalId
       WHERE g.networkId = ? AND g.baselineDate IS NULL AND substr(m.date, 1, 10) <= ?
       GROUP BY m.goalId`,
      networkId,
      today,
    )
  const lean = async () => {
    const today = calendarDay(new Date())
    const [rows, latest, firsts] = await Promise.all([
      db.goal.findMany({
        where: { networkId },
        orderBy: [{ projectId: 'asc' }, { name: 'asc' }],
        select: {
          id: true,
          name: true,
          unit: true,
          customUnit: true,
          direction: true,
          baselineValue: true,
          baselineDate: true,
          targetValue: true,
          targetDate: true,
          project: { select: { id: true, title: true } },
        },
      }),
      latestSql(today),
      firstSql(today),
    ])
    const byGoal = new Map<string, { organisationId: string; date: Date; value: number }[]>()
    for (const m of latest) {
      const list = byGoal.get(m.goalId) ?? []
      list.push({ organisationId: m.organisationId, date: new Date(m.date), value: m.value })
      byGoal.set(m.goalId, list)
    }
    const first = new Map(firsts.map((f) => [f.goalId, new Date(f.first)]))
    const now = new Date()
    return rows.map((g) => {
      // The line starts at the baseline date, or else at the first measurement: the same start as the
      // full series gives, so only the latest value per organisation is needed.
      const goal = {
        ...g,
        unit: g.unit as never,
        direction: g.direction as never,
        baselineDate: g.baselineDate ?? first.get(g.id) ?? null,
      }
      const status = goalStatus(goal, byGoal.get(g.id) ?? [], now)
      return {
        id: g.id,
        status: status.status,
        percent: status.latest ? progress(goal, status.latest.value).percent : 0,
      }
    })
  }
  console.info('')
  await timed('alternative: latest measurement per organisation (SQL) + status', lean)
  await timed('  of which the latest-per-organisation query alone', () =>
    latestSql(calendarDay(new Date())),
  )
  const [full, alternative] = await Promise.all([listGoals(access), lean()])
  const other = new Map(alternative.map((a) => [a.id, a]))
  const sameStatus = full.filter((g) => other.get(g.id)?.status === g.status).length
  const samePercent = full.filter((g) => other.get(g.id)?.percent === g.percent).length
  // A percentage can differ by one where the total lands on .5: the sum is added up in another order.
  const nearPercent = full.filter(
    (g) => Math.abs((other.get(g.id)?.percent ?? -9) - g.percent) <= 1,
  ).length
  console.info(
    `  against listGoals: same status ${sameStatus}/${full.length}, same percent ${samePercent}/${full.length}, ` +
      `within 1 point ${nearPercent}/${full.length}`,
  )

  // The whole document request through the production build: loader, React render, loader data.
  const { createRequestHandler } = await import('@remix-run/node')
  const build = await import(path.join(root, 'build', 'server', 'index.js'))
  const handler = createRequestHandler(build, 'production')
  const user = await db.user.findUniqueOrThrow({
    where: { email: 'lid.terneuzen@example.org' },
    select: { id: true },
  })
  const cookie = (await commitSessionCookie(await createSession(user.id, 'profile'))).split(';')[0]!
  const page = async (target: string) => {
    const response = await handler(
      new Request(`http://localhost${target}`, {
        headers: { Cookie: cookie, 'Accept-Language': 'nl-NL' },
      }),
      { cspNonce: 'profile', clientIp: '127.0.0.1' },
    )
    if (response.status !== 200) throw new Error(`${target}: ${response.status}`)
    return response.text()
  }
  console.info('')
  const overviewPath = `/netwerken/${BENCH_NETWORK}/programma`
  await timed('document request: programme overview (build, no HTTP)', () => page(overviewPath))
  await timed('data request: programme overview loader (single fetch .data)', () =>
    page(`/netwerken/${BENCH_NETWORK}/programma.data`),
  )
  await timed('document request: dashboard (build, no HTTP)', () => page('/'))
  const html = await page(overviewPath)
  console.info(`  programme overview HTML: ${Math.round(html.length / 1024)} kB`)
  await db.$disconnect()
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
