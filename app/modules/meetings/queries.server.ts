/*
 * Reading meetings for pages. Every query takes the access scope: visibleMeetingsWhere for lists, a
 * MeetingAccess that already passed it for one meeting, and visibleDocumentsWhere for every attached
 * document, so an item shows only the documents this reader may see.
 */
import type { CurrentUser } from '../access/access.server'
import { visibleDocumentsWhere } from '../access/documents.server'
import { visibleMeetingsWhere, type MeetingAccess } from '../access/meetings.server'
import { scopedMeetingsWhere, withScopeNetwork, type AccessScope } from '../access/scope.server'
import { db } from '../db/db.server'
import { currentMemberOrganisations } from '../networks/networks.server'
import type { Locale } from '../../i18n/config'
import { agendaItemTitle } from './standing'
import { MAX_MEETING_HOURS, numberAgenda } from './types'

const listSelect = {
  id: true,
  title: true,
  startsAt: true,
  endsAt: true,
  status: true,
  location: true,
  onlineUrl: true,
  cancelReason: true,
  hostOrganisation: { select: { name: true } },
  network: { select: { slug: true, shortName: true, name: true } },
} as const

/**
 * Meetings the user may see (drafts only where they prepare them), in one network or in all of theirs:
 * upcoming ones (not yet ended) soonest first, or past ones latest first, a page at a time. Serves the
 * network's meeting list and "Mijn agenda" (the dashboard reads within its access scope: nextMeetings).
 */
function listedMeetingsWhere(
  user: CurrentUser,
  options: { networkId?: string; when: 'upcoming' | 'past' },
) {
  const now = new Date()
  return {
    AND: [
      visibleMeetingsWhere(user),
      options.networkId ? { networkId: options.networkId } : {},
      options.when === 'upcoming' ? notEndedWhere(now) : { endsAt: { lt: now } },
    ],
  }
}

/**
 * Meetings that have not ended at `now`. No meeting lasts longer than MAX_MEETING_HOURS (the meeting
 * form refuses it), so such a meeting began at most that long ago: saying so lets SQLite read the
 * (network, start) index from there instead of every meeting a network ever had.
 */
function notEndedWhere(now: Date) {
  return {
    endsAt: { gte: now },
    startsAt: { gte: new Date(now.getTime() - MAX_MEETING_HOURS * 3_600_000) },
  }
}

/**
 * The first meetings still to come across the person's networks (the dashboard's list, which read the
 * access scope already): not counted, the meetings list pages.
 */
export async function nextMeetings(scope: AccessScope, take: number, now = new Date()) {
  const { network: _network, ...select } = listSelect
  const rows = await db.meeting.findMany({
    where: { AND: [scopedMeetingsWhere(scope), notEndedWhere(now)] },
    select: { ...select, networkId: true },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    take,
  })
  return rows.map((row) => withScopeNetwork(scope, row))
}

export async function listMeetings(
  user: CurrentUser,
  options: { networkId?: string; when: 'upcoming' | 'past'; page: number; pageSize: number },
) {
  const where = listedMeetingsWhere(user, options)
  const total = await db.meeting.count({ where })
  const pageCount = Math.max(1, Math.ceil(total / options.pageSize))
  const page = Math.min(options.page, pageCount)
  const meetings = await db.meeting.findMany({
    where,
    select: listSelect,
    orderBy: [{ startsAt: options.when === 'upcoming' ? 'asc' : 'desc' }, { id: 'asc' }],
    skip: (page - 1) * options.pageSize,
    take: options.pageSize,
  })
  return { total, page, pageCount, meetings }
}

/** What a meeting page and its agenda pack say about the meeting itself. */
export const meetingFactsSelect = {
  title: true,
  description: true,
  startsAt: true,
  endsAt: true,
  location: true,
  onlineUrl: true,
  chair: true,
  secretary: true,
  status: true,
  cancelReason: true,
  hostOrganisation: { select: { id: true, name: true } },
} as const

