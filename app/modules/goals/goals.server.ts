import type { CurrentUser, GoalAccess, NetworkAccess } from '../access/access.server'
import { auditBy } from '../audit/audit.server'
import { db } from '../db/db.server'
import { calendarDay } from '../projects/milestones'
import { visibleEvidence } from './measurements.server'
import {
  goalStatus,
  networkSeries,
  perOrganisation,
  progress,
  type Goal,
  type GoalDirection,
  type GoalUnit,
} from './progress'
import type { GoalInput } from './schema'

const goalSelect = {
  id: true,
  name: true,
  unit: true,
  customUnit: true,
  direction: true,
  baselineValue: true,
  baselineDate: true,
  targetValue: true,
  targetDate: true,
  reportingPeriod: true,
  project: { select: { id: true, title: true } },
} as const

type GoalRow = {
  unit: string
  direction: string
  baselineValue: number
  baselineDate: Date | null
  targetValue: number
  targetDate: Date
}

function asGoal(row: GoalRow): Goal {
  return {
    unit: row.unit as GoalUnit,
    direction: row.direction as GoalDirection,
    baselineValue: row.baselineValue,
    baselineDate: row.baselineDate,
    targetValue: row.targetValue,
    targetDate: row.targetDate,
  }
}

/** Where the progress of a goal stands, in plain data for a progress bar and a status badge. */
function summarise(
  goal: Goal,
  measurements: { organisationId: string; date: Date; value: number }[],
) {
  const status = goalStatus(goal, measurements, new Date())
  return {
    status: status.status,
    latest: status.latest
      ? { date: status.latest.date.toISOString(), value: status.latest.value }
      : null,
    percent: status.latest ? progress(goal, status.latest.value).percent : 0,
    expected: status.expected ?? null,
  }
}

type LatestRow = { goalId: string; organisationId: string; date: string; value: number }

/**
 * Each organisation's latest measurement per goal (ties on a date: the one entered last), and each goal's
 * first measurement date, counting only measurements up to today in Amsterdam. That is all the status rule
 * needs: the latest network total adds up each organisation's latest figure, and the line starts at the
 * baseline date or else at the first measurement. Aggregated in SQLite, so a network with 50,000
 * measurements sends a few thousand rows to JavaScript instead of all of them.
 */
async function latestMeasurements(networkId: string, projectId: string | undefined) {
  const today = calendarDay(new Date())
  const project = projectId ?? null
  const [latest, firsts] = await Promise.all([
    db.$queryRaw<LatestRow[]>`
      SELECT m.goalId AS goalId, m.organisationId AS organisationId,
             MAX(m.date || '|' || m.createdAt) AS latestKey, m.date AS date, m.value AS value
      FROM Measurement m JOIN Goal g ON g.id = m.goalId
      WHERE g.networkId = ${networkId} AND (${project} IS NULL OR g.projectId = ${project})
        AND substr(m.date, 1, 10) <= ${today}
      GROUP BY m.goalId, m.organisationId`,
    db.$queryRaw<{ goalId: string; first: string }[]>`
      SELECT m.goalId AS goalId, MIN(m.date) AS first
      FROM Measurement m JOIN Goal g ON g.id = m.goalId
      WHERE g.networkId = ${networkId} AND (${project} IS NULL OR g.projectId = ${project})
        AND g.baselineDate IS NULL AND substr(m.date, 1, 10) <= ${today}
      GROUP BY m.goalId`,
  ])
  const byGoal = new Map<string, { organisationId: string; date: Date; value: number }[]>()
  for (const row of latest) {
    const list = byGoal.get(row.goalId) ?? []
    list.push({ organisationId: row.organisationId, date: new Date(row.date), value: row.value })
    byGoal.set(row.goalId, list)
  }
  return { byGoal, first: new Map(firsts.map((f) => [f.goalId, new Date(f.first)])) }
}

