/*
 * Text for the agenda pack's own pages. The pack uses the PDF standard fonts (Helvetica): every reader
 * has them and nothing needs embedding, but they encode WinAnsi (Windows-1252) only. Text from users
 * may hold anything, so it goes through winAnsiSafe first: Dutch, French and German letters stay as
 * they are, letters with a plain Latin base lose their accent (Ł → L), the rest becomes '?'.
 * Bookmarks and the document title are Unicode strings in the PDF and need none of this.
 */

/** The code points outside Latin-1 that WinAnsi has (its 0x80–0x9F range). */
const winAnsiExtras = new Set(Array.from('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ', (c) => c.codePointAt(0)!))

export function isWinAnsi(codePoint: number): boolean {
  return (
    (codePoint >= 0x20 && codePoint <= 0x7e) ||
    (codePoint >= 0xa0 && codePoint <= 0xff) ||
    winAnsiExtras.has(codePoint)
  )
}

/** Letters and signs that do not decompose into a base letter and an accent, with a stand-in. */
const standIns: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  Ŀ: 'L',
  ŀ: 'l',
  Ŧ: 'T',
  ŧ: 't',
  ĸ: 'k',
  Ŋ: 'N',
  ŋ: 'n',
  ẞ: 'SS',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2015': '—',
  '\u2212': '-',
  '\u2032': "'",
  '\u2033': '"',
  '\u2044': '/',
  '\u2190': '<-',
  '\u2192': '->',
  '\u2264': '<=',
  '\u2265': '>=',
}

/** Spaces of every width (Intl puts U+202F in some dates and times) become a plain space. */
const spaces = /[\t\n\v\f\r\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u
/** Marks with no ink of their own: joiners, variation selectors, skin tones, the byte order mark. */
const invisibleRanges: readonly [number, number][] = [
  [0xad, 0xad],
  [0x34f, 0x34f],
  [0x61c, 0x61c],
  [0x180e, 0x180e],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x2064],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0x1f3fb, 0x1f3ff],
  [0xe0000, 0xe007f],
]
const isInvisible = (codePoint: number) =>
  invisibleRanges.some(([from, to]) => codePoint >= from && codePoint <= to)

/**
 * `text` with only characters that Helvetica can draw. Each code point outside WinAnsi becomes its
 * stand-in, its base letter without the accent, or '?'; control characters become spaces.
 */
export function winAnsiSafe(text: string): string {
  let out = ''
  for (const char of text.normalize('NFC')) {
    const codePoint = char.codePointAt(0)!
    if (isWinAnsi(codePoint) && codePoint !== 0xad) out += char
    else if (spaces.test(char) || codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0))
      out += ' '
    else if (isInvisible(codePoint)) continue
    else if (Object.hasOwn(standIns, char)) out += standIns[char]
    else out += baseLetter(char) ?? '?'
  }
  return out
}

/** "ő" → "o", "ș" → "s": the character without its accents, when what is left is WinAnsi. */
function baseLetter(char: string): string | null {
  const base = char.normalize('NFKD').replace(/\p{M}/gu, '')
  if (base === '' || base === char) return null
  return Array.from(base).every((c) => isWinAnsi(c.codePointAt(0)!)) ? base : null
}

/**
 * Breaks `text` into lines no wider than `maxWidth` (measured by `width`), at spaces; a word wider
 * than a line is split between characters. Always at least one line, possibly empty.
 */
export function wrapText(text: string, width: (s: string) => number, maxWidth: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ').filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word
    if (width(candidate) <= maxWidth) {
      line = candidate
      continue
    }
    if (line) lines.push(line)
    line = ''
    let rest = word
    while (width(rest) > maxWidth) {
      const chars = Array.from(rest)
      let fit = 1
      while (fit < chars.length && width(chars.slice(0, fit + 1).join('')) <= maxWidth) fit++
      lines.push(chars.slice(0, fit).join(''))
      rest = chars.slice(fit).join('')
    }
    line = rest
  }
  lines.push(line)
  return lines
}
