/*
 * The agenda pack: one PDF per meeting and per reader. A cover with the meeting's facts and the agenda
 * with its timetable, then the PDF documents in agenda order: first those attached to the meeting as a
 * whole (the context for everything after), then each item's, sub-items after their item. Bookmarks:
 * "Agenda" (the cover, with the meeting's documents below it), then one per agenda item, with its
 * documents and sub-items below it. Every page carries "page x of y".
 *
 * Only documents the reader may see are read at all (the audience rule is in the query), so nothing of
 * another document — title, page or count — can end up in the pack. A document that is not a PDF is
 * listed on the cover; one that cannot be read (damaged, encrypted, file missing) is listed as left out.
 * Each PDF is read, copied into the pack and let go before the next, so memory holds the pack and one
 * source document at a time; and at most MAX_PARALLEL_PACK_BUILDS packs are built at once.
 */
import fsp from 'node:fs/promises'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import type { Locale } from '../../i18n/config'
import { translator } from '../../i18n/translate'
import type { CurrentUser } from '../access/access.server'
import type { MeetingAccess } from '../access/meetings.server'
import { storedFilePath } from '../documents/storage.server'
import { extensionOf, fileKinds } from '../documents/types'
import {
  coverPageSize,
  drawCover,
  layoutCover,
  type CoverDocument,
  type CoverModel,
} from './agenda-pack-cover.server'
import {
  packMeeting,
  visibleAttachments,
  type PackAttachment,
  type PackMeeting,
} from './agenda-pack-data.server'
import { numberPages } from './agenda-pack-footer.server'
import { packBuilds } from './agenda-pack-limit.server'
import { addOutline, type OutlineEntry } from './agenda-pack-outline.server'
import { meetingWallClock, numberAgenda, type NumberedAgendaRow } from './types'
import { clockTime, meetingDay, timeSlot } from './when'

type Viewer = Pick<CurrentUser, 'id' | 'organisation'>
type T = (key: string, values?: Record<string, string | number>) => string

export type AgendaPack = {
  bytes: Uint8Array<ArrayBuffer>
  /** The document versions whose pages are in the pack, once each (for the document access log). */
  included: { documentId: string; versionId: string }[]
}

/** Where a listed document ended up: its pages in the pack (counted after the cover), or why not. */
type Placement = { kind: 'pdf'; start: number } | { kind: 'not_pdf' } | { kind: 'left_out' }

type Attachment = PackAttachment & { placement: Placement }

/** The reader's pack; when other packs are being built, after its turn has come (see the limit). */
export function buildAgendaPack(
  reader: Viewer,
  access: MeetingAccess,
  locale: Locale,
): Promise<AgendaPack> {
  return packBuilds.run(() => build(reader, access, locale))
}

async function build(reader: Viewer, access: MeetingAccess, locale: Locale): Promise<AgendaPack> {
  const t = translator(locale) as unknown as T
  const meeting = await packMeeting(reader, access.meeting.id)
  const agenda = numberAgenda(meeting.agendaItems, meeting.startsAt)
  // Agenda order: the meeting's own documents, then each item's (sub-items follow their item). An
  // attachment to an item that is not on the numbered agenda could be neither listed nor bookmarked,
  // so it stays out of the pages too (the sort is stable: within an item, in the order attached).
  const order = new Map<string | null, number>([[null, -1]])
  agenda.forEach((item, index) => order.set(item.id, index))
  const attachments = (await visibleAttachments(reader, access.meeting.id))
    .filter((a) => order.has(a.agendaItemId))
    .sort((a, b) => order.get(a.agendaItemId)! - order.get(b.agendaItemId)!)

  const pack = await PDFDocument.create()
  const fonts = {
    regular: await pack.embedFont(StandardFonts.Helvetica),
    bold: await pack.embedFont(StandardFonts.HelveticaBold),
  }

  const placed: Attachment[] = []
  const firstPages = new Map<string, number>()
  const included: AgendaPack['included'] = []
  for (const attachment of attachments) {
    const { version, document } = attachment
    let placement: Placement = { kind: 'left_out' }
    if (version && version.mediaType !== 'application/pdf') placement = { kind: 'not_pdf' }
    else if (version && firstPages.has(version.id)) {
      placement = { kind: 'pdf', start: firstPages.get(version.id)! }
    } else if (version) {
      const start = pack.getPageCount()
      if (await appendPdf(pack, version)) {
        placement = { kind: 'pdf', start }
        firstPages.set(version.id, start)
        included.push({ documentId: document.id, versionId: version.id })
      }
    }
    placed.push({ ...attachment, placement })
  }

  const documentsOf = (itemId: string | null) => placed.filter((a) => a.agendaItemId === itemId)
  const coverModel = (coverPages: number) =>
    coverTexts({ access, meeting, agenda, documentsOf, coverPages, locale, t })

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
    t('agendaPack:documentTitle', { network: access.network.shortName, title: meeting.title }),
    { showInWindowTitleBar: true },
  )
  pack.setSubject(access.network.name)
  pack.setLanguage(locale)
  pack.setCreator('Zwin')
  pack.setProducer('Zwin')
  // pdf-lib writes into a `new Uint8Array(size)`: a plain ArrayBuffer, as a Response body wants.
  return {
    bytes: (await pack.save()) as Uint8Array<ArrayBuffer>,
    included,
  }
}

