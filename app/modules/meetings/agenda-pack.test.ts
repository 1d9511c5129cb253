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
import { QueueFull, taskLimit } from './agenda-pack-limit.server'
import { addOutline, type OutlineEntry } from './agenda-pack-outline.server'
import { isWinAnsi, winAnsiSafe, wrapText } from './agenda-pack-text.server'
import { clockTime, meetingDay, meetingWhen, timeSlot } from './when'

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

describe('taskLimit', () => {
  /** A task that runs until it is let go, counting how many run at the same time. */
  function slowTasks() {
    let running = 0
    let peak = 0
    const started: number[] = []
    const finish = new Map<number, (fail?: boolean) => void>()
    const task = (n: number) => () =>
      new Promise<number>((resolve, reject) => {
        running++
        peak = Math.max(peak, running)
        started.push(n)
        finish.set(n, (fail) => {
          running--
          if (fail) reject(new Error(`task ${n} failed`))
          else resolve(n)
        })
      })
    return { task, started, finish, peak: () => peak }
  }
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

  it('runs at most `max` at once; the others wait and start in the order they came', async () => {
    const limit = taskLimit(2)
    const tasks = slowTasks()
    const results = [1, 2, 3, 4, 5].map((n) => limit.run(tasks.task(n)))
    await tick()
    expect(tasks.started).toEqual([1, 2])
    expect([limit.active, limit.waiting]).toEqual([2, 3])

    tasks.finish.get(2)!()
    await tick()
    expect(tasks.started).toEqual([1, 2, 3])
    expect([limit.active, limit.waiting]).toEqual([2, 2])

    for (const n of [1, 3, 4, 5]) {
      tasks.finish.get(n)!()
      await tick()
    }
    expect(await Promise.all(results)).toEqual([1, 2, 3, 4, 5])
    expect(tasks.peak()).toBe(2)
    expect([limit.active, limit.waiting]).toEqual([0, 0])
  })

  it('frees the place of a task that fails, and passes its error on', async () => {
    const limit = taskLimit(1)
    const tasks = slowTasks()
    const failing = limit.run(tasks.task(1))
    const next = limit.run(tasks.task(2))
    await tick()
    expect(tasks.started).toEqual([1])
    tasks.finish.get(1)!(true)
    await expect(failing).rejects.toThrow('task 1 failed')
    await tick()
    expect(tasks.started).toEqual([1, 2])
    tasks.finish.get(2)!()
    expect(await next).toBe(2)
    expect(tasks.peak()).toBe(1)
    expect([limit.active, limit.waiting]).toEqual([0, 0])
  })

  it('refuses a task at once, without running it, when `maxWaiting` already wait', async () => {
    const limit = taskLimit(1, 2)
    const tasks = slowTasks()
    const accepted = [1, 2, 3].map((n) => limit.run(tasks.task(n)))
    await tick()
    expect([limit.active, limit.waiting]).toEqual([1, 2])
    await expect(limit.run(tasks.task(4))).rejects.toBeInstanceOf(QueueFull)
    expect([limit.active, limit.waiting]).toEqual([1, 2])

    // A place in the waiting room comes free as soon as a task starts.
    tasks.finish.get(1)!()
    await tick()
    const later = limit.run(tasks.task(5))
    for (const n of [2, 3, 5]) {
      await tick()
      tasks.finish.get(n)!()
    }
    expect(await Promise.all([...accepted, later])).toEqual([1, 2, 3, 5])
    expect(tasks.started).toEqual([1, 2, 3, 5])
    expect([limit.active, limit.waiting]).toEqual([0, 0])
  })
})

// The formatting the pack shares with the pages and the mail (meetings/when.ts).
describe('meeting dates and times', () => {
  const start = new Date('2026-10-24T12:00:00Z')
  it('reads a meeting in the meeting time zone, English the British way', () => {
    const end = new Date('2026-10-24T14:30:00Z')
    expect(meetingWhen('nl-NL', start, end)).toBe('zaterdag 24 oktober 2026, 14:00–16:30')
    expect(meetingWhen('nl-BE', start.toISOString(), end.toISOString())).toBe(
      'zaterdag 24 oktober 2026, 14:00–16:30',
    )
    expect(meetingWhen('en', start, end)).toBe('Saturday, 24 October 2026, 14:00–16:30')
    expect(meetingDay('en', { weekday: false })(start)).toBe('24 October 2026')
  })

  it('gives both ends in full over more days, across the October switch', () => {
    // Sunday 25 October 2026, 12:00 UTC is 13:00 winter time.
    const end = new Date('2026-10-25T12:00:00Z')
    expect(meetingWhen('nl-NL', start, end)).toBe(
      'zaterdag 24 oktober 2026, 14:00 – zondag 25 oktober 2026, 13:00',
    )
  })

  it("decides one day or more by the calendar of the meeting's time zone, not of UTC", () => {
    // 23:30–00:30 summer time: one UTC day (21:30Z–22:30Z), two days in Sluis.
    expect(
      meetingWhen('nl-NL', new Date('2026-06-04T21:30:00Z'), new Date('2026-06-04T22:30:00Z')),
    ).toBe('donderdag 4 juni 2026, 23:30 – vrijdag 5 juni 2026, 00:30')
    // 00:30–01:30 summer time: 4 June in UTC (22:30Z–23:30Z), 5 June in Sluis.
    expect(
      meetingWhen('nl-BE', new Date('2026-06-04T22:30:00Z'), new Date('2026-06-04T23:30:00Z')),
    ).toBe('vrijdag 5 juni 2026, 00:30–01:30')
  })

  it('writes clock times 24-hour, and an item of no length as its start only', () => {
    expect(clockTime('en')(new Date('2026-03-26T08:05:00Z'))).toBe('09:05')
    expect(timeSlot('nl-NL', start, new Date('2026-10-24T12:15:00Z'))).toBe('14:00–14:15')
    expect(timeSlot('nl-NL', start, start)).toBe('14:00')
  })
})
