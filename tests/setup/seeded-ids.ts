/**
 * Ids of demo-seed rows by their stable names (slugs, e-mail addresses, titles), for integration tests
 * against the seeded database. Each takes the caller's own keys: `organisationIds(db, { knokke:
 * 'knokke-heist' })` gives `{ knokke: '<id>' }`.
 */
import { seededMeetingTitles } from '../../prisma/seed-meetings'
import type { Db } from '../../app/modules/db/db.server'

async function idsOf<K extends string>(
  names: Record<K, string>,
  find: (name: string) => Promise<{ id: string }>,
): Promise<Record<K, string>> {
  const entries = await Promise.all(
    Object.entries<string>(names).map(async ([key, name]) => [key, (await find(name)).id] as const),
  )
  return Object.fromEntries(entries) as Record<K, string>
}

export function organisationIds<K extends string>(db: Db, slugs: Record<K, string>) {
  return idsOf(slugs, (slug) => db.organisation.findUniqueOrThrow({ where: { slug } }))
}

export function networkIds<K extends string>(db: Db, slugs: Record<K, string>) {
  return idsOf(slugs, (slug) => db.network.findUniqueOrThrow({ where: { slug } }))
}

export function userIds<K extends string>(db: Db, emails: Record<K, string>) {
  return idsOf(emails, (email) => db.user.findUniqueOrThrow({ where: { email } }))
}

/** The GOS demo meetings: held, published and draft (prisma/seed-meetings.ts). */
export function seededMeetingIds(db: Db) {
  return idsOf(seededMeetingTitles, (title) =>
    db.meeting.findFirstOrThrow({ where: { network: { slug: 'gos' }, title } }),
  )
}
