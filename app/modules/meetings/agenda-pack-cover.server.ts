/*
 * The cover of the agenda pack: the meeting's facts and the agenda with its timetable and the
 * documents per item. Laid out in two steps: layoutCover turns the texts into lines on as many A4
 * pages as they need (text wrapped, an item kept on one page when it fits), drawCover draws them. The
 * layout comes first so the pack knows how many cover pages there are before it numbers the pages
 * of the documents that follow.
 */
import { PDFHexString, PageSizes, rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib'
import { winAnsiSafe, wrapText } from './agenda-pack-text.server'

export type CoverFonts = { regular: PDFFont; bold: PDFFont }

export type CoverDocument = {
  title: string
  /** Where to find it: "PDF, page 7", or why it is not in the pack. */
  note: string
}

export type CoverItem = {
  /** Names the item's place on the cover (for its bookmark). */
  anchor: string
  number: string
  depth: 0 | 1
  /** "14:00–14:15" */
  time: string
  title: string
  /** Kind and presenter: "For decision · Knokke-Heist". */
  details: string
  /** "15 min" */
  duration: string
  documents: CoverDocument[]
}

export type CoverModel = {
  /** Small line above the title: "Agenda pack · GOS". */
  kicker: string
  title: string
  network: string
  /** Draft or cancelled, said plainly; empty otherwise. */
  notice: string
  facts: { label: string; value: string; link?: string }[]
  description: string
  meetingDocuments: { heading: string; documents: CoverDocument[] }
  agenda: {
    heading: string
    columns: { number: string; time: string; subject: string; duration: string }
    items: CoverItem[]
    empty: string
  }
  /** Header of the second and later cover pages. */
  continued: string
}

type Run = {
  text: string
  x: number
  bold?: boolean
  size: number
  muted?: boolean
  /** x is the right edge of the text. */
  alignRight?: boolean
  link?: string
}
type Line = { height: number; runs: Run[]; rule?: boolean }
type Block = { lines: Line[]; gapBefore: number; keep: boolean; anchor?: string }
type PlacedLine = Line & { top: number }

export type CoverLayout = {
  pages: PlacedLine[][]
  /** Where each item is on the cover: page index and the height of its first line. */
  anchors: Map<string, { page: number; top: number }>
  continued: string
}

const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A4
const LEFT = 56
const RIGHT = PAGE_WIDTH - 56
const TOP = PAGE_HEIGHT - 60
/** Above the page number at the foot of every page. */
const BOTTOM = 56
const CONTINUED_HEIGHT = 28
const LABEL_WIDTH = 114
const NUMBER_X = LEFT
const TIME_X = LEFT + 40
const SUBJECT_X = LEFT + 114
const DURATION_WIDTH = 48
const SUBJECT_WIDTH = RIGHT - DURATION_WIDTH - 8 - SUBJECT_X
const SUB_ITEM_INDENT = 12
const BULLET_INDENT = 10

const TEXT = rgb(0.1, 0.1, 0.12)
const MUTED = rgb(0.36, 0.36, 0.4)

export function layoutCover(model: CoverModel, fonts: CoverFonts): CoverLayout {
  const width = (text: string, bold: boolean | undefined, size: number) =>
    (bold ? fonts.bold : fonts.regular).widthOfTextAtSize(text, size)
  /** Wrapped text as lines of one run each. */
  const paragraph = (
    text: string,
    x: number,
    maxWidth: number,
    style: { size: number; bold?: boolean; muted?: boolean; link?: string },
  ): Line[] =>
    winAnsiSafe(text)
      .split('\n')
      .flatMap((part) => wrapText(part, (s) => width(s, style.bold, style.size), maxWidth))
      .map((text) => ({ height: style.size * 1.35, runs: [{ text, x, ...style }] }))

  const blocks: Block[] = []
  const add = (lines: Line[], gapBefore = 0, extra: Partial<Block> = {}) =>
    blocks.push({ lines, gapBefore, keep: true, ...extra })

  add(paragraph(model.kicker, LEFT, RIGHT - LEFT, { size: 9, muted: true }))
  add(paragraph(model.title, LEFT, RIGHT - LEFT, { size: 18, bold: true }), 4)
  add(paragraph(model.network, LEFT, RIGHT - LEFT, { size: 12 }), 2)
  if (model.notice) add(paragraph(model.notice, LEFT, RIGHT - LEFT, { size: 11, bold: true }), 8)

  model.facts.forEach((fact, index) => {
    const label = paragraph(fact.label, LEFT, LABEL_WIDTH - 8, { size: 10, bold: true })
    const value = paragraph(fact.value, LEFT + LABEL_WIDTH, RIGHT - LEFT - LABEL_WIDTH, {
      size: 10,
      link: fact.link,
    })
    add(sideBySide(label, value), index === 0 ? 16 : 3)
  })

  const description = model.description.trim()
  if (description) {
    description.split(/\n\s*\n/).forEach((part, index) => {
      const lines = paragraph(part.trim(), LEFT, RIGHT - LEFT, { size: 10 })
      add(lines, index === 0 ? 14 : 6, { keep: false })
    })
  }

  const documentLines = (documents: CoverDocument[], x: number, maxWidth: number): Line[] =>
    documents.flatMap((document) => {
      const title = paragraph(document.title, x + BULLET_INDENT, maxWidth - BULLET_INDENT, {
        size: 10,
      })
      title[0]!.runs.unshift({ text: '•', x, size: 10 })
      const note = paragraph(document.note, x + BULLET_INDENT, maxWidth - BULLET_INDENT, {
        size: 9,
        muted: true,
      })
      return [...title, ...note]
    })

  if (model.meetingDocuments.documents.length > 0) {
    add(paragraph(model.meetingDocuments.heading, LEFT, RIGHT - LEFT, { size: 13, bold: true }), 18)
    for (const lines of model.meetingDocuments.documents.map((d) =>
      documentLines([d], LEFT, RIGHT - LEFT),
    ))
      add(lines, 4)
  }

  const { agenda } = model
  add(paragraph(agenda.heading, LEFT, RIGHT - LEFT, { size: 13, bold: true }), 18)
  if (agenda.items.length === 0) add(paragraph(agenda.empty, LEFT, RIGHT - LEFT, { size: 10 }), 4)
  else {
    const header: Line = {
      height: 15,
      rule: true,
      runs: [
        { text: winAnsiSafe(agenda.columns.number), x: NUMBER_X, size: 9, bold: true },
        { text: winAnsiSafe(agenda.columns.time), x: TIME_X, size: 9, bold: true },
        { text: winAnsiSafe(agenda.columns.subject), x: SUBJECT_X, size: 9, bold: true },
        { text: winAnsiSafe(agenda.columns.duration), x: RIGHT, size: 9, bold: true },
      ].map((run, index) => ({ ...run, muted: true, alignRight: index === 3 })),
    }
    add([header], 6)
    agenda.items.forEach((item) => add(itemLines(item), 6, { anchor: item.anchor }))
  }

  function itemLines(item: CoverItem): Line[] {
    const indent = item.depth === 1 ? SUB_ITEM_INDENT : 0
    const x = SUBJECT_X + indent
    const maxWidth = SUBJECT_WIDTH - indent
    const title = paragraph(item.title, x, maxWidth, { size: 10.5, bold: true })
    // In reading order, so that copied or read-aloud text comes out as the row reads.
    title[0]!.runs = [
      { text: winAnsiSafe(item.number), x: NUMBER_X + indent / 2, size: 10.5, bold: true },
      { text: winAnsiSafe(item.time), x: TIME_X, size: 10 },
      ...title[0]!.runs,
      { text: winAnsiSafe(item.duration), x: RIGHT, size: 10, alignRight: true },
    ]
    const details = item.details
      ? paragraph(item.details, x, maxWidth, { size: 9, muted: true })
      : []
    return [...title, ...details, ...documentLines(item.documents, x, maxWidth)]
  }

  return { ...paginate(blocks), continued: model.continued }
}

/** Label lines beside value lines, row by row. */
function sideBySide(left: Line[], right: Line[]): Line[] {
  return Array.from({ length: Math.max(left.length, right.length) }, (_, i) => ({
    height: Math.max(left[i]?.height ?? 0, right[i]?.height ?? 0),
    runs: [...(left[i]?.runs ?? []), ...(right[i]?.runs ?? [])],
  }))
}

function paginate(blocks: Block[]): Omit<CoverLayout, 'continued'> {
  const pages: PlacedLine[][] = [[]]
  const anchors = new Map<string, { page: number; top: number }>()
  let y = TOP
  const pageTop = () => (pages.length === 1 ? TOP : TOP - CONTINUED_HEIGHT)
  const newPage = () => {
    pages.push([])
    y = pageTop()
  }
  for (const block of blocks) {
    const height = block.lines.reduce((sum, line) => sum + line.height, 0)
    const atTop = y === pageTop()
    const fitsOnOnePage = height <= TOP - CONTINUED_HEIGHT - BOTTOM
    if (!atTop && block.keep && fitsOnOnePage && y - block.gapBefore - height < BOTTOM) newPage()
    else if (!atTop) y -= block.gapBefore
    block.lines.forEach((line, index) => {
      if (y - line.height < BOTTOM && y !== pageTop()) newPage()
      if (index === 0 && block.anchor) anchors.set(block.anchor, { page: pages.length - 1, top: y })
      pages.at(-1)!.push({ ...line, top: y })
      y -= line.height
    })
  }
  return { pages, anchors }
}

/** Draws the laid-out cover on `pages` (as many as layout.pages, in order). */
export function drawCover(
  doc: PDFDocument,
  layout: CoverLayout,
  pages: PDFPage[],
  fonts: CoverFonts,
): void {
  layout.pages.forEach((lines, index) => {
    const page = pages[index]!
    if (index > 0) {
      page.drawText(winAnsiSafe(layout.continued), {
        x: LEFT,
        y: TOP - 9,
        size: 9,
        font: fonts.regular,
        color: MUTED,
      })
    }
    for (const line of lines) {
      for (const run of line.runs) {
        const font = run.bold ? fonts.bold : fonts.regular
        const width = font.widthOfTextAtSize(run.text, run.size)
        const x = run.alignRight ? run.x - width : run.x
        const y = line.top - run.size * 1.05
        page.drawText(run.text, { x, y, size: run.size, font, color: run.muted ? MUTED : TEXT })
        if (run.link) addLink(doc, page, run.link, [x, y - 2, x + width, y + run.size])
      }
      if (line.rule) {
        const y = line.top - line.height + 1
        page.drawLine({
          start: { x: LEFT, y },
          end: { x: RIGHT, y },
          thickness: 0.5,
          color: MUTED,
        })
      }
    }
  })
}

/** A clickable area over a web address (only http and https; anything else stays plain text). */
function addLink(doc: PDFDocument, page: PDFPage, target: string, rect: number[]): void {
  let href: string
  try {
    const url = new URL(target)
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return
    href = url.href
  } catch {
    return
  }
  const annotation = doc.context.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: rect,
    Border: [0, 0, 0],
    A: { Type: 'Action', S: 'URI', URI: PDFHexString.of(Buffer.from(href).toString('hex')) },
  })
  page.node.addAnnot(doc.context.register(annotation))
}

export const coverPageSize: [number, number] = [PAGE_WIDTH, PAGE_HEIGHT]
