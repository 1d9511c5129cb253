/**
 * Bench data for issue 14 (what needs me: "Voor u", the activity feed, digests): the demo seed grown to
 * 40 organisations, 12 networks (three large, the rest small) and 2,000 people, with two years of
 * meetings and their action items, documents with and without a chosen audience, replies to the
 * meetings still to come, and 5,000 activity events in the last week. Sluis is a member of every network
 * and lid.sluis prepares the meetings of three of them: the heaviest "Voor u" there is.
 *
 * Like generate.ts: the demo seed through Prisma, the bulk with better-sqlite3 in one transaction, in
 * Prisma's column format, with a fixed random seed.
 *
 *   npx tsx tests/bench/notifications-generate.ts [data folder]
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { seedFreshDataDir } from '../setup/seeded-data-dir'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const notificationsBenchDir = path.join(root, 'tests', '.output', 'bench-notifications')

export const NOTIFICATIONS_SIZES = {
  organisations: 40,
  networks: 12,
  users: 2_000,
  events: 5_000,
} as const

/** The person whose dashboard the bench times: Sluis is in every network. */
export const EVERY_NETWORK_USER = 'lid.sluis@example.org'

const DAY = 86_400_000
const stored = (date: Date) => date.toISOString().replace('Z', '+00:00')
const midnight = (ms: number) => new Date(Math.floor(ms / DAY) * DAY)

function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

const eventKinds = [
  ['document_shared', 30],
  ['document_version', 10],
  ['meeting_published', 5],
  ['meeting_changed', 5],
  ['meeting_document_added', 10],
  ['decision_recorded', 10],
  ['minutes_approved', 3],
  ['action_assigned', 12],
  ['action_done', 8],
  ['measurement_recorded', 5],
  ['project_status_changed', 2],
] as const

export type NotificationsBenchSummary = {
  dataDir: string
  organisations: number
  networks: number
  users: number
  documents: number
  meetings: number
  actionItems: number
  events: number
  seconds: number
}

export type GrowOptions = {
  rnd: () => number
  /** A new unique row id with this prefix. */
  id: (prefix: string) => string
  nowText: string
  /** Organisations (slugs) that keep only the memberships the seed gave them. */
  keepOut?: readonly string[]
}

export type GrownNetworks = {
  /** Organisation ids, the seed's first. */
  organisations: string[]
  /** The people (user ids) of each organisation. */
  peopleOf: Map<string, string[]>
  /** Network ids, the seed's first, in the order they were created: the first three are the large ones. */
  networks: string[]
  /** The member organisations of each network. */
  membersOf: Map<string, string[]>
}

/**
 * The demo seed grown to NOTIFICATIONS_SIZES: organisations up to 40, people up to 2,000 (spread evenly;
 * the demo people stay as they are), networks up to 12, of which the first three large (20–30 members)
 * and the rest small (3–6), Sluis in every one. Call it inside a transaction.
 */
