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
