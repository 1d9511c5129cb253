import { visibleNetworksWhere, type CurrentUser } from '../access/access.server'
import { db } from '../db/db.server'
import { searchWords } from '../documents/search.server'

/** Projects whose title or description holds every word, in the user's networks (header search). */
export async function searchProjects(user: CurrentUser, text: string) {
  const words = searchWords(text)
  if (words.length === 0) return []
  return db.project.findMany({
    where: {
      network: visibleNetworksWhere(user),
      AND: words.map((w) => ({
        OR: [{ title: { contains: w } }, { description: { contains: w } }],
      })),
    },
    orderBy: { updatedAt: 'desc' },
    take: 10,
    select: {
      id: true,
      title: true,
      status: true,
      network: { select: { slug: true, shortName: true } },
    },
  })
}
