import type { CurrentUser, GoalAccess, NetworkAccess } from '../access/access.server'
import { auditBy } from '../audit/audit.server'
import { db } from '../db/db.server'
import { visibleEvidence } from './measurements.server'
import { networkSeries, perOrganisation } from './progress'
import { asGoal, goalSummaries, summarise, type GoalSummary } from './summaries.server'
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

type GoalListRow = {
  id: string
  name: string
  unit: string
  customUnit: string | null
  targetValue: number
  targetDate: Date
  project: { id: string; title: string } | null
}

/** The rows of a goals list with each goal's status (summaries.server.ts works those out). */
function withStatus(goals: GoalListRow[], summaries: Map<string, GoalSummary>) {
  return goals.map((g) => ({
    id: g.id,
    name: g.name,
    unit: g.unit,
    customUnit: g.customUnit,
    targetValue: g.targetValue,
    targetDate: g.targetDate.toISOString(),
    project: g.project,
    ...(summaries.get(g.id) ?? NOT_WORKED_OUT),
  }))
}

/** A goal added after its network's statuses were read: shown as one without figures until the next. */
const NOT_WORKED_OUT: GoalSummary = { status: 'noData', latest: null, percent: 0, expected: null }

/** The order of the goals overview (and of the programme's goals equally far behind). */
export const goalOrder = [{ projectId: 'asc' as const }, { name: 'asc' as const }]

/** The goals of a network (its own and its projects'), each with its status from the measurements. */
export async function listGoals(access: NetworkAccess, where: { projectId?: string } = {}) {
  const [goals, summaries] = await Promise.all([
    db.goal.findMany({
      where: { networkId: access.network.id, ...where },
      orderBy: goalOrder,
      select: goalSelect,
    }),
    goalSummaries(access.network.id),
  ])
  return withStatus(goals, summaries)
}

export const GOALS_PER_PAGE = 50

/** One page of the goals overview, so a network with a thousand goals still gets a readable page. */
export async function listGoalsPage(access: NetworkAccess, page: number) {
  const where = { networkId: access.network.id }
  const total = await db.goal.count({ where })
  const pages = Math.max(1, Math.ceil(total / GOALS_PER_PAGE))
  const current = Math.min(Math.max(1, page), pages)
  const [goals, summaries] = await Promise.all([
    db.goal.findMany({
      where,
      orderBy: goalOrder,
      skip: (current - 1) * GOALS_PER_PAGE,
      take: GOALS_PER_PAGE,
      select: goalSelect,
    }),
    goalSummaries(access.network.id),
  ])
  return { goals: withStatus(goals, summaries), page: current, pages, total }
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
