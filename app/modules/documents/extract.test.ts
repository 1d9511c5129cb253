import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { strToU8, zipSync, type Zippable } from 'fflate'
import { fileTypeFromBuffer } from 'file-type'
import { afterAll, describe, expect, it } from 'vitest'
import {
  docxWithText,
  odsWithCells,
  odtWithText,
  pdfWithText,
  pptxWithSlides,
  tinyJpeg,
  tinyPng,
  xlsxWithStrings,
  zipBomb,
} from '../../../tests/fixtures/documents'
import { extractText, MAX_EXTRACTED_CHARS } from './extract.server'

const PDF = 'application/pdf'
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation'
const ODT = 'application/vnd.oasis.opendocument.text'
const ODS = 'application/vnd.oasis.opendocument.spreadsheet'
const MiB = 1024 * 1024

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwin-extract-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

let fileCount = 0
function write(bytes: Uint8Array | string): string {
  const filePath = path.join(dir, `file-${++fileCount}`)
  fs.writeFileSync(filePath, bytes)
  return filePath
}

function extract(bytes: Uint8Array | string, mediaType: string) {
  return extractText(write(bytes), mediaType)
}

/** A ZIP of hand-written parts, for XML the fixtures do not write (split runs, entities, breaks). */
function zipOf(files: Record<string, string>): Uint8Array {
  const zippable: Zippable = {}
  for (const [name, text] of Object.entries(files)) zippable[name] = strToU8(text)
  return zipSync(zippable)
}

const dutch = ['De financiële coöperatie', 'in België']
const dutchText = 'De financiële coöperatie in België'

describe('fixtures', () => {
  it('are recognised by file-type as what they claim to be', async () => {
    const cases: Array<[Uint8Array, string]> = [
      [await pdfWithText(dutch), 'pdf'],
      [docxWithText(dutch), 'docx'],
      [xlsxWithStrings(dutch), 'xlsx'],
      [pptxWithSlides(dutch), 'pptx'],
      [odtWithText(dutch), 'odt'],
      [odsWithCells([dutch]), 'ods'],
      [tinyPng, 'png'],
      [tinyJpeg, 'jpg'],
      [zipBomb({ format: 'docx', entries: 2 }), 'docx'],
      [zipBomb({ format: 'odt', entries: 2 }), 'odt'],
    ]
    for (const [bytes, ext] of cases) expect((await fileTypeFromBuffer(bytes))?.ext).toBe(ext)
  })
})

