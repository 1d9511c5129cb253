/*
 * Who sees which meeting, and who may prepare it.
 *  - A meeting is visible to the people of the network's current member organisations once it is no
 *    longer a draft; a draft only to the network's coordinators and secretaries.
 *  - The coordinators and secretaries of a network prepare its meetings (agenda, documents, invitations,
 *    decisions, minutes).
 *  - A reply (RSVP) comes from a person whose organisation is invited, or who is invited by name.
 *  - An action item may be closed by the meeting's preparers and by the organisation it is assigned to.
 *  - In a written round on the minutes, the invited organisations answer (one answer each, by any
 *    of their people): those invited as a whole and those of people invited by name.
 * Documents attached to a meeting keep their own audience: see documents.server.ts.
 */
import { createHash } from 'node:crypto'
import { db } from '../db/db.server'
import { Prisma } from '../db/generated/client'
import {
  deny,
  memberNetworkIdsSql,
  notFound,
  requireNetworkAccess,
  visibleNetworksWhere,
  type CurrentUser,
  type NetworkAccess,
} from './access.server'
import type { NetworkRoleName } from './roles'

/** The roles that prepare a network's meetings and see its drafts. */
export const meetingPreparerRoles: readonly NetworkRoleName[] = ['coordinator', 'secretary']

type Viewer = Pick<CurrentUser, 'id' | 'organisation'>

/**
 * The meetings the user may see, in any of their networks. Wrapped in AND, so a caller that spreads it
 * next to its own `OR` or `network` cannot replace part of the rule.
 */
export function visibleMeetingsWhere(user: Viewer) {
  return {
    AND: [
      { network: visibleNetworksWhere(user) },
      {
        OR: [
          { status: { not: 'draft' } },
          {
            network: {
              roles: { some: { userId: user.id, role: { in: [...meetingPreparerRoles] } } },
            },
          },
        ],
      },
    ],
  }
}

/**
 * visibleMeetingsWhere as an SQL condition on the alias `m` (a Meeting row), for raw queries (the
 * meeting search). The memberships and roles are read in the same statement.
 */
export function visibleMeetingsSql(user: Viewer, now = new Date()): Prisma.Sql {
  return Prisma.sql`m."networkId" IN (${memberNetworkIdsSql(user.organisation.id, now)})
    AND (m."status" <> 'draft' OR m."networkId" IN (
      SELECT r."networkId" FROM "NetworkRole" r
      WHERE r."userId" = ${user.id} AND r."role" IN (${Prisma.join([...meetingPreparerRoles])})))`
}

export function canPrepareMeetings(access: NetworkAccess): boolean {
  return access.roles.some((r) => meetingPreparerRoles.includes(r))
}

export type MeetingAccess = NetworkAccess & {
  meeting: {
    id: string
    title: string
    status: string
    startsAt: Date
    endsAt: Date
    version: number
    sequence: number
  }
  /** Coordinators and secretaries of the network. */
  canPrepare: boolean
}

const meetingSelect = {
  id: true,
  title: true,
  status: true,
  startsAt: true,
  endsAt: true,
  version: true,
  sequence: true,
} as const

/** A meeting the user may see, in the named network; 404 (logged) for anything else. */
export async function requireMeetingAccess(
  user: CurrentUser,
  networkSlug: string,
  meetingId: string,
): Promise<MeetingAccess> {
  const access = await requireNetworkAccess(user, networkSlug)
  const meeting = await db.meeting.findFirst({
    where: { id: meetingId, networkId: access.network.id, ...visibleMeetingsWhere(user) },
    select: meetingSelect,
  })
  if (!meeting) throw await deny(user, 'Meeting', meetingId)
  return { ...access, meeting, canPrepare: canPrepareMeetings(access) }
}

/** As requireMeetingAccess, for the network's coordinators and secretaries. */
export async function requireMeetingPreparer(
  user: CurrentUser,
  networkSlug: string,
  meetingId: string,
): Promise<MeetingAccess> {
  const access = await requireMeetingAccess(user, networkSlug, meetingId)
  if (!access.canPrepare) throw await deny(user, 'Meeting', meetingId, { needed: 'preparer' })
  return access
}

