import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { hashPassword } from '../app/modules/auth/password.server'
import { getConfig } from '../app/modules/config/config.server'
import { createDb, prepareDb, type Db } from '../app/modules/db/db.server'
import type { Prisma } from '../app/modules/db/generated/client'
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, demoLogins } from './demo-logins'
import { seedDocuments } from './seed-documents'
import { seedMeetings } from './seed-meetings'
import { seedProjects } from './seed-projects'

// The real networks of demo-data.md. Organisations, codes and memberships are public facts; the people
// (demo-logins.ts) are invented.

type OrganisationSeed = {
  slug: string
  name: string
  kind: 'municipality' | 'province' | 'water_board' | 'association' | 'business'
  country: 'NL' | 'BE'
  officialCode: string | null
}

const nlMunicipality = (slug: string, name: string, code: string): OrganisationSeed => ({
  slug,
  name: `Gemeente ${name}`,
  kind: 'municipality',
  country: 'NL',
  officialCode: code,
})

const beMunicipality = (slug: string, name: string, nis: string): OrganisationSeed => ({
  slug,
  name: `Gemeente ${name}`,
  kind: 'municipality',
  country: 'BE',
  officialCode: nis,
})

const zeelandMunicipalities = [
  nlMunicipality('sluis', 'Sluis', 'GM1714'),
  nlMunicipality('terneuzen', 'Terneuzen', 'GM0715'),
  nlMunicipality('hulst', 'Hulst', 'GM0677'),
  nlMunicipality('borsele', 'Borsele', 'GM0654'),
  nlMunicipality('goes', 'Goes', 'GM0664'),
  nlMunicipality('kapelle', 'Kapelle', 'GM0678'),
  nlMunicipality('middelburg', 'Middelburg', 'GM0687'),
  nlMunicipality('noord-beveland', 'Noord-Beveland', 'GM1695'),
  nlMunicipality('reimerswaal', 'Reimerswaal', 'GM0703'),
  nlMunicipality('schouwen-duiveland', 'Schouwen-Duiveland', 'GM1676'),
  nlMunicipality('tholen', 'Tholen', 'GM0716'),
  nlMunicipality('veere', 'Veere', 'GM0717'),
  nlMunicipality('vlissingen', 'Vlissingen', 'GM0718'),
]

export const seedOrganisations: readonly OrganisationSeed[] = [
  ...zeelandMunicipalities,
  {
    slug: 'provincie-zeeland',
    name: 'Provincie Zeeland',
    kind: 'province',
    country: 'NL',
    officialCode: null,
  },
  {
    slug: 'waterschap-scheldestromen',
    name: 'Waterschap Scheldestromen',
    kind: 'water_board',
    country: 'NL',
    officialCode: null,
  },
  beMunicipality('maldegem', 'Maldegem', '43010'),
  beMunicipality('knokke-heist', 'Knokke-Heist', '31043'),
  beMunicipality('damme', 'Damme', '31006'),
  beMunicipality('sint-laureins', 'Sint-Laureins', '43014'),
  nlMunicipality('amsterdam', 'Amsterdam', 'GM0363'),
  nlMunicipality('heerlen', 'Heerlen', 'GM0917'),
  nlMunicipality('eemsdelta', 'Eemsdelta', 'GM1979'),
  nlMunicipality('de-wolden', 'De Wolden', 'GM1690'),
  nlMunicipality('hollands-kroon', 'Hollands Kroon', 'GM1911'),
  nlMunicipality('sudwest-fryslan', 'Súdwest-Fryslân', 'GM1900'),
  nlMunicipality('berkelland', 'Berkelland', 'GM1859'),
  // Invented, but named like the business bodies that take part in the real network.
  {
    slug: 'ondernemersplatform-zeeuws-vlaanderen',
    name: 'Ondernemersplatform Zeeuws-Vlaanderen',
    kind: 'business',
    country: 'NL',
    officialCode: null,
  },
]

type NetworkSeed = {
  slug: string
  name: string
  shortName: string
  level: 'regional' | 'provincial' | 'national' | 'cross_border'
  description: string
  members: string[]
}

const zeeland = zeelandMunicipalities.map((o) => o.slug)

