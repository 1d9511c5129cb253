/*
 * Action items: something an organisation (and optionally one of its people) agreed to do at a meeting,
 * followed up at every next meeting until it is done or dropped. Agreed by the meeting's preparers once
 * the meeting has begun (as decisions are); closed or reopened by the preparers or the assigned
 * organisation.
 */
import { currentMembersWhere, type CurrentUser, type NetworkAccess } from '../access/access.server'
import {
  canPrepareMeetings,
  type requireActionItemUpdater,
  requireAgendaItem,
  visibleActionItemsWhere,
  visibleMeetingsWhere,
  type MeetingAccess,
} from '../access/meetings.server'
import { recordActivity } from '../activity/record.server'
import { auditBy } from '../audit/audit.server'
import { db } from '../db/db.server'
import { currentMemberOrganisations, isCurrentMember } from '../networks/networks.server'
import { numberAgenda, type ActionStatus } from '../meetings/types'
import { calendarDay } from '../projects/milestones'
import { isRecording, recordingWhere } from './decisions.server'
import type { ActionItemInput, MinutesProblem } from './schema'

export const ACTIONS_PER_PAGE = 50
/** More than a meeting can discuss; the list stops there rather than growing without end. */
const MEETING_LIST_LIMIT = 500

const rowSelect = {
  id: true,
  description: true,
  status: true,
  dueDate: true,
  closedAt: true,
  agendaItemId: true,
  organisation: { select: { id: true, name: true } },
  assignee: { select: { name: true } },
  meeting: { select: { id: true, title: true, startsAt: true } },
} as const

type StoredRow = {
  id: string
  description: string
  status: string
  dueDate: Date | null
  closedAt: Date | null
  agendaItemId: string | null
  organisation: { id: string; name: string }
  assignee: { name: string } | null
  meeting: { id: string; title: string; startsAt: Date }
}

export type ActionRow = Omit<StoredRow, 'agendaItemId'> & {
  /** The agenda item's number ("2a") at the meeting where it was agreed; null when agreed outside one. */
  itemNumber: string | null
  /** Open, and its due day lies before today (in Amsterdam). */
  overdue: boolean
  /** The user may close or reopen it: a preparer, or a person of the assigned organisation. */
  canUpdate: boolean
}

/** Midnight UTC of today in Amsterdam: due dates are calendar days stored as midnight UTC. */
export function startOfToday(now = new Date()): Date {
  return new Date(`${calendarDay(now)}T00:00:00.000Z`)
}

/** The agenda numbers ("1", "2a") of the items these rows were agreed under. */
async function agendaNumbers(rows: StoredRow[]): Promise<Map<string, string>> {
  const meetingIds = [...new Set(rows.filter((r) => r.agendaItemId).map((r) => r.meeting.id))]
  if (meetingIds.length === 0) return new Map()
  const items = await db.agendaItem.findMany({
    where: { meetingId: { in: meetingIds } },
    select: { id: true, meetingId: true, parentId: true, position: true, durationMinutes: true },
  })
  const numbers = new Map<string, string>()
  for (const meetingId of meetingIds) {
    const agenda = numberAgenda(
      items.filter((i) => i.meetingId === meetingId),
      new Date(0),
    )
    for (const row of agenda) numbers.set(row.id, row.number)
  }
  return numbers
}

async function toRows(
  user: CurrentUser,
  access: NetworkAccess,
  stored: StoredRow[],
): Promise<ActionRow[]> {
  const numbers = await agendaNumbers(stored)
  const today = startOfToday()
  const preparer = canPrepareMeetings(access)
  return stored.map(({ agendaItemId, ...row }) => ({
    ...row,
    itemNumber: agendaItemId ? (numbers.get(agendaItemId) ?? null) : null,
    overdue: row.status === 'open' && row.dueDate !== null && row.dueDate < today,
    canUpdate: preparer || row.organisation.id === user.organisation.id,
  }))
}

