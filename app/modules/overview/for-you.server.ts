/*
 * "Voor u" (For you) on the dashboard: what needs the signed-in person, across all their networks. Each
 * list uses the access rules of app/modules/access, so it holds only what the person may open, and each
 * entry links to the page where it is dealt with.
 */
import type { CurrentUser } from '../access/access.server'
import {
  scopedActionItemsSql,
  scopedDocumentsSql,
  scopedMeetingsWhere,
  withScopeNetwork,
  type AccessScope,
  type NetworkLabel,
} from '../access/scope.server'
import { db, sqlTimestamp } from '../db/db.server'
import { Prisma } from '../db/generated/client'
import { missingMeasurements } from '../goals/reporting.server'
import { startOfToday } from '../minutes/actions.server'
import type { RsvpResponse } from '../meetings/types'
import { visitSince } from './visits.server'

/** Entries shown per list; the rest are counted and reached through the list's own page. */
const SHOWN = 5
const SHOWN_ACTIONS = 10

export type ReplyCounts = Record<RsvpResponse | 'none', number>

export type ForYou = Awaited<ReturnType<typeof forYou>>

/** What needs the person, within their access scope (app/modules/access/scope.server.ts). */
export async function forYou(user: CurrentUser, scope: AccessScope, now = new Date()) {
  const since = await visitSince(user.id, now)
  const [actionItems, invitations, preparing, newDocuments, minutes, measurements] =
    await Promise.all([
      openActionItems(user, scope, now),
      invitationsAwaitingReply(user, scope, now),
      meetingsIPrepare(scope, now),
      documentsSharedSince(user, scope, since),
      minutesAwaitingApproval(user, scope, now),
      measurementsMissing(scope, now),
    ])
  const allDone =
    actionItems.total === 0 &&
    invitations.length === 0 &&
    preparing.length === 0 &&
    newDocuments.total === 0 &&
    minutes.length === 0 &&
    measurements.length === 0
  return {
    actionItems,
    invitations,
    preparing,
    newDocuments,
    minutes,
    measurements,
    since,
    allDone,
  }
}

/**
 * My organisation's open action items in all my networks: overdue first, then by due date, undated
 * last. One statement: the first ones with their meetings' titles, and how many there are in all.
 */
async function openActionItems(user: CurrentUser, scope: AccessScope, now: Date) {
  const today = startOfToday(now)
  const rows = await db.$queryRaw<
    {
      id: string
      description: string
      dueDate: string | null
      networkId: string
      meetingId: string
      meetingTitle: string
      total: number | bigint
    }[]
  >`
    SELECT a."id", a."description", a."dueDate", a."networkId", m."id" AS "meetingId",
      m."title" AS "meetingTitle", COUNT(*) OVER () AS "total"
    FROM "ActionItem" a JOIN "Meeting" m ON m."id" = a."meetingId"
    WHERE ${scopedActionItemsSql(scope)}
      AND a."organisationId" = ${user.organisation.id} AND a."status" = 'open'
    ORDER BY a."dueDate" IS NULL, a."dueDate", a."createdAt", a."id"
    LIMIT ${SHOWN_ACTIONS}`
  return {
    total: Number(rows[0]?.total ?? 0),
    items: rows.map(({ meetingId, meetingTitle, total: _total, ...row }) => {
      const item = withScopeNetwork(scope, row)
      const dueDate = row.dueDate === null ? null : new Date(row.dueDate)
      return {
        ...item,
        dueDate,
        meeting: { id: meetingId, title: meetingTitle },
        overdue: dueDate !== null && dueDate < today,
        // The network's action list shows the user's own organisation's items by default.
        href: `/netwerken/${item.network.slug}/acties`,
      }
    }),
  }
}

/** Published meetings still to come to which I (or my organisation) am invited and have not replied. */
async function invitationsAwaitingReply(user: CurrentUser, scope: AccessScope, now: Date) {
  const rows = await db.meeting.findMany({
    where: {
      AND: [
        scopedMeetingsWhere(scope),
        { status: 'published', endsAt: { gt: now } },
        {
          OR: [
            { invitations: { some: { organisationId: user.organisation.id } } },
            { attendance: { some: { userId: user.id, invited: true } } },
          ],
        },
        { attendance: { none: { userId: user.id, response: { not: null } } } },
      ],
    },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    take: SHOWN,
    select: meetingSelect,
  })
  return rows.map((row) => withMeetingHref(withScopeNetwork(scope, row)))
}

