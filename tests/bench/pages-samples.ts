/**
 * Which pages the page bench (tests/bench/pages.ts) loads for a persona, found by asking the bench's
 * database what that person may see: one of their networks, a meeting of it with the longest agenda,
 * (or, if none has one, its latest), the documents' last page, a project, a goal. The rules follow app/modules/access (a meeting is seen
 * once it is no longer a draft; a document by the whole network, its owner or its chosen audience).
 */
import Database from 'better-sqlite3'

/** Which of the persona's networks the bench looks at. */
export type NetworkChoice = 'smallest' | 'coordinated' | 'largest'

export type SamplePage = { name: string; path: string; note?: string }

export type PersonaSample = { email: string; network: string; pages: SamplePage[] }

/** app/modules/documents/queries.server.ts shows 25 documents a page. */
const DOCUMENTS_PAGE_SIZE = 25
const DOCUMENTS_DEEP_PAGE = 50

/** A word found in many documents, and one in few (tests/bench/dutch-text.ts writes both). */
export const SEARCH_WORDS = { common: 'samenwerking', rare: 'zoutwaterwig' } as const

type NetworkRow = { id: string; slug: string; documents: number; coordinated: number }

export function samplePages(databasePath: string, email: string, choice: NetworkChoice) {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true })
  try {
    return sample(db, email, choice)
  } finally {
    db.close()
  }
}

function sample(db: Database.Database, email: string, choice: NetworkChoice): PersonaSample {
  const now = new Date().toISOString().replace('Z', '+00:00')
  const user = db.prepare('SELECT id, organisationId FROM User WHERE email = ?').get(email) as
    { id: string; organisationId: string } | undefined
  if (!user) throw new Error(`${email} is not in the bench data`)
  const org = user.organisationId

  // The documents this person sees in each of their networks (app/modules/access/documents.server.ts).
  const networks = db
    .prepare(
      `SELECT n.id, n.slug,
         (SELECT count(*) FROM Document d WHERE d.networkId = n.id AND d.deletedAt IS NULL
            AND (d.audience = 'network' OR d.ownerOrganisationId = @org
              OR EXISTS (SELECT 1 FROM DocumentAudience a
                         WHERE a.documentId = d.id AND a.organisationId = @org))) AS documents,
         EXISTS (SELECT 1 FROM NetworkRole r WHERE r.networkId = n.id AND r.userId = @user
                   AND r.role = 'coordinator') AS coordinated
       FROM NetworkMembership m JOIN Network n ON n.id = m.networkId
       WHERE m.organisationId = @org AND m.activeFrom <= @now
         AND (m.activeTo IS NULL OR m.activeTo > @now)
       ORDER BY documents DESC, n.slug`,
    )
    .all({ org, user: user.id, now }) as NetworkRow[]
  const chosen =
    choice === 'largest'
      ? networks[0]
      : choice === 'smallest'
        ? networks.at(-1)
        : networks.find((n) => n.coordinated)
  if (!chosen) throw new Error(`${email} has no ${choice} network in the bench data`)
  // A project or goal in the chosen network, else in the next of their networks that has one.
  const inOrder = [chosen, ...networks.filter((n) => n !== chosen)]
  const base = `/netwerken/${chosen.slug}`

  const meeting = db
    .prepare(
      `SELECT m.id, count(a.id) AS items FROM Meeting m LEFT JOIN AgendaItem a ON a.meetingId = m.id
       WHERE m.networkId = ? AND m.status <> 'draft'
       GROUP BY m.id ORDER BY items DESC, m.startsAt DESC LIMIT 1`,
    )
    .get(chosen.id) as { id: string; items: number } | undefined
  if (!meeting) throw new Error(`${chosen.slug} has no meeting ${email} may see`)

  const firstIn = (table: 'Project' | 'Goal') => {
    for (const network of inOrder) {
      const row = db
        .prepare(`SELECT id FROM ${table} WHERE networkId = ? ORDER BY createdAt, id LIMIT 1`)
        .get(network.id) as { id: string } | undefined
      if (row) return { slug: network.slug, id: row.id, elsewhere: network !== chosen }
    }
    return undefined
  }
  const project = firstIn('Project')
  const goal = firstIn('Goal')

  const documentPages = Math.max(1, Math.ceil(chosen.documents / DOCUMENTS_PAGE_SIZE))
  const deepPage = Math.min(DOCUMENTS_DEEP_PAGE, documentPages)
  const matches = (word: string) =>
    (
      db
        .prepare('SELECT count(*) AS n FROM DocumentSearch WHERE DocumentSearch MATCH ?')
        .get(`"${word}"`) as { n: number }
    ).n

  const pages: SamplePage[] = [
    { name: 'dashboard', path: '/' },
    { name: 'network', path: base },
    { name: 'meetings list', path: `${base}/vergaderingen` },
    {
      name: 'one meeting',
      path: `${base}/vergaderingen/${meeting.id}`,
      note: meeting.items ? `${meeting.items} agenda items` : 'no meeting with an agenda here',
    },
    {
      name: 'documents p1',
      path: `${base}/documenten`,
      note: `${chosen.documents} documents, ${documentPages} pages`,
    },
    {
      name: `documents p${deepPage}`,
      path: `${base}/documenten?pagina=${deepPage}`,
      note:
        deepPage < DOCUMENTS_DEEP_PAGE
          ? `the last page: no page ${DOCUMENTS_DEEP_PAGE} in this network`
          : undefined,
    },
    {
      name: 'search common',
      path: `/zoeken?q=${encodeURIComponent(SEARCH_WORDS.common)}`,
      note: `"${SEARCH_WORDS.common}", in ${matches(SEARCH_WORDS.common)} documents of all networks`,
    },
    {
      name: 'search rare',
      path: `/zoeken?q=${encodeURIComponent(SEARCH_WORDS.rare)}`,
      note: `"${SEARCH_WORDS.rare}", in ${matches(SEARCH_WORDS.rare)} documents of all networks`,
    },
  ]
  if (project) {
    pages.push({
      name: 'project',
      path: `/netwerken/${project.slug}/projecten/${project.id}`,
      note: project.elsewhere ? `in ${project.slug}: none in ${chosen.slug}` : undefined,
    })
  }
  if (goal) {
    pages.push({
      name: 'goal',
      path: `/netwerken/${goal.slug}/doelen/${goal.id}`,
      note: goal.elsewhere ? `in ${goal.slug}: none in ${chosen.slug}` : undefined,
    })
  }
  pages.push(
    { name: 'programme overview', path: `${base}/programma` },
    { name: 'activity feed', path: `${base}/activiteit` },
  )
  return { email, network: chosen.slug, pages }
}