/** The network's current member organisations with their active people, for the action item form. */
export async function assignableOrganisations(access: NetworkAccess) {
  return db.organisation.findMany({
    where: currentMembersWhere(access.network.id),
    orderBy: { name: 'asc' },
    select: {
      id: true,
      name: true,
      users: {
        where: { disabledAt: null },
        orderBy: { name: 'asc' },
        select: { id: true, name: true },
      },
    },
  })
}

/**
 * A new action item, agreed at this meeting (under one of its agenda items, or none). The organisation
 * must be a current member of the network and the person an active one of that organisation; otherwise
 * nothing is written.
 */
export async function addActionItem(
  user: CurrentUser,
  access: MeetingAccess,
  itemId: string | null,
  input: ActionItemInput,
): Promise<{ id: string } | { problem: MinutesProblem }> {
  const item = itemId ? await requireAgendaItem(user, access, itemId) : null
  if (!isRecording(access)) return { problem: 'meetingNotOpen' }
  if (!(await isCurrentMember(access.network.id, input.organisationId))) {
    return { problem: 'organisationNotInNetwork' }
  }
  if (input.assigneeUserId) {
    const assignee = await db.user.findFirst({
      where: { id: input.assigneeUserId, organisationId: input.organisationId, disabledAt: null },
      select: { id: true },
    })
    if (!assignee) return { problem: 'assigneeNotInOrganisation' }
  }
  return db.$transaction(async (tx) => {
    // The meeting is checked again in the write, so a meeting cancelled a moment ago takes no more.
    const open = await tx.meeting.findFirst({
      where: { id: access.meeting.id, ...recordingWhere() },
      select: { id: true },
    })
    if (!open) return { problem: 'meetingNotOpen' as const }
    const created = await tx.actionItem.create({
      data: {
        networkId: access.network.id,
        meetingId: access.meeting.id,
        agendaItemId: item?.id ?? null,
        description: input.description,
        organisationId: input.organisationId,
        assigneeUserId: input.assigneeUserId || null,
        dueDate: input.dueDate ?? null,
        createdById: user.id,
      },
      select: { id: true, organisation: { select: { name: true } } },
    })
    await recordActivity(tx, {
      networkId: access.network.id,
      kind: 'action_assigned',
      actor: user,
      meetingId: access.meeting.id,
      actionItemId: created.id,
      data: {
        meetingTitle: access.meeting.title,
        description: input.description,
        organisationName: created.organisation.name,
      },
    })
    await auditBy(
      user,
      'meeting.action_added',
      { type: 'ActionItem', id: created.id },
      { meetingId: access.meeting.id, agendaItemId: item?.id ?? null, after: input },
      tx,
    )
    return { id: created.id }
  })
}

/** Closes (done, dropped) or reopens an action item; `access` comes from requireActionItemUpdater. */
export async function setActionItemStatus(
  user: CurrentUser,
  access: Awaited<ReturnType<typeof requireActionItemUpdater>>,
  status: ActionStatus,
): Promise<void> {
  const before = access.actionItem.status
  if (before === status) return
  await db.$transaction(async (tx) => {
    const updated = await tx.actionItem.update({
      where: { id: access.actionItem.id },
      data: { status, closedAt: status === 'open' ? null : new Date() },
      select: { description: true, organisation: { select: { name: true } } },
    })
    // Done is news for the partners; dropping or reopening one is bookkeeping.
    if (status === 'done') {
      await recordActivity(tx, {
        networkId: access.network.id,
        kind: 'action_done',
        actor: user,
        meetingId: access.actionItem.meetingId,
        actionItemId: access.actionItem.id,
        data: { description: updated.description, organisationName: updated.organisation.name },
      })
    }
    await auditBy(
      user,
      'meeting.action_status_changed',
      { type: 'ActionItem', id: access.actionItem.id },
      { before: { status: before }, after: { status } },
      tx,
    )
  })
}

