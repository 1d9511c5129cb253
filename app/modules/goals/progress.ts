import { calendarDay } from '~/modules/projects/milestones'

/*
 * Progress of a shared efficiency goal, and its status. The status rule is shown to users, so it stays
 * one they can check with a ruler: draw a straight line from the baseline to the target; the latest
 * network total should lie on or past that line.
 */

export const goalUnits = ['EUR', 'hours', 'percent', 'count', 'custom'] as const
export type GoalUnit = (typeof goalUnits)[number]
export const goalDirections = ['higher', 'lower'] as const
export type GoalDirection = (typeof goalDirections)[number]
export const goalStatuses = ['noData', 'onTrack', 'atRisk', 'offTrack', 'achieved'] as const
export type GoalStatusName = (typeof goalStatuses)[number]

export type Goal = {
  direction: GoalDirection
  baselineValue: number
  baselineDate: Date | null
  targetValue: number
  targetDate: Date
  unit: GoalUnit
}

export type Measurement = { organisationId: string; date: Date; value: number }
export type SeriesPoint = { date: Date; value: number }

/**
 * How far behind the straight line a goal may be, as a fraction of the whole way from baseline to target,
 * and still count as "at risk" rather than "off track".
 */
export const AT_RISK_MARGIN = 0.1

// Fractions come from floating-point division; without a little slack a goal exactly on the line can
// come out 0.30000000000000004 against 0.3 and fall to "at risk".
const EPSILON = 1e-9

/**
 * Money, hours and counts of the partners add up to the network's figure; a percentage or a free unit
 * (a satisfaction score, a processing time) does not, so the network figure is their mean.
 */
export function aggregation(unit: GoalUnit): 'sum' | 'mean' {
  return unit === 'percent' || unit === 'custom' ? 'mean' : 'sum'
}

/**
 * The network figure over time: at every date on which any organisation reported, each organisation's
 * latest value at or before that date, added up (or averaged over the organisations that have reported).
 * An organisation that did not report that day still counts with its previous value. Two values of one
 * organisation on the same date: the one listed last counts (pass measurements in the order entered).
 */
export function networkSeries(
  goal: Pick<Goal, 'unit'>,
  measurements: readonly Measurement[],
): SeriesPoint[] {
  const mode = aggregation(goal.unit)
  // A stable sort keeps same-date values in the order given.
  const sorted = [...measurements].sort((a, b) => a.date.getTime() - b.date.getTime())
  const latest = new Map<string, number>()
  const series: SeriesPoint[] = []
  for (let i = 0; i < sorted.length; i++) {
    const measurement = sorted[i]!
    latest.set(measurement.organisationId, measurement.value)
    const next = sorted[i + 1]
    if (next && next.date.getTime() === measurement.date.getTime()) continue
    // Added up afresh at each date (few partners), so no rounding error creeps in along the series.
    let sum = 0
    for (const value of latest.values()) sum += value
    series.push({
      date: measurement.date,
      value: mode === 'sum' ? sum : sum / latest.size,
    })
  }
  return series
}

/**
 * How far a value has come from the baseline to the target. `fraction` is not clamped: below 0 means worse
 * than the baseline, above 1 beyond the target. `percent` is for progress bars: whole, 0..100, and never
 * 100 before the target is really reached.
 */
export function progress(
  goal: Pick<Goal, 'direction' | 'baselineValue' | 'targetValue'>,
  value: number,
): { fraction: number; percent: number } {
  const distance = goal.targetValue - goal.baselineValue
  let fraction: number
  if (distance === 0) {
    const reached =
      goal.direction === 'higher' ? value >= goal.targetValue : value <= goal.targetValue
    fraction = reached ? 1 : 0
  } else {
    // For a lower-is-better goal both differences are negative, so this still grows towards the target.
    fraction = (value - goal.baselineValue) / distance
  }
  const percent =
    // The slack keeps a true 31.5 % that a float sum makes 31.4999999 from rounding down to 31.
    fraction >= 1 - EPSILON ? 100 : Math.min(99, Math.max(0, Math.round(fraction * 100 + EPSILON)))
  return { fraction, percent }
}

