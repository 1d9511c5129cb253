import { describe, expect, it } from 'vitest'
import { toFtsQuery } from './search.server'

// What the user types becomes an FTS5 query of quoted words: nothing typed can be FTS syntax.

// One quoted run of letters and digits, the last one optionally a prefix.
const term = /^"[\p{L}\p{N}]+"\*?$/u

describe('toFtsQuery', () => {
  it('quotes every word and makes the last one (3+ characters) a prefix', () => {
    expect(toFtsQuery('begroting')).toBe('"begroting"*')
    expect(toFtsQuery('Werkplan GOS 2027')).toBe('"Werkplan" "GOS" "2027"*')
    expect(toFtsQuery('zwin ab')).toBe('"zwin" "ab"')
    expect(toFtsQuery('financiële')).toBe('"financiële"*')
  })

  it('gives null when no word is left', () => {
    for (const input of ['', '   ', '"', '***', '-', '()', '"-"', '^:{}', '🚌']) {
      expect(toFtsQuery(input), input).toBeNull()
    }
  })

  it.each([
    ['"', null],
    ['"baggerplan', '"baggerplan"*'],
    ['baggerplan"', '"baggerplan"*'],
    ['a"b', '"a" "b"'],
    ['AND', '"AND"*'],
    ['baggerplan OR zwin', '"baggerplan" "OR" "zwin"*'],
    ['NOT baggerplan', '"NOT" "baggerplan"*'],
    ['NEAR(zwin kreek, 2)', '"NEAR" "zwin" "kreek" "2"'],
    ['zwin*', '"zwin"*'],
    ['-zwin', '"zwin"*'],
    ['^zwin', '"zwin"*'],
    ['title:zwin', '"title" "zwin"*'],
    ['{title body}: zwin', '"title" "body" "zwin"*'],
    ["zwin'; DROP TABLE x; --", '"zwin" "DROP" "TABLE" "x"'],
    ['zwin\u0000kreek', '"zwin" "kreek"*'],
  ])('%j → %j', (input, expected) => {
    expect(toFtsQuery(input)).toBe(expected)
  })

  it('produces only quoted words, whatever comes in', () => {
    const inputs = [
      'a "b" c*',
      '"""""',
      'x AND (y OR z) NOT w NEAR/3 v',
      '\u202Eomgekeerd\u202C',
      'tab\tand\nnewline',
      'x'.repeat(500),
      '💥"💥*💥',
      'colon:column:name',
    ]
    for (const input of inputs) {
      const query = toFtsQuery(input)
      if (query === null) continue
      for (const part of query.split(' ')) expect(part, input).toMatch(term)
    }
  })

  it('keeps at most eight words', () => {
    const query = toFtsQuery('een twee drie vier vijf zes zeven acht negen tien')
    expect(query).toBe('"een" "twee" "drie" "vier" "vijf" "zes" "zeven" "acht"*')
  })

  it('normalises compatibility forms and combining accents (NFKC)', () => {
    // Full-width letters, as some input methods type them.
    expect(toFtsQuery('ｂｅｇｒｏｔｉｎｇ')).toBe('"begroting"*')
    // e + combining diaeresis becomes one letter, not a word split in two.
    expect(toFtsQuery('financie\u0308le')).toBe('"financiële"*')
    // The ligature "ﬁ" becomes "fi".
    expect(toFtsQuery('ﬁets')).toBe('"fiets"*')
  })
})
