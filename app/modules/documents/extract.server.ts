/**
 * The text of a stored document, for full-text search. Runs in the background job on a file already
 * on disk whose type was checked at upload. It never throws: whatever goes wrong becomes `failed` with
 * a reason, so one bad file cannot stop the job queue.
 */
import fsp from 'node:fs/promises'
import { checkZipBudget, readZipEntries } from './zip-budget.server'

export type ExtractResult =
  | { status: 'done'; text: string }
  | { status: 'empty'; text: '' }
  | { status: 'failed'; text: ''; reason: string }

export const MAX_EXTRACTED_CHARS = 1_000_000

/** Plain text is read up to this many bytes: enough for MAX_EXTRACTED_CHARS of any UTF-8 text. */
const MAX_TEXT_FILE_BYTES = MAX_EXTRACTED_CHARS * 4
const MAX_REASON_CHARS = 500

type Extractor = (filePath: string) => Promise<string>

const extractors: Record<string, Extractor> = {
  'application/pdf': pdfText,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': docxText,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': xlsxText,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': pptxText,
  'application/vnd.oasis.opendocument.text': odfText,
  'application/vnd.oasis.opendocument.spreadsheet': odfText,
  'application/vnd.oasis.opendocument.presentation': odfText,
  'text/plain': plainText,
  'text/csv': plainText,
  'text/markdown': plainText,
}

export async function extractText(filePath: string, mediaType: string): Promise<ExtractResult> {
  // Images (PNG, JPEG) and any type without an extractor hold no text to search.
  const extractor = Object.hasOwn(extractors, mediaType) ? extractors[mediaType] : undefined
  if (!extractor) return { status: 'empty', text: '' }
  try {
    const text = normaliseText(await extractor(filePath))
    return text ? { status: 'done', text } : { status: 'empty', text: '' }
  } catch (error) {
    return { status: 'failed', text: '', reason: reasonOf(error) }
  }
}

/**
 * One line of searchable text: control characters dropped, every run of whitespace one space, at most
 * MAX_EXTRACTED_CHARS (never ending in half a surrogate pair).
 */
function normaliseText(raw: string): string {
  const text = raw
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
  if (text.length <= MAX_EXTRACTED_CHARS) return text
  let capped = text.slice(0, MAX_EXTRACTED_CHARS)
  if (/[\ud800-\udbff]$/.test(capped)) capped = capped.slice(0, -1)
  return capped.trimEnd()
}

function reasonOf(error: unknown): string {
  const reason =
    error instanceof Error
      ? `${error.name}: ${error.message}`
      : `unexpected error: ${String(error)}`
  return reason.slice(0, MAX_REASON_CHARS)
}

// ---- PDF ----

async function pdfText(filePath: string): Promise<string> {
  // Loaded when needed (here and for Word below): the extraction process, which handles one file, then
  // starts without loading the parsers of the other formats.
  const { extractText: extractPdfText, getDocumentProxy } = await import('unpdf')
  const data = new Uint8Array(await fsp.readFile(filePath))
  // verbosity 0: pdf.js would otherwise log warnings about damaged files to the console.
  const pdf = await getDocumentProxy(data, { verbosity: 0 })
  try {
    const { text } = await extractPdfText(pdf, { mergePages: true })
    return text
  } finally {
    await pdf.destroy()
  }
}

// ---- Office Open XML ----

async function docxText(filePath: string): Promise<string> {
  // mammoth inflates whole entries into memory, so the archive must pass the budget first.
  await checkZipBudget(filePath)
  const { default: mammoth } = await import('mammoth')
  const { value } = await mammoth.extractRawText({ path: filePath })
  return value
}

/** Shared strings (the text cells of every sheet) and inline strings in the sheets. */
async function xlsxText(filePath: string): Promise<string> {
  const sheetPattern = /^xl\/worksheets\/sheet(\d+)\.xml$/
  const entries = await readZipEntries(
    filePath,
    (name) => name === 'xl/sharedStrings.xml' || sheetPattern.test(name),
  )
  const parts: string[] = []
  const shared = entries.get('xl/sharedStrings.xml')
  if (shared) parts.push(spreadsheetStrings(shared))
  for (const [, sheet] of sortedByNumber(entries, sheetPattern)) {
    for (const inline of sheet.matchAll(/<(?:\w+:)?is>([\s\S]*?)<\/(?:\w+:)?is>/g)) {
      parts.push(spreadsheetStrings(inline[1] ?? ''))
    }
  }
  return parts.join('\n')
}

