import { describe, expect, it } from 'vitest'
import {
  budgetTotals,
  euroAmountField,
  euShareCheck,
  parseEuroAmount,
  type BudgetLineInput,
} from './budget'

const sluis = { organisationId: 'org-sluis', organisationName: 'Sluis' }
const terneuzen = { organisationId: 'org-terneuzen', organisationName: 'Terneuzen' }
const knokke = { organisationId: 'org-knokke', organisationName: 'Knokke-Heist' }

const lines: BudgetLineInput[] = [
  { ...terneuzen, year: 2027, category: 'staff', source: 'own', amountCents: 1_000_010 },
  { ...sluis, year: 2026, category: 'external', source: 'eu', amountCents: 2_500_000 },
  { ...knokke, year: 2026, category: 'equipment', source: 'national', amountCents: 33_333 },
  { ...sluis, year: 2027, category: 'staff', source: 'province', amountCents: 1 },
  { ...terneuzen, year: 2026, category: 'other', source: 'eu', amountCents: 99 },
]

describe('budgetTotals', () => {
  it('adds up per organisation (by name), per year, per source and per year and source, to the cent', () => {
    const totals = budgetTotals(lines)
    expect(totals.totalCents).toBe(3_533_443)
    expect(totals.byOrganisation).toEqual([
      { organisationId: 'org-knokke', organisationName: 'Knokke-Heist', totalCents: 33_333 },
      { organisationId: 'org-sluis', organisationName: 'Sluis', totalCents: 2_500_001 },
      { organisationId: 'org-terneuzen', organisationName: 'Terneuzen', totalCents: 1_000_109 },
    ])
    expect(totals.byYear).toEqual([
      { year: 2026, totalCents: 2_533_432 },
      { year: 2027, totalCents: 1_000_011 },
    ])
    expect(totals.bySource).toEqual({
      own: 1_000_010,
      province: 1,
      national: 33_333,
      eu: 2_500_099,
    })
    expect(totals.byYearAndSource).toEqual([
      {
        year: 2026,
        totalCents: 2_533_432,
        bySource: { own: 0, province: 0, national: 33_333, eu: 2_500_099 },
      },
      {
        year: 2027,
        totalCents: 1_000_011,
        bySource: { own: 1_000_010, province: 1, national: 0, eu: 0 },
      },
    ])
    expect(totals.euShare).toBeCloseTo(2_500_099 / 3_533_443, 12)
  })

  it('is exact where euros as floating point are not (0.10 + 0.20)', () => {
    const tenAndTwenty: BudgetLineInput[] = [10, 20].map((amountCents) => ({
      ...sluis,
      year: 2026,
      category: 'other',
      source: 'own',
      amountCents,
    }))
    expect(budgetTotals(tenAndTwenty).totalCents).toBe(30)
  })

  it('gives zeros and an EU share of 0 without lines', () => {
    const totals = budgetTotals([])
    expect(totals).toEqual({
      totalCents: 0,
      byOrganisation: [],
      byYear: [],
      bySource: { own: 0, province: 0, national: 0, eu: 0 },
      byYearAndSource: [],
      euShare: 0,
    })
  })

  it('refuses amounts that are not whole cents', () => {
    expect(() => budgetTotals([{ ...lines[0]!, amountCents: 12.5 }])).toThrow(RangeError)
  })
})

