import { describe, expect, it } from 'vitest'
import { calendarDay, milestoneStatus, nextCalendarDay, startOfCalendarDay } from './milestones'

const due = new Date('2026-03-31T00:00:00Z')

describe('milestoneStatus', () => {
  it('is done once it has a done date, even when that was after the due date', () => {
    const doneAt = new Date('2026-04-15T10:00:00Z')
    expect(milestoneStatus({ dueDate: due, doneAt }, new Date('2026-05-01T10:00:00Z'))).toBe('done')
  })

  it('is planned before and on the due day, late from the next day', () => {
    const status = (today: string) =>
      milestoneStatus({ dueDate: due, doneAt: null }, new Date(today))
    expect(status('2026-03-30T12:00:00Z')).toBe('planned')
    expect(status('2026-03-31T21:59:00Z')).toBe('planned') // 23:59 in Amsterdam (summer time)
    expect(status('2026-03-31T22:00:00Z')).toBe('late') // midnight in Amsterdam
  })

  it('reads a due date stored as midnight in Amsterdam as that same day', () => {
    const dueAmsterdamMidnight = new Date('2026-01-14T23:00:00Z') // 15 January 00:00 (winter time)
    expect(calendarDay(dueAmsterdamMidnight)).toBe('2026-01-15')
    const status = (today: string) =>
      milestoneStatus({ dueDate: dueAmsterdamMidnight, doneAt: null }, new Date(today))
    expect(status('2026-01-15T22:59:00Z')).toBe('planned')
    expect(status('2026-01-15T23:00:00Z')).toBe('late')
  })
})

describe('startOfCalendarDay', () => {
  it('is midnight in Amsterdam, in winter and in summer time, and across the switch', () => {
    expect(startOfCalendarDay('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z')
    expect(startOfCalendarDay('2026-07-15').toISOString()).toBe('2026-07-14T22:00:00.000Z')
    // 29 March 2026: the clocks go forward at 02:00; the day still begins at 00:00 winter time.
    expect(startOfCalendarDay('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z')
    expect(startOfCalendarDay('2026-10-26').toISOString()).toBe('2026-10-25T23:00:00.000Z')
    expect(nextCalendarDay('2026-12-31')).toBe('2027-01-01')
    expect(calendarDay(startOfCalendarDay('2026-10-25'))).toBe('2026-10-25')
  })
})
