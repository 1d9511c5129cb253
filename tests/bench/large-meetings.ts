/**
 * The meetings of the large data set (large-generate.ts): per network, years of meetings with their
 * agendas (three standing items, the meeting's own with now and then a sub-item, two standing),
 * invitations, who came, documents per item, decisions and action items, and their activity events.
 */
import { standingItems } from '../../app/modules/meetings/types'
import { standingTitles } from '../../prisma/seed-meetings'
import { bare, dutchWriter } from './dutch-text'
import { DAY, midnight, stored } from './generate'
import type { Bulk } from './large-generate'

const meetingKinds = [
  'Stuurgroep',
  'Portefeuillehoudersoverleg',
  'Ambtelijk overleg',
  'Werkgroep',
  'Bestuurlijk overleg',
]
const itemKinds = ['information', 'discussion', 'decision', 'decision'] as const
const outcomes = ['adopted', 'adopted', 'adopted', 'amended', 'postponed', 'noted', 'rejected']
export type MeetingsInput = {
  /** In the order the weights were given; `documents` are those a meeting may attach (not in the bin). */
  networks: readonly { id: string; name: string; members: string[]; documents: string[] }[]
  /** How many meetings each network holds. */
  meetings: readonly number[]
  /** On average per meeting, the standing items included. */
  itemsPerMeeting: number
  historyDays: number
  peopleOf: ReadonlyMap<string, string[]>
  organisationName: ReadonlyMap<string, string>
}

/**
 * A few meetings to come (published, now and then a draft), at least a week ahead, so no reply
 * reminders fall due while the bench runs; the rest spread over the history, the newest yesterday.
 * Action items due by the day after tomorrow are dealt with, so none is overdue either.
 */
export function insertLargeMeetings(bulk: Bulk, input: MeetingsInput) {
  const { sqlite, rnd, pick, between, id, now, event } = bulk
  const { networks, peopleOf, organisationName } = input
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
  const secretaryOf = new Map(networks.map((network) => [network.id, pick(network.members)]))
  for (const [n, network] of networks.entries()) {
    const { id: networkId, members, documents: docs, name: networkName } = network
    const total = input.meetings[n]!
    const ahead = Math.max(1, Math.round(total * 0.02))
    sqlite.transaction(() => {
      for (let m = 0; m < total; m++) {
        const meetingId = id('mtg')
        const future = m >= total - ahead
        const day = future
          ? midnight(now + (7 + (m - (total - ahead)) * 14) * DAY).getTime()
          : midnight(
              now -
                input.historyDays * DAY +
                ((m + 1) * (input.historyDays - 1) * DAY) / (total - ahead + 1),
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
        const count = between(input.itemsPerMeeting - 4, input.itemsPerMeeting + 4)
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
            { user: creator, organisation: secretaryOf.get(networkId)! },
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
            { user: creator, organisation: secretaryOf.get(networkId)! },
            { meeting: meetingId },
            { meetingTitle: title, itemTitle: item.title, outcome: pick(outcomes) },
            stored(endsAt),
          )
        }
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
            { user: creator, organisation: secretaryOf.get(networkId)! },
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
}
