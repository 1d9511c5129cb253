/*
 * What the agenda pack is made of, read with the reader's access scope in each query: the meeting (if
 * they may see it) with its agenda, and the attached documents they may see, each with its newest
 * version. Nothing the reader may not see is read at all.
 */
import { meetingFactsSelect } from './queries.server'
import { notFound, type CurrentUser } from '../access/access.server'
import { visibleDocumentsWhere } from '../access/documents.server'
import { visibleMeetingsWhere } from '../access/meetings.server'
import { db } from '../db/db.server'

type Viewer = Pick<CurrentUser, 'id' | 'organisation'>

export type PackMeeting = Awaited<ReturnType<typeof packMeeting>>
export type PackAttachment = Awaited<ReturnType<typeof visibleAttachments>>[number]

/** The meeting with its agenda, when the reader may see it; 404 otherwise. */
export async function packMeeting(reader: Viewer, meetingId: string) {
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
export function visibleAttachments(reader: Viewer, meetingId: string) {
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