/** Meetings still to come in the networks where I prepare meetings, with how the invitees replied. */
async function meetingsIPrepare(scope: AccessScope, now: Date) {
  if (scope.preparerNetworkIds.length === 0) return []
  const rows = await db.meeting.findMany({
    where: {
      AND: [
        scopedMeetingsWhere(scope),
        { networkId: { in: scope.preparerNetworkIds }, status: 'published', endsAt: { gt: now } },
      ],
    },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    take: SHOWN,
    select: meetingSelect,
  })
  const counts = await replyCounts(rows.map((r) => r.id))
  return rows.map((row) => ({
    ...withMeetingHref(withScopeNetwork(scope, row)),
    replies: counts.get(row.id)!,
  }))
}

/**
 * How the invitees of these meetings replied. The invitees are those the invitation mail went to: the
 * people invited by name, and the active people of an invited organisation none of whose people is
 * invited by name. A reply of someone else counts too (anyone of an invited organisation may reply),
 * but does not answer for an invitee. One statement for all the meetings together, counted by the
 * database from indexes (a large meeting has hundreds of invitees): one row per meeting.
 */
export async function replyCounts(meetingIds: string[]): Promise<Map<string, ReplyCounts>> {
  const result = new Map<string, ReplyCounts>(
    meetingIds.map((id) => [id, { yes: 0, no: 0, maybe: 0, delegate: 0, none: 0 }]),
  )
  if (meetingIds.length === 0) return result
  const ids = Prisma.join(meetingIds)
  const rows = await db.$queryRaw<
    Record<keyof ReplyCounts | 'meetingId', string | number | bigint>[]
  >`
    WITH "byName" AS (
      SELECT DISTINCT a."meetingId", a."organisationId" FROM "MeetingAttendance" a
      WHERE a."meetingId" IN (${ids}) AND a."invited"
    ), "whole" AS (
      SELECT i."meetingId", i."organisationId" FROM "MeetingInvitation" i
      WHERE i."meetingId" IN (${ids}) AND NOT EXISTS (
        SELECT 1 FROM "byName" b
        WHERE b."meetingId" = i."meetingId" AND b."organisationId" = i."organisationId")
    ), "perOrganisation" AS (
      SELECT a."meetingId", a."organisationId",
        COUNT(*) FILTER (WHERE a."response" = 'yes') AS "yes",
        COUNT(*) FILTER (WHERE a."response" = 'no') AS "no",
        COUNT(*) FILTER (WHERE a."response" = 'maybe') AS "maybe",
        COUNT(*) FILTER (WHERE a."response" = 'delegate') AS "delegate",
        COUNT(*) FILTER (WHERE a."invited") AS "byName",
        COUNT(*) FILTER (WHERE a."invited" AND a."response" IS NOT NULL) AS "answeredByName",
        COUNT(*) FILTER (WHERE a."response" IS NOT NULL) AS "answered"
      FROM "MeetingAttendance" a
      WHERE a."meetingId" IN (${ids}) AND (a."invited" OR a."response" IS NOT NULL)
      GROUP BY a."meetingId", a."organisationId"
    ), "answers" AS (
      -- In a wholly invited organisation every reply answers for an invitee, elsewhere only those of
      -- the people invited by name.
      SELECT o."meetingId", SUM(o."yes") AS "yes", SUM(o."no") AS "no", SUM(o."maybe") AS "maybe",
        SUM(o."delegate") AS "delegate", SUM(o."byName") AS "byName",
        SUM(CASE WHEN w."organisationId" IS NULL THEN o."answeredByName" ELSE o."answered" END)
          AS "answered"
      FROM "perOrganisation" o
      LEFT JOIN "whole" w
        ON w."meetingId" = o."meetingId" AND w."organisationId" = o."organisationId"
      GROUP BY o."meetingId"
    ), "people" AS (
      SELECT w."meetingId", COUNT(*) AS "people" FROM "whole" w
      JOIN "User" u ON u."organisationId" = w."organisationId" AND u."disabledAt" IS NULL
      GROUP BY w."meetingId"
    )
    SELECT m."id" AS "meetingId",
      COALESCE(x."yes", 0) AS "yes", COALESCE(x."no", 0) AS "no",
      COALESCE(x."maybe", 0) AS "maybe", COALESCE(x."delegate", 0) AS "delegate",
      COALESCE(p."people", 0) + COALESCE(x."byName", 0) - COALESCE(x."answered", 0) AS "none"
    FROM "Meeting" m
    LEFT JOIN "answers" x ON x."meetingId" = m."id"
    LEFT JOIN "people" p ON p."meetingId" = m."id"
    WHERE m."id" IN (${ids})`
  for (const row of rows) {
    result.set(String(row.meetingId), {
      yes: Number(row.yes),
      no: Number(row.no),
      maybe: Number(row.maybe),
      delegate: Number(row.delegate),
      none: Math.max(0, Number(row.none)),
    })
  }
  return result
}

/**
 * Documents other organisations shared with mine since `since` (my visit before this one). One
 * statement: the latest with their owners' names, and how many there are in all.
 */
