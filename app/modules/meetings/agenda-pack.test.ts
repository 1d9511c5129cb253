import path from 'node:path'
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  type PDFNumber,
  type PDFRef,
  PDFString,
  PDFHexString,
  StandardFonts,
  degrees,
} from 'pdf-lib'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { describe, expect, it } from 'vitest'
import { numberPages } from './agenda-pack-footer.server'
import { addOutline, type OutlineEntry } from './agenda-pack-outline.server'
import { isWinAnsi, winAnsiSafe, wrapText } from './agenda-pack-text.server'

const standardFontDataUrl = `${path.resolve('node_modules/pdfjs-dist/standard_fonts')}/`
type Bookmark = { title: string; dest: unknown; items: Bookmark[] }
const readPdf = (bytes: Uint8Array) =>
  getDocument({ data: bytes.slice(), standardFontDataUrl, verbosity: 0 }).promise

describe('winAnsiSafe', () => {
  it('keeps Dutch, French and German text as it is', () => {
    const text =
      'Coöperatie financiële één IJzendijke ijs ç é è ê ë ï î ô û ù ö ü ä ß ÿ à ' +
      'Œuvre «guillemets» „Anführung“ ‘enkel’ “dubbel” – — … € 1.234,56 • ½ © ®'
    expect(winAnsiSafe(text)).toBe(text)
  })

  it('gives letters outside WinAnsi their base letter', () => {
    expect(winAnsiSafe('Łódź, Gdańsk, Kraków')).toBe('Lódz, Gdansk, Kraków')
    expect(winAnsiSafe('Şişli, Čapek, Dvořák, Ørsted, Đorđe, Istanbul’da ı')).toBe(
      'Sisli, Capek, Dvorák, Ørsted, Dorde, Istanbul’da i',
    )
    expect(winAnsiSafe('ĳs ﬁets')).toBe('ijs fiets')
    // A letter and a separate accent become the one letter with the accent.
    expect(winAnsiSafe('cafe\u0301 e\u0308')).toBe('café ë')
  })

  it('replaces what has no Latin letter with a question mark, one per character', () => {
    expect(winAnsiSafe('Fietsdag 🚲 in 合作')).toBe('Fietsdag ? in ??')
    // Joiners, skin tones and variation selectors have no mark of their own.
    expect(winAnsiSafe('👨‍👩‍👧 👍🏽 ❤️')).toBe('??? ? ?')
    expect(winAnsiSafe('Привет')).toBe('??????')
  })

  it('turns control characters and every kind of space into a plain space', () => {
    expect(winAnsiSafe('a\tb\nc\r\nd\u0000e')).toBe('a b c  d e')
    expect(winAnsiSafe('14:00\u202f–\u2009uur\u2003x')).toBe('14:00 – uur x')
    expect(winAnsiSafe('soft\u00adhyphen zero\u200bwidth\ufeff')).toBe('softhyphen zerowidth')
    expect(winAnsiSafe('a\u2011b \u2212 5 \u2192 c')).toBe('a-b - 5 -> c')
  })

  it('returns only text that Helvetica can draw, whatever comes in', async () => {
    const doc = await PDFDocument.create()
    const font = await doc.embedFont(StandardFonts.Helvetica)
    const everything = Array.from({ length: 0x3000 }, (_, i) => String.fromCodePoint(i)).join('')
    const astral = '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🇳🇱🇧🇪 😀 𠀀 \u{e0067}'
    const safe = winAnsiSafe(everything + astral + '\ud800 lone surrogate')
    expect(() => font.encodeText(safe)).not.toThrow()
    expect(font.widthOfTextAtSize(safe, 10)).toBeGreaterThan(0)
  })

  it('agrees with pdf-lib on what WinAnsi holds', async () => {
    const doc = await PDFDocument.create()
    const font = await doc.embedFont(StandardFonts.Helvetica)
    const printable = font.getCharacterSet().filter((c) => c >= 0x20)
    for (let c = 0; c < 0x3000; c++)
      expect(isWinAnsi(c), c.toString(16)).toBe(printable.includes(c))
  })
})

describe('wrapText', () => {
  const width = (s: string) => s.length

  it('breaks at spaces and keeps every word in order', () => {
    const lines = wrapText('de stuurgroep stemt in met het werkplan', width, 15)
    expect(lines).toEqual(['de stuurgroep', 'stemt in met', 'het werkplan'])
    expect(lines.every((l) => l.length <= 15)).toBe(true)
  })

  it('splits a word longer than a line between characters', () => {
    expect(wrapText('een grensoverschrijdendsamenwerkingsverband hier', width, 10)).toEqual([
      'een',
      'grensovers',
      'chrijdends',
      'amenwerkin',
      'gsverband',
      'hier',
    ])
  })

  it('gives one empty line for empty text', () => {
    expect(wrapText('', width, 10)).toEqual([''])
    expect(wrapText('   ', width, 10)).toEqual([''])
  })
})

