/*
 * What a document can be, shared by the server and the browser (the upload form checks the extension
 * before sending a byte).
 */

export const documentTypes = [
  'intentieverklaring',
  'convenant',
  'werkplan',
  'besluitenlijst',
  'verslag',
  'jaarverslag',
  'presentatie',
  'overig',
] as const
export type DocumentType = (typeof documentTypes)[number]

export const documentLanguages = ['nl', 'en', 'fr', 'de'] as const
export type DocumentLanguage = (typeof documentLanguages)[number]

export const audienceKinds = ['network', 'selected'] as const
export type AudienceKind = (typeof audienceKinds)[number]

/** How long a document stays in the bin before it is purged with its files. */
export const BIN_DAYS = 30

type FileKind = {
  mediaType: string
  /** What file-type@21 reports for the content; null for plain text, which has no magic bytes. */
  detectedAs: string | null
  /** May be shown in the browser (sandboxed) instead of only downloaded. */
  inline: boolean
}

const text = (mediaType: string): FileKind => ({ mediaType, detectedAs: null, inline: false })
const office = (mediaType: string, detectedAs: string): FileKind => ({
  mediaType,
  detectedAs,
  inline: false,
})

/** The accepted files, by extension. The extension says what the file claims to be; its bytes must agree. */
export const fileKinds: Record<string, FileKind> = {
  pdf: { mediaType: 'application/pdf', detectedAs: 'pdf', inline: false },
  docx: office('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'),
  xlsx: office('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'),
  pptx: office('application/vnd.openxmlformats-officedocument.presentationml.presentation', 'pptx'),
  odt: office('application/vnd.oasis.opendocument.text', 'odt'),
  ods: office('application/vnd.oasis.opendocument.spreadsheet', 'ods'),
  odp: office('application/vnd.oasis.opendocument.presentation', 'odp'),
  txt: text('text/plain'),
  csv: text('text/csv'),
  md: text('text/markdown'),
  png: { mediaType: 'image/png', detectedAs: 'png', inline: true },
  jpg: { mediaType: 'image/jpeg', detectedAs: 'jpg', inline: true },
  jpeg: { mediaType: 'image/jpeg', detectedAs: 'jpg', inline: true },
}

export const acceptedExtensions = Object.keys(fileKinds)

/** The lower-case extension of a file name, without the dot ('' when there is none). */
export function extensionOf(name: string): string {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(name.trim())
  return match ? match[1]!.toLowerCase() : ''
}

export function fileKindOf(name: string): FileKind | undefined {
  return Object.hasOwn(fileKinds, extensionOf(name)) ? fileKinds[extensionOf(name)] : undefined
}

/** The media types whose versions may be previewed inline. */
export function canPreview(mediaType: string): boolean {
  return Object.values(fileKinds).some((k) => k.inline && k.mediaType === mediaType)
}

/** Tags as typed ("Interreg, Grens ,  mobiliteit") → a tidy, de-duplicated list. */
export function splitTags(tags: string): string[] {
  const seen = new Map<string, string>()
  for (const raw of tags.split(',')) {
    const tag = raw.trim().replace(/\s+/g, ' ')
    // "Interreg" stays "Interreg"; "interreg" after it is the same tag.
    if (tag && !seen.has(tag.toLowerCase())) seen.set(tag.toLowerCase(), tag)
  }
  return [...seen.values()]
}