/** The action items agreed under one agenda item, oldest first. */
export async function actionsForItem(user: CurrentUser, access: MeetingAccess, itemId: string) {
  const stored = await db.actionItem.findMany({
    where: {
      AND: [visibleActionItemsWhere(user), { meetingId: access.meeting.id, agendaItemId: itemId }],
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: rowSelect,
  })
  return toRows(user, access, stored)
}

/** The action items agreed at this meeting, by the id of the agenda item they were agreed under. */
export async function actionsByItem(user: CurrentUser, access: MeetingAccess) {
  const stored = await db.actionItem.findMany({
    where: { AND: [visibleActionItemsWhere(user), { meetingId: access.meeting.id }] },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: MEETING_LIST_LIMIT,
    select: rowSelect,
  })
  const rows = await toRows(user, access, stored)
  const byItem: Record<string, ActionRow[]> = {}
  stored.forEach(({ agendaItemId }, index) => {
    if (agendaItemId) (byItem[agendaItemId] ??= []).push(rows[index]!)
  })
  return byItem
}

/**
 * The meeting's action list: what was agreed at earlier meetings of the network and was still open when
 * the previous meeting ended (so also what was closed since then), followed by what was agreed at this
 * meeting. Statuses are today's.
 */
export async function actionListForMeeting(user: CurrentUser, access: MeetingAccess) {
  const previous = await db.meeting.findFirst({
    where: {
      ...visibleMeetingsWhere(user),
      networkId: access.network.id,
      status: { in: ['published', 'held', 'minutes_approved'] },
      startsAt: { lt: access.meeting.startsAt },
    },
    orderBy: { startsAt: 'desc' },
    select: { endsAt: true },
  })
  // Each alternative is bounded by its own index (this meeting; the network's open ones; the network's
  // closed since then), so a network with years of closed action items is not read whole.
  const networkId = access.network.id
  const earlier = { meeting: { startsAt: { lt: access.meeting.startsAt } } }
  const carried = previous
    ? [
        { networkId, status: 'open', ...earlier },
        { networkId, closedAt: { gte: previous.endsAt }, ...earlier },
      ]
    : [{ networkId, ...earlier }]
  const stored = await db.actionItem.findMany({
    where: {
      AND: [visibleActionItemsWhere(user), { OR: [{ meetingId: access.meeting.id }, ...carried] }],
    },
    orderBy: [{ meeting: { startsAt: 'asc' } }, { createdAt: 'asc' }, { id: 'asc' }],
    take: MEETING_LIST_LIMIT,
    select: rowSelect,
  })
  const rows = await toRows(user, access, stored)
  return rows.map((row) => ({ ...row, carriedOver: row.meeting.id !== access.meeting.id }))
}

/**
 * The network's open action items, a page at a time, optionally of one current member organisation
 * ("what does my municipality still owe?"); the soonest due first, those without a due date last. An
 * organisation that is not a current member is ignored (all are shown).
 */
export async function openActionsForNetwork(
  user: CurrentUser,
  access: NetworkAccess,
  options: { organisationId?: string; page: number },
) {
  // The filter's choices: names only, as the page shows them.
  const organisations = (await currentMemberOrganisations(access.network.id)).map(
    ({ id, name }) => ({
      id,
      name,
    }),
  )
  const filter = organisations.find((o) => o.id === options.organisationId) ?? null
  const where = {
    AND: [
      visibleActionItemsWhere(user),
      { networkId: access.network.id, status: 'open' },
      filter ? { organisationId: filter.id } : {},
    ],
  }
  const [total, overdue] = await Promise.all([
    db.actionItem.count({ where }),
    db.actionItem.count({ where: { AND: [where, { dueDate: { lt: startOfToday() } }] } }),
  ])
  const pages = Math.max(1, Math.ceil(total / ACTIONS_PER_PAGE))
  const page = Math.min(Math.max(1, options.page), pages)
  const stored = await db.actionItem.findMany({
    where,
    orderBy: [{ dueDate: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }, { id: 'asc' }],
    skip: (page - 1) * ACTIONS_PER_PAGE,
    take: ACTIONS_PER_PAGE,
    select: rowSelect,
  })
  return {
    organisations,
    organisation: filter,
    actions: await toRows(user, access, stored),
    page,
    pages,
    total,
    overdue,
  }
}