export function growNetworks(sqlite: Database.Database, options: GrowOptions): GrownNetworks {
  const { rnd, id, nowText } = options
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!
  const between = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1))
  const insert = {
    organisation: sqlite.prepare(
      `INSERT INTO Organisation (id, slug, name, kind, country, defaultLocale, createdAt, updatedAt)
       VALUES (?, ?, ?, 'municipality', ?, ?, ?, ?)`,
    ),
    network: sqlite.prepare(
      `INSERT INTO Network (id, slug, name, shortName, level, description, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, 'regional', '', ?, ?)`,
    ),
    membership: sqlite.prepare(
      `INSERT INTO NetworkMembership (id, networkId, organisationId, activeFrom, createdAt)
       VALUES (?, ?, ?, ?, ?)`,
    ),
    user: sqlite.prepare(
      `INSERT INTO User (id, email, name, organisationId, createdAt, updatedAt, digestCursor, weeklyDigestCursor)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  }
  // Organisations: the seed's, plus Flemish and Dutch bench municipalities up to 40.
  const seededOrgs = sqlite.prepare('SELECT id, slug FROM Organisation ORDER BY rowid').all() as {
    id: string
    slug: string
  }[]
  const organisations = seededOrgs.map((o) => o.id)
  const sluis = seededOrgs.find((o) => o.slug === 'sluis')!.id
  const keptOut = new Set(
    seededOrgs.filter((o) => options.keepOut?.includes(o.slug)).map((o) => o.id),
  )
  for (let i = organisations.length; i < NOTIFICATIONS_SIZES.organisations; i++) {
    const orgId = id('org')
    const belgian = i % 3 === 0
    insert.organisation.run(
      orgId,
      `bench-gemeente-${i}`,
      `Benchgemeente ${i}`,
      belgian ? 'BE' : 'NL',
      belgian ? 'nl-BE' : 'nl-NL',
      nowText,
      nowText,
    )
    organisations.push(orgId)
  }

  // People: up to 2,000, spread evenly; the seed's demo people stay as they are.
  const seededUsers = (sqlite.prepare('SELECT count(*) AS n FROM User').get() as { n: number }).n
  const peopleOf = new Map<string, string[]>(organisations.map((o) => [o, []]))
  for (const u of sqlite.prepare('SELECT id, organisationId FROM User').all() as {
    id: string
    organisationId: string
  }[]) {
    peopleOf.get(u.organisationId)?.push(u.id)
  }
  for (let i = seededUsers; i < NOTIFICATIONS_SIZES.users; i++) {
    const organisationId = organisations[i % organisations.length]!
    const userId = id('usr')
    insert.user.run(
      userId,
      `bench.${i}@example.org`,
      `Benchpersoon ${i}`,
      organisationId,
      nowText,
      nowText,
      // No digest due while the dashboard is timed; the digest bench moves the cursors back.
      nowText,
      nowText,
    )
    peopleOf.get(organisationId)!.push(userId)
  }

  // Networks: the seed's, plus bench networks up to 12; three large (20–30 members), others small.
  const networks = (
    sqlite.prepare('SELECT id FROM Network ORDER BY rowid').all() as { id: string }[]
  ).map((n) => n.id)
  for (let i = networks.length; i < NOTIFICATIONS_SIZES.networks; i++) {
    const networkId = id('net')
    insert.network.run(
      networkId,
      `bench-netwerk-${i}`,
      `Benchnetwerk ${i}`,
      `BN${i}`,
      nowText,
      nowText,
    )
    networks.push(networkId)
  }
  const membersOf = new Map<string, string[]>()
  const existing = sqlite.prepare(
    'SELECT organisationId FROM NetworkMembership WHERE networkId = ? AND activeTo IS NULL',
  )
  for (const [n, networkId] of networks.entries()) {
    const members = new Set(
      (existing.all(networkId) as { organisationId: string }[]).map((m) => m.organisationId),
    )
    const size = n < 3 ? between(20, 30) : between(3, 6)
    members.add(sluis)
    while (members.size < size) {
      const organisationId = pick(organisations)
      if (!keptOut.has(organisationId)) members.add(organisationId)
    }
    for (const organisationId of members) {
      if (
        (existing.all(networkId) as { organisationId: string }[]).some(
          (m) => m.organisationId === organisationId,
        )
      )
        continue
      insert.membership.run(
        id('mem'),
        networkId,
        organisationId,
        stored(new Date('2022-01-01')),
        nowText,
      )
    }
    membersOf.set(networkId, [...members])
  }
  return { organisations, peopleOf, networks, membersOf }
}

export async function generateNotificationsBenchData(
  dataDir = notificationsBenchDir,
): Promise<NotificationsBenchSummary> {
  const started = performance.now()
  const { databasePath } = await seedFreshDataDir(dataDir)
  const sqlite = new Database(databasePath)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  const rnd = random(20261206)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!
  const between = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1))
  let counter = 0
  const id = (prefix: string) => `bench${prefix}${(++counter).toString(36).padStart(7, '0')}`
  const now = Date.now()
  const today = midnight(now)
  const nowText = stored(new Date(now))
  const weighted = eventKinds.flatMap(([kind, weight]) => Array<string>(weight).fill(kind))

  const insert = {
    role: sqlite.prepare(
      `INSERT OR IGNORE INTO NetworkRole (id, userId, networkId, role, createdAt) VALUES (?, ?, ?, 'secretary', ?)`,
    ),
    document: sqlite.prepare(
      `INSERT INTO Document (id, networkId, title, type, language, audience, ownerOrganisationId, searchRowId, createdAt, updatedAt)
       VALUES (?, ?, ?, 'overig', 'nl', ?, ?, ?, ?, ?)`,
    ),
    audience: sqlite.prepare(
      'INSERT OR IGNORE INTO DocumentAudience (documentId, organisationId) VALUES (?, ?)',
    ),
    meeting: sqlite.prepare(
      `INSERT INTO Meeting (id, networkId, title, startsAt, endsAt, hostOrganisationId, status, publishedAt, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    invitation: sqlite.prepare(
      'INSERT INTO MeetingInvitation (meetingId, organisationId) VALUES (?, ?)',
    ),
    attendance: sqlite.prepare(
      `INSERT OR IGNORE INTO MeetingAttendance (id, meetingId, userId, organisationId, response, respondedAt)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    action: sqlite.prepare(
      `INSERT INTO ActionItem (id, networkId, meetingId, description, organisationId, dueDate, status, closedAt, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    event: sqlite.prepare(
      `INSERT INTO ActivityEvent (id, networkId, kind, actorId, actorOrganisationId, documentId, meetingId, actionItemId, data, createdAt, notifiedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  }

  const counts = { documents: 0, meetings: 0, actionItems: 0, events: 0 }
  const maxSearchRow =
    (sqlite.prepare('SELECT max(searchRowId) AS n FROM Document').get() as { n: number | null })
      .n ?? 0
  let searchRow = maxSearchRow + 1

  sqlite.transaction(() => {
    const { peopleOf, networks, membersOf } = growNetworks(sqlite, {
      rnd,
      id,
      nowText,
    })
    const sluisUser = sqlite
      .prepare('SELECT id FROM User WHERE email = ?')
      .get(EVERY_NETWORK_USER) as { id: string }
    for (const networkId of networks.slice(0, 3)) {
      insert.role.run(id('role'), sluisUser.id, networkId, nowText)
    }

    // Per network: documents, meetings (two years back, a few ahead) and the action items agreed.
    const documentsOf = new Map<string, string[]>()
    const meetingsOf = new Map<string, string[]>()
    const actionsOf = new Map<string, string[]>()
    for (const [n, networkId] of networks.entries()) {
      const members = membersOf.get(networkId)!
      const large = n < 3
      const docs: string[] = []
      for (let d = 0; d < (large ? 1_000 : 150); d++) {
        const documentId = id('doc')
        const owner = pick(members)
        const selected = rnd() < 0.25
        const created = stored(new Date(now - between(0, 700) * DAY - between(0, DAY)))
        insert.document.run(
          documentId,
          networkId,
          `Benchdocument ${d} over samenwerking`,
          selected ? 'selected' : 'network',
          owner,
          searchRow++,
          created,
          created,
        )
        if (selected) {
          insert.audience.run(documentId, owner)
          for (let a = 0; a < between(1, 4); a++) insert.audience.run(documentId, pick(members))
        }
        docs.push(documentId)
        counts.documents++
      }
      documentsOf.set(networkId, docs)
      const meetings: string[] = []
      const actions: string[] = []
      const total = large ? 60 : 20
      for (let m = 0; m < total; m++) {
        const meetingId = id('mtg')
        const ahead = m >= total - 4
        const startsAt = new Date(
          today.getTime() +
            (ahead ? (m - total + 5) * 14 : (m - total) * 12) * DAY +
            13 * 3_600_000,
        )
        insert.meeting.run(
          meetingId,
          networkId,
          `Benchoverleg ${m}`,
          stored(startsAt),
          stored(new Date(startsAt.getTime() + 2 * 3_600_000)),
          pick(members),
          ahead ? 'published' : rnd() < 0.9 ? 'minutes_approved' : 'held',
          stored(new Date(startsAt.getTime() - 20 * DAY)),
          nowText,
          nowText,
        )
        for (const organisationId of members) insert.invitation.run(meetingId, organisationId)
        const replying = ahead ? 0.3 : 0.6
        for (const organisationId of members) {
          for (const userId of peopleOf.get(organisationId) ?? []) {
            if (rnd() > replying) continue
            insert.attendance.run(
              id('att'),
              meetingId,
              userId,
              organisationId,
              pick(['yes', 'yes', 'no', 'maybe', 'delegate']),
              nowText,
            )
          }
        }
        if (!ahead) {
          for (let a = 0; a < (large ? 10 : 4); a++) {
            const actionId = id('act')
            const due = new Date(startsAt.getTime() + between(7, 90) * DAY)
            const done = due.getTime() < now - 30 * DAY ? rnd() < 0.9 : rnd() < 0.3
            insert.action.run(
              actionId,
              networkId,
              meetingId,
              `Benchactie ${a} uit overleg ${m}`,
              pick(members),
              stored(midnight(due.getTime())),
              done ? 'done' : 'open',
              done ? nowText : null,
              stored(startsAt),
              nowText,
            )
            actions.push(actionId)
            counts.actionItems++
          }
        }
        meetings.push(meetingId)
        counts.meetings++
      }
      meetingsOf.set(networkId, meetings)
      actionsOf.set(networkId, actions)
    }

    // 5,000 events in the last week, more in the large networks.
    for (let e = 0; e < NOTIFICATIONS_SIZES.events; e++) {
      const networkId = rnd() < 0.7 ? pick(networks.slice(0, 3)) : pick(networks)
      const kind = pick(weighted)
      const actorOrg = pick(membersOf.get(networkId)!)
      const actor = pick(peopleOf.get(actorOrg) ?? [sluisUser.id])
      const document = kind.startsWith('document') || kind === 'meeting_document_added'
      const meeting =
        kind.startsWith('meeting') || kind === 'decision_recorded' || kind === 'minutes_approved'
      const action = kind.startsWith('action')
      const eventTime = stored(new Date(now - rnd() * 7 * DAY))
      insert.event.run(
        id('evt'),
        networkId,
        kind,
        actor,
        actorOrg,
        document ? pick(documentsOf.get(networkId)!) : null,
        meeting ? pick(meetingsOf.get(networkId)!) : null,
        action ? pick(actionsOf.get(networkId)!) : null,
        JSON.stringify({ title: `Bench ${kind} ${e}` }),
        eventTime,
        // A week of history: its mails went out when it happened (the digest bench makes digests due).
        eventTime,
      )
      counts.events++
    }
  })()
  sqlite.pragma('wal_checkpoint(TRUNCATE)')
  const organisations = (
    sqlite.prepare('SELECT count(*) AS n FROM Organisation').get() as { n: number }
  ).n
  const users = (sqlite.prepare('SELECT count(*) AS n FROM User').get() as { n: number }).n
  const networks = (sqlite.prepare('SELECT count(*) AS n FROM Network').get() as { n: number }).n
  sqlite.close()
  return {
    dataDir,
    organisations,
    networks,
    users,
    ...counts,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  generateNotificationsBenchData(process.argv[2] ? path.resolve(process.argv[2]) : undefined)
    .then((summary) => console.info(summary))
    .catch((error: unknown) => {
      console.error(error)
      process.exit(1)
    })
}