/**
 * The `<t>` texts of SpreadsheetML strings: runs of one string joined as they are, strings apart.
 * Phonetic guides (`<rPh>`) repeat the text in another script and are left out.
 */
function spreadsheetStrings(xml: string): string {
  const out: string[] = []
  const pattern =
    /<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>|<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?t>|<\/(?:\w+:)?si>/g
  for (const match of xml.matchAll(pattern)) {
    if (match[1] !== undefined) out.push(decodeXmlEntities(match[1]))
    else if (match[0].includes('/si>')) out.push('\n')
  }
  return out.join('')
}

/** The `<a:t>` runs of every slide, a paragraph a line, slides in the order of their numbers. */
async function pptxText(filePath: string): Promise<string> {
  const slidePattern = /^ppt\/slides\/slide(\d+)\.xml$/
  const entries = await readZipEntries(filePath, (name) => slidePattern.test(name))
  const slides = sortedByNumber(entries, slidePattern).map(([, xml]) => {
    const out: string[] = []
    // A run's text is joined to the next run's as it is; a paragraph's end or a line break separates.
    for (const match of xml.matchAll(/<a:t(?:\s[^>]*)?>([^<]*)<\/a:t>|<\/a:p>|<a:br\b/g)) {
      out.push(match[1] !== undefined ? decodeXmlEntities(match[1]) : '\n')
    }
    return out.join('')
  })
  return slides.join('\n')
}

/** Entries whose names match `pattern`, in the numeric order of its first group (slide2 < slide10). */
function sortedByNumber(entries: Map<string, string>, pattern: RegExp): Array<[string, string]> {
  const numberOf = (name: string) => Number(pattern.exec(name)?.[1] ?? Infinity)
  return [...entries]
    .filter(([name]) => pattern.test(name))
    .sort(([a], [b]) => numberOf(a) - numberOf(b))
}

// ---- OpenDocument ----

/** Elements whose bounds separate words: paragraphs, headings, cells, list items, frames, spaces. */
const ODF_SEPARATORS = new Set([
  'p',
  'h',
  'table-cell',
  'covered-table-cell',
  'table-row',
  'list-item',
  'frame',
  'page',
  'note',
  's',
  'tab',
  'line-break',
])

/** The text of content.xml: tags dropped (spans join, blocks separate), entities decoded. */
async function odfText(filePath: string): Promise<string> {
  const entries = await readZipEntries(filePath, (name) => name === 'content.xml')
  const content = entries.get('content.xml')
  if (content === undefined) throw new Error('content.xml is missing')
  const start = content.indexOf('<office:body')
  const end = content.lastIndexOf('</office:body>')
  const body = start >= 0 && end > start ? content.slice(start, end) : content
  const text = body.replace(/<[^>]*>/g, (tag) => {
    const name = /^<\/?(?:[\w.-]+:)?([\w.-]+)/.exec(tag)?.[1]
    return name !== undefined && ODF_SEPARATORS.has(name) ? '\n' : ''
  })
  return decodeXmlEntities(text)
}

// ---- plain text ----

/** UTF-8 (a BOM stripped, invalid bytes replaced), or UTF-16 when the file starts with its BOM. */
async function plainText(filePath: string): Promise<string> {
  const handle = await fsp.open(filePath, 'r')
  try {
    const buffer = Buffer.alloc(Math.min((await handle.stat()).size, MAX_TEXT_FILE_BYTES))
    let filled = 0
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled)
      if (bytesRead === 0) break
      filled += bytesRead
    }
    const bytes = buffer.subarray(0, filled)
    const encoding =
      bytes[0] === 0xff && bytes[1] === 0xfe
        ? 'utf-16le'
        : bytes[0] === 0xfe && bytes[1] === 0xff
          ? 'utf-16be'
          : 'utf-8'
    // stream: true keeps back a character cut in half by the byte cap instead of replacing it.
    return new TextDecoder(encoding).decode(bytes, { stream: true })
  } finally {
    await handle.close()
  }
}

// ---- XML ----

const XML_ENTITIES = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
])

/** The five named entities and numeric ones; a number that is no character becomes U+FFFD. */
function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (entity, name: string) => {
    if (!name.startsWith('#')) return XML_ENTITIES.get(name) ?? entity
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
    const isCharacter = code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
    return isCharacter ? String.fromCodePoint(code) : '\ufffd'
  })
}
