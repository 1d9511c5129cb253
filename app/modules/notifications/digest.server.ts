/*
 * Daily and weekly digests. A person's digest is due once the last moment they chose (schedule.ts) is
 * later than their cursor (User.digestCursor, User.weeklyDigestCursor): it then holds the events since
 * the cursor that they may read and want in that digest (audience.server.ts), and the cursor moves on in
 * the same transaction that queues the mail, under a key per person and moment: a digest is built once.
 *
 * Events are read per organisation (the access rule depends on the organisation only), so 2,000 people
 * cost some forty reads, not two thousand. Only settled events count: a change still being written a
 * moment ago would otherwise slip behind a cursor that already passed its time.
 */
import { organisationActivityWhere } from '../access/activity.server'
import { loadActivity, type LoadedActivity } from '../activity/feed.server'
import { readerLocale } from '../calendar/ical.server'
import { db } from '../db/db.server'
import { queueMail } from '../mail/outbox.server'
import { deliveryOf, inviteesOf, readerSelect, type Reader } from './audience.server'
import { digestMail, type DigestEntry } from './mails.server'
import { lastDailyDigestAt, lastWeeklyDigestAt } from './schedule'

/** Events younger than this are left for the next digest: their transaction may not have committed. */
const SETTLE_MS = 60_000

type DigestReader = Reader & {
  digestHour: number
  digestWeekday: number
  digestCursor: Date
  weeklyDigestCursor: Date
}

export type DigestRun = { people: number; digests: number }

/** Builds and queues every digest due at `now`. */
export async function queueDueDigests(now = new Date()): Promise<DigestRun> {
  const until = new Date(now.getTime() - SETTLE_MS)
  const people: DigestReader[] = await db.user.findMany({
    where: { disabledAt: null },
    select: {
      ...readerSelect,
      digestHour: true,
      digestWeekday: true,
      digestCursor: true,
      weeklyDigestCursor: true,
    },
  })
  const due = people.flatMap((person) => {
    // Due by the settled time, so the cursor (moved to it) is never before the moment it covers.
    const daily = lastDailyDigestAt(person.digestHour, until)
    const weekly = lastWeeklyDigestAt(person.digestWeekday, person.digestHour, until)
    const dailyDue = daily > person.digestCursor
    const weeklyDue = weekly > person.weeklyDigestCursor
    return dailyDue || weeklyDue
      ? [{ person, daily: dailyDue ? daily : null, weekly: weeklyDue ? weekly : null }]
      : []
  })
  const run: DigestRun = { people: due.length, digests: 0 }
  const byOrganisation = new Map<string, typeof due>()
  for (const entry of due) {
    const list = byOrganisation.get(entry.person.organisationId) ?? []
    list.push(entry)
    byOrganisation.set(entry.person.organisationId, list)
  }
  for (const [organisationId, group] of byOrganisation) {
    const since = new Date(
      Math.min(
        ...group.flatMap(({ person, daily, weekly }) => [
          daily ? person.digestCursor.getTime() : Infinity,
          weekly ? person.weeklyDigestCursor.getTime() : Infinity,
        ]),
      ),
    )
    const events = await loadActivity(
      {
        AND: [organisationActivityWhere(organisationId), { createdAt: { gt: since, lte: until } }],
      },
      { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    )
    const invitees = await inviteesOf([
      ...new Set(events.map((e) => e.event.meetingId).filter((id): id is string => !!id)),
    ])
    for (const { person, daily, weekly } of group) {
      run.digests += await queueDigestsOf(person, events, invitees, { daily, weekly, until })
    }
  }
  return run
}

/** The person's due digests from the organisation's events; the number queued (0, 1 or 2). */
async function queueDigestsOf(
  person: DigestReader,
  events: LoadedActivity[],
  invitees: Map<string, Set<string>>,
  due: { daily: Date | null; weekly: Date | null; until: Date },
): Promise<number> {
  const daily: DigestEntry[] = []
  const weekly: DigestEntry[] = []
  for (const { item, event } of events) {
    const how = deliveryOf(
      person,
      event,
      event.meetingId ? invitees.get(event.meetingId) : undefined,
    )
    if (!how) continue
    if (due.daily && how.delivery === 'daily' && event.createdAt > person.digestCursor) {
      daily.push({ item, kind: how.kind })
    }
    if (due.weekly && how.delivery === 'weekly' && event.createdAt > person.weeklyDigestCursor) {
      weekly.push({ item, kind: how.kind })
    }
  }
  const locale = readerLocale(person)
  let queued = 0
  await db.$transaction(async (tx) => {
    // The cursor moves only from the value read: a second builder at the same time changes nothing.
    if (due.daily) {
      const moved = await tx.user.updateMany({
        where: { id: person.id, digestCursor: person.digestCursor },
        data: { digestCursor: due.until },
      })
      if (moved.count && daily.length) {
        await queueMail(tx, {
          key: `digest:daily:${person.id}:${due.daily.toISOString()}`,
          to: person.email,
          category: 'digest',
          mail: digestMail({ entries: daily, period: 'daily', reader: person, locale }),
        })
        queued++
      }
    }
    if (due.weekly) {
      const moved = await tx.user.updateMany({
        where: { id: person.id, weeklyDigestCursor: person.weeklyDigestCursor },
        data: { weeklyDigestCursor: due.until },
      })
      if (moved.count && weekly.length) {
        await queueMail(tx, {
          key: `digest:weekly:${person.id}:${due.weekly.toISOString()}`,
          to: person.email,
          category: 'digest',
          mail: digestMail({ entries: weekly, period: 'weekly', reader: person, locale }),
        })
        queued++
      }
    }
  })
  return queued
}