/** "agendapakket-gos-2026-03-10.pdf": the network's short name and the day of the meeting. */
export function agendaPackFileName(access: MeetingAccess, locale: Locale): string {
  const t = translator(locale) as unknown as T
  const network = access.network.shortName.toLowerCase().trim().replace(/\s+/g, '-')
  return `${t('agendaPack:fileName')}-${network}-${meetingWallClock(access.meeting.startsAt).day}.pdf`
}

/**
 * Copies all pages of the stored PDF to the end of `pack`. False, with nothing added, for a file that
 * is missing, damaged, encrypted or has no pages: the pack is still made, without it.
 */
async function appendPdf(
  pack: PDFDocument,
  version: { id: string; sha256: string },
): Promise<boolean> {
  try {
    const source = await PDFDocument.load(await fsp.readFile(storedFilePath(version.sha256)), {
      updateMetadata: false,
    })
    const pages = await pack.copyPages(source, source.getPageIndices())
    if (pages.length === 0) return false
    for (const page of pages) pack.addPage(page)
    return true
  } catch (error) {
    console.warn(`Agenda pack: document version ${version.id} left out: ${String(error)}`)
    return false
  }
}

type Agenda = NumberedAgendaRow<PackMeeting['agendaItems'][number]>[]

/** Everything the cover says, in the reader's language, for a cover of `coverPages` pages. */
function coverTexts(pack: {
  access: MeetingAccess
  meeting: PackMeeting
  agenda: Agenda
  documentsOf: (itemId: string | null) => Attachment[]
  coverPages: number
  locale: Locale
  t: T
}): CoverModel {
  const { access, meeting, agenda, t } = pack
  const listed = (itemId: string | null): CoverDocument[] =>
    pack.documentsOf(itemId).map((a) => ({
      title: a.document.title,
      note: note(a, pack.coverPages, t),
    }))
  return {
    kicker: t('agendaPack:kicker', { network: access.network.shortName }),
    title: meeting.title,
    network: access.network.name,
    notice: notice(meeting, t),
    facts: facts(meeting, pack.locale, t),
    description: meeting.description,
    meetingDocuments: { heading: t('agendaPack:meetingDocuments'), documents: listed(null) },
    agenda: {
      heading: t('agendaPack:agenda'),
      columns: {
        number: t('agendaPack:columns.number'),
        time: t('agendaPack:columns.time'),
        subject: t('agendaPack:columns.subject'),
        duration: t('agendaPack:columns.duration'),
      },
      items: agenda.map((item) => ({
        anchor: item.id,
        number: item.number,
        depth: item.depth,
        time: timeSlot(pack.locale, item.startsAt, item.endsAt),
        title: item.title,
        details: [
          t(`meetings:kind.${item.kind}`),
          // "Inbreng door Gemeente Sluis": the label of the agenda's column, then the name.
          item.presenterOrganisation &&
            `${t('meetings:agenda.presenter')} ${item.presenterOrganisation.name}`,
        ]
          .filter(Boolean)
          .join(' · '),
        duration: item.durationMinutes
          ? t('agendaPack:minutes', { minutes: item.durationMinutes })
          : '',
        documents: listed(item.id),
      })),
      empty: t('agendaPack:emptyAgenda'),
    },
    continued: t('agendaPack:continued', { title: meeting.title }),
  }
}

function note(attachment: Attachment, coverPages: number, t: T): string {
  const { placement, version } = attachment
  if (placement.kind === 'pdf') {
    return t('agendaPack:document.pdf', { page: coverPages + placement.start + 1 })
  }
  if (placement.kind === 'not_pdf' && version) {
    const known = Object.entries(fileKinds).find(([, kind]) => kind.mediaType === version.mediaType)
    const extension = (known?.[0] ?? extensionOf(version.originalName)) || version.mediaType
    return t('agendaPack:document.notPdf', {
      fileName: version.originalName,
      fileType: t('agendaPack:document.fileType', { extension: extension.toUpperCase() }),
    })
  }
  return t('agendaPack:document.notIncluded')
}

function notice(meeting: PackMeeting, t: T): string {
  if (meeting.status === 'draft') return t('agendaPack:notice.draft')
  if (meeting.status !== 'cancelled') return ''
  return meeting.cancelReason?.trim()
    ? t('meetings:cancelledBecause', { reason: meeting.cancelReason.trim() })
    : t('agendaPack:notice.cancelled')
}

function facts(meeting: PackMeeting, locale: Locale, t: T) {
  const [day, time] = [meetingDay(locale), clockTime(locale)]
  const { startsAt, endsAt } = meeting
  const when =
    meetingWallClock(startsAt).day === meetingWallClock(endsAt).day
      ? [
          { label: t('agendaPack:facts.date'), value: day(startsAt) },
          { label: t('agendaPack:facts.time'), value: timeSlot(locale, startsAt, endsAt) },
        ]
      : [
          { label: t('agendaPack:facts.starts'), value: `${day(startsAt)}, ${time(startsAt)}` },
          { label: t('agendaPack:facts.ends'), value: `${day(endsAt)}, ${time(endsAt)}` },
        ]
  const optional = [
    { label: t('agendaPack:facts.location'), value: meeting.location },
    { label: t('agendaPack:facts.online'), value: meeting.onlineUrl, link: meeting.onlineUrl },
    { label: t('meetings:fields.host'), value: meeting.hostOrganisation.name },
    { label: t('agendaPack:facts.chair'), value: meeting.chair },
    { label: t('agendaPack:facts.secretary'), value: meeting.secretary },
  ]
  return [...when, ...optional.filter((fact) => fact.value.trim() !== '')]
}
