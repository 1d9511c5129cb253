/**
 * For the agenda pack tests: a network's documents with one stored version each (as an upload leaves
 * them), agenda items and attachments on the test database; and a pack read back with pdf.js as a
 * reader would (the text per page, the bookmarks with their pages, the title and language).
 */
import path from 'node:path'
import { Readable } from 'node:stream'
import { PDFDocument, PDFHexString } from 'pdf-lib'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { Db } from '../../app/modules/db/db.server'
import { receiveToTemp, storeThenCommit } from '../../app/modules/documents/storage.server'

export type DocumentOptions = {
  owner: string
  /** Organisations of a "selected partners" audience; the whole network when absent. */
  audience?: string[]
  mediaType?: string
  name?: string
}

export function packFixtures(db: Db, networkId: string) {
  // Above the seeded documents' rows in the search index.
  let searchRowId = 50_000
  return {
    /** A document of the network with one stored version. */
    async addDocument(
      title: string,
      bytes: Uint8Array,
      options: DocumentOptions,
    ): Promise<{ id: string; sha256: string; versionId: string }> {
      const file = await receiveToTemp(Readable.from([Buffer.from(bytes)]), bytes.length)
      return storeThenCommit(file, async () => {
        const document = await db.document.create({
          data: {
            networkId,
            title,
            type: 'overig',
            language: 'nl',
            audience: options.audience ? 'selected' : 'network',
            ownerOrganisationId: options.owner,
            searchRowId: ++searchRowId,
            audienceMembers: {
              create: (options.audience ?? []).map((organisationId) => ({ organisationId })),
            },
            versions: {
              create: {
                number: 1,
                sha256: file.sha256,
                size: file.size,
                mediaType: options.mediaType ?? 'application/pdf',
                originalName: options.name ?? `${title}.pdf`,
                organisationId: options.owner,
              },
            },
          },
          select: { id: true, versions: { select: { id: true } } },
        })
        return { id: document.id, sha256: file.sha256, versionId: document.versions[0]!.id }
      })
    },

    /** A new newest version of a document, with other content. */
    async addVersion(documentId: string, bytes: Uint8Array, owner: string): Promise<string> {
      const file = await receiveToTemp(Readable.from([Buffer.from(bytes)]), bytes.length)
      return storeThenCommit(file, async () => {
        const { _max } = await db.documentVersion.aggregate({
          where: { documentId },
          _max: { number: true },
        })
        const version = await db.documentVersion.create({
          data: {
            documentId,
            number: (_max.number ?? 0) + 1,
            sha256: file.sha256,
            size: file.size,
            mediaType: 'application/pdf',
            originalName: 'nieuwe-versie.pdf',
            organisationId: owner,
          },
          select: { id: true },
        })
        return version.id
      })
    },

    async addItem(
      meetingId: string,
      position: number,
      title: string,
      kind: string,
      durationMinutes: number,
      extra: { parentId?: string; presenterOrganisationId?: string; standing?: string } = {},
    ): Promise<string> {
      const item = await db.agendaItem.create({
        data: { meetingId, position, title, kind, durationMinutes, ...extra },
        select: { id: true },
      })
      return item.id
    },

    attach(meetingId: string, agendaItemId: string | null, documentId: string) {
      return db.meetingDocument.create({ data: { meetingId, agendaItemId, documentId } })
    },
  }
}

/** A PDF that says it is encrypted (which pdf-lib refuses to copy from). */
export async function encryptedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.addPage()
  doc.context.trailerInfo.Encrypt = doc.context.obj({
    Filter: 'Standard',
    V: 1,
    R: 2,
    P: -44,
    O: PDFHexString.of('00'.repeat(32)),
    U: PDFHexString.of('00'.repeat(32)),
  })
  return doc.save()
}

/** A PDF of `pages` empty pages: quick to make, however many. */
export async function blankPdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  for (let i = 0; i < pages; i++) doc.addPage()
  return doc.save()
}

const standardFontDataUrl = `${path.resolve('node_modules/pdfjs-dist/standard_fonts')}/`

export type Bookmark = { title: string; dest: unknown; items: Bookmark[] }

/** The pack as pdf.js reads it: text per page, bookmarks (with page indexes), title. */
export async function readPack(bytes: Uint8Array) {
  const pdf = await getDocument({ data: new Uint8Array(bytes), standardFontDataUrl, verbosity: 0 })
    .promise
  const pages: string[] = []
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent()
    const lines = content.items.map((item) =>
      'str' in item ? `${item.str}${item.hasEOL ? '\n' : ''}` : '',
    )
    pages.push(lines.join(''))
  }
  const outline = ((await pdf.getOutline()) ?? []) as Bookmark[]
  const pageOf = (bookmark: Bookmark) =>
    pdf.getPageIndex((bookmark.dest as [{ num: number; gen: number }])[0])
  const info = (await pdf.getMetadata()).info as { Title?: string; Language?: string }
  const allTitles = (list: Bookmark[]): string[] =>
    list.flatMap((b) => [b.title, ...allTitles(b.items)])
  return {
    pages,
    outline,
    pageOf,
    title: info.Title ?? '',
    language: info.Language ?? '',
    bookmarkTitles: allTitles(outline),
    /** The index of the first page whose text holds `text`. */
    find: (text: string) => pages.findIndex((p) => p.includes(text)),
  }
}
