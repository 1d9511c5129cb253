import { describe, expect, it } from 'vitest'
import {
  aggregation,
  AT_RISK_MARGIN,
  expectedAt,
  goalStatus,
  networkSeries,
  perOrganisation,
  progress,
  type Goal,
  type Measurement,
} from './progress'

/** Day n after 1 January 2026, as stored: midnight UTC. */
const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n))
const today = day(400)

// "EUR saved per year": 0 on day 0, 100 000 on day 100. Halfway (day 50) 50 000 is expected.
const savings: Goal = {
  direction: 'higher',
  baselineValue: 0,
  baselineDate: day(0),
  targetValue: 100_000,
  targetDate: day(100),
  unit: 'EUR',
}

// "Hours per permit": from 100 down to 60 over the same 100 days.
const hoursPerPermit: Goal = {
  direction: 'lower',
  baselineValue: 100,
  baselineDate: day(0),
  targetValue: 60,
  targetDate: day(100),
  unit: 'custom',
}

const at = (n: number, value: number, organisationId = 'org-terneuzen'): Measurement => ({
  organisationId,
  date: day(n),
  value,
})

describe('goalStatus, higher is better', () => {
  it.each([
    [60_000, 'onTrack'],
    [50_000, 'onTrack'], // exactly on the line
    [45_000, 'atRisk'],
    [40_000, 'atRisk'], // exactly AT_RISK_MARGIN behind
    [39_999, 'offTrack'],
    [-5_000, 'offTrack'],
    [100_000, 'achieved'],
    [120_000, 'achieved'],
  ] as const)('halfway with %i is %s', (value, status) => {
    expect(goalStatus(savings, [at(50, value)], today).status).toBe(status)
  })

  it('reports the figures behind the status', () => {
    expect(goalStatus(savings, [at(10, 5_000), at(50, 45_000)], today)).toEqual({
      status: 'atRisk',
      latest: { date: day(50), value: 45_000 },
      expected: 50_000,
      achievedFraction: 0.45,
      expectedFraction: 0.5,
    })
    expect(AT_RISK_MARGIN).toBe(0.1)
  })

  it('takes the latest measurement, not the best one', () => {
    expect(goalStatus(savings, [at(40, 90_000), at(50, 20_000)], today).status).toBe('offTrack')
  })
})

describe('goalStatus, lower is better (100 → 60)', () => {
  it.each([
    [75, 'onTrack'], // 25 of 40 down: 0.625
    [80, 'onTrack'], // exactly on the line
    [82, 'atRisk'], // 0.45
    [95, 'offTrack'], // 0.125
    [110, 'offTrack'], // worse than the baseline
    [60, 'achieved'],
    [55, 'achieved'],
  ] as const)('halfway with %i is %s', (value, status) => {
    expect(goalStatus(hoursPerPermit, [at(50, value)], today).status).toBe(status)
  })

  it('counts progress towards the lower target as positive', () => {
    expect(progress(hoursPerPermit, 80)).toEqual({ fraction: 0.5, percent: 50 })
    expect(progress(hoursPerPermit, 110)).toEqual({ fraction: -0.25, percent: 0 })
    expect(progress(hoursPerPermit, 50)).toEqual({ fraction: 1.25, percent: 100 })
    expect(expectedAt(hoursPerPermit, day(25), day(0))).toBe(90)
  })
})

describe('goalStatus, special cases', () => {
  it('without a baseline date, starts the line at the first measurement', () => {
    const goal = { ...savings, baselineDate: null }
    const result = goalStatus(goal, [at(20, 10_000), at(60, 50_000)], today)
    // From day 20 to day 100, day 60 is halfway.
    expect(result.expectedFraction).toBe(0.5)
    expect(result.expected).toBe(50_000)
    expect(result.status).toBe('onTrack')
  })

  it('without a baseline date and one measurement, nothing is expected yet', () => {
    const goal = { ...savings, baselineDate: null }
    expect(goalStatus(goal, [at(30, 0)], today)).toMatchObject({
      status: 'onTrack',
      expectedFraction: 0,
      expected: 0,
    })
  })

  it('after the target date, the target itself is expected', () => {
    expect(expectedAt(savings, day(150), day(0))).toBe(100_000)
    expect(expectedAt(savings, day(-10), day(0))).toBe(0)
    expect(goalStatus(savings, [at(150, 90_000)], today)).toMatchObject({
      status: 'atRisk',
      expected: 100_000,
      expectedFraction: 1,
    })
    expect(goalStatus(savings, [at(150, 89_000)], today).status).toBe('offTrack')
    expect(goalStatus(savings, [at(150, 100_000)], today).status).toBe('achieved')
  })

  it('is on track on every day for a value exactly on the line, whatever the floating point', () => {
    const goal: Goal = { ...hoursPerPermit, baselineValue: 0.3, targetValue: 0.1, unit: 'percent' }
    for (let n = 0; n <= 120; n++) {
      const value = expectedAt(goal, day(n), day(0))
      const status = goalStatus(goal, [at(n, value)], today).status
      expect(status, `day ${n}`).toBe(n >= 100 ? 'achieved' : 'onTrack')
    }
  })

  it('with the target equal to the baseline: achieved when kept, else no progress', () => {
    const keep: Goal = { ...savings, baselineValue: 50, targetValue: 50, unit: 'percent' }
    expect(progress(keep, 50)).toEqual({ fraction: 1, percent: 100 })
    expect(progress(keep, 51)).toEqual({ fraction: 1, percent: 100 })
    expect(progress(keep, 49)).toEqual({ fraction: 0, percent: 0 })
    expect(progress({ ...keep, direction: 'lower' }, 49).fraction).toBe(1)
    expect(progress({ ...keep, direction: 'lower' }, 51).fraction).toBe(0)
    expect(goalStatus(keep, [at(50, 50)], today).status).toBe('achieved')
    expect(goalStatus(keep, [at(50, 49)], today).status).toBe('offTrack')
  })

  it('has no data without measurements, or with only measurements dated after today', () => {
    expect(goalStatus(savings, [], today)).toEqual({ status: 'noData' })
    expect(goalStatus(savings, [at(50, 10)], day(49))).toEqual({ status: 'noData' })
  })

  it('counts a measurement dated today (by the calendar in Amsterdam) as soon as today has begun there', () => {
    // 00:30 on day 50 in Amsterdam is still day 49 in UTC.
    const justAfterMidnight = new Date(day(50).getTime() - 30 * 60 * 1000)
    expect(goalStatus(savings, [at(50, 50_000)], justAfterMidnight).status).toBe('onTrack')
  })
})

