/*
 * Builds the agenda pack from its plan (agenda-pack-job.server.ts), in the process that
 * scripts/agenda-pack.ts starts for it: one PDF per meeting and per reader. A cover with the meeting's
 * facts and the agenda with its timetable, then the PDF documents in agenda order: first those attached
 * to the meeting as a whole (the context for everything after), then each item's, sub-items after their
 * item. Bookmarks: "Agenda" (the cover, with the meeting's documents below it), then one per agenda
 * item, with its documents and sub-items below it. Every page carries "page x of y".
 *
 * The plan lists only documents the reader may see, so nothing of another document (title, page or
 * count) can end up in the pack. A document that is not a PDF is listed on the cover; one that cannot
 * be read (damaged, encrypted, file missing) or that would take the pack past its limit of pages or of
 * bytes read is listed as left out, with the reason. Each PDF is read, copied into the pack and let go
 * before the next, so memory holds the pack and one source document at a time.
 */
import fsp from 'node:fs/promises'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { coverPageSize, drawCover, layoutCover } from './agenda-pack-cover.server'
import {
  coverTexts,
  packTranslator,
  type PlacedAttachment,
  type Placement,
} from './agenda-pack-cover-texts.server'
import { numberPages } from './agenda-pack-footer.server'
import {
  packJobSchema,
  type BuiltPack,
  type PackBuildResult,
  type PackContentLimits,
  type ReadPackPlan,
} from './agenda-pack-job.server'
import { addOutline, type OutlineEntry } from './agenda-pack-outline.server'

/** Checks the job, builds its pack and writes it to the job's output file. */
export async function buildPackFile(job: unknown): Promise<PackBuildResult> {
  const parsed = packJobSchema.safeParse(job)
  if (!parsed.success)
    return { status: 'failed', reason: `not a pack job: ${parsed.error.message}` }
  const { plan, files, outputPath, limits } = parsed.data
  const { bytes, ...result } = await buildPack(plan, (sha256) => files[sha256], limits)
  if (bytes.byteLength > limits.maxOutputBytes) {
    return {
      status: 'failed',
      reason: `the pack would be ${bytes.byteLength} bytes, more than ${limits.maxOutputBytes}`,
    }
  }
  await fsp.writeFile(outputPath, bytes, { flag: 'wx', mode: 0o600 })
  return { status: 'built', bytes: bytes.byteLength, ...result }
}

