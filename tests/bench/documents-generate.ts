/**
 * Bench data for the documents bench: the demo seed plus 20,000 documents with Dutch text of the kind
 * municipal networks share — werkplannen, besluitenlijsten, verslagen over kustverdediging, jeugdzorg,
 * mobiliteit, Interreg-projecten — each with a title, description, tags and a body of a few hundred
 * words, in the full-text index. Words follow a skewed (Zipf-like) frequency as real text does: a few
 * words occur in most documents, theme words in a theme's documents, rare terms in a few dozen.
 *
 * The documents are spread so that the bench user (a member of Terneuzen) may see about half: the rest
 * lie in networks Terneuzen is not a member of, are shared with selected other organisations only, or
 * are in the bin. A fixed random seed makes every run the same data.
 *
 * As generate.ts: the seed goes through Prisma, the bulk in one better-sqlite3 transaction in the
 * column format Prisma writes. The versions point at no file (search needs none); their text status is
 * `done`, and the extracted text is in the index as `body`.
 *
 *   ZWIN_DATA_DIR=tests/.output/bench-documents npx tsx tests/bench/documents-generate.ts
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { seedFreshDataDir } from '../setup/seeded-data-dir'
import { bare, dutchWriter, random, tagsGeneral, type Writer } from './dutch-text'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const defaultDocumentsBenchDir = path.join(root, 'tests', '.output', 'bench-documents')

export const DOCUMENT_COUNT = 20_000
/** Terneuzen: a member of the Zeeuws-Vlaamse networks, the VZG and the OZO; not of GOS, P10, Stedenband. */
export const DOCUMENTS_BENCH_USER = 'lid.terneuzen@example.org'

// ---- The documents ----

/** A date as Prisma stores it in SQLite. */
const stored = (date: Date) => date.toISOString().replace('Z', '+00:00')
const DAY = 86_400_000

const documentKinds = [
  { type: 'werkplan', title: (w: Writer) => `Werkplan ${w.theme.title} ${w.year()}` },
  { type: 'besluitenlijst', title: (w: Writer) => `Besluitenlijst stuurgroep ${w.date()}` },
  {
    type: 'verslag',
    title: (w: Writer) => `Verslag werkgroep ${w.theme.title} ${w.date()}`,
  },
  {
    type: 'intentieverklaring',
    title: (w: Writer) => `Intentieverklaring ${w.theme.title} ${w.place()} en ${w.place()}`,
  },
  { type: 'convenant', title: (w: Writer) => `Convenant ${w.theme.title} ${w.year()}` },
  { type: 'jaarverslag', title: (w: Writer) => `Jaarverslag ${w.theme.title} ${w.year()}` },
  {
    type: 'presentatie',
    title: (w: Writer) => `Presentatie ${w.theme.title} aan de raad van ${w.place()}`,
  },
  { type: 'overig', title: (w: Writer) => `Notitie ${bare(w.np())} ${w.place()}` },
] as const

const mediaTypes = {
  presentatie: [
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'pptx',
  ],
  other: ['application/pdf', 'pdf'],
  word: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
} as const

/** A document's words: its kind, title, description, tags and a body of 150–450 words of Dutch text. */
export function dutchDocument(rnd: () => number) {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!
  const writer = dutchWriter(rnd)
  const kind = pick(documentKinds)
  const title = kind.title(writer)
  const description = `${writer.sentence()}${rnd() < 0.5 ? ` ${writer.sentence()}` : ''}`
  const tags = [
    ...new Set([
      writer.theme.tag,
      ...Array.from({ length: Math.floor(rnd() * 4) }, () => pick(tagsGeneral)),
    ]),
  ]
  const words = 150 + Math.floor(rnd() * 300)
  return { type: kind.type, title, description, tags, body: writer.text(words) }
}

/** The uploaded file of a document of this type: a presentation, otherwise a PDF or now and then Word. */
export function documentFile(rnd: () => number, type: string, title: string) {
  const [mediaType, extension] =
    type === 'presentatie'
      ? mediaTypes.presentatie
      : rnd() < 0.3
        ? mediaTypes.word
        : mediaTypes.other
  return {
    mediaType,
    originalName: `${title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-')}.${extension}`,
  }
}

export type DocumentsBenchSummary = {
  dataDir: string
  documents: number
  /** By construction: in one of the user's networks, for the user's organisation, not in the bin. */
  visibleToUser: number
  inBin: number
  bodyWords: number
  seconds: number
}

/**
 * Writes a fresh data folder (migrated, seeded) with DOCUMENT_COUNT documents. ZWIN_DATA_DIR must name
 * the same folder: the seed stores its demo files through the app's configuration.
 */
