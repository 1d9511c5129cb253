import { describe, expect, it } from 'vitest'
import { contentDisposition } from '../files/download'
import { cleanFileName } from './filename'

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

describe('cleanFileName', () => {
  it.each([
    ['Begroting 2027.pdf', 'Begroting 2027.pdf'],
    ['../../../etc/passwd', 'passwd'],
    ['C:\\Users\\jan\\Documents\\Verslag.docx', 'Verslag.docx'],
    ['map/sub\\mix/Notulen.pdf', 'Notulen.pdf'],
    ['.htaccess', 'htaccess'],
    ['...verborgen.pdf', 'verborgen.pdf'],
    ['  Werkplan   GOS  2027 .pdf  ', 'Werkplan GOS 2027 .pdf'],
    ['factuur\u202Efdp.exe', 'factuurfdp.exe'],
    ['a\u2066b\u2069c\u200Bd\uFEFF.pdf', 'abcd.pdf'],
    ['nul\u0000byte\u0007\u009F.pdf', 'nulbyte.pdf'],
    ['regel\r\nSet-Cookie: x=1.pdf', 'regelSet-Cookie: x=1.pdf'],
    ['CON.pdf', 'CON.pdf'],
    ['Plan 🚌 grens.pdf', 'Plan 🚌 grens.pdf'],
  ])('%j becomes %j', (raw, clean) => {
    expect(cleanFileName(raw)).toBe(clean)
  })

  it('composes accents (NFC), so the same name is always the same text', () => {
    expect(cleanFileName('cafe\u0301.pdf')).toBe('caf\u00e9.pdf')
  })

  it('falls back to a plain name when nothing is left', () => {
    expect(cleanFileName('')).toBe('document')
    expect(cleanFileName('../')).toBe('document')
    expect(cleanFileName('\u202E\u200B')).toBe('document')
    expect(cleanFileName('...', 'pdf')).toBe('document.pdf')
  })

  it('shortens a long name to 180 characters and keeps a short extension', () => {
    const long = cleanFileName(`${'Begroting '.repeat(40)}definitief.pdf`)
    expect(long.length).toBeLessThanOrEqual(180)
    expect(long.endsWith('.pdf')).toBe(true)
    expect(long).not.toMatch(/ \.pdf$/)
    // Something after the last dot that is no extension is just cut.
    const noExtension = cleanFileName(`${'x'.repeat(200)}.ditisgeenextensie`)
    expect(noExtension).toBe('x'.repeat(180))
  })

  it('never cuts a character in half when shortening', () => {
    for (const filler of ['😀', 'a😀', '🇧🇪']) {
      const name = cleanFileName(`${filler.repeat(120)}.pdf`)
      expect(name.length).toBeLessThanOrEqual(180)
      expect(name.endsWith('.pdf')).toBe(true)
      expect(name).not.toMatch(loneSurrogate)
      // The download header encodes the name: half a character would make it throw.
      expect(() => contentDisposition(name)).not.toThrow()
    }
  })
})
