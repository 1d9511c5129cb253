/*
 * When digests are due. People choose an hour of the day (and for the weekly digest a weekday) in the
 * partners' time zone, Europe/Amsterdam (Brussels keeps the same time). A digest is due once the last
 * such moment is later than what the previous digest covered; a server that was down at that moment
 * sends it when it is back, not a day later.
 */
import { calendarDay } from '../projects/milestones'
import { meetingInstant } from '../meetings/types'

const DAY = 86_400_000

/** The moment of `hour`:00 on a calendar day; an hour skipped by summer time becomes the next one. */
function hourOnDay(day: string, hour: number): Date {
  for (let h = hour; h <= 23; h++) {
    const instant = meetingInstant(day, `${String(h).padStart(2, '0')}:00`)
    if (instant) return instant
  }
  // Not reached: only 02:00 is ever skipped.
  throw new Error(`No hour from ${hour} exists on ${day}`)
}

/** The calendar day `days` before `day` (YYYY-MM-DD). */
function daysBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T12:00:00.000Z`) - days * DAY).toISOString().slice(0, 10)
}

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
function weekday(day: string): number {
  return new Date(`${day}T12:00:00.000Z`).getUTCDay() || 7
}

/** The latest moment at or before `now` when the daily digest at `hour` was due. */
export function lastDailyDigestAt(hour: number, now: Date): Date {
  const today = calendarDay(now)
  const todayAt = hourOnDay(today, hour)
  return todayAt <= now ? todayAt : hourOnDay(daysBefore(today, 1), hour)
}

/** The latest moment at or before `now` when the weekly digest (`day` 1–7, at `hour`) was due. */
export function lastWeeklyDigestAt(day: number, hour: number, now: Date): Date {
  const today = calendarDay(now)
  for (let back = 0; back <= 7; back++) {
    const candidate = daysBefore(today, back)
    if (weekday(candidate) !== day) continue
    const instant = hourOnDay(candidate, hour)
    if (instant <= now) return instant
  }
  // Not reached: eight days back hold the weekday twice, and the earlier one is in the past.
  throw new Error(`No weekday ${day} in the last eight days`)
}
