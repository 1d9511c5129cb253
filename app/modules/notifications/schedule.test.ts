import { describe, expect, it } from 'vitest'
import { lastDailyDigestAt, lastWeeklyDigestAt } from './schedule'

// The moments digests are due, in Europe/Amsterdam: a daily digest at the chosen hour, a weekly one on
// the chosen weekday (1 = Monday … 7 = Sunday) at that hour, also across the summer-time changes of
// 29 March and 25 October 2026.

const at = (iso: string) => new Date(iso)

describe('lastDailyDigestAt', () => {
  it('is today at the hour once that hour has come, otherwise yesterday', () => {
    // 07:00 in Amsterdam in winter is 06:00 UTC.
    expect(lastDailyDigestAt(7, at('2026-12-07T06:00:00Z'))).toEqual(at('2026-12-07T06:00:00Z'))
    expect(lastDailyDigestAt(7, at('2026-12-07T05:59:59Z'))).toEqual(at('2026-12-06T06:00:00Z'))
    expect(lastDailyDigestAt(7, at('2026-12-07T15:00:00Z'))).toEqual(at('2026-12-07T06:00:00Z'))
  })

  it('follows summer time: 07:00 is 05:00 UTC in July', () => {
    expect(lastDailyDigestAt(7, at('2026-07-01T05:30:00Z'))).toEqual(at('2026-07-01T05:00:00Z'))
  })

  it('an hour skipped when summer time starts is sent an hour later, once', () => {
    // 29 March 2026: 02:00–03:00 does not exist in Amsterdam; 02:00 becomes 03:00 CEST = 01:00 UTC.
    expect(lastDailyDigestAt(2, at('2026-03-29T01:30:00Z'))).toEqual(at('2026-03-29T01:00:00Z'))
    expect(lastDailyDigestAt(2, at('2026-03-29T00:30:00Z'))).toEqual(at('2026-03-28T01:00:00Z'))
  })

  it('midnight and the last hour of the day', () => {
    expect(lastDailyDigestAt(0, at('2026-12-06T23:30:00Z'))).toEqual(at('2026-12-06T23:00:00Z'))
    expect(lastDailyDigestAt(23, at('2026-12-06T21:59:00Z'))).toEqual(at('2026-12-05T22:00:00Z'))
  })
})

describe('lastWeeklyDigestAt', () => {
  it('is the last chosen weekday at the hour', () => {
    // Monday 7 December 2026, 07:00 = 06:00 UTC.
    expect(lastWeeklyDigestAt(1, 7, at('2026-12-07T06:00:00Z'))).toEqual(at('2026-12-07T06:00:00Z'))
    expect(lastWeeklyDigestAt(1, 7, at('2026-12-07T05:00:00Z'))).toEqual(at('2026-11-30T06:00:00Z'))
    expect(lastWeeklyDigestAt(1, 7, at('2026-12-13T20:00:00Z'))).toEqual(at('2026-12-07T06:00:00Z'))
    // Sunday 6 December 2026 at 18:00 = 17:00 UTC.
    expect(lastWeeklyDigestAt(7, 18, at('2026-12-06T17:00:00Z'))).toEqual(
      at('2026-12-06T17:00:00Z'),
    )
  })

  it('across the end of summer time', () => {
    // Monday 26 October 2026, the day after the change: 07:00 CET = 06:00 UTC; the Monday before was CEST.
    expect(lastWeeklyDigestAt(1, 7, at('2026-10-26T06:00:00Z'))).toEqual(at('2026-10-26T06:00:00Z'))
    expect(lastWeeklyDigestAt(1, 7, at('2026-10-26T05:30:00Z'))).toEqual(at('2026-10-19T05:00:00Z'))
  })
})
