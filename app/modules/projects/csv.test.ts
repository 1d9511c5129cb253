import { describe, expect, it } from 'vitest'
import { budgetCsv, type BudgetCsvLabels, type BudgetCsvLine } from './csv'

const labels: BudgetCsvLabels = {
  headers: ['Organisatie', 'Jaar', 'Categorie', 'Financieringsbron', 'Bedrag (EUR)', 'Toelichting'],
  category: {
    staff: 'Personeel',
    external: 'Externe kosten',
    equipment: 'Middelen',
    other: 'Overig',
  },
  source: {
    own: 'Eigen middelen',
    province: 'Provincie',
    national: 'Rijk / Vlaamse overheid',
    eu: 'EU / Interreg',
  },
}

const lines: BudgetCsvLine[] = [
  {
    organisationName: 'Knokke-Heist',
    year: 2026,
    category: 'external',
    source: 'eu',
    amountCents: 123_456_789,
    note: 'Financiële administratie; fase "één"',
  },
  {
    organisationName: 'Sint-Laureins',
    year: 2027,
    category: 'staff',
    source: 'own',
    amountCents: 5,
    note: 'Regel 1\r\nregel 2',
  },
]

function decode(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
}

describe('budgetCsv', () => {
  it('starts with the UTF-8 byte order mark and keeps accents as UTF-8 bytes', () => {
    const bytes = budgetCsv(lines, labels, 'nl-BE')
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const buffer = Buffer.from(bytes)
    // "Financië": the ë as the two UTF-8 bytes C3 AB, written out so the source file's encoding can't fool us.
    const financie = Buffer.from([0x46, 0x69, 0x6e, 0x61, 0x6e, 0x63, 0x69, 0xc3, 0xab])
    expect(buffer.includes(financie)).toBe(true)
    expect(buffer.includes(Buffer.from([0xc3, 0xa9]))).toBe(true) // é
    expect(buffer.includes(Buffer.from([0xc3, 0x83]))).toBe(false) // "Ã": UTF-8 encoded twice
    const text = decode(bytes)
    expect(text).toContain('Knokke-Heist;2026;')
    expect(text).toContain('Sint-Laureins;2027;')
  })

  it('writes ";"-separated rows with CRLF ends, quotes per RFC 4180 and a decimal comma in Dutch', () => {
    const text = decode(budgetCsv(lines, labels, 'nl-NL')).slice(1)
    expect(text).toBe(
      'Organisatie;Jaar;Categorie;Financieringsbron;Bedrag (EUR);Toelichting\r\n' +
        'Knokke-Heist;2026;Externe kosten;EU / Interreg;1234567,89;"Financiële administratie; fase ""één"""\r\n' +
        'Sint-Laureins;2027;Personeel;Eigen middelen;0,05;"Regel 1\r\nregel 2"\r\n',
    )
  })

  it('uses a decimal point in English and never a thousands separator', () => {
    const text = decode(budgetCsv(lines, labels, 'en'))
    expect(text).toContain(';1234567.89;')
    expect(text).toContain(';0.05;')
  })

  it('neutralises cells Excel would run as a formula', () => {
    const attack = (note: string, organisationName = 'Hulst') =>
      decode(
        budgetCsv(
          [
            {
              organisationName,
              year: 2026,
              category: 'other',
              source: 'own',
              amountCents: 100,
              note,
            },
          ],
          labels,
          'nl-NL',
        ),
      ).split('\r\n')[1]
    expect(attack('=HYPERLINK("http://evil.example","klik")')).toBe(
      `Hulst;2026;Overig;Eigen middelen;1,00;"'=HYPERLINK(""http://evil.example"",""klik"")"`,
    )
    expect(attack('+31 115 123456')).toBe(`Hulst;2026;Overig;Eigen middelen;1,00;'+31 115 123456`)
    expect(attack('-2+3')).toBe(`Hulst;2026;Overig;Eigen middelen;1,00;'-2+3`)
    expect(attack('@SUM(A1)')).toBe(`Hulst;2026;Overig;Eigen middelen;1,00;'@SUM(A1)`)
    expect(attack('ok', '=cmd|calc')).toBe(`'=cmd|calc;2026;Overig;Eigen middelen;1,00;ok`)
  })

  it('falls back to the stored key for a category without a label, and writes only headers without lines', () => {
    const line = { ...lines[1]!, category: 'travel', note: '' }
    expect(decode(budgetCsv([line], labels, 'nl-NL'))).toContain(';travel;')
    expect(decode(budgetCsv([], labels, 'nl-NL'))).toBe(
      '\uFEFFOrganisatie;Jaar;Categorie;Financieringsbron;Bedrag (EUR);Toelichting\r\n',
    )
  })
})