type GoalListRow = {
  id: string
  name: string
  unit: string
  customUnit: string | null
  direction: string
  baselineValue: number
  baselineDate: Date | null
  targetValue: number
  targetDate: Date
  project: { id: string; title: string } | null
}

function withStatus(
  goals: GoalListRow[],
  measured: Awaited<ReturnType<typeof latestMeasurements>>,
) {
  return goals.map((g) => {
    // Starting the line at the first measurement when there is no baseline date, as the full series would.
    const rule = { ...asGoal(g), baselineDate: g.baselineDate ?? measured.first.get(g.id) ?? null }
    return {
      id: g.id,
      name: g.name,
      unit: g.unit,
      customUnit: g.customUnit,
      targetValue: g.targetValue,
      targetDate: g.targetDate.toISOString(),
      project: g.project,
      ...summarise(rule, measured.byGoal.get(g.id) ?? []),
    }
  })
}

const goalOrder = [{ projectId: 'asc' as const }, { name: 'asc' as const }]

/** The goals of a network (its own and its projects'), each with its status from the measurements. */
export async function listGoals(access: NetworkAccess, where: { projectId?: string } = {}) {
  const [goals, measured] = await Promise.all([
    db.goal.findMany({
      where: { networkId: access.network.id, ...where },
      orderBy: goalOrder,
      select: goalSelect,
    }),
    latestMeasurements(access.network.id, where.projectId),
  ])
  return withStatus(goals, measured)
}

export const GOALS_PER_PAGE = 50

/** One page of the goals overview, so a network with a thousand goals still gets a readable page. */
export async function listGoalsPage(access: NetworkAccess, page: number) {
  const where = { networkId: access.network.id }
  const total = await db.goal.count({ where })
  const pages = Math.max(1, Math.ceil(total / GOALS_PER_PAGE))
  const current = Math.min(Math.max(1, page), pages)
  const [goals, measured] = await Promise.all([
    db.goal.findMany({
      where,
      orderBy: goalOrder,
      skip: (current - 1) * GOALS_PER_PAGE,
      take: GOALS_PER_PAGE,
      select: goalSelect,
    }),
    latestMeasurements(access.network.id, undefined),
  ])
  return { goals: withStatus(goals, measured), page: current, pages, total }
}

export async function getGoal(access: GoalAccess, user: CurrentUser) {
  const goal = await db.goal.findUniqueOrThrow({
    where: { id: access.goal.id },
    select: {
      ...goalSelect,
      measurements: {
        orderBy: [{ date: 'asc' }, { createdAt: 'asc' }],
        select: {
          id: true,
          date: true,
          value: true,
          note: true,
          evidenceDocumentId: true,
          organisation: { select: { id: true, name: true } },
        },
      },
    },
  })
  const evidence = await visibleEvidence(
    user,
    goal.measurements.map((m) => m.evidenceDocumentId),
  )
  const rule = asGoal(goal)
  const plain = goal.measurements.map((m) => ({
    organisationId: m.organisation.id,
    date: m.date,
    value: m.value,
  }))
  const names = new Map(goal.measurements.map((m) => [m.organisation.id, m.organisation.name]))
  return {
    id: goal.id,
    name: goal.name,
    unit: goal.unit,
    customUnit: goal.customUnit,
    direction: goal.direction,
    baselineValue: goal.baselineValue,
    baselineDate: goal.baselineDate?.toISOString() ?? null,
    targetValue: goal.targetValue,
    targetDate: goal.targetDate.toISOString(),
    reportingPeriod: goal.reportingPeriod,
    project: goal.project,
    summary: summarise(rule, plain),
    series: networkSeries(rule, plain).map((p) => ({ date: p.date.toISOString(), value: p.value })),
    partners: perOrganisation(rule, plain)
      .map((p) => ({
        organisation: names.get(p.organisationId) ?? '',
        date: p.latest.date.toISOString(),
        value: p.latest.value,
        share: p.share,
      }))
      .sort((a, b) => a.organisation.localeCompare(b.organisation, 'nl')),
    // Only the caller's own measurements carry an id: the others cannot be opened anyway.
    measurements: goal.measurements.map((m) => ({
      id: m.organisation.id === user.organisation.id ? m.id : null,
      date: m.date.toISOString(),
      value: m.value,
      note: m.note,
      organisation: m.organisation.name,
      own: m.organisation.id === user.organisation.id,
      evidence:
        m.evidenceDocumentId && evidence.has(m.evidenceDocumentId)
          ? { id: m.evidenceDocumentId, title: evidence.get(m.evidenceDocumentId)! }
          : null,
    })),
  }
}

