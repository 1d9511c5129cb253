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
import { setImmediate as yieldToRequests } from 'node:timers/promises'
import { organisationActivityWhere } from '../access/activity.server'
import { loadActivity, type LoadedActivity } from '../activity/feed.server'
import { readerLocale } from '../calendar/ical.server'
import { db } from '../db/db.server'
import { queueMail } from '../mail/outbox.server'
import { deliveryOf, inviteesOf, readerSelect, type Invitees, type Reader } from './audience.server'
import { digestMail, type DigestEntry, type LineCache, type NotificationMail } from './mails.server'
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

/** People whose digests are written in one transaction: fewer commits, each still all or nothing. */
const PEOPLE_PER_TRANSACTION = 20

type Due = { person: DigestReader; daily: Date | null; weekly: Date | null }
type Composed = Due & { dailyMail: NotificationMail | null; weeklyMail: NotificationMail | null }

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
  // Due by the settled time, so the cursor (moved to it) is never before the moment it covers. The
  // moments depend on the hour and weekday only: worked out once each.
  const moments = new Map<string, Date>()
  const moment = (key: string, work: () => Date) => {
    let found = moments.get(key)
    if (!found) moments.set(key, (found = work()))
    return found
  }
  const due: Due[] = people.flatMap((person) => {
    const daily = moment(`d${person.digestHour}`, () => lastDailyDigestAt(person.digestHour, until))
    const weekly = moment(`w${person.digestWeekday}:${person.digestHour}`, () =>
      lastWeeklyDigestAt(person.digestWeekday, person.digestHour, until),
    )
    const dailyDue = daily > person.digestCursor
    const weeklyDue = weekly > person.weeklyDigestCursor
    return dailyDue || weeklyDue
      ? [{ person, daily: dailyDue ? daily : null, weekly: weeklyDue ? weekly : null }]
      : []
  })
  const run: DigestRun = { people: due.length, digests: 0 }
  const byOrganisation = new Map<string, Due[]>()
  for (const entry of due) {
    const list = byOrganisation.get(entry.person.organisationId)
    if (list) list.push(entry)
    else byOrganisation.set(entry.person.organisationId, [entry])
  }
  if (due.length === 0) return run
  const sinceOf = (group: Due[]) =>
    new Date(
      Math.min(
        ...group.flatMap(({ person, daily, weekly }) => [
          daily ? person.digestCursor.getTime() : Infinity,
          weekly ? person.weeklyDigestCursor.getTime() : Infinity,
        ]),
      ),
    )
  // The events are read once for everyone; what each organisation may read of them is asked per
  // organisation below, as ids (the access rule stays in app/modules/access/activity.server.ts).
  const all = await loadActivity(
    { createdAt: { gt: sinceOf(due), lte: until } },
    { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
  )
  const invitees = await inviteesOf([
    ...new Set(all.map((e) => e.event.meetingId).filter((id): id is string => !!id)),
  ])
  // A line of a digest is the same for everyone who reads it in the same language.
  const lines: LineCache = new Map()
  for (const [organisationId, group] of byOrganisation) {
    const since = sinceOf(group)
    const readable = new Set(
      (
        await db.activityEvent.findMany({
          where: {
            AND: [
              organisationActivityWhere(organisationId),
              { createdAt: { gt: since, lte: until } },
            ],
          },
          select: { id: true },
        })
      ).map((e) => e.id),
    )
    const events = all.filter((e) => readable.has(e.event.id))
    for (let i = 0; i < group.length; i += PEOPLE_PER_TRANSACTION) {
      const composed: Composed[] = []
      for (const entry of group.slice(i, i + PEOPLE_PER_TRANSACTION)) {
        composed.push(compose(entry, events, invitees, lines))
        // Composing is CPU work in the server's process: requests get their turn between people.
        await yieldToRequests()
      }
      run.digests += await write(composed, until)
    }
  }
  return run
}

/** The person's due digests from the organisation's events (null: nothing for them in it). */
function compose(
  entry: Due,
  events: LoadedActivity[],
  invitees: Map<string, Invitees>,
  lines: LineCache,
): Composed {
  const { person } = entry
  const daily: DigestEntry[] = []
  const weekly: DigestEntry[] = []
  for (const { item, event } of events) {
    const how = deliveryOf(
      person,
      event,
      event.meetingId ? invitees.get(event.meetingId) : undefined,
    )
    if (!how) continue
    if (entry.daily && how.delivery === 'daily' && event.createdAt > person.digestCursor) {
      daily.push({ item, kind: how.kind })
    }
    if (entry.weekly && how.delivery === 'weekly' && event.createdAt > person.weeklyDigestCursor) {
      weekly.push({ item, kind: how.kind })
    }
  }
  const locale = readerLocale(person)
  const mail = (entries: DigestEntry[], period: 'daily' | 'weekly') =>
    entries.length ? digestMail({ entries, period, reader: person, locale, lines }) : null
  return { ...entry, dailyMail: mail(daily, 'daily'), weeklyMail: mail(weekly, 'weekly') }
}

/**
 * Moves the cursors and queues the mails of these people in one transaction; the number queued. A
 * cursor moves only from the value read, so a second builder at the same time changes nothing, and a
 * mail is queued only with its cursor's move.
 */
async function write(composed: Composed[], until: Date): Promise<number> {
  let queued = 0
  await db.$transaction(async (tx) => {
    for (const { person, daily, weekly, dailyMail, weeklyMail } of composed) {
      for (const [at, mail, period, cursor] of [
        [daily, dailyMail, 'daily', 'digestCursor'],
        [weekly, weeklyMail, 'weekly', 'weeklyDigestCursor'],
      ] as const) {
        if (!at) continue
        const moved = await tx.user.updateMany({
          where: { id: person.id, [cursor]: person[cursor] },
          data: { [cursor]: until },
        })
        if (!moved.count || !mail) continue
        await queueMail(tx, {
          key: `digest:${period}:${person.id}:${at.toISOString()}`,
          to: person.email,
          category: 'digest',
          mail,
        })
        queued++
      }
    }
  })
  return queued
}
