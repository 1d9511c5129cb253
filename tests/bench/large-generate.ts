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
 *   npm run db:generate-large -- --scale N [--dir folder]   (default: tests/.output/bench-large-N)
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import fs from 'node:fs'
import Database from 'better-sqlite3'
import { standingItems } from '../../app/modules/meetings/types'
import { seedFreshDataDir } from '../setup/seeded-data-dir'
import { documentFile, dutchDocument } from './documents-generate'
import { bare, dutchWriter, random } from './dutch-text'
import { DAY, insertProjects, midnight, stored } from './generate'
import { growNetworks } from './notifications-generate'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** The data folder of a scale: never ./data. */
export function largeDataDir(scale: number): string {
  return path.join(root, 'tests', '.output', `bench-large-${scale}`)
}

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

/** Words for the bench's searches: one in most documents, one in a few dozen (at scale 1). */
export const LARGE_SEARCH_WORDS = { common: 'samenwerking', rare: 'oesterkwekerij' } as const

/** The documents list shows this many a page (app/modules/documents/queries.server.ts). */
const DOCUMENTS_PAGE_SIZE = 25
/** How far back the history goes. */
const HISTORY_DAYS = 6 * 365

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

const meetingKinds = [
  'Stuurgroep',
  'Portefeuillehoudersoverleg',
  'Ambtelijk overleg',
  'Werkgroep',
  'Bestuurlijk overleg',
]
const itemKinds = ['information', 'discussion', 'decision', 'decision'] as const
const outcomes = ['adopted', 'adopted', 'adopted', 'amended', 'postponed', 'noted', 'rejected']
const standingTitles: Record<string, string> = {
  opening: 'Opening en mededelingen',
  previous_minutes: 'Verslag van de vorige vergadering',
  action_list: 'Actiepuntenlijst',
  any_other_business: 'Rondvraag',
  closing: 'Sluiting',
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
    event: sqlite.prepare(
      `INSERT INTO ActivityEvent (id, networkId, kind, actorId, actorOrganisationId, documentId, meetingId, projectId, goalId, actionItemId, data, createdAt, notifiedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  }
  const event = (
    networkId: string,
    kind: string,
    actor: string | null,
    actorOrganisation: string | null,
    subject: {
      document?: string
      meeting?: string
      project?: string
      goal?: string
      action?: string
    },
    data: Record<string, unknown>,
    at: string,
  ) =>
    // History: its mails went out when it happened, so the scheduler has nothing to send for it.
    insertDocument.event.run(
      id('evt'),
      networkId,
      kind,
      actor,
      actorOrganisation,
      subject.document ?? null,
      subject.meeting ?? null,
      subject.project ?? null,
      subject.goal ?? null,
      subject.action ?? null,
      JSON.stringify(data),
      at,
      at,
    )
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
  // In batches of 5,000: the text is the bulk of the work, and a batch keeps the cache warm.
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
          uploader,
          owner,
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
  const insertMeeting = {
    meeting: sqlite.prepare(
      `INSERT INTO Meeting (id, networkId, title, description, startsAt, endsAt, location, hostOrganisationId, chair, secretary, status, cancelReason, publishedAt, decisionList, minutesText, minutesApprovedAt, createdById, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    item: sqlite.prepare(
      `INSERT INTO AgendaItem (id, meetingId, parentId, position, title, description, kind, standing, presenterOrganisationId, durationMinutes, decisionText, decisionOutcome, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    invitation: sqlite.prepare(
      'INSERT INTO MeetingInvitation (meetingId, organisationId) VALUES (?, ?)',
    ),
    attendance: sqlite.prepare(
      `INSERT OR IGNORE INTO MeetingAttendance (id, meetingId, userId, organisationId, response, respondedAt, presence)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    document: sqlite.prepare(
      'INSERT OR IGNORE INTO MeetingDocument (id, meetingId, agendaItemId, documentId, createdAt) VALUES (?, ?, ?, ?, ?)',
    ),
    action: sqlite.prepare(
      `INSERT INTO ActionItem (id, networkId, meetingId, agendaItemId, description, organisationId, assigneeUserId, dueDate, status, closedAt, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  }
  const meetingShares = share(size(LARGE_SIZES.meetings), weights)
  const secretaryOf = new Map(
    networks.map((networkId) => [networkId, pick(membersOf.get(networkId)!)]),
  )
  for (const [n, networkId] of networks.entries()) {
    const members = membersOf.get(networkId)!
    const docs = documentsOf.get(networkId)!
    const total = meetingShares[n]!
    // A few to come (published, now and then a draft), at least a week ahead: no reply reminders are
    // due while the bench runs. The rest spread over the history, the newest yesterday.
    const ahead = Math.max(1, Math.round(total * 0.02))
    const networkName = networkRows.find((r) => r.id === networkId)!.name
    sqlite.transaction(() => {
      for (let m = 0; m < total; m++) {
        const meetingId = id('mtg')
        const future = m >= total - ahead
        const day = future
          ? midnight(now + (7 + (m - (total - ahead)) * 14) * DAY).getTime()
          : midnight(
              now - HISTORY_DAYS * DAY + ((m + 1) * (HISTORY_DAYS - 1) * DAY) / (total - ahead + 1),
            ).getTime()
        const startsAt = new Date(day + between(8, 14) * 3_600_000)
        const endsAt = new Date(startsAt.getTime() + between(1, 3) * 3_600_000)
        const status = future
          ? rnd() < 0.15
            ? 'draft'
            : 'published'
          : rnd() < 0.04
            ? 'cancelled'
            : rnd() < 0.1
              ? 'held'
              : 'minutes_approved'
        const held = status === 'held' || status === 'minutes_approved'
        const host = pick(members)
        const writer = dutchWriter(rnd)
        const kind = pick(meetingKinds)
        const title = `${kind}${kind === 'Werkgroep' ? ` ${writer.theme.title}` : ''} ${networkName}`
        const createdAt = stored(new Date(startsAt.getTime() - 30 * DAY))
        const published =
          status === 'draft' ? null : stored(new Date(startsAt.getTime() - 21 * DAY))
        const creator = pick(peopleOf.get(secretaryOf.get(networkId)!)!)
        insertMeeting.meeting.run(
          meetingId,
          networkId,
          title,
          writer.sentence(),
          stored(startsAt),
          stored(endsAt),
          `Gemeentehuis ${organisationName.get(host)}`,
          host,
          'Burgemeester van de gastgemeente',
          `Secretariaat ${networkName}`,
          status,
          status === 'cancelled' ? 'Te weinig agendapunten; de punten schuiven door.' : null,
          published,
          status === 'minutes_approved' ? `${writer.sentence()}\n${writer.sentence()}` : '',
          held ? writer.text(80) : '',
          status === 'minutes_approved'
            ? stored(new Date(startsAt.getTime() + between(20, 60) * DAY))
            : null,
          creator,
          createdAt,
          createdAt,
        )
        for (const organisationId of members)
          insertMeeting.invitation.run(meetingId, organisationId)
        if (held) {
          for (const organisationId of members) {
            if (rnd() < 0.2) continue
            const present = rnd() < 0.85
            insertMeeting.attendance.run(
              id('att'),
              meetingId,
              pick(peopleOf.get(organisationId)!),
              organisationId,
              present ? 'yes' : 'no',
              stored(new Date(startsAt.getTime() - between(1, 14) * DAY)),
              present ? 'present' : rnd() < 0.8 ? 'excused' : 'absent',
            )
          }
        }

        // The agenda: three standing items, the meeting's own (now and then a sub-item), two standing.
        const count = between(
          LARGE_SIZES.agendaItemsPerMeeting - 4,
          LARGE_SIZES.agendaItemsPerMeeting + 4,
        )
        const own: { id: string; title: string; kind: string }[] = []
        let position = 0
        let parent: { id: string; children: number } | null = null
        const addItem = (
          title: string,
          kind: string,
          standing: string | null,
          minutes: number,
          sub: boolean,
        ) => {
          const itemId = id('itm')
          const decided = held && kind === 'decision' && standing === null
          insertMeeting.item.run(
            itemId,
            meetingId,
            sub ? parent!.id : null,
            sub ? parent!.children++ : position++,
            title,
            standing === null ? writer.sentence() : '',
            kind,
            standing,
            standing === null ? pick(members) : null,
            minutes,
            decided ? writer.sentence() : '',
            decided ? pick(outcomes) : null,
            createdAt,
            createdAt,
          )
          return itemId
        }
        for (const s of standingItems.slice(0, 3)) {
          addItem(standingTitles[s.standing]!, s.kind, s.standing, s.durationMinutes, false)
        }
        for (let i = 0; i < count - standingItems.length; i++) {
          const sub = parent !== null && rnd() < 0.2
          const itemTitle = writer.np()
          const itemKind = pick(itemKinds)
          const itemId = addItem(
            itemTitle.charAt(0).toUpperCase() + itemTitle.slice(1),
            itemKind,
            null,
            between(2, 6) * 5,
            sub,
          )
          if (!sub) parent = { id: itemId, children: 0 }
          own.push({ id: itemId, title: itemTitle, kind: itemKind })
          if (status !== 'draft' && docs.length > 0 && rnd() < 0.35) {
            for (let d = between(1, 2); d > 0; d--) {
              insertMeeting.document.run(id('md'), meetingId, itemId, pick(docs), createdAt)
            }
          }
        }
        for (const s of standingItems.slice(3)) {
          addItem(standingTitles[s.standing]!, s.kind, s.standing, s.durationMinutes, false)
        }

        if (published) {
          event(
            networkId,
            'meeting_published',
            creator,
            secretaryOf.get(networkId)!,
            { meeting: meetingId },
            { title },
            published,
          )
        }
        if (!held) continue
        for (const item of own.filter((i) => i.kind === 'decision').slice(0, 2)) {
          event(
            networkId,
            'decision_recorded',
            creator,
            secretaryOf.get(networkId)!,
            { meeting: meetingId },
            { meetingTitle: title, itemTitle: item.title, outcome: pick(outcomes) },
            stored(endsAt),
          )
        }
        // Action items: those due by the day after tomorrow are dealt with (no reminders are due).
        for (let a = between(0, 4); a > 0; a--) {
          const actionId = id('act')
          const organisationId = pick(members)
          const due = midnight(startsAt.getTime() + between(14, 90) * DAY)
          const open = due.getTime() > now + 4 * DAY
          const closed = open ? null : stored(new Date(Math.min(now, due.getTime())))
          const item = own.length > 0 ? pick(own) : null
          const description = `${bare(writer.np())} uitwerken voor ${writer.place()}`
          insertMeeting.action.run(
            actionId,
            networkId,
            meetingId,
            item?.id ?? null,
            description,
            organisationId,
            rnd() < 0.5 ? pick(peopleOf.get(organisationId)!) : null,
            stored(due),
            open ? 'open' : rnd() < 0.9 ? 'done' : 'dropped',
            closed,
            stored(endsAt),
            closed ?? stored(endsAt),
          )
          event(
            networkId,
            'action_assigned',
            creator,
            secretaryOf.get(networkId)!,
            { meeting: meetingId, action: actionId },
            {
              meetingTitle: title,
              description,
              organisationName: organisationName.get(organisationId),
            },
            stored(endsAt),
          )
        }
      }
    })()
  }

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
        row.actor,
        row.organisation,
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
