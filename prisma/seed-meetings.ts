import type { Db } from '../app/modules/db/db.server'
import {
  meetingInstant,
  meetingWallClock,
  standingItems,
  type AgendaItemKind,
} from '../app/modules/meetings/types'

/** The Amsterdam calendar day `days` from today (negative: in the past). */
function dayFromToday(days: number): string {
  return meetingWallClock(new Date(Date.now() + days * 86_400_000)).day
}

/*
 * Demo meetings of the GOS: one held eight weeks ago (decisions, action items), one published for two
 * weeks from now with documents per item (one of them for the Belgian partners only), and a draft ten
 * weeks ahead that only the coordinator and the secretary see. Days are counted from the day the seed
 * runs, so a fresh demo always has a meeting to come. Each is created only when the network has no
 * meeting of that title, so changes made in the app survive a restart.
 */

/** The titles of the demo meetings, for tests that look them up. */
export const seededMeetingTitles = {
  /** Held eight weeks before the seed ran: decisions and action items (one of Damme's still open). */
  held: 'GOS-overleg: proefroute shuttle',
  /** Published, two weeks after the seed ran, hosted by Knokke-Heist, documents per item. */
  published: 'GOS-overleg: werkplan 2027',
  /** A draft ten weeks after the seed ran: only the GOS coordinator and secretary see it. */
  draft: 'GOS-overleg: begroting en Interreg',
} as const

/** The titles the standing agenda items get in the demo and bench data (Dutch, as written). */
export const standingTitles: Record<string, string> = {
  opening: 'Opening en mededelingen',
  previous_minutes: 'Verslag van de vorige vergadering',
  action_list: 'Actiepuntenlijst',
  any_other_business: 'Rondvraag',
  closing: 'Sluiting',
}

type ItemSeed = {
  title: string
  kind: AgendaItemKind
  minutes: number
  presenter?: string
  documents?: string[]
  decision?: { text: string; outcome: string }
  /** `due` in days from today. */
  actions?: { description: string; organisation: string; due?: number; done?: boolean }[]
}

type MeetingSeed = {
  network: string
  title: string
  /** Days from today. */
  day: number
  from: string
  to: string
  host: string
  location: string
  onlineUrl?: string
  status: 'draft' | 'published' | 'held'
  items: ItemSeed[]
}

const meetings: MeetingSeed[] = [
  {
    network: 'gos',
    title: seededMeetingTitles.held,
    day: -56,
    from: '14:00',
    to: '16:00',
    host: 'maldegem',
    location: 'Gemeentehuis Maldegem, Marktstraat 7, 9990 Maldegem',
    status: 'held',
    items: [
      {
        title: 'Automatische shuttle: keuze van de proefroute',
        kind: 'decision',
        minutes: 30,
        presenter: 'knokke-heist',
        decision: {
          text: 'De proefroute loopt van Sluis via Retranchement naar Knokke; Damme volgt in fase 2.',
          outcome: 'adopted',
        },
        actions: [
          {
            description: 'Offerte van twee shuttle-operators opvragen',
            organisation: 'damme',
            due: 5,
          },
          {
            description: 'Verkeerstellingen aan de grensovergangen delen',
            organisation: 'maldegem',
            due: -30,
            done: true,
          },
        ],
      },
      { title: 'Gezamenlijk fietsknooppuntennetwerk', kind: 'discussion', minutes: 25 },
    ],
  },
  {
    network: 'gos',
    title: seededMeetingTitles.published,
    day: 14,
    from: '14:00',
    to: '16:30',
    host: 'knokke-heist',
    location: 'Gemeentehuis Knokke-Heist, Dumortierlaan 32, 8300 Knokke-Heist',
    onlineUrl: 'https://teams.example.org/gos-december',
    status: 'published',
    items: [
      {
        title: 'Werkplan GOS 2027',
        kind: 'decision',
        minutes: 30,
        presenter: 'sluis',
        documents: ['Werkplan GOS 2027'],
      },
      {
        title: 'Grensverkeer: resultaten van de tellingen',
        kind: 'discussion',
        minutes: 20,
        presenter: 'maldegem',
        documents: ['Verkeerstellingen grensovergangen (Belgische partners)'],
      },
      {
        title: 'Automatische shuttle: stand van zaken',
        kind: 'information',
        minutes: 15,
        presenter: 'knokke-heist',
        documents: ['Intentieovereenkomst automatische shuttle'],
      },
    ],
  },
  {
    network: 'gos',
    title: seededMeetingTitles.draft,
    day: 70,
    from: '10:00',
    to: '12:00',
    host: 'sluis',
    location: 'Gemeentehuis Sluis, Kaai 8, 4524 EK Sluis',
    status: 'draft',
    items: [{ title: 'Begroting 2027 en cofinanciering Interreg', kind: 'decision', minutes: 30 }],
  },
]

