/**
 * The large data set of issue 15, for the page bench: years of a portal in use. At scale 1: the demo
 * seed grown to 40 organisations, 12 networks (three large, nine small) and 2,000 people (as
 * notifications-generate.ts grows it), with 5,000 meetings and 60,000 agenda items, 50,000 documents
 * with extracted Dutch text in the full-text index, 1,000 projects with 5,000 goals and 100,000
 * measurements, 600,000 audit events and 400,000 rows of the documents' access log, and the activity
 * events of all that.
 *
 * `--scale N` multiplies the content (meetings, agenda items, documents, projects, goals,
 * measurements, audit and access rows, activity); the organisations, networks and people stay the
 * same, so the same personas see the same networks, each holding N times as much: what a page costs
 * at scale 2 against scale 1 shows whether its queries use indexes or scan.
 *
 * The content is shared among the networks by weight: a large network 5, a small one 1 to 2 (P10, the
 * small-network persona's only network, 1.6), so at scale 1 GOS holds about 8,800 documents and 880
 * meetings and P10 about 2,800 documents: more than 50 pages of the documents list (25 a page) for
 * each persona.
 *
 * As the other generators: the demo seed through Prisma (so the demo passwords work), the bulk with
 * better-sqlite3 in a few transactions with prepared statements, in the column format Prisma writes
 * (dates as ISO text with "+00:00"), from a fixed random seed. Dates count from the day it runs.
 *
 * The meetings are written by large-meetings.ts; the personas and the pages the bench opens as each
 * are in large-samples.ts (exported from here too).
 *
 *   npm run db:generate-large -- --scale N [--dir folder]   (default: tests/.output/bench-large-N)
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import fs from 'node:fs'
import Database from 'better-sqlite3'
import { seedFreshDataDir } from '../setup/seeded-data-dir'
import { documentFile, dutchDocument } from './documents-generate'
import { random } from './dutch-text'
import { DAY, insertProjects, stored } from './generate'
import { insertLargeMeetings } from './large-meetings'
import { LARGE_PERSONAS, largeSamplePaths, type LargePersona } from './large-samples'
import { growNetworks } from './notifications-generate'

export {
  LARGE_PERSONAS,
  LARGE_SEARCH_WORDS,
  largeSamplePaths,
  type LargePersona,
  type LargeSamplePaths,
} from './large-samples'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** The data folder of a scale: never ./data. */
export function largeDataDir(scale: number): string {
  return path.join(root, 'tests', '.output', `bench-large-${scale}`)
}

/** The content at scale 1; `--scale N` multiplies it. */
export const LARGE_SIZES = {
  meetings: 5_000,
  /** On average per meeting, the five standing items included (60,000 at scale 1). */
  agendaItemsPerMeeting: 12,
  documents: 50_000,
  projects: 1_000,
  goalsPerProject: 5,
  measurementsPerGoal: 20,
  auditEvents: 600_000,
  documentAccess: 400_000,
} as const

/** How far back the history goes. */
const HISTORY_DAYS = 6 * 365

/** What each part of the generator writes with: the database, the random source, ids, the time. */
export type Bulk = {
  sqlite: Database.Database
  rnd: () => number
  pick: <T>(list: readonly T[]) => T
  between: (min: number, max: number) => number
  /** A new unique row id with this prefix. */
  id: (prefix: string) => string
  /** The moment dates count from (ms). */
  now: number
  /** An activity event about `subject`, in the history: its mails went out when it happened. */
  event: (
    networkId: string,
    kind: string,
    actor: { user: string | null; organisation: string | null },
    subject: {
      document?: string
      meeting?: string
      project?: string
      goal?: string
      action?: string
    },
    data: Record<string, unknown>,
    at: string,
  ) => void
}

export type LargeSummary = {
  dataDir: string
  scale: number
  /** Rows per table after generating (the demo seed's included). */
  counts: Record<string, number>
  /** The database file, in bytes. */
  databaseBytes: number
  seconds: number
}

const countedTables = [
  'Organisation',
  'Network',
  'NetworkMembership',
  'User',
  'Meeting',
  'AgendaItem',
  'MeetingInvitation',
  'MeetingAttendance',
  'MeetingDocument',
  'MeetingSearchText',
  'ActionItem',
  'Document',
  'DocumentVersion',
  'DocumentAudience',
  'DocumentSearch',
  'Project',
  'Goal',
  'Measurement',
  'ActivityEvent',
  'AuditEvent',
  'DocumentAccess',
] as const

/** `total` split over `weights` in whole numbers that add up to it (largest remainder). */
function share(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  const exact = weights.map((w) => (total * w) / sum)
  const parts = exact.map(Math.floor)
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0])
  const missing = total - parts.reduce((a, b) => a + b, 0)
  for (let k = 0; k < missing; k++) parts[order[k]![1]]! += 1
  return parts
}