/** Projects of the network whose goals the user may create: all for a coordinator, else those it leads. */
export async function goalProjectsFor(user: CurrentUser, access: NetworkAccess) {
  const coordinator = access.roles.includes('coordinator')
  return db.project.findMany({
    where: {
      networkId: access.network.id,
      ...(coordinator ? {} : { leadOrganisationId: user.organisation.id }),
    },
    orderBy: { title: 'asc' },
    select: { id: true, title: true },
  })
}

/**
 * Creates a goal of the network (coordinators) or of one of its projects (the project's editors).
 * 'notAllowed' when the chosen project is not one the user may give goals to.
 */
export async function createGoal(user: CurrentUser, access: NetworkAccess, input: GoalInput) {
  const projectId = input.projectId || null
  if (projectId) {
    const allowed = await goalProjectsFor(user, access)
    if (!allowed.some((p) => p.id === projectId))
      return { problem: 'notAllowed' as const, id: null }
  } else if (!access.roles.includes('coordinator')) {
    return { problem: 'notAllowed' as const, id: null }
  }
  const created = await db.goal.create({
    data: {
      networkId: access.network.id,
      projectId,
      name: input.name,
      unit: input.unit,
      customUnit: input.unit === 'custom' ? input.customUnit : null,
      direction: input.direction,
      baselineValue: input.baselineValue,
      baselineDate: input.baselineDate ?? null,
      targetValue: input.targetValue,
      targetDate: input.targetDate,
      reportingPeriod: input.reportingPeriod ?? null,
    },
    select: { id: true },
  })
  await auditBy(user, 'goal.created', { type: 'Goal', id: created.id }, { after: input })
  return { problem: null, id: created.id }
}

export async function getGoalForEdit(access: GoalAccess) {
  const goal = await db.goal.findUniqueOrThrow({
    where: { id: access.goal.id },
    select: goalSelect,
  })
  return goal
}

/** Changes a goal's indicator, baseline and target; it stays with the project (or network) it was made for. */
export async function updateGoal(user: CurrentUser, access: GoalAccess, input: GoalInput) {
  const before = await getGoalForEdit(access)
  await db.goal.update({
    where: { id: access.goal.id },
    data: {
      name: input.name,
      unit: input.unit,
      customUnit: input.unit === 'custom' ? input.customUnit : null,
      direction: input.direction,
      baselineValue: input.baselineValue,
      baselineDate: input.baselineDate ?? null,
      targetValue: input.targetValue,
      targetDate: input.targetDate,
      reportingPeriod: input.reportingPeriod ?? null,
    },
  })
  await auditBy(
    user,
    'goal.updated',
    { type: 'Goal', id: access.goal.id },
    { before, after: input },
  )
}

/**
 * Removes a goal that has no measurements yet. Once partners have reported figures, the goal stays: their
 * figures are theirs, and removing the goal would remove them too.
 */
export async function removeGoal(user: CurrentUser, access: GoalAccess) {
  const removed = await db.$transaction(async (tx) => {
    const { count } = await tx.goal.deleteMany({
      where: { id: access.goal.id, measurements: { none: {} } },
    })
    return count === 1
  })
  if (!removed) return 'goalHasMeasurements' as const
  await auditBy(
    user,
    'goal.removed',
    { type: 'Goal', id: access.goal.id },
    { before: { name: access.goal.name } },
  )
  return 'ok' as const
}
