import type { Prisma } from '../app/modules/db/generated/client'

/*
 * The joint projects and goals of demo-data.md, with invented figures. Like the rest of the seed, a
 * project is created only when its network has none of that title: what people change in the app stays.
 */

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`)

type ProjectSeed = {
  network: string
  title: string
  description: string
  status: 'idea' | 'proposed' | 'active' | 'completed' | 'stopped'
  start: string
  end: string
  lead: string
  partners: string[]
  milestones: { title: string; due: string; done?: string }[]
  budget: {
    org: string
    year: number
    category: string
    source: string
    euros: number
    note?: string
  }[]
  goals: {
    name: string
    unit: 'EUR' | 'hours' | 'percent' | 'count'
    direction: 'higher' | 'lower'
    baseline: number
    baselineDate: string
    target: number
    targetDate: string
    measurements: { org: string; date: string; value: number; note?: string }[]
  }[]
}

const quarterly = (org: string, values: number[]) =>
  ['2026-03-31', '2026-06-30', '2026-09-30'].slice(0, values.length).map((date, i) => ({
    org,
    date,
    value: values[i]!,
  }))

export const seedProjectList: readonly ProjectSeed[] = [
  {
    network: 'gos',
    title: 'Grensoverschrijdende automatische shuttle',
    description:
      'Een proef met een zelfrijdende shuttle tussen Sluis, Knokke-Heist en Damme. De partners tekenden de intentieovereenkomst op een GOS-vergadering in Knokke-Zoute.',
    status: 'active',
    start: '2026-01-01',
    end: '2027-12-31',
    lead: 'sluis',
    partners: ['knokke-heist', 'damme'],
    milestones: [
      { title: 'Intentieovereenkomst getekend', due: '2026-02-15', done: '2026-02-12' },
      { title: 'Vergunningen in Nederland en België rond', due: '2026-09-30', done: '2026-10-06' },
      { title: 'Eerste ritten met reizigers', due: '2027-03-01' },
    ],
    budget: [
      { org: 'sluis', year: 2026, category: 'external', source: 'own', euros: 120_000 },
      {
        org: 'sluis',
        year: 2026,
        category: 'external',
        source: 'eu',
        euros: 110_000,
        note: 'Interreg Vlaanderen-Nederland',
      },
      { org: 'knokke-heist', year: 2026, category: 'staff', source: 'own', euros: 45_000 },
      {
        org: 'damme',
        year: 2027,
        category: 'equipment',
        source: 'national',
        euros: 30_000,
        note: 'Vlaamse overheid',
      },
    ],
    goals: [
      {
        name: 'Grensoverschrijdende ritten per maand',
        unit: 'count',
        direction: 'higher',
        baseline: 0,
        baselineDate: '2026-01-01',
        target: 3_000,
        targetDate: '2027-12-31',
        measurements: [
          ...quarterly('sluis', [0, 150, 480]),
          ...quarterly('knokke-heist', [0, 90, 310]),
        ],
      },
    ],
  },
  {
    network: 'gos',
    title: 'Landschapspark Zwinstreek',
    description:
      'Samen beheren en beleven van het Zwin en zijn omgeving aan beide kanten van de grens.',
    status: 'active',
    start: '2025-01-01',
    end: '2028-12-31',
    lead: 'knokke-heist',
    partners: ['sluis', 'damme', 'maldegem'],
    milestones: [
      { title: 'Gezamenlijk beheerplan vastgesteld', due: '2026-06-30', done: '2026-06-18' },
      { title: 'Fietsroute langs de grens open', due: '2027-05-01' },
    ],
    budget: [
      { org: 'knokke-heist', year: 2026, category: 'staff', source: 'own', euros: 80_000 },
      { org: 'knokke-heist', year: 2026, category: 'external', source: 'eu', euros: 75_000 },
      {
        org: 'sluis',
        year: 2026,
        category: 'external',
        source: 'province',
        euros: 40_000,
        note: 'Provincie Zeeland',
      },
      { org: 'sluis', year: 2027, category: 'external', source: 'own', euros: 35_000 },
      { org: 'damme', year: 2026, category: 'other', source: 'own', euros: 15_000 },
      { org: 'maldegem', year: 2027, category: 'equipment', source: 'own', euros: 20_000 },
    ],
    goals: [],
  },
  {
    network: 'zeeuws-vlaanderen',
    title: 'Gezamenlijke inkoop Zeeuws-Vlaanderen',
    description:
      'Sluis, Terneuzen en Hulst kopen samen in: energie, ICT en onderhoud van de openbare ruimte.',
    status: 'active',
    start: '2026-01-01',
    end: '2027-12-31',
    lead: 'terneuzen',
    partners: ['sluis', 'hulst'],
    milestones: [
      { title: 'Inkoopstrategie vastgesteld', due: '2026-03-31', done: '2026-03-25' },
      { title: 'Eerste gezamenlijke aanbesteding gegund', due: '2026-12-15' },
    ],
    budget: [
      { org: 'terneuzen', year: 2026, category: 'staff', source: 'own', euros: 60_000 },
      { org: 'sluis', year: 2026, category: 'staff', source: 'own', euros: 25_000 },
      { org: 'hulst', year: 2026, category: 'staff', source: 'own', euros: 25_000 },
      { org: 'terneuzen', year: 2027, category: 'external', source: 'province', euros: 30_000 },
    ],
    goals: [
      {
        name: 'Bespaarde euro per jaar',
        unit: 'EUR',
        direction: 'higher',
        baseline: 0,
        baselineDate: '2026-01-01',
        target: 250_000,
        targetDate: '2027-12-31',
        measurements: [
          ...quarterly('terneuzen', [8_000, 21_000, 36_000]),
          ...quarterly('sluis', [3_000, 9_000, 15_000]),
          ...quarterly('hulst', [2_500, 7_000, 11_000]),
        ],
      },
    ],
  },
]

export async function seedProjects(
  tx: Prisma.TransactionClient,
  organisationIds: Map<string, string>,
  networkIds: Map<string, string>,
): Promise<number> {
  const id = (map: Map<string, string>, key: string) => {
    const value = map.get(key)
    if (!value) throw new Error(`Seed refers to unknown "${key}"`)
    return value
  }
  let created = 0
  for (const p of seedProjectList) {
    const networkId = id(networkIds, p.network)
    const exists = await tx.project.findFirst({
      where: { networkId, title: p.title },
      select: { id: true },
    })
    if (exists) continue
    const org = (slug: string) => id(organisationIds, slug)
    await tx.project.create({
      data: {
        networkId,
        title: p.title,
        description: p.description,
        status: p.status,
        startDate: day(p.start),
        endDate: day(p.end),
        leadOrganisationId: org(p.lead),
        participants: {
          create: [p.lead, ...p.partners].map((slug) => ({ organisationId: org(slug) })),
        },
        milestones: {
          create: p.milestones.map((m) => ({
            title: m.title,
            dueDate: day(m.due),
            doneAt: m.done ? day(m.done) : null,
          })),
        },
        budgetLines: {
          create: p.budget.map((b) => ({
            organisationId: org(b.org),
            year: b.year,
            category: b.category,
            source: b.source,
            amountCents: b.euros * 100,
            note: b.note ?? '',
          })),
        },
        goals: {
          create: p.goals.map((g) => ({
            networkId,
            name: g.name,
            unit: g.unit,
            direction: g.direction,
            baselineValue: g.baseline,
            baselineDate: day(g.baselineDate),
            targetValue: g.target,
            targetDate: day(g.targetDate),
            measurements: {
              create: g.measurements.map((m) => ({
                organisationId: org(m.org),
                date: day(m.date),
                value: m.value,
                note: m.note ?? '',
              })),
            },
          })),
        },
      },
    })
    created++
  }
  return created
}
