import type { NetworkAccess } from '../access/access.server'
import { db } from '../db/db.server'
import { budgetTotals, type BudgetCategory, type FundingSource } from '../projects/budget'
import { projectStatuses } from '../projects/schema'
import { listGoals } from './goals.server'

const DAY = 86_400_000

/** What a programme manager shows in a meeting: projects by status, goals at risk, milestones, money. */
export async function programmeOverview(access: NetworkAccess) {
  const networkId = access.network.id
  const today = new Date()
  const [statusCounts, goals, milestones, lines] = await Promise.all([
    db.project.groupBy({ by: ['status'], where: { networkId }, _count: { _all: true } }),
    listGoals(access),
    db.milestone.findMany({
      where: {
        project: { networkId },
        doneAt: null,
        dueDate: {
          gte: new Date(today.getTime() - DAY),
          lte: new Date(today.getTime() + 90 * DAY),
        },
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
    goals,
    goalsAtRisk: goals.filter((g) => g.status === 'atRisk' || g.status === 'offTrack'),
    milestones: milestones.map((m) => ({ ...m, dueDate: m.dueDate.toISOString() })),
    budget: { totals },
  }
}
