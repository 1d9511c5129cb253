import { z } from 'zod'

export const budgetCategories = ['staff', 'external', 'equipment', 'other'] as const
export type BudgetCategory = (typeof budgetCategories)[number]

/**
 * Who pays: the organisation's own funds; co-financing by the province; co-financing by the national
 * (NL) or Flemish (BE) government; EU funds such as Interreg.
 */
export const fundingSources = ['own', 'province', 'national', 'eu'] as const
export type FundingSource = (typeof fundingSources)[number]

export type BudgetLineInput = {
  organisationId: string
  organisationName: string
  year: number
  category: BudgetCategory
  source: FundingSource
  amountCents: number
}

export type BudgetTotals = {
  totalCents: number
  /** Sorted by organisation name (Dutch collation). */
  byOrganisation: { organisationId: string; organisationName: string; totalCents: number }[]
  /** Ascending by year. */
  byYear: { year: number; totalCents: number }[]
  bySource: Record<FundingSource, number>
  /** Ascending by year; every source present, 0 when it has no lines that year. */
  byYearAndSource: { year: number; totalCents: number; bySource: Record<FundingSource, number> }[]
  /** The EU share of the total, 0..1; 0 when the total is 0. For display; the check uses the cents. */
  euShare: number
}

const nameOrder = new Intl.Collator('nl', { sensitivity: 'base', numeric: true })

function emptyBySource(): Record<FundingSource, number> {
  return { own: 0, province: 0, national: 0, eu: 0 }
}

/** Totals in whole cents, so every sum is exact (no floating-point euros anywhere). */
export function budgetTotals(lines: readonly BudgetLineInput[]): BudgetTotals {
  let totalCents = 0
  const bySource = emptyBySource()
  const organisations = new Map<string, { organisationName: string; totalCents: number }>()
  const years = new Map<number, { totalCents: number; bySource: Record<FundingSource, number> }>()

  for (const line of lines) {
    if (!Number.isSafeInteger(line.amountCents)) {
      throw new RangeError(`A budget amount must be whole cents, got ${line.amountCents}`)
    }
    totalCents += line.amountCents
    bySource[line.source] += line.amountCents

    const organisation = organisations.get(line.organisationId) ?? {
      organisationName: line.organisationName,
      totalCents: 0,
    }
    organisation.totalCents += line.amountCents
    organisations.set(line.organisationId, organisation)

    const year = years.get(line.year) ?? { totalCents: 0, bySource: emptyBySource() }
    year.totalCents += line.amountCents
    year.bySource[line.source] += line.amountCents
    years.set(line.year, year)
  }

  const byYearAndSource = [...years]
    .map(([year, totals]) => ({ year, ...totals }))
    .sort((a, b) => a.year - b.year)

  return {
    totalCents,
    byOrganisation: [...organisations]
      .map(([organisationId, totals]) => ({ organisationId, ...totals }))
      .sort(
        (a, b) =>
          nameOrder.compare(a.organisationName, b.organisationName) ||
          a.organisationId.localeCompare(b.organisationId),
      ),
    byYear: byYearAndSource.map(({ year, totalCents }) => ({ year, totalCents })),
    bySource,
    byYearAndSource,
    euShare: totalCents === 0 ? 0 : bySource.eu / totalCents,
  }
}

export type EuShareCheck = { sharePercent: number; maxPercent: number; exceeded: boolean }

/**
 * Is the EU share above the funder's maximum (Interreg Vlaanderen-Nederland: 50 %)? Decided on the
 * exact cents, strictly above the maximum: exactly 50 % is allowed, 50.004 % is not. The percentage is
 * shown with one decimal; when it is exceeded by less than that decimal shows, it is rounded up (50.1
 * instead of 50.0), so the number on screen never contradicts the warning beside it.
 */
export function euShareCheck(
  totals: Pick<BudgetTotals, 'totalCents' | 'bySource'>,
  maxPercent: number,
): EuShareCheck {
  const { totalCents } = totals
  const euCents = totals.bySource.eu
  const exceeded = totalCents > 0 && euCents * 100 > maxPercent * totalCents
  const permille = totalCents === 0 ? 0 : (euCents * 1000) / totalCents
  let sharePercent = Math.round(permille) / 10
  if (exceeded && sharePercent <= maxPercent) sharePercent = Math.ceil(permille) / 10
  return { sharePercent, maxPercent, exceeded }
}

export type EuroAmountError = 'amountInvalid' | 'amountNegative' | 'amountTooLarge'
export type EuroAmountResult = { ok: true; cents: number } | { ok: false; error: EuroAmountError }

export const MAX_AMOUNT_CENTS = 1_000_000_000 * 100

