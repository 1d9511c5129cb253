import type { NetworkAccess } from '../access/access.server'
import { db } from '../db/db.server'
import { budgetTotals, type BudgetCategory, type FundingSource } from '../projects/budget'
import { projectStatuses } from '../projects/schema'
import { calendarDay } from '../projects/milestones'
import { goalOrder } from './goals.server'
import { goalStatuses } from './progress'
import { goalSummaries } from './summaries.server'

/** A meeting page, not a list: the goals furthest behind first, the rest on the goals overview. */
const GOALS_AT_RISK_SHOWN = 20

const DAY = 86_400_000

/** What a programme manager shows in a meeting: projects by status, goals at risk, milestones, money. */
export async function programmeOverview(access: NetworkAccess) {
  const networkId = access.network.id
  const todayStart = new Date(`${calendarDay(new Date())}T00:00:00.000Z`)
  const [statusCounts, goalRows, summaries, milestones, lines] = await Promise.all([
    db.project.groupBy({ by: ['status'], where: { networkId }, _count: { _all: true } }),
    db.goal.findMany({
      where: { networkId },
      // As the goals overview lists them: of goals equally far behind, the first 20 in that order.
      orderBy: goalOrder,
      select: { id: true, name: true },
    }),
    goalSummaries(networkId),
    db.milestone.findMany({
      where: {
        project: { networkId },
        doneAt: null,
        // Due dates are calendar days (midnight UTC); count from today's day in Amsterdam.
        dueDate: { gte: todayStart, lte: new Date(todayStart.getTime() + 90 * DAY) },
      },
      orderBy: { dueDate: 'asc' },
      take: 50,
      select: {
        id: true,
        title: true,
        dueDate: true,
        project: { select: { id: true, title: true } },
      },
    }),
    db.budgetLine.findMany({
      where: { project: { networkId } },
      select: {
        year: true,
        category: true,
        source: true,
        amountCents: true,
        organisation: { select: { id: true, name: true } },
      },
    }),
  ])
  const goals = goalRows.flatMap((g) => {
    const summary = summaries.get(g.id)
    return summary
      ? [{ id: g.id, name: g.name, status: summary.status, percent: summary.percent }]
      : []
  })
  const order = { offTrack: 0, atRisk: 1 } as Record<string, number>
  const atRisk = goals
    .filter((g) => g.status === 'atRisk' || g.status === 'offTrack')
    .sort((a, b) => (order[a.status] ?? 2) - (order[b.status] ?? 2) || a.percent - b.percent)
  const counts = new Map(statusCounts.map((s) => [s.status, s._count._all]))
  const totals = budgetTotals(
    lines.map((l) => ({
      organisationId: l.organisation.id,
      organisationName: l.organisation.name,
      year: l.year,
      category: l.category as BudgetCategory,
      source: l.source as FundingSource,
      amountCents: l.amountCents,
    })),
  )
  return {
    projectsByStatus: projectStatuses.map((status) => ({ status, count: counts.get(status) ?? 0 })),
    goalsByStatus: goalStatuses.map((status) => ({
      status,
      count: goals.filter((g) => g.status === status).length,
    })),
    goalsAtRisk: atRisk.slice(0, GOALS_AT_RISK_SHOWN).map((g) => ({
      id: g.id,
      name: g.name,
      status: g.status,
      percent: g.percent,
    })),
    goalsAtRiskTotal: atRisk.length,
    milestones: milestones.map((m) => ({ ...m, dueDate: m.dueDate.toISOString() })),
    budget: { totals },
  }
}