/** Creating a meeting, and the network's meeting list with drafts: coordinators and secretaries. */
export async function requireMeetingCreator(user: CurrentUser, networkSlug: string) {
  const access = await requireNetworkAccess(user, networkSlug)
  if (!canPrepareMeetings(access)) {
    throw await deny(user, 'Network', networkSlug, { needed: 'preparer' })
  }
  return access
}

/** An agenda item of the meeting in `access`; 404 (logged) for an item of any other meeting. */
export async function requireAgendaItem(user: CurrentUser, access: MeetingAccess, itemId: string) {
  const item = await db.agendaItem.findFirst({
    where: { id: itemId, meetingId: access.meeting.id },
    select: { id: true, parentId: true, position: true, title: true },
  })
  if (!item) throw await deny(user, 'AgendaItem', itemId)
  return item
}

/**
 * Whether the user may reply to the invitation: the meeting is published (not a draft, not cancelled,
 * not yet over), and their organisation is invited or they are invited by name.
 */
export async function mayRespond(user: Viewer, meetingId: string): Promise<boolean> {
  const meeting = await db.meeting.findFirst({
    where: {
      id: meetingId,
      status: 'published',
      endsAt: { gt: new Date() },
      ...visibleMeetingsWhere(user),
      OR: [
        { invitations: { some: { organisationId: user.organisation.id } } },
        { attendance: { some: { userId: user.id, invited: true } } },
      ],
    },
    select: { id: true },
  })
  return meeting !== null
}

/** The organisations that answer in a written round on the meeting's minutes, for a `where`. */
export function minutesRoundOrganisationsWhere(meetingId: string) {
  return {
    OR: [
      { meetingInvitations: { some: { meetingId } } },
      { meetingAttendance: { some: { meetingId, invited: true } } },
    ],
  }
}

/** Whether the user answers for their organisation in a written round on this meeting's minutes. */
export async function mayAnswerMinutesRound(user: Viewer, access: MeetingAccess): Promise<boolean> {
  const invited = await db.organisation.count({
    where: { id: user.organisation.id, ...minutesRoundOrganisationsWhere(access.meeting.id) },
  })
  return invited > 0
}

/** The action items the user may see: those agreed in meetings they may see. */
export function visibleActionItemsWhere(user: Viewer) {
  return { meeting: visibleMeetingsWhere(user) }
}

/**
 * An action item of the named network that the user may close or reopen: the network's preparers, or
 * people of the organisation it is assigned to. 404 (logged) otherwise.
 */
export async function requireActionItemUpdater(
  user: CurrentUser,
  networkSlug: string,
  actionItemId: string,
) {
  const access = await requireNetworkAccess(user, networkSlug)
  const item = await db.actionItem.findFirst({
    where: { id: actionItemId, networkId: access.network.id, ...visibleActionItemsWhere(user) },
    select: { id: true, organisationId: true, status: true, meetingId: true },
  })
  if (!item) throw await deny(user, 'ActionItem', actionItemId)
  if (!canPrepareMeetings(access) && item.organisationId !== user.organisation.id) {
    throw await deny(user, 'ActionItem', actionItemId, { needed: 'assignee' })
  }
  return { ...access, actionItem: item }
}

export function hashFeedToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/**
 * The owner of a calendar feed token, as a viewer for visibleMeetingsWhere. A revoked or unknown token,
 * or a disabled account, answers 404 like any unknown address.
 */
export async function requireFeedOwner(token: string): Promise<Viewer & { locale: string | null }> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw notFound()
  const feed = await db.calendarFeed.findUnique({
    where: { tokenHash: hashFeedToken(token) },
    select: {
      user: {
        select: {
          id: true,
          locale: true,
          disabledAt: true,
          organisation: {
            select: { id: true, slug: true, name: true, country: true, defaultLocale: true },
          },
        },
      },
    },
  })
  if (!feed || feed.user.disabledAt) throw notFound()
  const { disabledAt: _disabled, ...viewer } = feed.user
  return viewer
}
