import type { CurrentUser, ProjectAccess } from '../access/access.server'
import { auditBy } from '../audit/audit.server'
import { db } from '../db/db.server'
import { budgetTotals, euShareCheck, type BudgetCategory, type FundingSource } from './budget'

export async function getBudget(access: ProjectAccess) {
  const project = await db.project.findUniqueOrThrow({
    where: { id: access.project.id },
    select: { startDate: true, endDate: true, maxEuSharePercent: true },
  })
  const rows = await db.budgetLine.findMany({
    where: { projectId: access.project.id },
    orderBy: [{ organisation: { name: 'asc' } }, { year: 'asc' }, { category: 'asc' }],
    select: {
      id: true,
      year: true,
      category: true,
      source: true,
      amountCents: true,
      note: true,
      organisation: { select: { id: true, name: true } },
    },
  })
  const lines = rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation.id,
    organisationName: r.organisation.name,
    year: r.year,
    category: r.category as BudgetCategory,
    source: r.source as FundingSource,
    amountCents: r.amountCents,
    note: r.note,
  }))
  const totals = budgetTotals(lines)
  return {
    lines,
    totals,
    euCheck: euShareCheck(totals, project.maxEuSharePercent),
    period: yearRange(project.startDate, project.endDate),
  }
}

/** The years a budget line may name: the project's period, or a wide range while it has none. */
export function yearRange(start: Date | null, end: Date | null) {
  return { from: start?.getUTCFullYear() ?? 1990, to: end?.getUTCFullYear() ?? 2100 }
}

export type NewBudgetLine = {
  year: number
  category: BudgetCategory
  source: FundingSource
  amount: number
  note: string
}

/**
 * Adds a line for the caller's own organisation (never one named in the form), inside the project's
 * period. The access module has already checked that this organisation takes part.
 */
export async function addBudgetLine(
  user: CurrentUser,
  access: ProjectAccess,
  input: NewBudgetLine,
) {
  // Written first and checked inside the same transaction: while it holds SQLite's write lock, no edit of
  // the project's period or partners can come between the check and the line.
  const result = await db
    .$transaction(async (tx) => {
      const created = await tx.budgetLine.create({
        data: {
          projectId: access.project.id,
          organisationId: user.organisation.id,
          year: input.year,
          category: input.category,
          source: input.source,
          amountCents: input.amount,
          note: input.note,
        },
        select: { id: true },
      })
      const project = await tx.project.findUniqueOrThrow({
        where: { id: access.project.id },
        select: {
          startDate: true,
          endDate: true,
          participants: { where: { organisationId: user.organisation.id }, select: { id: true } },
        },
      })
      if (!project.participants.length) throw new BudgetRefusal('notAllowed')
      const range = yearRange(project.startDate, project.endDate)
      if (input.year < range.from || input.year > range.to)
        throw new BudgetRefusal('yearOutsidePeriod')
      return created
    })
    .catch((error: unknown) => {
      if (error instanceof BudgetRefusal) return error.reason
      throw error
    })
  if (typeof result === 'string') return result
  await auditBy(
    user,
    'project.budget_line_added',
    { type: 'BudgetLine', id: result.id },
    { projectId: access.project.id, after: { ...input, amountCents: input.amount } },
  )
  return 'ok' as const
}

class BudgetRefusal extends Error {
  constructor(readonly reason: 'notAllowed' | 'yearOutsidePeriod') {
    super(reason)
  }
}

/** Removes one of the caller's own organisation's lines; another organisation's line is not found. */
export async function removeBudgetLine(user: CurrentUser, access: ProjectAccess, lineId: string) {
  const line = await db.budgetLine.findFirst({
    where: { id: lineId, projectId: access.project.id, organisationId: user.organisation.id },
    select: { id: true, year: true, category: true, source: true, amountCents: true, note: true },
  })
  if (!line) return 'notAllowed' as const
  await db.budgetLine.delete({ where: { id: line.id } })
  await auditBy(
    user,
    'project.budget_line_removed',
    { type: 'BudgetLine', id: line.id },
    { projectId: access.project.id, before: line },
  )
  return 'ok' as const
}
