/**
 * Bench data for issue 5: the demo seed, plus one large network — "Zeeuws Programma Slimmer
 * Samenwerken", the 13 Zeeland municipalities with the province and the water board — holding 200 joint
 * projects, 1,000 goals and 50,000 measurements, with milestones and budget lines, spread over the
 * members. A fixed random seed makes every run the same data.
 *
 * The demo seed goes through Prisma (it hashes the demo passwords, so the bench can sign in); the bulk goes
 * in with better-sqlite3 in one transaction, in the column format Prisma itself writes (dates as ISO text
 * with "+00:00"). Ids are plain unique text, not cuids.
 *
 *   npx tsx tests/bench/generate.ts [data folder]     (default: tests/.output/bench-data)
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { seedFreshDataDir } from '../setup/seeded-data-dir'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const defaultBenchDir = path.join(root, 'tests', '.output', 'bench-data')

export const BENCH_NETWORK = 'zeeuws-programma'
export const BENCH_SIZES = { projects: 200, goals: 1_000, measurements: 50_000 } as const

const memberSlugs = [
  'sluis',
  'terneuzen',
  'hulst',
  'borsele',
  'goes',
  'kapelle',
  'middelburg',
  'noord-beveland',
  'reimerswaal',
  'schouwen-duiveland',
  'tholen',
  'veere',
  'vlissingen',
  'provincie-zeeland',
  'waterschap-scheldestromen',
]

const themes = [
  'Gezamenlijke inkoop energie',
  'Gezamenlijke inkoop ICT-werkplekken',
  'Regionale energiestrategie',
  'Shared service centre salarisadministratie',
  'Samen aanbesteden onderhoud openbare ruimte',
  'Regionaal klantcontactcentrum',
  'Digitaal omgevingsloket',
  'Gedeelde belastingsamenwerking',
  'Regionale jeugdzorg inkoop',
  'Buurtbus en doelgroepenvervoer',
  'Kustversterking en recreatie',
  'Gezamenlijk archief en e-depot',
  'Informatieveiligheid en privacy',
  'Laadpalen langs provinciale wegen',
  'Afvalinzameling en grondstoffen',
  'Grensoverschrijdende arbeidsmarkt',
  'Woningbouwversnelling',
  'Schuldhulpverlening in de regio',
  'Toezicht en handhaving Wabo',
  'Gezamenlijke GIS-voorziening',
]

const goalTemplates: {
  name: string
  unit: string
  direction: string
  base: number
  target: number
}[] = [
  { name: 'Bespaarde euro per jaar', unit: 'EUR', direction: 'higher', base: 0, target: 250_000 },
  {
    name: 'Uren handmatig werk per maand',
    unit: 'hours',
    direction: 'lower',
    base: 1_200,
    target: 600,
  },
  { name: 'Klanttevredenheid', unit: 'percent', direction: 'higher', base: 62, target: 80 },
  {
    name: 'Aantal gezamenlijke aanbestedingen',
    unit: 'count',
    direction: 'higher',
    base: 0,
    target: 24,
  },
  { name: 'Doorlooptijd vergunningen', unit: 'custom', direction: 'lower', base: 56, target: 28 },
  {
    name: 'Vermeden CO2-uitstoot in ton',
    unit: 'count',
    direction: 'higher',
    base: 0,
    target: 1_500,
  },
  {
    name: 'Bespaarde inhuur externe krachten',
    unit: 'EUR',
    direction: 'higher',
    base: 0,
    target: 400_000,
  },
]

const statuses = ['idea', 'proposed', 'active', 'active', 'active', 'completed', 'stopped']
const categories = ['staff', 'external', 'equipment', 'other']
const sources = ['own', 'own', 'province', 'national', 'eu']

/** mulberry32: a small, fast PRNG, so the data is the same on every run. */
function random(seedValue: number) {
  let a = seedValue >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A date as Prisma stores it in SQLite. */
export const stored = (date: Date) => date.toISOString().replace('Z', '+00:00')
export const DAY = 86_400_000
/** Midnight UTC of the day of `ms`. */
export const midnight = (ms: number) => new Date(Math.floor(ms / DAY) * DAY)

/** "schouwen-duiveland" → "Schouwen Duiveland": a slug as the place name in a project title. */
const placeName = (slug: string) =>
  slug.replace(/(^|-)([a-z])/g, (_, s: string, c: string) => `${s ? ' ' : ''}${c.toUpperCase()}`)

export type ProjectsInput = {
  rnd: () => number
  /** A new unique row id with this prefix. */
  id: (prefix: string) => string
  networkId: string
  /** The network's member organisations (ids): leads, partners, who measures. */
  members: readonly string[]
  /** Place names for the titles. */
  places: readonly string[]
  /** An organisation's contact person and the author of its measurements (a user id). */
  contactOf: ReadonlyMap<string, string>
  projects: number
  goalsPerProject: number
  measurementsPerGoal: number
  /** The moment "today" is counted from (ms). */
  now: number
}

/**
 * Projects of one network with 2–6 partners each, three milestones, a budget line per partner, and
 * their goals with measurements spread evenly from the baseline date to today, the partners taking
 * turns. Call it inside a transaction; the rows are in Prisma's column format.
 */
export function insertProjects(sqlite: Database.Database, input: ProjectsInput) {
  const { rnd, id, networkId, members, contactOf } = input
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!
  const between = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1))
  const today = midnight(input.now)
  const nowText = stored(new Date(input.now))
  const insert = {
    project: sqlite.prepare(
      'INSERT INTO Project (id, networkId, title, description, status, stopReason, startDate, endDate, leadOrganisationId, maxEuSharePercent, version, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 50, 1, ?, ?)',
    ),
    participant: sqlite.prepare(
      'INSERT INTO ProjectParticipant (id, projectId, organisationId, contactUserId) VALUES (?, ?, ?, ?)',
    ),
    milestone: sqlite.prepare(
      'INSERT INTO Milestone (id, projectId, title, dueDate, doneAt, createdAt) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    budgetLine: sqlite.prepare(
      'INSERT INTO BudgetLine (id, projectId, organisationId, year, category, source, amountCents, note, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    goal: sqlite.prepare(
      'INSERT INTO Goal (id, networkId, projectId, name, unit, customUnit, direction, baselineValue, baselineDate, targetValue, targetDate, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    measurement: sqlite.prepare(
      'INSERT INTO Measurement (id, goalId, organisationId, date, value, note, createdById, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
  }
  const counts = { projects: 0, goals: 0, measurements: 0, milestones: 0, budgetLines: 0 }
  const projectIds: string[] = []
  const goalIds: string[] = []
  for (let p = 0; p < input.projects; p++) {
    const projectId = id('prj')
    const theme = themes[p % themes.length]!
    const lead = pick(members)
    const partners = new Set([lead])
    const size = Math.min(between(2, 6), members.length)
    while (partners.size < size) partners.add(pick(members))
    const status = pick(statuses)
    const start = new Date(today.getTime() - between(200, 900) * DAY)
    const end = new Date(today.getTime() + between(100, 900) * DAY)
    const place = pick(input.places)
    insert.project.run(
      projectId,
      networkId,
      `${theme} ${place} ${Math.floor(p / themes.length) + 1}`,
      `${theme}: de partners bundelen kennis, inkoop en capaciteit.`,
      status,
      status === 'stopped' ? 'Onvoldoende draagvlak in de gemeenteraden.' : null,
      stored(start),
      stored(end),
      lead,
      nowText,
      nowText,
    )
    projectIds.push(projectId)
    counts.projects++
    const partnerList = [...partners]
    for (const organisationId of partnerList) {
      insert.participant.run(
        id('pp'),
        projectId,
        organisationId,
        contactOf.get(organisationId) ?? null,
      )
    }
    for (const [i, title] of [
      'Plan van aanpak vastgesteld',
      'Aanbesteding gegund',
      'Evaluatie',
    ].entries()) {
      const due = new Date(today.getTime() + (i - 1) * between(20, 200) * DAY)
      const done = due.getTime() < today.getTime() && rnd() < 0.8 ? stored(due) : null
      insert.milestone.run(id('ms'), projectId, title, stored(due), done, nowText)
      counts.milestones++
    }
    for (const organisationId of partnerList) {
      insert.budgetLine.run(
        id('bl'),
        projectId,
        organisationId,
        start.getUTCFullYear() + between(0, 1),
        pick(categories),
        pick(sources),
        between(5_000, 150_000) * 100,
        '',
        nowText,
        nowText,
      )
      counts.budgetLines++
    }
    for (let g = 0; g < input.goalsPerProject; g++) {
      const template = goalTemplates[(p + g) % goalTemplates.length]!
      const goalId = id('goal')
      const baselineDate = new Date(start.getTime())
      insert.goal.run(
        goalId,
        networkId,
        projectId,
        `${template.name} (${theme.toLowerCase()})`,
        template.unit,
        template.unit === 'custom' ? 'werkdagen' : null,
        template.direction,
        template.base,
        stored(baselineDate),
        template.target,
        stored(end),
        nowText,
        nowText,
      )
      goalIds.push(goalId)
      counts.goals++
      const step = (template.target - template.base) / partnerList.length / 40
      const span = today.getTime() - baselineDate.getTime()
      for (let m = 0; m < input.measurementsPerGoal; m++) {
        const organisationId = partnerList[m % partnerList.length]!
        const date = midnight(baselineDate.getTime() + ((m + 1) * span) / input.measurementsPerGoal)
        const value =
          template.base /
            (template.unit === 'percent' || template.unit === 'custom' ? 1 : partnerList.length) +
          step * m * (0.6 + rnd() * 0.8)
        insert.measurement.run(
          id('m'),
          goalId,
          organisationId,
          stored(date),
          Math.round(value * 100) / 100,
          m % 10 === 0 ? 'Kwartaalrapportage' : '',
          contactOf.get(organisationId) ?? null,
          nowText,
        )
        counts.measurements++
      }
    }
  }
  return { counts, projectIds, goalIds }
}

