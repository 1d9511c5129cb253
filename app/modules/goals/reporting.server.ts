import { membershipInForce } from '../access/access.server'
import { db } from '../db/db.server'
import { currentReportingPeriod, type PeriodBounds } from './reporting-period'

export type MissingMeasurements = {
  goalId: string
  networkId: string
  period: PeriodBounds
  /** The organisations that report on this goal and have no measurement in the current period. */
  organisations: { id: string; name: string }[]
}

/**
 * For coordinators' "partners that have not reported" and for reminders (issue 14): of the given goals,
 * those with a reporting period, each with the organisations that should report and have no measurement
 * dated within the period `now` falls in. Who reports follows requireGoalAccess (canMeasure): the
 * network's current members for a network goal, the project's participants for a project goal. Goals
 * without a period are left out; so is a goal whose reporters all reported.
 */
export async function missingMeasurements(
  goalIds: readonly string[],
  now = new Date(),
): Promise<MissingMeasurements[]> {
  if (goalIds.length === 0) return []
  const goals = await db.goal.findMany({
    where: { id: { in: [...goalIds] }, reportingPeriod: { not: null } },
    orderBy: { name: 'asc' },
    select: {
      id: true,
      networkId: true,
      reportingPeriod: true,
      network: {
        select: {
          memberships: {
            where: membershipInForce(now),
            select: { organisation: { select: { id: true, name: true } } },
          },
        },
      },
      project: {
        select: {
          participants: { select: { organisation: { select: { id: true, name: true } } } },
        },
      },
      // No period is longer than a year: older measurements cannot count.
      measurements: {
        where: { date: { gte: new Date(now.getTime() - 367 * 86_400_000) } },
        select: { organisationId: true, date: true },
      },
    },
  })
  const result: MissingMeasurements[] = []
  for (const goal of goals) {
    const period = currentReportingPeriod(goal, now)
    if (!period) continue
    const reporters = goal.project
      ? goal.project.participants.map((p) => p.organisation)
      : goal.network.memberships.map((m) => m.organisation)
    const reported = new Set(
      goal.measurements
        .filter((m) => m.date >= period.start && m.date < period.end)
        .map((m) => m.organisationId),
    )
    const missing = [...new Map(reporters.map((o) => [o.id, o])).values()]
      .filter((o) => !reported.has(o.id))
      .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
    if (missing.length)
      result.push({ goalId: goal.id, networkId: goal.networkId, period, organisations: missing })
  }
  return result
}