describe('euShareCheck', () => {
  const totalsWithEu = (euCents: number, otherCents: number) =>
    budgetTotals([
      { ...sluis, year: 2026, category: 'staff', source: 'eu', amountCents: euCents },
      { ...sluis, year: 2026, category: 'staff', source: 'own', amountCents: otherCents },
    ])

  it('allows exactly the maximum (Interreg: 50 %)', () => {
    expect(euShareCheck(totalsWithEu(50_000, 50_000), 50)).toEqual({
      sharePercent: 50,
      maxPercent: 50,
      exceeded: false,
    })
  })

  it('flags a share above the maximum', () => {
    expect(euShareCheck(totalsWithEu(60_000, 40_000), 50)).toEqual({
      sharePercent: 60,
      maxPercent: 50,
      exceeded: true,
    })
  })

  it('flags even one cent too much, and then never shows 50.0 %', () => {
    const check = euShareCheck(totalsWithEu(50_001, 49_999), 50)
    expect(check.exceeded).toBe(true)
    expect(check.sharePercent).toBe(50.1)
  })

  it('rounds the share to one decimal', () => {
    expect(euShareCheck(totalsWithEu(1, 2), 50).sharePercent).toBe(33.3)
    expect(euShareCheck(totalsWithEu(2, 1), 75).sharePercent).toBe(66.7)
  })

  it('is 0 % and never exceeded without a budget', () => {
    expect(euShareCheck(budgetTotals([]), 50)).toEqual({
      sharePercent: 0,
      maxPercent: 50,
      exceeded: false,
    })
  })

  it('with a maximum of 0, any EU money is too much', () => {
    expect(euShareCheck(totalsWithEu(1, 1_000_000), 0).exceeded).toBe(true)
    expect(euShareCheck(totalsWithEu(0, 1_000_000), 0).exceeded).toBe(false)
  })
})

describe('parseEuroAmount', () => {
  it.each([
    ['1.234,56', 123_456],
    ['1234,56', 123_456],
    ['1234.56', 123_456],
    ['1,234.56', 123_456],
    ['€ 1.234', 123_400],
    ['€1.234,5', 123_450],
    ['1 234,50', 123_450],
    ['1\u00A0234,50 €', 123_450],
    ['250000', 25_000_000],
    ['250.000', 25_000_000],
    ['1.234.567,89', 123_456_789],
    ['1,234,567', 123_456_700],
    ['EUR 12,5', 1_250],
    ['€ 250,-', 25_000],
    ['0,99', 99],
    ['0', 0],
    ['  42  ', 4_200],
    ['1.000.000.000', 100_000_000_000],
  ])('reads %j as %i cents', (text, cents) => {
    expect(parseEuroAmount(text)).toEqual({ ok: true, cents })
  })

  it('reads "1.234" as 1234 euro: one dot before three digits is a Dutch thousands separator', () => {
    expect(parseEuroAmount('1.234')).toEqual({ ok: true, cents: 123_400 })
    // With one or two digits after it, the dot is a decimal point.
    expect(parseEuroAmount('1.23')).toEqual({ ok: true, cents: 123 })
    expect(parseEuroAmount('1.2')).toEqual({ ok: true, cents: 120 })
  })

  it.each([
    'abc',
    '',
    '   ',
    '€',
    '12a',
    '1,234', // a decimal comma with three decimals: refused rather than guessed as English thousands
    '1,2345',
    '1234.567',
    '0.500',
    '1.23.456',
    '12,34,56',
    '1 23,00',
    '1.234 567',
    '1,5.5',
    '12,',
    '1e5',
    '0x10',
    'Infinity',
  ])('refuses %j as invalid', (text) => {
    expect(parseEuroAmount(text)).toEqual({ ok: false, error: 'amountInvalid' })
  })

  it.each(['-5', '- € 5', '€ -1.234,56', '\u22125,00'])('refuses %j as negative', (text) => {
    expect(parseEuroAmount(text)).toEqual({ ok: false, error: 'amountNegative' })
  })

  it.each(['1.000.000.000,01', '1000000001', '99999999999999999999'])(
    'refuses %j as too large',
    (text) => {
      expect(parseEuroAmount(text)).toEqual({ ok: false, error: 'amountTooLarge' })
    },
  )
})

describe('euroAmountField', () => {
  it('gives cents, or the translation key of what is wrong', () => {
    expect(euroAmountField.parse(' 1.234,56 ')).toBe(123_456)
    const message = (text: string) => euroAmountField.safeParse(text).error?.issues[0]?.message
    expect(message('')).toBe('required')
    expect(message('-3')).toBe('amountNegative')
    expect(message('veel')).toBe('amountInvalid')
  })
})
