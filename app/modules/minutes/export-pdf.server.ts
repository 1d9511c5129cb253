/*
 * The exported minutes or decision list as a PDF: A4, the standard Helvetica fonts (nothing to embed,
 * text through winAnsiSafe as in the agenda pack), text flowing over as many pages as it needs, a page
 * number and the draft label at the foot of every page while the minutes are not approved.
 */
import { PDFDocument, PageSizes, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import { plainTranslator } from '../../i18n/translate'
import { winAnsiSafe, wrapText } from '../meetings/agenda-pack-text.server'
import type { ExportModel } from './export-model.server'

const [WIDTH, HEIGHT] = PageSizes.A4
const LEFT = 56
const RIGHT = WIDTH - 56
const TOP = HEIGHT - 60
const BOTTOM = 60
const TEXT = rgb(0.1, 0.1, 0.12)
const MUTED = rgb(0.36, 0.36, 0.4)
const BULLET_INDENT = 12

type Style = { size: number; bold?: boolean; muted?: boolean; indent?: number }

export async function minutesPdf(model: ExportModel): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
  }
  let page: PDFPage = doc.addPage(PageSizes.A4)
  let y = TOP
  const font = (style: Style): PDFFont => (style.bold ? fonts.bold : fonts.regular)

  /** Writes text, wrapped, starting a new page when the next line does not fit. */
  const write = (text: string, style: Style, bullet = false) => {
    const x = LEFT + (style.indent ?? 0)
    const lineHeight = style.size * 1.4
    const lines = winAnsiSafe(text)
      .split('\n')
      .flatMap((part) =>
        wrapText(part, (s) => font(style).widthOfTextAtSize(s, style.size), RIGHT - x),
      )
    lines.forEach((line, index) => {
      if (y - lineHeight < BOTTOM) {
        page = doc.addPage(PageSizes.A4)
        y = TOP
      }
      y -= lineHeight
      if (bullet && index === 0) {
        page.drawText('•', { x: x - BULLET_INDENT, y, size: style.size, font: fonts.regular })
      }
      page.drawText(line, {
        x,
        y,
        size: style.size,
        font: font(style),
        color: style.muted ? MUTED : TEXT,
      })
    })
  }
  const gap = (points: number) => {
    y -= points
  }

  write(model.title, { size: 11, bold: true, muted: true })
  write(model.meeting, { size: 18, bold: true })
  gap(4)
  for (const fact of model.facts) write(fact, { size: 10.5 })
  if (model.notice) {
    gap(8)
    write(model.notice, { size: 10.5, bold: true })
  }
  for (const section of model.sections) {
    gap(14)
    write(section.heading, { size: 13, bold: true })
    gap(2)
    for (const paragraph of section.paragraphs) {
      if (section.list) write(paragraph, { size: 10.5, indent: BULLET_INDENT }, true)
      else write(paragraph, { size: 10.5 })
      gap(3)
    }
  }

  const t = plainTranslator(model.locale)
  const pages = doc.getPages()
  pages.forEach((p, index) => {
    const label = winAnsiSafe(
      [
        model.draft ? model.title : '',
        t('agendaPack:pageNumber', { page: index + 1, total: pages.length }),
      ]
        .filter(Boolean)
        .join(' · '),
    )
    const width = fonts.regular.widthOfTextAtSize(label, 8)
    p.drawText(label, { x: RIGHT - width, y: 28, size: 8, font: fonts.regular, color: MUTED })
  })
  doc.setTitle(`${model.title}: ${model.meeting}`, { showInWindowTitleBar: true })
  doc.setLanguage(model.locale)
  doc.setProducer('Zwin')
  doc.setCreator('Zwin')
  return doc.save()
}