describe('extractText', () => {
  it('reads the text layer of a PDF, over all its pages', async () => {
    expect(await extract(await pdfWithText(dutch), PDF)).toEqual({
      status: 'done',
      text: dutchText,
    })
    const pages = await pdfWithText(['een', 'twee', 'drie'], { pages: 3 })
    expect(await extract(pages, PDF)).toEqual({ status: 'done', text: 'een twee drie' })
  })

  it('finds nothing in a PDF without text', async () => {
    expect(await extract(await pdfWithText([]), PDF)).toEqual({ status: 'empty', text: '' })
  })

  it('reports a corrupt PDF as failed instead of throwing', async () => {
    // Noise that is the same on every run, after a PDF header.
    const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251))
    const corrupt = Buffer.concat([Buffer.from('%PDF-1.7\n'), noise])
    const result = await extract(corrupt, PDF)
    expect(result).toMatchObject({ status: 'failed', text: '' })
    expect(result.status === 'failed' && result.reason).toMatch(/PDF/)
  })

  it('reads a DOCX, a paragraph apart from the next', async () => {
    expect(await extract(docxWithText(dutch), DOCX)).toEqual({ status: 'done', text: dutchText })
  })

  it('reports a truncated DOCX as failed', async () => {
    const docx = docxWithText(dutch)
    const result = await extract(docx.subarray(0, Math.floor(docx.length / 2)), DOCX)
    expect(result).toMatchObject({ status: 'failed', text: '', reason: expect.any(String) })
  })

  it('reads the shared and the inline strings of an XLSX', async () => {
    const xlsx = xlsxWithStrings(['Begroting', 'De financiële coöperatie'], {
      inlineStrings: ['in België'],
    })
    expect(await extract(xlsx, XLSX)).toEqual({
      status: 'done',
      text: 'Begroting De financiële coöperatie in België',
    })
  })

  it('joins the runs of one XLSX string and leaves its phonetic guide out', async () => {
    const xlsx = zipOf({
      'xl/sharedStrings.xml':
        '<sst><si><r><t>finan</t></r><r><t xml:space="preserve">ciële </t></r>' +
        '<rPh sb="0" eb="1"><t>FONETISCH</t></rPh></si><si><t>Belgi&#235;</t></si></sst>',
    })
    expect(await extract(xlsx, XLSX)).toEqual({ status: 'done', text: 'financiële België' })
  })

  it('reads PPTX slides in their numeric order (slide2 before slide10)', async () => {
    const slides = Array.from({ length: 11 }, (_, i) => `dia${i + 1}`)
    slides[0] = 'De financiële\ncoöperatie'
    slides[1] = 'in België'
    expect(await extract(pptxWithSlides(slides), PPTX)).toEqual({
      status: 'done',
      text: `${dutchText} ${slides.slice(2).join(' ')}`,
    })
  })

  it('joins the runs of a PPTX paragraph and separates at paragraphs and line breaks', async () => {
    const pptx = zipOf({
      'ppt/slides/slide1.xml':
        '<p:sld><a:p><a:r><a:t>finan</a:t></a:r><a:r><a:t>ciële</a:t></a:r><a:br/>' +
        '<a:r><a:t>co&#xF6;peratie</a:t></a:r></a:p><a:p><a:r><a:t>R&amp;D</a:t></a:r></a:p></p:sld>',
    })
    expect(await extract(pptx, PPTX)).toEqual({ status: 'done', text: 'financiële coöperatie R&D' })
  })

  it('reads an ODT and decodes the XML entities', async () => {
    const odt = odtWithText([...dutch, `R&D <België> "ja" 'nee'`])
    expect(await extract(odt, ODT)).toEqual({
      status: 'done',
      text: `${dutchText} R&D <België> "ja" 'nee'`,
    })
  })

  it('joins ODF spans, separates at spaces, tabs, breaks and cells, decodes numeric entities', async () => {
    const odt = zipOf({
      mimetype: ODT,
      'content.xml':
        '<office:document-content><office:automatic-styles><style:style style:name="P1"/>' +
        '</office:automatic-styles><office:body><office:text><text:p>De finan<text:span>ciële' +
        '</text:span><text:s/>co&#246;peratie<text:tab/>in<text:line-break/>Belgi&#xEB;</text:p>' +
        '<text:p>&lt;b&gt;</text:p></office:text></office:body></office:document-content>',
    })
    expect(await extract(odt, ODT)).toEqual({ status: 'done', text: `${dutchText} <b>` })
  })

  it('reads the cells of an ODS, a cell apart from the next', async () => {
    const ods = odsWithCells([
      ['Gemeente', 'Rol'],
      ['Sluis', 'financiële coöperatie'],
      ['Knokke-Heist', 'België'],
    ])
    expect(await extract(ods, ODS)).toEqual({
      status: 'done',
      text: 'Gemeente Rol Sluis financiële coöperatie Knokke-Heist België',
    })
  })

  it('reads CSV and plain text as UTF-8 without the BOM', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf])
    const csv = Buffer.concat([
      bom,
      Buffer.from('gemeente;rol\r\nSluis;"financiële coöperatie"\r\n'),
    ])
    expect(await extract(csv, 'text/csv')).toEqual({
      status: 'done',
      text: 'gemeente;rol Sluis;"financiële coöperatie"',
    })
    const txt = Buffer.concat([bom, Buffer.from(`${dutchText}\n`)])
    expect(await extract(txt, 'text/plain')).toEqual({ status: 'done', text: dutchText })
  })

  it('reads markdown as it is written', async () => {
    expect(await extract('# Coöperatie\n\n- *België*\n', 'text/markdown')).toEqual({
      status: 'done',
      text: '# Coöperatie - *België*',
    })
  })

  it('replaces invalid UTF-8 and drops control characters and NUL', async () => {
    const bytes = Buffer.concat([
      Buffer.from('Belgi'),
      Buffer.from([0xff]),
      Buffer.from('\u0000fi\u0007nan\u001bciële\t\tco\u0085öperatie\u000c'),
    ])
    expect(await extract(bytes, 'text/plain')).toEqual({
      status: 'done',
      text: 'Belgi\ufffdfinanciële coöperatie',
    })
  })

  it('reads a text file up to its byte cap, never ending in half a character', async () => {
    // The cap is 4 bytes a character (extract.server.ts); the 'é' across it is left out whole.
    const cap = 4 * MAX_EXTRACTED_CHARS
    const bytes = Buffer.from(`é${' '.repeat(cap - 3)}éVERBORGEN`)
    expect(await extract(bytes, 'text/plain')).toEqual({ status: 'done', text: 'é' })
  })

  it('reads UTF-16 text that starts with its BOM', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(dutchText, 'utf16le')])
    expect(await extract(utf16, 'text/plain')).toEqual({ status: 'done', text: dutchText })
  })

  it('finds nothing in images, unknown types or blank text', async () => {
    expect(await extract(tinyPng, 'image/png')).toEqual({ status: 'empty', text: '' })
    expect(await extract(tinyJpeg, 'image/jpeg')).toEqual({ status: 'empty', text: '' })
    expect(await extract(docxWithText(dutch), 'application/zip')).toEqual({
      status: 'empty',
      text: '',
    })
    expect(await extract(' \n\t\u0000 ', 'text/plain')).toEqual({ status: 'empty', text: '' })
    expect(await extract(docxWithText([]), DOCX)).toEqual({ status: 'empty', text: '' })
  })

  it('reports a missing file as failed', async () => {
    const result = await extractText(path.join(dir, 'missing.pdf'), PDF)
    expect(result).toMatchObject({ status: 'failed', reason: expect.stringContaining('ENOENT') })
  })

  it('caps the text at MAX_EXTRACTED_CHARS, never halfway through a character', async () => {
    const huge = await extract('abcdefghij'.repeat(200_000), 'text/plain')
    expect(huge.status).toBe('done')
    expect(huge.text).toHaveLength(MAX_EXTRACTED_CHARS)
    // 'x' then emoji (two UTF-16 units each): the cap falls inside an emoji, which is dropped whole.
    const emoji = await extract(`x${'😀'.repeat(600_000)}`, 'text/plain')
    expect(emoji.text).toHaveLength(MAX_EXTRACTED_CHARS - 1)
    expect(emoji.text).toMatch(/😀$/)
  })
})