/** The pack as bytes, with what went into it. `fileOf` names the stored file of a sha256. */
export async function buildPack(
  plan: ReadPackPlan,
  fileOf: (sha256: string) => string | undefined,
  limits: PackContentLimits,
): Promise<Omit<BuiltPack, 'status' | 'bytes'> & { bytes: Uint8Array }> {
  const t = packTranslator(plan)
  const { agenda } = plan
  const pack = await PDFDocument.create()
  const fonts = {
    regular: await pack.embedFont(StandardFonts.Helvetica),
    bold: await pack.embedFont(StandardFonts.HelveticaBold),
  }

  const sources = sourceReader(fileOf, limits)
  const placed: PlacedAttachment[] = []
  const firstPages = new Map<string, number>()
  const included: BuiltPack['included'] = []
  const leftOut: BuiltPack['leftOut'] = []
  for (const attachment of plan.attachments) {
    const { version, document } = attachment
    let placement: Placement = { kind: 'left_out', reason: 'unreadable' }
    if (version && version.mediaType !== 'application/pdf') placement = { kind: 'not_pdf' }
    else if (version && firstPages.has(version.id)) {
      placement = { kind: 'pdf', start: firstPages.get(version.id)! }
    } else if (version) {
      const start = pack.getPageCount()
      const appended = await sources.append(pack, version.sha256)
      if (appended.ok) {
        placement = { kind: 'pdf', start }
        firstPages.set(version.id, start)
        included.push({ documentId: document.id, versionId: version.id })
      } else {
        placement = { kind: 'left_out', reason: appended.reason, pages: appended.pages }
        leftOut.push({ versionId: version.id, reason: appended.reason, detail: appended.detail })
      }
    }
    placed.push({ ...attachment, placement })
  }

  const documentsOf = (itemId: string | null) => placed.filter((a) => a.agendaItemId === itemId)
  const coverModel = (coverPages: number) => coverTexts({ plan, documentsOf, coverPages, limits })

  // The cover names the page each document starts on, which depends on how long the cover is: lay
  // it out until the count of cover pages holds (it only grows, so this ends; a layout that came out
  // shorter than the count it was made for gets a blank last cover page).
  let coverPages = 1
  let layout = layoutCover(coverModel(coverPages), fonts)
  while (layout.pages.length > coverPages) {
    coverPages = layout.pages.length
    layout = layoutCover(coverModel(coverPages), fonts)
  }
  for (let index = 0; index < coverPages; index++) pack.insertPage(index, coverPageSize)
  drawCover(pack, layout, pack.getPages().slice(0, coverPages), fonts)

  const pageRef = (index: number) => pack.getPage(index).ref
  const documentEntries = (itemId: string | null): OutlineEntry[] =>
    documentsOf(itemId).flatMap((a) =>
      a.placement.kind === 'pdf'
        ? [{ title: a.document.title, page: pageRef(coverPages + a.placement.start) }]
        : [],
    )
  const itemEntry = (item: (typeof agenda)[number]): OutlineEntry => {
    const documents = documentEntries(item.id)
    const onCover = layout.anchors.get(item.id)!
    const subItems = agenda.filter((sub) => sub.parentId === item.id).map(itemEntry)
    return {
      title: `${item.number}. ${item.title}`,
      ...(documents[0]
        ? { page: documents[0].page }
        : { page: pageRef(onCover.page), top: onCover.top }),
      children: [...documents, ...subItems],
    }
  }
  addOutline(pack, [
    {
      title: t('agendaPack:agenda'),
      page: pageRef(0),
      top: coverPageSize[1],
      children: documentEntries(null),
    },
    ...agenda.filter((item) => item.depth === 0).map(itemEntry),
  ])

  numberPages(pack, fonts.regular, (page, total) => t('agendaPack:pageNumber', { page, total }))
  pack.setTitle(
    t('agendaPack:documentTitle', { network: plan.network.shortName, title: plan.meeting.title }),
    { showInWindowTitleBar: true },
  )
  pack.setSubject(plan.network.name)
  pack.setLanguage(plan.locale)
  pack.setCreator('Zwin')
  pack.setProducer('Zwin')
  return {
    bytes: await pack.save(),
    pages: pack.getPageCount(),
    included,
    leftOut,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }
}

type Appended =
  | { ok: true }
  | { ok: false; reason: BuiltPack['leftOut'][number]['reason']; pages?: number; detail: string }

/**
 * Copies stored PDFs into the pack while the pack stays within its limits: a document whose file
 * would take the bytes read past maxSourceBytes is not read, one whose pages would take the pack past
 * maxPages is not copied. A file that is missing, damaged, encrypted or has no pages adds nothing.
 */
function sourceReader(fileOf: (sha256: string) => string | undefined, limits: PackContentLimits) {
  let bytesRead = 0
  let pages = 0
  return {
    async append(pack: PDFDocument, sha256: string): Promise<Appended> {
      try {
        const file = fileOf(sha256)
        if (!file) return { ok: false, reason: 'unreadable', detail: 'no file named for it' }
        const { size } = await fsp.stat(file)
        if (bytesRead + size > limits.maxSourceBytes) {
          return {
            ok: false,
            reason: 'size',
            detail: `${size} bytes, ${bytesRead} of ${limits.maxSourceBytes} read before it`,
          }
        }
        bytesRead += size
        const source = await PDFDocument.load(await fsp.readFile(file), { updateMetadata: false })
        const count = source.getPageCount()
        if (count === 0) return { ok: false, reason: 'unreadable', detail: 'no pages' }
        if (pages + count > limits.maxPages) {
          return {
            ok: false,
            reason: 'pages',
            pages: count,
            detail: `${count} pages, ${pages} of ${limits.maxPages} in the pack before it`,
          }
        }
        const copied = await pack.copyPages(source, source.getPageIndices())
        for (const page of copied) pack.addPage(page)
        pages += count
        return { ok: true }
      } catch (error) {
        return { ok: false, reason: 'unreadable', detail: String(error).slice(0, 300) }
      }
    },
  }
}
