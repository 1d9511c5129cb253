/**
 * A user's own calendar: their coming meetings across all their networks (the "Mijn agenda" page),
 * and the personal subscription feed that calendar programs fetch with a secret link.
 */
import { randomBytes } from 'node:crypto'
import { notFound, type CurrentUser } from '../access/access.server'
import { hashFeedToken, visibleMeetingsWhere, type MeetingAccess } from '../access/meetings.server'
import { auditBy } from '../audit/audit.server'
import { db } from '../db/db.server'
import type { Prisma } from '../db/generated/client'
import { calendarMeetingSelect, type CalendarMeeting } from './ical.server'

type Viewer = Pick<CurrentUser, 'id' | 'organisation'>

/** The most a feed holds; a network with years of weekly meetings still gives a file calendars accept. */
export const FEED_MEETING_LIMIT = 500
/** How far back a feed goes, so last quarter's meetings (and their changes) stay in calendars. */
export const FEED_DAYS_BACK = 90

/** The address a calendar program subscribes to. */
export function feedUrl(origin: string, token: string): string {
  return `${origin}/agenda/feed/${token}/zwin.ics`
}

export async function getFeed(user: Viewer): Promise<{ createdAt: Date } | null> {
  return db.calendarFeed.findUnique({ where: { userId: user.id }, select: { createdAt: true } })
}

/**
 * A new secret link for the user's feed; an earlier link stops working at once (one feed per user).
 * Returns the token: it exists only in this answer, the database keeps its sha256.
 */
export async function createFeedToken(user: Viewer): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  const tokenHash = hashFeedToken(token)
  await db.$transaction(async (tx) => {
    const replaced = await tx.calendarFeed.deleteMany({ where: { userId: user.id } })
    await tx.calendarFeed.create({ data: { userId: user.id, tokenHash } })
    await auditBy(
      user,
      'calendarFeed.created',
      { type: 'CalendarFeed', id: user.id },
      { replaced: replaced.count > 0 },
      tx,
    )
  })
  return token
}

/** Stops the user's feed; false when there was none. */
export async function revokeFeed(user: Viewer): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const removed = await tx.calendarFeed.deleteMany({ where: { userId: user.id } })
    if (removed.count === 0) return false
    await auditBy(user, 'calendarFeed.revoked', { type: 'CalendarFeed', id: user.id }, {}, tx)
    return true
  })
}

/**
 * Stops a user's feed as part of ending their access (app/modules/accounts/end-access.server.ts), in
 * the caller's transaction; the caller audits. True when there was one.
 */
export async function removeFeedOf(
  userId: string,
  client: Prisma.TransactionClient = db,
): Promise<boolean> {
  const removed = await client.calendarFeed.deleteMany({ where: { userId } })
  return removed.count > 0
}

/**
 * The meetings in a user's feed: those they may see, from FEED_DAYS_BACK days ago on, cancelled ones
 * included so that calendars take them out. Never drafts, not even for the people preparing them: a
 * feed lives on in calendar apps, phones and shared calendars beyond our access checks, and a draft
 * there would reach people who may not see it yet, and stay there after it changed or was dropped.
 *
 * Over the limit the earliest ones give way: the `limit` latest-starting meetings are taken, so what
 * is still to come is always in, and the file lists them from the earliest on.
 */
export async function feedMeetings(
  viewer: Viewer,
  now = new Date(),
  limit = FEED_MEETING_LIMIT,
): Promise<CalendarMeeting[]> {
  const latest = await db.meeting.findMany({
    where: {
      AND: [
        visibleMeetingsWhere(viewer),
        { status: { not: 'draft' } },
        { endsAt: { gte: new Date(now.getTime() - FEED_DAYS_BACK * 86_400_000) } },
      ],
    },
    orderBy: [{ startsAt: 'desc' }, { id: 'desc' }],
    take: limit,
    select: calendarMeetingSelect,
  })
  return latest.reverse()
}

/** The meeting of `access` as its calendar entry needs it, still scoped to what the user may see. */
export async function findCalendarMeeting(
  user: Viewer,
  access: MeetingAccess,
): Promise<CalendarMeeting> {
  const meeting = await db.meeting.findFirst({
    where: { id: access.meeting.id, networkId: access.network.id, ...visibleMeetingsWhere(user) },
    select: calendarMeetingSelect,
  })
  // Only when it was deleted a moment ago.
  if (!meeting) throw notFound()
  return meeting
}
