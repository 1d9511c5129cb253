import type { Locale } from '~/i18n/config'

export type BudgetCsvLine = {
  organisationName: string
  year: number
  category: string
  source: string
  amountCents: number
  note: string
}

export type BudgetCsvLabels = {
  /** In this order: organisation, year, category, source, amount (EUR), note. */
  headers: string[]
  category: Record<string, string>
  source: Record<string, string>
}

// Excel only reads a CSV file as UTF-8 when it starts with this byte order mark; without it "Financiële"
// comes out as "FinanciÃ«le".
const BOM = new Uint8Array([0xef, 0xbb, 0xbf])
// Dutch and Flemish Excel split on ";" (the comma is their decimal mark). We use it in every locale: one
// format, and a "sep=;" first line for other Excel set-ups would make Excel ignore the BOM.
const SEPARATOR = ';'
const LINE_END = '\r\n'

/**
 * The budget lines as a CSV file for Excel: UTF-8 with BOM, ";" between fields, CRLF line ends, RFC 4180
 * quoting. Amounts are plain numbers (no currency sign, no thousands separators) with the locale's decimal
 * mark, so Excel reads them as numbers.
 */
export function budgetCsv(
  lines: readonly BudgetCsvLine[],
  labels: BudgetCsvLabels,
  locale: Locale,
): Uint8Array {
  const rows = [
    labels.headers.map(textCell),
    ...lines.map((line) => [
      textCell(line.organisationName),
      String(line.year),
      textCell(labels.category[line.category] ?? line.category),
      textCell(labels.source[line.source] ?? line.source),
      amountCell(line.amountCents, locale),
      textCell(line.note),
    ]),
  ]
  const text = rows.map((row) => row.join(SEPARATOR) + LINE_END).join('')
  const body = new TextEncoder().encode(text)
  const bytes = new Uint8Array(BOM.length + body.length)
  bytes.set(BOM)
  bytes.set(body, BOM.length)
  return bytes
}

/**
 * A text field, safe and quoted. A cell that starts with = + - @ (or a tab or carriage return) would be
 * run as a formula by Excel (CSV injection), so it gets a leading apostrophe, as OWASP advises.
 */
function textCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** Whole cents to "1234,56" (Dutch, Flemish) or "1234.56" (English), exactly, without floats. */
function amountCell(cents: number, locale: Locale): string {
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  const decimal = locale === 'en' ? '.' : ','
  return `${sign}${Math.trunc(abs / 100)}${decimal}${String(abs % 100).padStart(2, '0')}`
}
