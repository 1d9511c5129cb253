/*
 * What the agenda pack is made of, read with the reader's access scope in each query: the meeting (if
 * they may see it) with its agenda, and the attached documents they may see, each with its newest
 * version. Nothing the reader may not see is read at all. packPlan writes it down as the plan the
 * building process works from (agenda-pack-job.server.ts).
 */
import { createHash } from 'node:crypto'
import type { Locale } from '../../i18n/config'
import { notFound, type CurrentUser } from '../access/access.server'
import { visibleDocumentsWhere } from '../access/documents.server'
import { visibleMeetingsWhere, type MeetingAccess } from '../access/meetings.server'
import { db } from '../db/db.server'
import type { PackPlan } from './agenda-pack-job.server'
import { meetingFactsSelect } from './queries.server'
import { agendaItemTitle } from './standing'
import { numberAgenda } from './types'

type Viewer = Pick<CurrentUser, 'id' | 'organisation'>

/** The meeting with its agenda, when the reader may see it; 404 otherwise. */
async function packMeeting(reader: Viewer, meetingId: string) {
  const meeting = await db.meeting.findFirst({
    where: { id: meetingId, ...visibleMeetingsWhere(reader) },
    select: {
      ...meetingFactsSelect,
      agendaItems: {
        select: {
          id: true,
          parentId: true,
          position: true,
          title: true,
          standing: true,
          kind: true,
          durationMinutes: true,
          presenterOrganisation: { select: { name: true } },
        },
      },
    },
  })
  if (!meeting) throw notFound()
  return meeting
}

/** The documents attached to the meeting and its items that the reader may see, with their newest version. */
function visibleAttachments(reader: Viewer, meetingId: string) {
  return db.meetingDocument
    .findMany({
      where: { meetingId, document: visibleDocumentsWhere(reader) },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: {
        agendaItemId: true,
        document: {
          select: {
            id: true,
            title: true,
            versions: {
              orderBy: { number: 'desc' },
              take: 1,
              select: { id: true, sha256: true, mediaType: true, originalName: true },
            },
          },
        },
      },
    })
    .then((rows) =>
      rows.map(({ agendaItemId, document: { versions, ...document } }) => ({
        agendaItemId,
        document,
        version: versions[0] ?? null,
      })),
    )
}

/**
 * Of these documents, the ones that are the minutes of a meeting whose minutes are not approved yet:
 * the cover calls them draft minutes (a reader must not take a draft for the approved text).
 */
async function draftMinutesDocuments(reader: Viewer, documentIds: string[]): Promise<Set<string>> {
  if (documentIds.length === 0) return new Set()
  const meetings = await db.meeting.findMany({
    where: {
      minutesDocumentId: { in: documentIds },
      status: { in: ['published', 'held'] },
      ...visibleMeetingsWhere(reader),
    },
    select: { minutesDocumentId: true },
  })
  return new Set(meetings.map((m) => m.minutesDocumentId!))
}

/** Everything the reader's pack of this meeting will show, in their language, as plain JSON. */
export async function packPlan(
  reader: Viewer,
  access: MeetingAccess,
  locale: Locale,
): Promise<PackPlan> {
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
  const drafts = await draftMinutesDocuments(
    reader,
    attachments.map((a) => a.document.id),
  )
  return {
    locale,
    network: { name: access.network.name, shortName: access.network.shortName },
    meeting: {
      title: meeting.title,
      description: meeting.description,
      status: meeting.status,
      cancelReason: meeting.cancelReason,
      startsAt: meeting.startsAt.toISOString(),
      endsAt: meeting.endsAt.toISOString(),
      location: meeting.location,
      onlineUrl: meeting.onlineUrl,
      host: meeting.hostOrganisation.name,
      chair: meeting.chair,
      secretary: meeting.secretary,
    },
    agenda: agenda.map((item) => ({
      id: item.id,
      parentId: item.parentId,
      number: item.number,
      depth: item.depth,
      title: agendaItemTitle(item, locale),
      kind: item.kind,
      durationMinutes: item.durationMinutes,
      presenter: item.presenterOrganisation?.name ?? null,
      startsAt: item.startsAt.toISOString(),
      endsAt: item.endsAt.toISOString(),
    })),
    attachments: attachments.map(({ agendaItemId, document, version }) => ({
      agendaItemId,
      document: {
        id: document.id,
        title: document.title,
        draftMinutes: drafts.has(document.id),
      },
      version: version && {
        id: version.id,
        sha256: version.sha256,
        mediaType: version.mediaType,
        originalName: version.originalName,
      },
    })),
  }
}

/**
 * The name of a pack in the cache: the sha256 of its plan. Any change to what the reader's pack shows
 * (the meeting, its agenda, a document's title or newest version, which documents the reader may see,
 * the language) gives another plan and so another key; an old pack is never found again.
 */
export function planKey(plan: PackPlan): string {
  // The plan is built in one fixed shape above, so the same content always gives the same JSON.
  return createHash('sha256').update(JSON.stringify(plan)).digest('hex')
}
