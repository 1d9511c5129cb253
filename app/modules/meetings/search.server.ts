import type { CurrentUser } from '../access/access.server'
import { visibleMeetingsWhere } from '../access/meetings.server'
import { db } from '../db/db.server'
import { searchWords } from '../documents/search.server'

/**
 * Meetings whose title, description or agenda item titles hold every word, among the meetings the user
 * may see (drafts only for their preparers), the latest first (header search); within one network when
 * the search page's network filter is set.
 */
export async function searchMeetings(user: CurrentUser, text: string, networkId?: string) {
  const words = searchWords(text)
  if (words.length === 0) return []
  return db.meeting.findMany({
    where: {
      AND: [
        visibleMeetingsWhere(user),
        ...(networkId ? [{ networkId }] : []),
        ...words.map((w) => ({
          OR: [
            { title: { contains: w } },
            { description: { contains: w } },
            { agendaItems: { some: { title: { contains: w } } } },
          ],
        })),
      ],
    },
    orderBy: { startsAt: 'desc' },
    take: 10,
    select: {
      id: true,
      title: true,
      startsAt: true,
      endsAt: true,
      status: true,
      network: { select: { slug: true, shortName: true } },
    },
  })
}
