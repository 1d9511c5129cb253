/*
 * The bookmarks (document outline, PDF 32000-1 §12.3.3) of the agenda pack. pdf-lib has no API for
 * them, so the dictionaries are written by hand: an outline root, and per entry a dictionary with its
 * title, parent, previous and next sibling, first and last child, a destination and Count. Every entry
 * is open, so Count is the number of entries below it at any depth (the root's: all entries).
 */
import { PDFDict, PDFHexString, PDFName, type PDFDocument, type PDFRef } from 'pdf-lib'

export type OutlineEntry = {
  title: string
  /** The page the entry opens. */
  page: PDFRef
  /** A height on that page to scroll to (PDF units from the bottom); the whole page when absent. */
  top?: number
  children?: OutlineEntry[]
}

/** Writes `entries` as the document's outline and opens it beside the pages. Nothing for no entries. */
export function addOutline(doc: PDFDocument, entries: readonly OutlineEntry[]): void {
  if (entries.length === 0) return
  const { context } = doc
  const rootRef = context.nextRef()
  const written = writeEntries(doc, entries, rootRef)
  const root = context.obj({ Type: 'Outlines', Count: written.count })
  root.set(PDFName.of('First'), written.first)
  root.set(PDFName.of('Last'), written.last)
  context.assign(rootRef, root)
  doc.catalog.set(PDFName.of('Outlines'), rootRef)
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'))
}

/** Writes siblings under `parent`; returns the first and last and how many entries lie below parent. */
function writeEntries(
  doc: PDFDocument,
  entries: readonly OutlineEntry[],
  parent: PDFRef,
): { first: PDFRef; last: PDFRef; count: number } {
  const { context } = doc
  const refs = entries.map(() => context.nextRef())
  let count = entries.length
  entries.forEach((entry, index) => {
    const dict = PDFDict.withContext(context)
    const set = (key: string, value: Parameters<PDFDict['set']>[1]) =>
      dict.set(PDFName.of(key), value)
    set('Title', PDFHexString.fromText(entry.title))
    set('Parent', parent)
    if (index > 0) set('Prev', refs[index - 1]!)
    if (index < refs.length - 1) set('Next', refs[index + 1]!)
    set(
      'Dest',
      entry.top === undefined
        ? context.obj([entry.page, 'Fit'])
        : context.obj([entry.page, 'XYZ', null, Math.round(entry.top), null]),
    )
    if (entry.children?.length) {
      const below = writeEntries(doc, entry.children, refs[index]!)
      set('First', below.first)
      set('Last', below.last)
      set('Count', context.obj(below.count))
      count += below.count
    }
    context.assign(refs[index]!, dict)
  })
  return { first: refs[0]!, last: refs.at(-1)!, count }
}