export async function seedMeetings(db: Db): Promise<number> {
  let created = 0
  for (const m of meetings) {
    const network = await db.network.findUnique({
      where: { slug: m.network },
      select: { id: true },
    })
    const host = await db.organisation.findUnique({ where: { slug: m.host }, select: { id: true } })
    const secretary = await db.user.findUnique({
      where: { email: 'secretaris.gos@example.org' },
      select: { id: true },
    })
    if (!network || !host) continue
    const exists = await db.meeting.findFirst({
      where: { networkId: network.id, title: m.title },
      select: { id: true },
    })
    if (exists) continue
    await createMeeting(db, m, network.id, host.id, secretary?.id ?? null)
    created += 1
  }
  return created
}

async function createMeeting(
  db: Db,
  m: MeetingSeed,
  networkId: string,
  hostId: string,
  createdById: string | null,
) {
  const members = await db.networkMembership.findMany({
    where: { networkId, activeTo: null },
    select: { organisationId: true },
  })
  const organisations = new Map(
    (await db.organisation.findMany({ select: { id: true, slug: true } })).map((o) => [
      o.slug,
      o.id,
    ]),
  )
  await db.$transaction(async (tx) => {
    const meeting = await tx.meeting.create({
      data: {
        networkId,
        title: m.title,
        startsAt: meetingInstant(dayFromToday(m.day), m.from)!,
        endsAt: meetingInstant(dayFromToday(m.day), m.to)!,
        hostOrganisationId: hostId,
        location: m.location,
        onlineUrl: m.onlineUrl ?? '',
        chair: 'Burgemeester van de gastgemeente',
        secretary: 'GOS-secretariaat (Sluis)',
        status: m.status,
        publishedAt: m.status === 'draft' ? null : new Date(),
        createdById,
        invitations: { create: members.map((x) => ({ organisationId: x.organisationId })) },
      },
      select: { id: true },
    })
    const opening = standingItems.slice(0, 3)
    const closing = standingItems.slice(3)
    const rows = [
      ...opening.map((s) => ({
        title: standingTitles[s.standing]!,
        kind: s.kind,
        minutes: s.durationMinutes,
        standing: s.standing,
      })),
      ...m.items.map((i) => ({ ...i, standing: null })),
      ...closing.map((s) => ({
        title: standingTitles[s.standing]!,
        kind: s.kind,
        minutes: s.durationMinutes,
        standing: s.standing,
      })),
    ]
    for (const [position, row] of rows.entries()) {
      const item =
        'decision' in row || 'documents' in row || 'presenter' in row ? (row as ItemSeed) : null
      const created = await tx.agendaItem.create({
        data: {
          meetingId: meeting.id,
          position,
          title: row.title,
          kind: row.kind,
          standing: row.standing,
          durationMinutes: row.minutes,
          presenterOrganisationId: item?.presenter
            ? (organisations.get(item.presenter) ?? null)
            : null,
          decisionText: item?.decision?.text ?? '',
          decisionOutcome: item?.decision?.outcome ?? null,
        },
        select: { id: true },
      })
      for (const title of item?.documents ?? []) {
        const document = await tx.document.findFirst({
          where: { networkId, title, deletedAt: null },
          select: { id: true },
        })
        if (document) {
          await tx.meetingDocument.create({
            data: { meetingId: meeting.id, agendaItemId: created.id, documentId: document.id },
          })
        }
      }
      for (const action of item?.actions ?? []) {
        await tx.actionItem.create({
          data: {
            networkId,
            meetingId: meeting.id,
            agendaItemId: created.id,
            description: action.description,
            organisationId: organisations.get(action.organisation)!,
            dueDate:
              action.due === undefined
                ? null
                : new Date(`${dayFromToday(action.due)}T00:00:00.000Z`),
            status: action.done ? 'done' : 'open',
            closedAt: action.done ? new Date() : null,
            createdById,
          },
        })
      }
    }
  })
}