const attachedDocumentSelect = {
  id: true,
  agendaItemId: true,
  document: {
    select: {
      id: true,
      title: true,
      type: true,
      audience: true,
      audienceMembers: { select: { organisationId: true } },
      versions: {
        orderBy: { number: 'desc' as const },
        take: 1,
        select: { id: true, originalName: true, mediaType: true, size: true },
      },
    },
  },
}

/** The documents attached to the meeting and its items that this reader may see. */
function visibleAttachments(user: CurrentUser, meetingId: string) {
  return db.meetingDocument.findMany({
    where: { meetingId, document: visibleDocumentsWhere(user) },
    select: attachedDocumentSelect,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  })
}

/** The meeting with its numbered agenda and documents, standing items in `locale` (standing.ts). */
export async function meetingDetail(user: CurrentUser, access: MeetingAccess, locale: Locale) {
  const meetingId = access.meeting.id
  const [meeting, items, attachments, members] = await Promise.all([
    db.meeting.findUniqueOrThrow({
      where: { id: meetingId },
      select: { id: true, ...meetingFactsSelect },
    }),
    db.agendaItem.findMany({
      where: { meetingId },
      select: {
        id: true,
        parentId: true,
        position: true,
        title: true,
        description: true,
        kind: true,
        standing: true,
        durationMinutes: true,
        decisionText: true,
        decisionOutcome: true,
        presenterOrganisationId: true,
        presenterOrganisation: { select: { name: true } },
      },
    }),
    visibleAttachments(user, meetingId),
    access.canPrepare ? currentMemberOrganisations(access.network.id) : [],
  ])
  const partners = new Set(members.map((m) => m.id))
  const documents = attachments.map(
    ({ document: { versions, audience, audienceMembers, ...document }, ...link }) => ({
      linkId: link.id,
      agendaItemId: link.agendaItemId,
      ...document,
      latest: versions[0] ?? null,
      // For the preparers only: how many of the current partners the document reaches.
      reach: access.canPrepare ? documentReach(audience, audienceMembers, partners) : null,
    }),
  )
  return {
    meeting,
    agenda: numberAgenda(items, meeting.startsAt).map((item) => ({
      ...item,
      title: agendaItemTitle(item, locale),
      documents: documents.filter((d) => d.agendaItemId === item.id),
    })),
    meetingDocuments: documents.filter((d) => d.agendaItemId === null),
    /** For the preparers: the network's current partners (the presenter choices); none for others. */
    partners: members,
  }
}

/** "All partners", or "3 of 5": the current partners of the network in a document's audience. */
function documentReach(
  audience: string,
  audienceMembers: { organisationId: string }[],
  partners: Set<string>,
): { partners: number; reached: number } {
  const reached =
    audience === 'network'
      ? partners.size
      : audienceMembers.filter((m) => partners.has(m.organisationId)).length
  return { partners: partners.size, reached }
}

/** The planned minutes of the whole agenda, items and sub-items. */
export async function agendaMinutes(access: MeetingAccess): Promise<number> {
  const { _sum } = await db.agendaItem.aggregate({
    where: { meetingId: access.meeting.id },
    _sum: { durationMinutes: true },
  })
  return _sum.durationMinutes ?? 0
}

/** The values of the edit form. */
export function meetingEditValues(access: MeetingAccess) {
  return db.meeting.findUniqueOrThrow({
    where: { id: access.meeting.id },
    select: {
      title: true,
      description: true,
      startsAt: true,
      endsAt: true,
      location: true,
      onlineUrl: true,
      hostOrganisationId: true,
      chair: true,
      secretary: true,
      version: true,
      status: true,
    },
  })
}

/** One agenda item for its own page, with the documents this reader may see. */
export async function agendaItemDetail(
  user: CurrentUser,
  access: MeetingAccess,
  itemId: string,
  locale: Locale,
) {
  const detail = await meetingDetail(user, access, locale)
  const item = detail.agenda.find((i) => i.id === itemId)
  if (!item) throw new Error('the item was checked by requireAgendaItem')
  return { meeting: detail.meeting, item, agenda: detail.agenda, partners: detail.partners }
}