// Spaces people and spreadsheets put between thousands: ordinary, no-break, narrow no-break, thin.
const spaces = /[\s\u00A0\u202F\u2009]+/g
const minus = /^[-\u2212]/

/**
 * Reads an amount in euros as Dutch, Flemish and English users type it, into whole cents:
 * "1.234,56", "1234,56", "1234.56", "1,234.56", "€ 1.234", "1 234,50", "250000", "€ 250,-".
 *
 * - When both "." and "," occur, the last one is the decimal separator and the other groups thousands.
 * - One "," alone is a decimal comma ("1234,5"); several group thousands ("1,234,567"). So the
 *   English "250,000" is refused (three decimals) rather than guessed; "250000" or "250.000" work.
 * - Ambiguity rule: one "." followed by exactly three digits is a Dutch/Flemish thousands separator, so
 *   "1.234" is 1234 euro, not 1 euro 23.4 cents (no one types three decimals for euros). With one or
 *   two digits after it, the "." is a decimal point ("1234.5", "1234.56"); several "." group thousands.
 * - Thousands groups must be complete ("1.23.456" is refused), more than two decimals are refused,
 *   and so is anything above 1 000 000 000 euro.
 */
export function parseEuroAmount(text: string): EuroAmountResult {
  let rest = text.replace(spaces, ' ').trim()
  let negative = false
  const takeSign = () => {
    if (minus.test(rest)) {
      negative = true
      rest = rest.slice(1).trim()
    }
  }
  takeSign()
  rest = rest.replace(/^(€|eur(?![a-z]))/i, '').trim()
  takeSign()
  rest = rest
    .replace(/(€|(?<![a-z])eur)$/i, '')
    .trim()
    // "250,-" and "250,–" are Dutch for a whole amount.
    .replace(/[,.][-\u2013]$/, '')

  const cents = parseDigits(rest)
  if (cents === null) return { ok: false, error: 'amountInvalid' }
  if (negative && cents > 0) return { ok: false, error: 'amountNegative' }
  if (cents > MAX_AMOUNT_CENTS) return { ok: false, error: 'amountTooLarge' }
  return { ok: true, cents }
}

function parseDigits(text: string): number | null {
  if (!/^\d[\d., ]*$/.test(text)) return null
  const dots = text.split('.').length - 1
  const commas = text.split(',').length - 1

  let decimal: '.' | ',' | null = null
  let thousands: '.' | ',' | ' ' = ' '
  if (dots > 0 && commas > 0) {
    decimal = text.lastIndexOf('.') > text.lastIndexOf(',') ? '.' : ','
    thousands = decimal === '.' ? ',' : '.'
  } else if (commas === 1) {
    decimal = ','
  } else if (commas > 1) {
    thousands = ','
  } else if (dots === 1) {
    decimal = /^[1-9]\d{0,2}\.\d{3}$/.test(text) ? null : '.'
    if (decimal === null) thousands = '.'
  } else if (dots > 1) {
    thousands = '.'
  }

  const [whole = '', fraction = '', extra] = decimal ? text.split(decimal) : [text]
  if (extra !== undefined || !/^\d{0,2}$/.test(fraction) || (decimal && fraction === ''))
    return null
  if (!isGroupedInteger(whole, thousands)) return null

  const digits = whole.replace(/[., ]/g, '').replace(/^0+(?=\d)/, '')
  // Anything with more than 12 digits before the decimals is far above the maximum; stop before
  // Number loses precision.
  if (digits.length > 12) return MAX_AMOUNT_CENTS + 1
  return Number(digits) * 100 + Number(fraction.padEnd(2, '0'))
}

function isGroupedInteger(whole: string, thousands: '.' | ',' | ' '): boolean {
  if (/^\d+$/.test(whole)) return true
  // Grouped: 1–3 digits, then groups of exactly three, with one kind of mark (a space, or the
  // thousands mark chosen above; never both).
  const marks = [...new Set(whole.replace(/\d/g, ''))]
  const [mark] = marks
  if (marks.length !== 1 || (mark !== ' ' && mark !== thousands)) return false
  const [first = '', ...others] = whole.split(mark)
  return /^\d{1,3}$/.test(first) && others.every((group) => /^\d{3}$/.test(group))
}

/**
 * A form field for an amount in euros: the text as typed in, the value in cents. Messages are
 * translation keys under `validation.` (required, amountInvalid, amountNegative, amountTooLarge).
 */
export const euroAmountField = z
  .string({ error: 'required' })
  .trim()
  .min(1, { error: 'required', abort: true })
  .transform((text, ctx) => {
    const parsed = parseEuroAmount(text)
    if (parsed.ok) return parsed.cents
    ctx.addIssue({ code: 'custom', message: parsed.error })
    return z.NEVER
  })