const auditActions: [action: string, weight: number][] = [
  ['auth.login', 40],
  ['auth.logout', 12],
  ['auth.login_failed', 6],
  ['access.denied', 4],
  ['document.created', 10],
  ['document.binned', 1],
  ['agenda.item_changed', 15],
  ['goal.created', 2],
  ['auth.second_factor', 10],
]

/** Writes a fresh data folder with the demo seed and the large data set of `scale` in it. */
export async function generateLargeData(options: {
  scale: number
  dataDir?: string
}): Promise<LargeSummary> {
  const { scale } = options
  if (!(scale > 0)) throw new Error(`The scale must be a positive number, not ${scale}`)
  const dataDir = path.resolve(options.dataDir ?? largeDataDir(scale))
  if (dataDir === path.join(root, 'data'))
    throw new Error('The large data set never goes into ./data')
  const started = performance.now()
  const { databasePath } = await seedFreshDataDir(dataDir)

  const sqlite = new Database(databasePath)
  // Written in one go into a fresh folder: no sync until the end (an interrupted run leaves a broken
  // folder; run it again). The journal stays in WAL mode, as the seed left it and the app runs it.
  sqlite.pragma('synchronous = OFF')
  sqlite.pragma('cache_size = -131072')
  sqlite.pragma('foreign_keys = ON')
  const rnd = random(20261215)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!
  const between = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1))
  let counter = 0
  const id = (prefix: string) => `large${prefix}${(++counter).toString(36).padStart(8, '0')}`
  const now = Date.now()
  const nowText = stored(new Date(now))
  const insertEvent = sqlite.prepare(
    `INSERT INTO ActivityEvent (id, networkId, kind, actorId, actorOrganisationId, documentId, meetingId, projectId, goalId, actionItemId, data, createdAt, notifiedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const bulk: Bulk = {
    sqlite,
    rnd,
    pick,
    between,
    id,
    now,
    event: (networkId, kind, actor, subject, data, at) =>
      insertEvent.run(
        id('evt'),
        networkId,
        kind,
        actor.user,
        actor.organisation,
        subject.document ?? null,
        subject.meeting ?? null,
        subject.project ?? null,
        subject.goal ?? null,
        subject.action ?? null,
        JSON.stringify(data),
        at,
        at,
      ),
  }
  const { event } = bulk
  const size = (n: number) => Math.max(1, Math.round(n * scale))

  // ---- Organisations, people and networks ----
  const grown = sqlite.transaction(() =>
    growNetworks(sqlite, { rnd, id, nowText, keepOut: ['de-wolden'] }),
  )()
  const { peopleOf, networks, membersOf } = grown
  const networkRows = sqlite.prepare('SELECT id, slug, name FROM Network').all() as {
    id: string
    slug: string
    name: string
  }[]
  const slugOf = new Map(networkRows.map((n) => [n.id, n.slug]))
  const organisationName = new Map(
    (
      sqlite.prepare('SELECT id, name FROM Organisation').all() as { id: string; name: string }[]
    ).map((o) => [o.id, o.name]),
  )
  const contactOf = new Map(
    [...peopleOf].flatMap(([o, people]) => (people[0] ? [[o, people[0]]] : [])),
  )
  const everyone = [...peopleOf].flatMap(([o, people]) => people.map((u) => ({ id: u, org: o })))
  const email = new Map(
    (sqlite.prepare('SELECT id, email FROM User').all() as { id: string; email: string }[]).map(
      (u) => [u.id, u.email],
    ),
  )
  const weights = networks.map((networkId, n) =>
    n < 3 ? 5 : slugOf.get(networkId) === 'p10' ? 1.6 : 1 + rnd(),
  )

  // ---- Projects, goals and measurements ----
  const projectsOf = new Map<string, string[]>()
  const goalIds: string[] = []
  const projectShares = share(size(LARGE_SIZES.projects), weights)
  sqlite.transaction(() => {
    for (const [n, networkId] of networks.entries()) {
      const members = membersOf.get(networkId)!
      const made = insertProjects(sqlite, {
        rnd,
        id,
        networkId,
        members,
        places: members.map((o) => organisationName.get(o)!),
        contactOf,
        projects: projectShares[n]!,
        goalsPerProject: LARGE_SIZES.goalsPerProject,
        measurementsPerGoal: LARGE_SIZES.measurementsPerGoal,
        now,
      })
      projectsOf.set(networkId, made.projectIds)
      goalIds.push(...made.goalIds)
    }
  })()

  // ---- Documents, with their text in the full-text index ----
  const insertDocument = {
    document: sqlite.prepare(
      'INSERT INTO Document (id, networkId, projectId, title, description, type, language, tags, audience, ownerOrganisationId, createdById, searchRowId, version, deletedAt, deletedById, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)',
    ),
    audience: sqlite.prepare(
      'INSERT OR IGNORE INTO DocumentAudience (documentId, organisationId) VALUES (?, ?)',
    ),
    version: sqlite.prepare(
      "INSERT INTO DocumentVersion (id, documentId, number, sha256, size, mediaType, originalName, uploadedById, organisationId, textStatus, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'done', ?)",
    ),
    search: sqlite.prepare(
      'INSERT INTO "DocumentSearch" (rowid, title, description, tags, body) VALUES (?, ?, ?, ?, ?)',
    ),
  }
  const hex = () =>
    Math.floor(rnd() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, '0')
  const { lastRow } = sqlite
    .prepare(
      `SELECT max(coalesce((SELECT max(searchRowId) FROM Document), 0),
                  coalesce((SELECT max(rowid) FROM "DocumentSearch"), 0)) AS lastRow`,
    )
    .get() as { lastRow: number }
  let searchRow = lastRow
  /** Documents, for the meetings, the access log and the audit events. */
  const documents: {
    id: string
    network: number
    created: number
    version: string
    binned: boolean
  }[] = []
  const documentsOf = new Map<string, string[]>(networks.map((n) => [n, []]))
  const documentShares = share(size(LARGE_SIZES.documents), weights)
  // A transaction per 5,000 documents (and per 100,000 log rows below): the WAL stays small.
  const documentPlan = networks.flatMap((networkId, n) =>
    Array.from({ length: documentShares[n]! }, () => ({ networkId, n })),
  )
  for (let start = 0; start < documentPlan.length; start += 5_000) {
    sqlite.transaction(() => {
      for (const { networkId, n } of documentPlan.slice(start, start + 5_000)) {
        const members = membersOf.get(networkId)!
        const documentId = id('doc')
        const owner = pick(members)
        const uploader = pick(peopleOf.get(owner)!)
        const content = dutchDocument(rnd)
        const selected = rnd() < 0.22
        const binned = rnd() < 0.01
        const created = now - Math.floor(rnd() * HISTORY_DAYS * DAY)
        const updated = Math.min(now, created + Math.floor(rnd() * 60) * DAY)
        const projects = projectsOf.get(networkId)!
        const project = projects.length > 0 && rnd() < 0.1 ? pick(projects) : null
        const versions = rnd() < 0.1 ? 2 : 1
        searchRow++
        insertDocument.document.run(
          documentId,
          networkId,
          project,
          content.title,
          content.description,
          content.type,
          'nl',
          content.tags.join(', '),
          selected ? 'selected' : 'network',
          owner,
          uploader,
          searchRow,
          // The bin is emptied after 30 days: these went in this week.
          binned ? stored(new Date(now - between(1, 7) * DAY)) : null,
          binned ? uploader : null,
          stored(new Date(created)),
          stored(new Date(updated)),
        )
        if (selected) {
          insertDocument.audience.run(documentId, owner)
          for (let a = between(1, 3); a > 0; a--)
            insertDocument.audience.run(documentId, pick(members))
        }
        let versionId = ''
        for (let v = 1; v <= versions; v++) {
          const file = documentFile(rnd, content.type, content.title)
          versionId = `${documentId}v${v}`
          insertDocument.version.run(
            versionId,
            documentId,
            v,
            Array.from({ length: 8 }, hex).join(''),
            20_000 + Math.floor(rnd() * 5_000_000),
            file.mediaType,
            file.originalName,
            uploader,
            owner,
            stored(new Date(v === 1 ? created : updated)),
          )
        }
        insertDocument.search.run(
          searchRow,
          content.title,
          content.description,
          content.tags.join(' '),
          content.body,
        )
        event(
          networkId,
          'document_shared',
          { user: uploader, organisation: owner },
          { document: documentId },
          { title: content.title },
          stored(new Date(created)),
        )
        documents.push({ id: documentId, network: n, created, version: versionId, binned })
        if (!binned) documentsOf.get(networkId)!.push(documentId)
      }
    })()
  }

  // ---- Meetings with their agendas, invitations, replies, documents and action items ----
  insertLargeMeetings(bulk, {
    networks: networks.map((networkId) => ({
      id: networkId,
      name: networkRows.find((r) => r.id === networkId)!.name,
      members: membersOf.get(networkId)!,
      documents: documentsOf.get(networkId)!,
    })),
    meetings: share(size(LARGE_SIZES.meetings), weights),
    itemsPerMeeting: LARGE_SIZES.agendaItemsPerMeeting,
    historyDays: HISTORY_DAYS,
    peopleOf,
    organisationName,
  })

  // ---- The goals' latest figures in the activity feed ----
  sqlite.transaction(() => {
    const latest = sqlite.prepare(
      `SELECT g.id AS goal, g.networkId AS network, g.projectId AS project, g.name, g.unit, m.value,
              m.organisationId AS organisation, m.createdById AS actor, m.date
       FROM Goal g JOIN Measurement m ON m.goalId = g.id
       WHERE g.id IN (SELECT value FROM json_each(?))
         AND m.date = (SELECT max(date) FROM Measurement WHERE goalId = g.id)`,
    )
    for (const row of latest.all(JSON.stringify(goalIds)) as {
      goal: string
      network: string
      project: string | null
      name: string
      unit: string
      value: number
      organisation: string
      actor: string | null
      date: string
    }[]) {
      event(
        row.network,
        'measurement_recorded',
        { user: row.actor, organisation: row.organisation },
        { goal: row.goal, project: row.project ?? undefined },
        { title: row.name, value: row.value, unit: row.unit === 'custom' ? 'werkdagen' : row.unit },
        row.date,
      )
    }
  })()

  // ---- The audit log and the documents' access log: 1,000,000 rows at scale 1 ----
  const insertLog = {
    audit: sqlite.prepare(
      `INSERT INTO AuditEvent (id, createdAt, actorUserId, actorOrganisationId, action, objectType, objectId, result, subject, ip, details)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    access: sqlite.prepare(
      `INSERT INTO DocumentAccess (id, documentId, versionId, userId, organisationId, kind, createdAt)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
  }
  const weightedActions = auditActions.flatMap(([action, weight]) =>
    Array<string>(weight).fill(action),
  )
  const ip = () => `10.${between(0, 255)}.${between(0, 255)}.${between(1, 254)}`
  const auditTotal = size(LARGE_SIZES.auditEvents)
  const logDays = 2 * 365
  for (let start = 0; start < auditTotal; start += 100_000) {
    sqlite.transaction(() => {
      for (let i = start; i < Math.min(auditTotal, start + 100_000); i++) {
        // Oldest first, as a log grows.
        const at = stored(
          new Date(now - logDays * DAY + Math.floor(((i + rnd()) * logDays * DAY) / auditTotal)),
        )
        const action = pick(weightedActions)
        const person = pick(everyone)
        const auth = action.startsWith('auth.')
        const document = action.startsWith('document.') ? pick(documents).id : null
        insertLog.audit.run(
          id('aud'),
          at,
          action === 'auth.login_failed' ? null : person.id,
          action === 'auth.login_failed' ? null : person.org,
          action,
          document ? 'Document' : action === 'access.denied' ? 'Meeting' : null,
          document ?? (action === 'access.denied' ? 'onbekend' : null),
          action === 'auth.login_failed'
            ? 'failure'
            : action === 'access.denied'
              ? 'denied'
              : 'success',
          auth ? email.get(person.id)! : null,
          ip(),
          null,
        )
      }
    })()
  }
  const accessTotal = size(LARGE_SIZES.documentAccess)
  const kinds = ['view', 'view', 'view', 'download', 'download', 'preview']
  for (let start = 0; start < accessTotal; start += 100_000) {
    sqlite.transaction(() => {
      for (let i = start; i < Math.min(accessTotal, start + 100_000); i++) {
        const document = pick(documents)
        const organisationId = pick(membersOf.get(networks[document.network]!)!)
        insertLog.access.run(
          id('acc'),
          document.id,
          document.version,
          pick(peopleOf.get(organisationId)!),
          organisationId,
          pick(kinds),
          stored(new Date(document.created + Math.floor(rnd() * (now - document.created)))),
        )
      }
    })()
  }

  // No ANALYZE and no FTS5 'optimize' (the app runs neither): the bench reads the database as it is
  // in use.
  const counts = Object.fromEntries(
    countedTables.map((table) => [
      table,
      (sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n,
    ]),
  )
  sqlite.pragma('wal_checkpoint(TRUNCATE)')
  sqlite.close()
  return {
    dataDir,
    scale,
    counts,
    databaseBytes: fs.statSync(databasePath).size,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { scale: { type: 'string', default: '1' }, dir: { type: 'string' } },
  })
  const scale = Number(values.scale)
  const dataDir = path.resolve(values.dir ?? largeDataDir(scale))
  process.env.ZWIN_DATA_DIR ??= dataDir
  generateLargeData({ scale, dataDir })
    .then((summary) => {
      console.info(summary)
      for (const persona of Object.keys(LARGE_PERSONAS) as LargePersona[]) {
        console.info(largeSamplePaths(dataDir, persona))
      }
    })
    .catch((error: unknown) => {
      console.error(error)
      process.exit(1)
    })
}