export async function generateDocumentsBenchData(
  dataDir = defaultDocumentsBenchDir,
  count = DOCUMENT_COUNT,
): Promise<DocumentsBenchSummary> {
  const started = performance.now()
  const { databasePath } = await seedFreshDataDir(dataDir)

  const sqlite = new Database(databasePath)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  const rnd = random(20261127)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!

  const user = sqlite
    .prepare('SELECT organisationId FROM User WHERE email = ?')
    .get(DOCUMENTS_BENCH_USER) as { organisationId: string } | undefined
  if (!user) throw new Error(`The seed has no user ${DOCUMENTS_BENCH_USER}`)
  const viewer = user.organisationId
  const memberships = sqlite
    .prepare('SELECT networkId, organisationId FROM NetworkMembership')
    .all() as { networkId: string; organisationId: string }[]
  const members = new Map<string, string[]>()
  for (const m of memberships)
    members.set(m.networkId, [...(members.get(m.networkId) ?? []), m.organisationId])
  const own = [...members].filter(([, orgs]) => orgs.includes(viewer)).map(([id]) => id)
  const other = [...members].filter(([, orgs]) => !orgs.includes(viewer)).map(([id]) => id)
  const users = new Map(
    (
      sqlite.prepare('SELECT id, organisationId FROM User').all() as {
        id: string
        organisationId: string
      }[]
    ).map((u) => [u.organisationId, u.id]),
  )
  const { lastRow } = sqlite
    .prepare('SELECT coalesce(max(searchRowId), 0) AS lastRow FROM Document')
    .get() as { lastRow: number }

  const insert = {
    document: sqlite.prepare(
      'INSERT INTO Document (id, networkId, title, description, type, language, tags, audience, ownerOrganisationId, createdById, searchRowId, version, deletedAt, deletedById, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)',
    ),
    audience: sqlite.prepare(
      'INSERT INTO DocumentAudience (documentId, organisationId) VALUES (?, ?)',
    ),
    version: sqlite.prepare(
      "INSERT INTO DocumentVersion (id, documentId, number, sha256, size, mediaType, originalName, uploadedById, organisationId, textStatus, createdAt) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, 'done', ?)",
    ),
    search: sqlite.prepare(
      'INSERT INTO "DocumentSearch" (rowid, title, description, tags, body) VALUES (?, ?, ?, ?, ?)',
    ),
  }

  const now = Date.now()
  const summary = { visibleToUser: 0, inBin: 0, bodyWords: 0 }
  const hex = () =>
    Math.floor(rnd() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, '0')
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = `benchdoc${i.toString(36).padStart(6, '0')}`
      // 30 % in networks the user's organisation is not in; of the rest, 60 % for the whole network,
      // 12 % for selected organisations including the user's, 28 % for selected others only.
      const inOwnNetwork = rnd() >= 0.3
      const networkId = pick(inOwnNetwork ? own : other)
      const networkMembers = members.get(networkId)!
      const split = rnd()
      const audienceKind = !inOwnNetwork
        ? rnd() < 0.8
          ? 'network'
          : 'selected'
        : split < 0.6
          ? 'network'
          : 'selected'
      const includesViewer = inOwnNetwork && split >= 0.6 && split < 0.72
      const candidates = networkMembers.filter((o) => o !== viewer)
      const owner =
        includesViewer || audienceKind === 'network' ? pick(networkMembers) : pick(candidates)
      const audience = new Set<string>()
      if (audienceKind === 'selected') {
        audience.add(owner)
        if (includesViewer) audience.add(viewer)
        const extra = Math.floor(rnd() * 3)
        for (let k = 0; k < extra; k++) audience.add(pick(candidates))
      }
      const binned = rnd() < 0.015
      const visible =
        inOwnNetwork &&
        !binned &&
        (audienceKind === 'network' || owner === viewer || audience.has(viewer))
      if (visible) summary.visibleToUser++
      if (binned) summary.inBin++

      const content = dutchDocument(rnd)
      const { title, description, tags, body } = content
      summary.bodyWords += body.split(/\s+/).length
      const created = new Date(now - Math.floor(rnd() * 3 * 365) * DAY - Math.floor(rnd() * DAY))
      const updated = new Date(Math.min(now, created.getTime() + Math.floor(rnd() * 60) * DAY))
      const uploader = users.get(owner) ?? null
      const file = documentFile(rnd, content.type, title)
      const searchRowId = lastRow + i + 1

      insert.document.run(
        id,
        networkId,
        title,
        description,
        content.type,
        'nl',
        tags.join(', '),
        audienceKind,
        owner,
        uploader,
        searchRowId,
        binned ? stored(new Date(now - 5 * DAY)) : null,
        binned ? uploader : null,
        stored(created),
        stored(updated),
      )
      for (const organisationId of audience) insert.audience.run(id, organisationId)
      insert.version.run(
        `${id}v1`,
        id,
        Array.from({ length: 8 }, hex).join(''),
        20_000 + Math.floor(rnd() * 5_000_000),
        file.mediaType,
        file.originalName,
        uploader,
        owner,
        stored(created),
      )
      insert.search.run(searchRowId, title, description, tags.join(' '), body)
    }
  })()
  // No ANALYZE and no FTS5 'optimize' (the app runs neither): the bench searches the index as it is in use,
  // in the segments FTS5 wrote.
  sqlite.pragma('wal_checkpoint(TRUNCATE)')
  sqlite.close()

  return {
    dataDir,
    documents: count,
    ...summary,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  generateDocumentsBenchData(
    process.env.ZWIN_DATA_DIR ? path.resolve(process.env.ZWIN_DATA_DIR) : undefined,
  )
    .then((summary) => console.info(summary))
    .catch((error: unknown) => {
      console.error(error)
      process.exit(1)
    })
}
