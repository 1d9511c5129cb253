/*
 * The exported minutes or decision list as a Word file (docx): the same model as the PDF, with real
 * headings and bullet lists, so a secretary can go on editing it in Word or LibreOffice.
 */
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
} from 'docx'
import { plainTranslator } from '../../i18n/translate'
import type { ExportModel } from './export-model.server'

/** Text with line breaks as runs with breaks, as Word shows a line break inside a paragraph. */
function runs(text: string, options: { bold?: boolean } = {}): TextRun[] {
  return text
    .split('\n')
    .map((line, index) => new TextRun({ text: line, break: index > 0 ? 1 : 0, ...options }))
}

export async function minutesDocx(model: ExportModel): Promise<Uint8Array> {
  const t = plainTranslator(model.locale)
  const children: Paragraph[] = [
    new Paragraph({ children: runs(model.title, { bold: true }) }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: runs(model.meeting) }),
    ...model.facts.map((fact) => new Paragraph({ children: runs(fact) })),
  ]
  if (model.notice) {
    children.push(
      new Paragraph({ spacing: { before: 200 }, children: runs(model.notice, { bold: true }) }),
    )
  }
  for (const section of model.sections) {
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs(section.heading) }),
    )
    for (const paragraph of section.paragraphs) {
      children.push(
        new Paragraph({
          children: runs(paragraph),
          ...(section.list ? { bullet: { level: 0 } } : {}),
        }),
      )
    }
  }
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [
          ...(model.draft ? [new TextRun(`${model.title} · `)] : []),
          new TextRun({ children: [PageNumber.CURRENT] }),
        ],
      }),
    ],
  })
  const document = new Document({
    title: `${model.title}: ${model.meeting}`,
    creator: 'Zwin',
    description: t('minutes:export.description'),
    // The text's language, so Word checks the spelling and a screen reader pronounces it right.
    styles: {
      default: {
        document: { run: { font: 'Arial', size: 22, language: { value: model.locale } } },
      },
    },
    sections: [{ footers: { default: footer }, children }],
  })
  return new Uint8Array(await Packer.toBuffer(document))
}