async function documentsSharedSince(user: CurrentUser, scope: AccessScope, since: Date) {
  const rows = await db.$queryRaw<
    {
      id: string
      title: string
      createdAt: string
      networkId: string
      ownerName: string
      total: number | bigint
    }[]
  >`
    SELECT d."id", d."title", d."createdAt", d."networkId", o."name" AS "ownerName",
      COUNT(*) OVER () AS "total"
    FROM "Document" d JOIN "Organisation" o ON o."id" = d."ownerOrganisationId"
    WHERE ${scopedDocumentsSql(user, scope)}
      AND d."createdAt" > ${sqlTimestamp(since)}
      AND d."ownerOrganisationId" <> ${user.organisation.id}
    ORDER BY d."createdAt" DESC, d."id"
    LIMIT ${SHOWN}`
  return {
    total: Number(rows[0]?.total ?? 0),
    items: rows.map(({ ownerName, total: _total, ...row }) => {
      const d = withScopeNetwork(scope, row)
      return {
        ...d,
        createdAt: new Date(row.createdAt),
        ownerOrganisation: { name: ownerName },
        href: `/netwerken/${d.network.slug}/documenten/${d.id}`,
      }
    }),
  }
}

/**
 * Minutes that wait for me: a written round on the minutes that my organisation is asked to answer and
 * has not (kind `round`), and for those who prepare a network's meetings, held meetings whose minutes are
 * not yet approved (kind `approve`).
 */
async function minutesAwaitingApproval(user: CurrentUser, scope: AccessScope, now: Date) {
  const organisationId = user.organisation.id
  const [rounds, held] = await Promise.all([
    db.minutesRound.findMany({
      where: {
        status: 'open',
        deadline: { gte: startOfToday(now) },
        answers: { none: { organisationId } },
        meeting: {
          AND: [
            scopedMeetingsWhere(scope),
            {
              OR: [
                { invitations: { some: { organisationId } } },
                { attendance: { some: { organisationId, invited: true } } },
              ],
            },
          ],
        },
      },
      orderBy: [{ deadline: 'asc' }, { id: 'asc' }],
      take: SHOWN,
      select: { deadline: true, meeting: { select: meetingSelect } },
    }),
    scope.preparerNetworkIds.length === 0
      ? []
      : db.meeting.findMany({
          where: {
            AND: [
              scopedMeetingsWhere(scope),
              {
                networkId: { in: scope.preparerNetworkIds },
                status: 'held',
                minutesRounds: { none: { status: 'open' } },
              },
            ],
          },
          orderBy: [{ startsAt: 'desc' }, { id: 'asc' }],
          take: SHOWN,
          select: meetingSelect,
        }),
  ])
  return [
    ...rounds.map((r) => ({
      ...withMinutesHref(withScopeNetwork(scope, r.meeting)),
      kind: 'round' as const,
      deadline: r.deadline,
    })),
    ...held.map((m) => ({
      ...withMinutesHref(withScopeNetwork(scope, m)),
      kind: 'approve' as const,
      deadline: null,
    })),
  ]
}

/**
 * For coordinators: the goals of their networks with a reporting period for which partners have not
 * reported a measurement in the current period, with those partners.
 */
async function measurementsMissing(scope: AccessScope, now: Date) {
  if (scope.coordinatorNetworkIds.length === 0) return []
  const goals = await db.goal.findMany({
    where: { networkId: { in: scope.coordinatorNetworkIds }, reportingPeriod: { not: null } },
    select: { id: true, name: true, networkId: true },
  })
  const missing = await missingMeasurements(
    goals.map((g) => g.id),
    now,
  )
  return missing.slice(0, SHOWN).map((gap) => {
    const goal = withScopeNetwork(
      scope,
      goals.find((g) => g.id === gap.goalId)!,
    )
    return {
      id: goal.id,
      name: goal.name,
      network: goal.network,
      period: { firstDay: gap.period.firstDay, lastDay: gap.period.lastDay },
      organisations: gap.organisations.map((o) => o.name),
      href: `/netwerken/${goal.network.slug}/doelen/${goal.id}`,
    }
  })
}

const meetingSelect = {
  id: true,
  title: true,
  startsAt: true,
  endsAt: true,
  networkId: true,
} as const

type MeetingRow = {
  id: string
  title: string
  startsAt: Date
  endsAt: Date
  network: NetworkLabel
}

function withMeetingHref(m: MeetingRow) {
  return { ...m, href: `/netwerken/${m.network.slug}/vergaderingen/${m.id}` }
}

function withMinutesHref(m: MeetingRow) {
  return { ...m, href: `/netwerken/${m.network.slug}/vergaderingen/${m.id}/verslag` }
}