describe('extractText on zip bombs', () => {
  const bombs: Array<[string, Uint8Array, string]> = [
    [
      'a DOCX declaring 300 MiB',
      zipBomb({ format: 'docx', entries: 6, entryBytes: 50 * MiB }),
      DOCX,
    ],
    [
      'a DOCX whose header hides 300 MiB',
      zipBomb({ format: 'docx', entryBytes: 300 * MiB, declaredEntryBytes: 1000 }),
      DOCX,
    ],
    ['an ODT declaring 300 MiB', zipBomb({ format: 'odt', entries: 6, entryBytes: 50 * MiB }), ODT],
  ]

  it.each(bombs)(
    'fails %s quickly, naming the budget, in little memory',
    async (_, bytes, type) => {
      const file = write(bytes)
      const before = process.memoryUsage().rss
      let peak = before
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5)
      const started = Date.now()
      const result = await extractText(file, type).finally(() => clearInterval(timer))
      expect(result).toMatchObject({ status: 'failed', text: '' })
      expect(result.status === 'failed' && result.reason).toMatch(/zip budget exceeded/)
      expect(Date.now() - started).toBeLessThan(3_000)
      expect(Math.max(peak, process.memoryUsage().rss) - before).toBeLessThan(100 * MiB)
    },
  )
})