describe('addOutline', () => {
  async function withOutline(entries: (pages: PDFRef[]) => OutlineEntry[]) {
    const doc = await PDFDocument.create()
    for (let i = 0; i < 4; i++) doc.addPage()
    addOutline(doc, entries(doc.getPages().map((p) => p.ref)))
    return doc.save()
  }

  const tree = (pages: PDFRef[]): OutlineEntry[] => [
    { title: 'Agenda', page: pages[0]!, top: 800 },
    {
      title: '1. Opening',
      page: pages[1]!,
      children: [
        { title: 'Uitnodiging', page: pages[1]! },
        {
          title: '1a. Fietsdag 🚲 in Łódź',
          page: pages[0]!,
          top: 500,
          children: [{ title: 'Notitie', page: pages[2]! }],
        },
      ],
    },
    { title: '2. Rondvraag', page: pages[3]! },
  ]

  it('writes the dictionaries so that every link agrees with the others', async () => {
    const doc = await PDFDocument.load(await withOutline(tree))
    const { context } = doc
    const get = (dict: PDFDict, key: string) => dict.get(PDFName.of(key))
    const lookupDict = (ref: unknown) => context.lookup(ref as PDFRef, PDFDict)
    const rootRef = get(doc.catalog, 'Outlines') as PDFRef
    expect(get(doc.catalog, 'PageMode')).toBe(PDFName.of('UseOutlines'))
    const pageRefs = doc.getPages().map((p) => p.ref)

    // Walks the siblings below `parentRef`, checks every link, and returns how many entries lie below.
    function check(parentRef: PDFRef): number {
      const parent = lookupDict(parentRef)
      const first = get(parent, 'First') as PDFRef
      const last = get(parent, 'Last') as PDFRef
      let count = 0
      let previous: PDFRef | undefined
      let current: PDFRef | undefined = first
      while (current) {
        const entry = lookupDict(current)
        expect(get(entry, 'Parent')).toBe(parentRef)
        expect(get(entry, 'Prev')).toBe(previous)
        const title = get(entry, 'Title')
        expect(title instanceof PDFHexString || title instanceof PDFString).toBe(true)
        const dest = context.lookup(get(entry, 'Dest'), PDFArray)
        expect(pageRefs).toContain(dest.get(0))
        count += 1
        if (get(entry, 'First')) {
          const below = check(current)
          expect((get(entry, 'Count') as PDFNumber).asNumber()).toBe(below)
          count += below
        } else {
          expect(get(entry, 'Count')).toBeUndefined()
          expect(get(entry, 'Last')).toBeUndefined()
        }
        previous = current
        current = get(entry, 'Next') as PDFRef | undefined
      }
      expect(previous).toBe(last)
      return count
    }
    const total = check(rootRef)
    expect(total).toBe(6)
    const root = lookupDict(rootRef)
    expect((get(root, 'Count') as PDFNumber).asNumber()).toBe(6)
    expect(get(root, 'Type')).toBe(PDFName.of('Outlines'))
  })

  it('reads back in pdf.js with its titles (in full Unicode) and destinations', async () => {
    const pdf = await readPdf(await withOutline(tree))
    const outline = (await pdf.getOutline()) as Bookmark[]
    const pageOf = async (dest: unknown) =>
      pdf.getPageIndex((dest as [{ num: number; gen: number }])[0])
    expect(outline.map((o) => o.title)).toEqual(['Agenda', '1. Opening', '2. Rondvraag'])
    expect(await Promise.all(outline.map((o) => pageOf(o.dest)))).toEqual([0, 1, 3])
    const opening = outline[1]!
    expect(opening.items.map((o) => o.title)).toEqual(['Uitnodiging', '1a. Fietsdag 🚲 in Łódź'])
    const sub = opening.items[1]!
    expect(await pageOf(sub.dest)).toBe(0)
    expect((sub.dest as unknown[]).slice(1)).toEqual([{ name: 'XYZ' }, null, 500, null])
    expect(sub.items.map((o) => o.title)).toEqual(['Notitie'])
    expect(await pageOf(sub.items[0]!.dest)).toBe(2)
  })

  it('writes nothing for no entries', async () => {
    const doc = await PDFDocument.load(await withOutline(() => []))
    expect(doc.catalog.get(PDFName.of('Outlines'))).toBeUndefined()
  })
})

describe('numberPages', () => {
  it('puts the number upright in the bottom right corner of every page as shown', async () => {
    const doc = await PDFDocument.create()
    doc.addPage([595, 842])
    for (const angle of [90, 180, 270]) doc.addPage([595, 842]).setRotation(degrees(angle))
    doc.addPage([842, 595]).setCropBox(100, 50, 600, 400)
    const font = await doc.embedFont(StandardFonts.Helvetica)
    numberPages(doc, font, (page, total) => `Pagina ${page} van ${total}`)
    const pdf = await readPdf(await doc.save())
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n)
      const viewport = page.getViewport({ scale: 1 })
      const items = (await page.getTextContent()).items as { str: string; transform: number[] }[]
      const label = items.find((i) => i.str === `Pagina ${n} van 5`)
      expect(label, `page ${n}`).toBeDefined()
      const [x, y] = viewport.convertToViewportPoint(label!.transform[4]!, label!.transform[5]!)
      // Viewport points run from the top left corner of the page as shown.
      expect(x, `page ${n}`).toBeGreaterThan(viewport.width / 2)
      expect(x, `page ${n}`).toBeLessThan(viewport.width)
      expect(y, `page ${n}`).toBeGreaterThan(viewport.height - 30)
      expect(y, `page ${n}`).toBeLessThan(viewport.height)
    }
  })
})