/**
 * The share of the time from the start to the target date that has passed at `date`, 0..1. A target date
 * on or before the start counts as fully elapsed from the target date on.
 */
export function timeFraction(goal: Pick<Goal, 'targetDate'>, date: Date, startDate: Date): number {
  const total = goal.targetDate.getTime() - startDate.getTime()
  const elapsed = date.getTime() - startDate.getTime()
  if (total <= 0) return date.getTime() >= goal.targetDate.getTime() ? 1 : 0
  return Math.min(1, Math.max(0, elapsed / total))
}

/**
 * The value expected at `date` on the straight line from (startDate, baseline) to (targetDate, target);
 * before the start the baseline, after the target date the target itself.
 */
export function expectedAt(
  goal: Pick<Goal, 'baselineValue' | 'targetValue' | 'targetDate'>,
  date: Date,
  startDate: Date,
): number {
  const fraction = timeFraction(goal, date, startDate)
  return goal.baselineValue + fraction * (goal.targetValue - goal.baselineValue)
}

export type GoalStatus = {
  status: GoalStatusName
  latest?: SeriesPoint
  expected?: number
  achievedFraction?: number
  expectedFraction?: number
}

/**
 * The status of a goal from its latest network total:
 * - start of the line: the baseline date, or the first measurement's date when there is none;
 * - expectedFraction: how much of the time from start to target date had passed on the latest
 *   measurement's date (at most 1);
 * - achievedFraction: how far the latest total has come from baseline to target;
 * - achieved when achievedFraction ≥ 1; on track when it is ≥ expectedFraction; at risk when it is at most
 *   AT_RISK_MARGIN behind; off track otherwise. Without measurements: noData.
 * Measurements dated after `today` (a calendar day in Amsterdam) are not counted yet.
 */
export function goalStatus(
  goal: Goal,
  measurements: readonly Measurement[],
  today: Date,
): GoalStatus {
  const todayDay = calendarDay(today)
  const counted = measurements.filter((m) => calendarDay(m.date) <= todayDay)
  const series = networkSeries(goal, counted)
  const first = series[0]
  const latest = series.at(-1)
  if (!first || !latest) return { status: 'noData' }

  const start = goal.baselineDate ?? first.date
  const expectedFraction = timeFraction(goal, latest.date, start)
  const expected = expectedAt(goal, latest.date, start)
  const achievedFraction = progress(goal, latest.value).fraction

  let status: GoalStatusName
  if (achievedFraction >= 1 - EPSILON) status = 'achieved'
  else if (achievedFraction >= expectedFraction - EPSILON) status = 'onTrack'
  else if (achievedFraction >= expectedFraction - AT_RISK_MARGIN - EPSILON) status = 'atRisk'
  else status = 'offTrack'

  return { status, latest, expected, achievedFraction, expectedFraction }
}

export type OrganisationShare = {
  organisationId: string
  latest: SeriesPoint
  /** Its part of the network total, 0..1 for positive values; null for averaged units or a total of 0. */
  share: number | null
}

/**
 * Each organisation's latest value and, for units that add up, its share of the network total — for the
 * per-partner table. In the order the organisations first appear in `measurements`.
 */
export function perOrganisation(
  goal: Pick<Goal, 'unit'>,
  measurements: readonly Measurement[],
): OrganisationShare[] {
  const latest = new Map<string, SeriesPoint>()
  for (const m of measurements) {
    const known = latest.get(m.organisationId)
    // Same date: the one listed last wins, as in networkSeries.
    if (!known || m.date.getTime() >= known.date.getTime()) {
      latest.set(m.organisationId, { date: m.date, value: m.value })
    }
  }
  let total = 0
  for (const point of latest.values()) total += point.value
  const adds = aggregation(goal.unit) === 'sum'
  return [...latest].map(([organisationId, point]) => ({
    organisationId,
    latest: point,
    share: adds && total !== 0 ? point.value / total : null,
  }))
}
