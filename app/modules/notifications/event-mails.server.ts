/*
 * The mails that go out at once for an activity event. The event itself is written in the transaction
 * of the change (app/modules/activity/record.server.ts): it is the durable record that mail is owed. Here
 * each new event is claimed (notifiedAt set) in one transaction with the mails it causes, queued in the
 * outbox under a key per event and person: a crash before the commit leaves the event unclaimed and
 * nothing queued, so the next run does it all; a second run finds it claimed. The outbox then sends each
 * mail once (docs/decisions/0015-mail-outbox.md).
 */
import { setImmediate as yieldToRequests } from 'node:timers/promises'
import { readerLocale } from '../calendar/ical.server'
import { loadActivity } from '../activity/feed.server'
import { db } from '../db/db.server'
import { queueMail } from '../mail/outbox.server'
import { deliveryOf, inviteesOf, readersOf } from './audience.server'
import { eventMail } from './mails.server'

/** Events handled per run; the rest wait for the next (a run is every few seconds). */
const EVENTS_PER_RUN = 50

/** Queues the mails of events not yet handled; the number of mails queued. */
export async function queueEventMails(now = new Date()): Promise<number> {
  const loaded = await loadActivity(
    { notifiedAt: null, createdAt: { lte: now } },
    { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: EVENTS_PER_RUN },
  )
  let queued = 0
  const invitees = await inviteesOf([
    ...new Set(loaded.map((l) => l.event.meetingId).filter((id): id is string => !!id)),
  ])
  for (const { item, event } of loaded) {
    // Between events, requests get their turn (this runs in the server's process).
    await yieldToRequests()
    const readers = await readersOf(event)
    const mails = readers.flatMap((reader) => {
      const how = deliveryOf(
        reader,
        event,
        event.meetingId ? invitees.get(event.meetingId) : undefined,
      )
      if (!how || how.delivery !== 'immediately' || how.invitationMail) return []
      return [{ reader, kind: how.kind }]
    })
    await db.$transaction(async (tx) => {
      const claimed = await tx.activityEvent.updateMany({
        where: { id: event.id, notifiedAt: null },
        data: { notifiedAt: now },
      })
      if (claimed.count === 0) return
      for (const { reader, kind } of mails) {
        await queueMail(tx, {
          key: `event:${event.id}:${reader.id}`,
          to: reader.email,
          category: 'notification',
          mail: eventMail({ item, kind, reader, locale: readerLocale(reader) }),
        })
        queued++
      }
    })
  }
  return queued
}