describe('progress percent, for progress bars', () => {
  it('is whole, clamped to 0..100, and only 100 once the target is reached', () => {
    expect(progress(savings, 12_345).percent).toBe(12)
    expect(progress(savings, 99_600).percent).toBe(99)
    expect(progress(savings, 100_000).percent).toBe(100)
    expect(progress(savings, 250_000)).toEqual({ fraction: 2.5, percent: 100 })
    expect(progress(savings, -1)).toMatchObject({ percent: 0 })
  })
})

describe('networkSeries', () => {
  it('adds up money, hours and counts; averages percentages and free units', () => {
    expect(aggregation('EUR')).toBe('sum')
    expect(aggregation('hours')).toBe('sum')
    expect(aggregation('count')).toBe('sum')
    expect(aggregation('percent')).toBe('mean')
    expect(aggregation('custom')).toBe('mean')
  })

  it("carries an organisation's older value forward in the total", () => {
    const measurements = [
      at(30, 120, 'org-sluis'),
      at(10, 100, 'org-sluis'),
      at(20, 50, 'org-hulst'),
      at(30, 10, 'org-terneuzen'),
    ]
    expect(networkSeries(savings, measurements)).toEqual([
      { date: day(10), value: 100 },
      { date: day(20), value: 150 },
      { date: day(30), value: 180 },
    ])
    expect(goalStatus(savings, measurements, today).latest).toEqual({ date: day(30), value: 180 })
  })

  it('averages a percentage over the organisations that have reported', () => {
    const satisfaction: Goal = { ...savings, unit: 'percent', baselineValue: 70, targetValue: 90 }
    const measurements = [at(10, 80, 'org-sluis'), at(20, 90, 'org-hulst'), at(30, 70, 'org-sluis')]
    expect(networkSeries(satisfaction, measurements)).toEqual([
      { date: day(10), value: 80 },
      { date: day(20), value: 85 },
      { date: day(30), value: 80 },
    ])
    expect(goalStatus(satisfaction, measurements, today).achievedFraction).toBe(0.5)
  })

  it('counts the value listed last when an organisation reports twice on one date', () => {
    expect(networkSeries(savings, [at(10, 1), at(10, 2)])).toEqual([{ date: day(10), value: 2 }])
    expect(perOrganisation(savings, [at(10, 1), at(10, 2)])[0]?.latest.value).toBe(2)
  })

  it('is empty without measurements', () => {
    expect(networkSeries(savings, [])).toEqual([])
  })
})

describe('perOrganisation', () => {
  it("gives each organisation's latest value and its share of the total", () => {
    const measurements = [
      at(10, 100, 'org-sluis'),
      at(20, 50, 'org-hulst'),
      at(30, 150, 'org-sluis'),
      at(5, 999, 'org-hulst'),
    ]
    expect(perOrganisation(savings, measurements)).toEqual([
      { organisationId: 'org-sluis', latest: { date: day(30), value: 150 }, share: 0.75 },
      { organisationId: 'org-hulst', latest: { date: day(20), value: 50 }, share: 0.25 },
    ])
  })

  it('gives no share for averaged units or a total of 0', () => {
    const percent = { ...savings, unit: 'percent' as const }
    expect(perOrganisation(percent, [at(10, 80)])[0]?.share).toBeNull()
    expect(perOrganisation(savings, [at(10, 0)])[0]?.share).toBeNull()
    expect(perOrganisation(savings, [])).toEqual([])
  })
})
