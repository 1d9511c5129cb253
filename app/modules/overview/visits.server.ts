/*
 * Visits to the dashboard, for "shared since your last visit". A visit lasts while the person comes back
 * within VISIT_GAP; what is new is counted from the visit before the current one, so a reload does not
 * empty the list the person is reading.
 */
import { db } from '../db/db.server'

const MINUTE = 60_000
/** Away longer than this, and the next dashboard is a new visit. */
const VISIT_GAP = 30 * MINUTE
/** The current visit's time is written at most this often (a write per page view is wasted work). */
const TOUCH_EVERY = 5 * MINUTE
/** A first visit counts documents of the last two weeks as new. */
const FIRST_VISIT_WINDOW = 14 * 24 * 60 * MINUTE

/** Records this dashboard view and returns the moment from which things count as new. */
export async function visitSince(userId: string, now = new Date()): Promise<Date> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { lastVisitAt: true, previousVisitAt: true },
  })
  const last = user.lastVisitAt
  if (!last || now.getTime() - last.getTime() > VISIT_GAP) {
    await db.user.update({
      where: { id: userId },
      data: { previousVisitAt: last, lastVisitAt: now },
    })
    return last ?? new Date(now.getTime() - FIRST_VISIT_WINDOW)
  }
  if (now.getTime() - last.getTime() > TOUCH_EVERY) {
    await db.user.update({ where: { id: userId }, data: { lastVisitAt: now } })
  }
  return user.previousVisitAt ?? new Date(now.getTime() - FIRST_VISIT_WINDOW)
}
