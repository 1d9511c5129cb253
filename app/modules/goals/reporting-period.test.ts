import { describe, expect, it } from 'vitest'
import { currentReportingPeriod, isReportingPeriod } from './reporting-period'

/** A moment given as Amsterdam wall-clock time with its offset, e.g. '2026-03-31T23:30:00+02:00'. */
const at = (iso: string) => new Date(iso)
const period = (kind: string | null, iso: string) => {
  const p = currentReportingPeriod({ reportingPeriod: kind }, at(iso))
  return (
    p && {
      start: p.start.toISOString(),
      end: p.end.toISOString(),
      first: p.firstDay,
      last: p.lastDay,
    }
  )
}

describe('currentReportingPeriod', () => {
  it('is null for a goal without a reporting period, or with an unknown one', () => {
    expect(currentReportingPeriod({ reportingPeriod: null }, new Date())).toBeNull()
    expect(currentReportingPeriod({ reportingPeriod: 'hourly' }, new Date())).toBeNull()
    expect(isReportingPeriod('quarterly')).toBe(true)
    expect(isReportingPeriod('')).toBe(false)
  })

  it('takes the Amsterdam calendar month, from midnight to midnight (summer time)', () => {
    expect(period('monthly', '2026-06-15T12:00:00+02:00')).toEqual({
      start: '2026-05-31T22:00:00.000Z',
      end: '2026-06-30T22:00:00.000Z',
      first: '2026-06-01',
      last: '2026-06-30',
    })
  })

  it('puts the last minutes of a month in Amsterdam in that month, although UTC is already past it', () => {
    // 30 June 23:30 in Amsterdam is 21:30 UTC; 1 July 00:30 in Amsterdam is still 30 June in UTC.
    expect(period('monthly', '2026-06-30T23:30:00+02:00')?.first).toBe('2026-06-01')
    expect(period('monthly', '2026-07-01T00:30:00+02:00')?.first).toBe('2026-07-01')
  })

  it('spans the change to summer time: March starts at 23:00 UTC and ends at 22:00 UTC', () => {
    expect(period('monthly', '2026-03-29T12:00:00+02:00')).toEqual({
      start: '2026-02-28T23:00:00.000Z',
      end: '2026-03-31T22:00:00.000Z',
      first: '2026-03-01',
      last: '2026-03-31',
    })
  })

  it('spans the change to winter time in October', () => {
    expect(period('monthly', '2026-10-25T02:30:00+01:00')).toEqual({
      start: '2026-09-30T22:00:00.000Z',
      end: '2026-10-31T23:00:00.000Z',
      first: '2026-10-01',
      last: '2026-10-31',
    })
  })

  it('takes calendar quarters, around their ends', () => {
    expect(period('quarterly', '2026-03-31T23:59:00+02:00')?.first).toBe('2026-01-01')
    expect(period('quarterly', '2026-03-31T23:59:00+02:00')?.last).toBe('2026-03-31')
    expect(period('quarterly', '2026-04-01T00:00:00+02:00')).toEqual({
      start: '2026-03-31T22:00:00.000Z',
      end: '2026-06-30T22:00:00.000Z',
      first: '2026-04-01',
      last: '2026-06-30',
    })
    expect(period('quarterly', '2026-11-15T09:00:00+01:00')?.first).toBe('2026-10-01')
    expect(period('quarterly', '2026-12-31T23:59:59+01:00')?.end).toBe('2026-12-31T23:00:00.000Z')
  })

  it('takes calendar years; New Year in Amsterdam is still the old year in UTC', () => {
    expect(period('yearly', '2027-01-01T00:30:00+01:00')).toEqual({
      start: '2026-12-31T23:00:00.000Z',
      end: '2027-12-31T23:00:00.000Z',
      first: '2027-01-01',
      last: '2027-12-31',
    })
    expect(period('yearly', '2026-12-31T23:30:00+01:00')?.first).toBe('2026-01-01')
  })

  it('handles February in a leap year', () => {
    expect(period('monthly', '2028-02-29T12:00:00+01:00')?.last).toBe('2028-02-29')
  })
})