export const seedNetworks: readonly NetworkSeed[] = [
  {
    slug: 'gos',
    name: 'Grensoverschrijdend Samenwerkingsoverleg',
    shortName: 'GOS',
    level: 'cross_border',
    description:
      'In het GOS overlegt Sluis met de Vlaamse buurgemeenten Maldegem, Knokke-Heist, Damme en Sint-Laureins. ' +
      'Samen werken zij aan vervoer over de grens (zoals automatisch vervoer tussen Nederland en België), toerisme, ' +
      'het Zwin en Landschapspark Zwinstreek, en crisisbeheersing aan de grens. De vergaderingen zijn om de beurt bij een van de partners.',
    members: ['sluis', 'maldegem', 'knokke-heist', 'damme', 'sint-laureins'],
  },
  {
    slug: 'zeeuws-vlaanderen',
    name: 'Zeeuws-Vlaamse gemeenten',
    shortName: 'Zeeuws-Vlaanderen',
    level: 'regional',
    description:
      'Sluis, Terneuzen en Hulst werken samen aan de toekomst van Zeeuws-Vlaanderen. ' +
      'Zij maken samen een regiovisie en een werkagenda en voeren de Regio Deal Zeeuws-Vlaanderen uit. ' +
      'De Provincie Zeeland betaalt mee.',
    members: ['sluis', 'terneuzen', 'hulst'],
  },
  {
    slug: 'vzg',
    name: 'Vereniging Zeeuwse Gemeenten',
    shortName: 'VZG',
    level: 'provincial',
    description:
      'De VZG is de vereniging van alle dertien Zeeuwse gemeenten. ' +
      'Het bestuur bepaalt gezamenlijke standpunten, ook over onderwerpen in het Overleg Zeeuwse Overheden. ' +
      'De VZG organiseert ook cursussen.',
    members: zeeland,
  },
  {
    slug: 'ozo',
    name: 'Overleg Zeeuwse Overheden',
    shortName: 'OZO',
    level: 'provincial',
    description:
      'In het OZO werken de dertien Zeeuwse gemeenten, de Provincie Zeeland en Waterschap Scheldestromen samen ' +
      'volgens een samenwerkingsovereenkomst en een gezamenlijke samenwerkingsagenda. ' +
      'Er zijn themaoverleggen over water, mobiliteit, economie en het sociaal domein, en de partners lobbyen samen in Den Haag en Brussel. ' +
      'De vroegere Tafel van 15 is in 2019 opgegaan in het OZO.',
    members: [...zeeland, 'provincie-zeeland', 'waterschap-scheldestromen'],
  },
  {
    slug: 'p10',
    name: 'P10',
    shortName: 'P10',
    level: 'national',
    description:
      'P10 is het netwerk van grote plattelandsgemeenten in Nederland. ' +
      'De gemeenten werken samen aan een strategische agenda en schrijven position papers over wat het platteland nodig heeft. ' +
      'Het netwerk heeft een algemeen bestuur en een dagelijks bestuur.',
    members: ['sluis', 'de-wolden', 'hollands-kroon', 'sudwest-fryslan', 'berkelland'],
  },
  {
    slug: 'stedenband',
    name: 'Stedenband',
    shortName: 'Stedenband',
    level: 'national',
    description:
      'In de Stedenband werken Amsterdam, Heerlen, Eemsdelta en Sluis samen. ' +
      'Zij delen kennis over leefbaarheid in grensregio’s en krimpgebieden, met masterclasses, stages en uitwisseling tussen medewerkers.',
    members: ['amsterdam', 'heerlen', 'eemsdelta', 'sluis'],
  },
  {
    slug: 'grenzeloos-zeeuws-vlaanderen',
    name: 'Grenzeloos Zeeuws-Vlaanderen',
    shortName: 'Grenzeloos',
    level: 'regional',
    description:
      'Grenzeloos Zeeuws-Vlaanderen brengt de drie Zeeuws-Vlaamse gemeenten en ondernemers samen. ' +
      'Zij werken aan ondernemen en werken over de grens met België: samenwerking tussen bedrijven en een gezamenlijke arbeidsmarkt.',
    members: ['sluis', 'terneuzen', 'hulst', 'ondernemersplatform-zeeuws-vlaanderen'],
  },
]

// A fixed date in the past, so that seeded history (meetings, documents) falls inside the membership.
// Eemsdelta exists since 1 January 2021, the latest of all seeded organisations.
const membershipStart = new Date('2021-01-01T00:00:00Z')

export type SeedSummary = {
  organisations: number
  networks: number
  memberships: number
  users: number
  created: {
    organisations: number
    networks: number
    memberships: number
    users: number
    passwords: number
    projects: number
    documents: number
    meetings: number
  }
}

/**
 * Puts the demo organisations, networks and people in the database. Safe to run at every start: it
 * adds what is missing and never changes what is there, so edits made in the app survive a restart.
 * Roles are given only when the seed creates the user; a role an administrator took away stays away.
 */
export async function seed(db: Db): Promise<SeedSummary> {
  // Hashing is slow (on purpose), so it happens before the transaction and only for accounts without a password.
  const emails = demoLogins.map((l) => l.email)
  const withPassword = await db.user.findMany({
    where: { email: { in: emails }, password: { isNot: null } },
    select: { email: true },
  })
  const hasPassword = new Set(withPassword.map((u) => u.email))
  const missing = emails.filter((email) => !hasPassword.has(email))
  const hashes = new Map(
    await Promise.all(
      missing.map(async (email) => [email, await hashPassword(DEMO_PASSWORD)] as const),
    ),
  )

  const summary = await db.$transaction((tx) => seedInTransaction(tx, hashes), { timeout: 60_000 })
  // Files go to disk before their rows, so documents are added outside the big transaction.
  summary.created.documents = await seedDocuments(db)
  summary.created.meetings = await seedMeetings(db)
  return summary
}

