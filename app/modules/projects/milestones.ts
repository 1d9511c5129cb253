export const milestoneStatuses = ['planned', 'done', 'late'] as const
export type MilestoneStatus = (typeof milestoneStatuses)[number]

// The partners share one time zone (Brussels keeps Amsterdam's time). A due date is a calendar day, so
// "late" starts on the day after it there, not at some UTC hour that falls in the evening or at night.
const calendarDayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** The calendar day of an instant in Europe/Amsterdam, as "YYYY-MM-DD" (so strings compare as days). */
export function calendarDay(date: Date): string {
  return calendarDayFormat.format(date)
}

/** The moment a calendar day (YYYY-MM-DD) begins in Amsterdam (23:00 or 22:00 UTC the day before). */
export function startOfCalendarDay(day: string): Date {
  const utcMidnight = Date.parse(`${day}T00:00:00.000Z`)
  for (const hours of [2, 1]) {
    const candidate = new Date(utcMidnight - hours * 3_600_000)
    if (calendarDay(candidate) === day) return candidate
  }
  return new Date(utcMidnight)
}

/** The calendar day after `day` (YYYY-MM-DD). */
export function nextCalendarDay(day: string): string {
  return new Date(Date.parse(`${day}T12:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10)
}

/**
 * A milestone's status is derived, never typed: done once it has a done date; late when its due day has
 * passed without one; planned otherwise. Due today is still planned.
 */
export function milestoneStatus(
  milestone: { dueDate: Date; doneAt: Date | null },
  today: Date,
): MilestoneStatus {
  if (milestone.doneAt) return 'done'
  return calendarDay(milestone.dueDate) < calendarDay(today) ? 'late' : 'planned'
}
