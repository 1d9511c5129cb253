/*
 * The page number at the foot of every page of the agenda pack, the documents' own pages included.
 * It sits in the bottom right corner, close to the edge, where a document's own page numbers and
 * text rarely are. A document page may be turned (/Rotate) or have its visible area anywhere (its
 * crop box): the number is placed and turned so that it reads upright in the corner as shown.
 */
import {
  PDFContentStream,
  degrees,
  drawText,
  rgb,
  type PDFDocument,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib'
import { winAnsiSafe } from './agenda-pack-text.server'

const SIZE = 8
const FROM_RIGHT = 28
const FROM_BOTTOM = 16

/** Writes `label(n, total)` on every page. */
export function numberPages(
  doc: PDFDocument,
  font: PDFFont,
  label: (page: number, total: number) => string,
): void {
  const pages = doc.getPages()
  pages.forEach((page, index) => {
    const text = winAnsiSafe(label(index + 1, pages.length))
    const width = font.widthOfTextAtSize(text, SIZE)
    const shown = shownSize(page)
    const at = toPageSpace(page, shown.width - FROM_RIGHT - width, FROM_BOTTOM)
    // Written as a stream of its own, uncompressed: a few dozen bytes gain nothing from deflate, and
    // each deflate call takes some 300 kB of buffers, which for hundreds of pages adds up.
    const operators = drawText(font.encodeText(text), {
      x: at.x,
      y: at.y,
      size: SIZE,
      font: page.node.newFontDictionary(font.name, font.ref),
      color: rgb(0.36, 0.36, 0.4),
      rotate: degrees(rotationOf(page)),
      xSkew: degrees(0),
      ySkew: degrees(0),
    })
    const stream = PDFContentStream.of(doc.context.obj({}), operators, false)
    page.node.addContentStream(doc.context.register(stream))
  })
}

/** The page's turn as shown: 0, 90, 180 or 270 degrees clockwise. */
function rotationOf(page: PDFPage): 0 | 90 | 180 | 270 {
  const angle = (((Math.round(page.getRotation().angle / 90) * 90) % 360) + 360) % 360
  return angle as 0 | 90 | 180 | 270
}

function shownSize(page: PDFPage) {
  const box = page.getCropBox()
  const turned = rotationOf(page) % 180 !== 0
  return { width: turned ? box.height : box.width, height: turned ? box.width : box.height }
}

/**
 * A point given from the bottom left corner of the page as shown, in the page's own coordinates.
 * Turning the page clockwise by 90° shows its right edge at the bottom, and so on.
 */
function toPageSpace(page: PDFPage, x: number, y: number): { x: number; y: number } {
  const box = page.getCropBox()
  switch (rotationOf(page)) {
    case 90:
      return { x: box.x + box.width - y, y: box.y + x }
    case 180:
      return { x: box.x + box.width - x, y: box.y + box.height - y }
    case 270:
      return { x: box.x + y, y: box.y + box.height - x }
    default:
      return { x: box.x + x, y: box.y + y }
  }
}