export type BenchSummary = {
  dataDir: string
  network: string
  members: number
  projects: number
  goals: number
  measurements: number
  milestones: number
  budgetLines: number
  seconds: number
}

/** Writes a fresh data folder with the migrated, seeded database and the bench network in it. */
export async function generateBenchData(dataDir = defaultBenchDir): Promise<BenchSummary> {
  const started = performance.now()
  const { databasePath } = await seedFreshDataDir(dataDir)

  const sqlite = new Database(databasePath)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  const rnd = random(20261126)
  let counter = 0
  const id = (prefix: string) => `bench${prefix}${(++counter).toString(36).padStart(7, '0')}`

  const now = Date.now()
  const nowText = stored(new Date(now))
  const orgIds = new Map(
    (
      sqlite.prepare('SELECT id, slug FROM Organisation').all() as { id: string; slug: string }[]
    ).map((o) => [o.slug, o.id]),
  )
  const members = memberSlugs.map((slug) => {
    const found = orgIds.get(slug)
    if (!found) throw new Error(`The seed has no organisation "${slug}"`)
    return found
  })
  const users = new Map(
    (
      sqlite.prepare('SELECT id, organisationId FROM User').all() as {
        id: string
        organisationId: string
      }[]
    ).map((u) => [u.organisationId, u.id]),
  )
  const coordinator = sqlite
    .prepare('SELECT id FROM User WHERE email = ?')
    .get('coordinator.zvl@example.org') as { id: string }

  const insertNetwork = sqlite.prepare(
    'INSERT INTO Network (id, slug, name, shortName, level, description, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const insertMembership = sqlite.prepare(
    'INSERT INTO NetworkMembership (id, networkId, organisationId, activeFrom, createdAt) VALUES (?, ?, ?, ?, ?)',
  )
  const insertRole = sqlite.prepare(
    'INSERT INTO NetworkRole (id, userId, networkId, role, createdAt) VALUES (?, ?, ?, ?, ?)',
  )

  const counts = sqlite.transaction(() => {
    const networkId = id('net')
    insertNetwork.run(
      networkId,
      BENCH_NETWORK,
      'Zeeuws Programma Slimmer Samenwerken',
      'ZPSS',
      'provincial',
      'Alle Zeeuwse gemeenten, de provincie en het waterschap werken samen aan efficiencywinst.',
      nowText,
      nowText,
    )
    for (const organisationId of members) {
      insertMembership.run(
        id('mem'),
        networkId,
        organisationId,
        stored(new Date('2020-01-01')),
        nowText,
      )
    }
    insertRole.run(id('role'), coordinator.id, networkId, 'coordinator', nowText)

    // 200 projects with 2–6 partners each, 5 goals each; 50 measurements per goal (50,000).
    return insertProjects(sqlite, {
      rnd,
      id,
      networkId,
      members,
      places: memberSlugs.slice(0, 13).map(placeName),
      contactOf: users,
      projects: BENCH_SIZES.projects,
      goalsPerProject: BENCH_SIZES.goals / BENCH_SIZES.projects,
      measurementsPerGoal: BENCH_SIZES.measurements / BENCH_SIZES.goals,
      now,
    }).counts
  })()
  // No ANALYZE: the app never runs it, so the bench queries get the planner a real database gets.
  sqlite.pragma('wal_checkpoint(TRUNCATE)')
  sqlite.close()

  return {
    dataDir,
    network: BENCH_NETWORK,
    members: members.length,
    ...counts,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  generateBenchData(process.argv[2] ? path.resolve(process.argv[2]) : undefined)
    .then((summary) => console.info(summary))
    .catch((error: unknown) => {
      console.error(error)
      process.exit(1)
    })
}