async function seedInTransaction(
  tx: Prisma.TransactionClient,
  passwordHashes: Map<string, string>,
): Promise<SeedSummary> {
  const created = {
    organisations: 0,
    networks: 0,
    memberships: 0,
    users: 0,
    passwords: 0,
    projects: 0,
    documents: 0,
    meetings: 0,
  }

  const organisationIds = new Map<string, string>()
  for (const o of seedOrganisations) {
    let row = await tx.organisation.findUnique({ where: { slug: o.slug }, select: { id: true } })
    if (!row) {
      row = await tx.organisation.create({
        data: { ...o, defaultLocale: o.country === 'BE' ? 'nl-BE' : 'nl-NL' },
        select: { id: true },
      })
      created.organisations++
    }
    organisationIds.set(o.slug, row.id)
  }

  const networkIds = new Map<string, string>()
  for (const { members, ...n } of seedNetworks) {
    let row = await tx.network.findUnique({ where: { slug: n.slug }, select: { id: true } })
    if (!row) {
      row = await tx.network.create({ data: n, select: { id: true } })
      created.networks++
    }
    networkIds.set(n.slug, row.id)

    for (const slug of members) {
      const key = { networkId: row.id, organisationId: must(organisationIds, slug) }
      // An ended membership (activeTo set) is left ended.
      const existing = await tx.networkMembership.findUnique({
        where: { networkId_organisationId: key },
        select: { id: true },
      })
      if (!existing) {
        await tx.networkMembership.create({ data: { ...key, activeFrom: membershipStart } })
        created.memberships++
      }
    }
  }

  for (const login of demoLogins) {
    let user = await tx.user.findUnique({ where: { email: login.email }, select: { id: true } })
    if (!user) {
      user = await tx.user.create({
        data: {
          email: login.email,
          name: login.name,
          organisationId: must(organisationIds, login.organisationSlug),
          // null: the language follows the browser until the person picks one.
          locale: null,
          isPlatformAdmin: login.isPlatformAdmin ?? false,
          isOrgAdmin: login.isOrgAdmin ?? false,
          roles: {
            create: (login.roles ?? []).map((r) => ({
              role: r.role,
              networkId: must(networkIds, r.network),
            })),
          },
        },
        select: { id: true },
      })
      created.users++
      if (login.isPlatformAdmin || login.isOrgAdmin) {
        // Administrators cannot open an administration page without a second factor: the demo ones get
        // one with the secret the start banner shows. Only at creation, so a reset one stays reset.
        await tx.totpFactor.create({
          data: { userId: user.id, secret: DEMO_TOTP_SECRET, confirmedAt: new Date() },
        })
      }
    }

    const hash = passwordHashes.get(login.email)
    if (hash) {
      // update: {} keeps a password that appeared since the check above.
      await tx.password.upsert({
        where: { userId: user.id },
        create: { userId: user.id, hash },
        update: {},
      })
      created.passwords++
    }
  }

  created.projects = await seedProjects(tx, organisationIds, networkIds)

  const [organisations, networks, memberships, users] = await Promise.all([
    tx.organisation.count(),
    tx.network.count(),
    tx.networkMembership.count(),
    tx.user.count(),
  ])
  return { organisations, networks, memberships, users, created }
}

function must(ids: Map<string, string>, slug: string): string {
  const id = ids.get(slug)
  if (!id) throw new Error(`Seed data names "${slug}", which the seed does not create`)
  return id
}

async function main() {
  // A real installation sets ZWIN_DEMO_DATA=false: the demo people share a published password.
  if (getConfig().demoData === false) {
    console.info('Seed skipped (ZWIN_DEMO_DATA=false).')
    return
  }
  const db = createDb(getConfig().database)
  try {
    await prepareDb(db)
    const s = await seed(db)
    const c = s.created
    console.info(
      `Seed: ${s.organisations} organisations, ${s.networks} networks, ${s.memberships} memberships, ${s.users} users ` +
        `(new: ${c.organisations} organisations, ${c.networks} networks, ${c.memberships} memberships, ${c.users} users, ${c.passwords} passwords, ${c.projects} projects, ${c.documents} documents, ${c.meetings} meetings)`,
    )
  } finally {
    await db.$disconnect()
  }
}

const runDirectly =
  process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href
if (runDirectly) {
  main().catch((error: unknown) => {
    console.error('Seeding failed:', error)
    process.exitCode = 1
  })
}
