/*
 * A goal's reporting period (issue 14): partners report a measurement each calendar month, quarter or
 * year. Periods follow the calendar in Europe/Amsterdam (also Brussels' time), so a measurement made
 * on the evening of 31 March belongs to the first quarter whatever UTC says. Pure: the goal form, the
 * goal page and the "partners that have not reported" query share it.
 */

export const reportingPeriods = ['monthly', 'quarterly', 'yearly'] as const
export type ReportingPeriod = (typeof reportingPeriods)[number]

export function isReportingPeriod(value: unknown): value is ReportingPeriod {
  return typeof value === 'string' && (reportingPeriods as readonly string[]).includes(value)
}

const ZONE = 'Europe/Amsterdam'
const dayParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

/** The Amsterdam wall clock at `instant`, as numbers. */
function wallClock(instant: number) {
  const parts = Object.fromEntries(
    dayParts.formatToParts(new Date(instant)).map((p) => [p.type, p.value]),
  )
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  }
}

/** How far Amsterdam is ahead of UTC at `instant`, in ms (one or two hours). */
function offsetAt(instant: number) {
  const w = wallClock(instant)
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - instant
}

/**
 * Midnight at the start of the Amsterdam day year-month-day (month 1–12; 13 rolls over). Summer time
 * changes at 02:00 or 03:00, never at midnight, so the offset found at a guess near midnight is right.
 */
function amsterdamMidnight(year: number, month: number, day: number): Date {
  const asUtc = Date.UTC(year, month - 1, day)
  const guess = asUtc - offsetAt(asUtc)
  return new Date(asUtc - offsetAt(guess))
}

const isoDay = (year: number, month: number, day: number) =>
  new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10)

export type PeriodBounds = {
  /** The first moment of the period (Amsterdam midnight), inclusive. */
  start: Date
  /** The first moment after it, exclusive. */
  end: Date
  /** The period's first and last calendar day, YYYY-MM-DD, for display. */
  firstDay: string
  lastDay: string
}

/**
 * The reporting period `now` falls in, or null when the goal has none. A measurement belongs to it when
 * `start <= date < end` (a measurement's date is the UTC midnight of its calendar day, which lies within
 * that Amsterdam day).
 */
export function currentReportingPeriod(
  goal: { reportingPeriod: string | null },
  now: Date,
): PeriodBounds | null {
  if (!isReportingPeriod(goal.reportingPeriod)) return null
  const today = wallClock(now.getTime())
  const months = { monthly: 1, quarterly: 3, yearly: 12 }[goal.reportingPeriod]
  const firstMonth = Math.floor((today.month - 1) / months) * months + 1
  const nextFirstMonth = firstMonth + months
  const endYear = today.year + Math.floor((nextFirstMonth - 1) / 12)
  const endMonth = ((nextFirstMonth - 1) % 12) + 1
  const end = amsterdamMidnight(endYear, endMonth, 1)
  return {
    start: amsterdamMidnight(today.year, firstMonth, 1),
    end,
    firstDay: isoDay(today.year, firstMonth, 1),
    // Day 0 of the next period's first month is the last day of this period.
    lastDay: isoDay(endYear, endMonth, 0),
  }
}
