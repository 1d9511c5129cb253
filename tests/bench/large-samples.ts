/**
 * The people the page bench signs in as on the large data set (large-generate.ts), and for each the
 * pages it opens there, read from the generated database so the bench does not guess ids.
 */
import path from 'node:path'
import Database from 'better-sqlite3'

/** The three people the page bench signs in as (demo logins, README.md). */
export const LARGE_PERSONAS = {
  /** De Wolden: a member of one small network, P10, and of no other. */
  smallNetworkMember: 'lid.dewolden@example.org',
  /** The coordinator of GOS, one of the three large networks. */
  gosCoordinator: 'coordinator.gos@example.org',
  /** Sluis, a member of every network, without a role. */
  everyNetwork: 'lid.sluis@example.org',
} as const
export type LargePersona = keyof typeof LARGE_PERSONAS

/** The network whose pages the bench opens for each persona. */
const personaNetwork: Record<LargePersona, string> = {
  smallNetworkMember: 'p10',
  gosCoordinator: 'gos',
  everyNetwork: 'zeeuws-vlaanderen',
}

/** Words for the bench's searches: one in most documents, one in a few dozen (at scale 1). */
export const LARGE_SEARCH_WORDS = { common: 'samenwerking', rare: 'oesterkwekerij' } as const

/** The documents list shows this many a page (app/modules/documents/queries.server.ts). */
const DOCUMENTS_PAGE_SIZE = 25
export type LargeSamplePaths = {
  persona: LargePersona
  email: string
  /** The slug of the network the paths are in. */
  network: string
  /** Documents of that network the persona sees, and so the pages of its documents list. */
  visibleDocuments: number
  documentPages: number
  /** Hits of the two search words over all documents (the persona sees a part of them). */
  searchHits: { common: number; rare: number }
  /** Items on the agenda of the sample meeting. */
  meetingAgendaItems: number
  paths: {
    dashboard: string
    network: string
    meetings: string
    meeting: string
    documents: string
    /** Page 50 of the documents list; past the last page the app shows the last one. */
    documentsPage50: string
    searchCommon: string
    searchRare: string
    project: string
    goal: string
    programme: string
    /** The persona's activity feed over all networks, and that of the network. */
    activity: string
    networkActivity: string
  }
}

/**
 * What the page bench opens as `persona` in the data folder: the persona's network, a held meeting
 * of it with 12 agenda items (or as near as there is), one of its projects and that project's goal
 * with the most measurements, and the documents list's page 50. Read from the database, so the bench
 * does not guess ids.
 */
export function largeSamplePaths(dataDir: string, persona: LargePersona): LargeSamplePaths {
  const sqlite = new Database(path.join(dataDir, 'zwin.sqlite'), { readonly: true })
  try {
    const email = LARGE_PERSONAS[persona]
    const slug = personaNetwork[persona]
    const user = sqlite.prepare('SELECT organisationId FROM User WHERE email = ?').get(email) as
      { organisationId: string } | undefined
    if (!user) throw new Error(`${dataDir} has no user ${email}`)
    const network = sqlite
      .prepare(
        `SELECT n.id FROM Network n JOIN NetworkMembership m ON m.networkId = n.id
         WHERE n.slug = ? AND m.organisationId = ? AND m.activeTo IS NULL`,
      )
      .get(slug, user.organisationId) as { id: string } | undefined
    if (!network) throw new Error(`${email} is not a member of the network ${slug}`)
    const { visible } = sqlite
      .prepare(
        `SELECT count(*) AS visible FROM Document d
         WHERE d.networkId = ? AND d.deletedAt IS NULL
           AND (d.audience = 'network' OR d.ownerOrganisationId = ?
                OR EXISTS (SELECT 1 FROM DocumentAudience a WHERE a.documentId = d.id AND a.organisationId = ?))`,
      )
      .get(network.id, user.organisationId, user.organisationId) as { visible: number }
    const meeting = sqlite
      .prepare(
        `SELECT m.id, count(i.id) AS items FROM Meeting m JOIN AgendaItem i ON i.meetingId = m.id
         WHERE m.networkId = ? AND m.status IN ('held', 'minutes_approved')
         GROUP BY m.id ORDER BY abs(count(i.id) - 12), m.startsAt DESC LIMIT 1`,
      )
      .get(network.id) as { id: string; items: number } | undefined
    const goal = sqlite
      .prepare(
        `SELECT g.id, g.projectId FROM Goal g JOIN Project p ON p.id = g.projectId
         WHERE g.networkId = ? AND p.status = 'active'
         ORDER BY (SELECT count(*) FROM Measurement m WHERE m.goalId = g.id) DESC, g.id LIMIT 1`,
      )
      .get(network.id) as { id: string; projectId: string } | undefined
    if (!meeting || !goal)
      throw new Error(`The network ${slug} has no held meeting or no project goal`)
    const hits = (word: string) =>
      (
        sqlite
          .prepare('SELECT count(*) AS n FROM "DocumentSearch" WHERE "DocumentSearch" MATCH ?')
          .get(`"${word}"`) as { n: number }
      ).n
    const base = `/netwerken/${slug}`
    return {
      persona,
      email,
      network: slug,
      visibleDocuments: visible,
      documentPages: Math.max(1, Math.ceil(visible / DOCUMENTS_PAGE_SIZE)),
      searchHits: { common: hits(LARGE_SEARCH_WORDS.common), rare: hits(LARGE_SEARCH_WORDS.rare) },
      meetingAgendaItems: meeting.items,
      paths: {
        dashboard: '/',
        network: base,
        meetings: `${base}/vergaderingen`,
        meeting: `${base}/vergaderingen/${meeting.id}`,
        documents: `${base}/documenten`,
        documentsPage50: `${base}/documenten?pagina=50`,
        searchCommon: `/zoeken?q=${encodeURIComponent(LARGE_SEARCH_WORDS.common)}`,
        searchRare: `/zoeken?q=${encodeURIComponent(LARGE_SEARCH_WORDS.rare)}`,
        project: `${base}/projecten/${goal.projectId}`,
        goal: `${base}/doelen/${goal.id}`,
        programme: `${base}/programma`,
        activity: '/activiteit',
        networkActivity: `${base}/activiteit`,
      },
    }
  } finally {
    sqlite.close()
  }
}
