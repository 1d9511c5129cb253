import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { seededMeetingTitles } from '../../prisma/seed-meetings'
import { callLoader, sessionCookies } from '../setup/route-calls'
import { networkIds, organisationIds } from '../setup/seeded-ids'
import { explain, statementsOf } from '../setup/sql-plans'
import { onSqlite } from '../setup/sqlite-only'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// The header search finds meetings by title, description and agenda item titles, inside the meetings
// access rule: a draft only for the network's preparers, nothing of a network one is not in. Every word
// must occur somewhere in the meeting, also inside a longer word, whatever its accents and case; the
// search reads the trigram index of those texts (MeetingSearch), kept up to date by the database itself
// on every change of a meeting or an agenda item.

let t: TestDatabase
let search: typeof import('../../app/routes/search')
const cookie = sessionCookies()

beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
  search = await import('../../app/routes/search')
})
afterAll(() => t.cleanup())

const cookieOf = (email: string) => cookie(email)

async function meetingTitles(email: string, q: string) {
  const outcome = await callLoader(search.loader, `/zoeken?q=${encodeURIComponent(q)}`, {
    cookie: await cookie(email),
  })
  expect(outcome.status).toBe(200)
  return (outcome.data as { meetings: { title: string }[] }).meetings.map((m) => m.title)
}

describe('meetings in the header search', () => {
  it('finds a published meeting by an agenda item title for every GOS member', async () => {
    for (const email of ['lid.sluis@example.org', 'lid.damme@example.org']) {
      expect(await meetingTitles(email, 'tellingen grensverkeer')).toEqual([
        seededMeetingTitles.published,
      ])
    }
  })

  it('shows the draft only to the preparers of the network', async () => {
    expect(await meetingTitles('secretaris.gos@example.org', 'begroting')).toEqual([
      seededMeetingTitles.draft,
    ])
    expect(await meetingTitles('lid.sluis@example.org', 'begroting')).toEqual([])
    expect(await meetingTitles('lid.sluis@example.org', 'cofinanciering')).toEqual([])
  })

  it('finds nothing of a network the user is not in', async () => {
    expect(await meetingTitles('lid.dewolden@example.org', 'GOS-overleg')).toEqual([])
    expect((await meetingTitles('lid.damme@example.org', 'GOS-overleg')).length).toBe(2)
  })
})

describe('the words of a meeting search', () => {
  const DAY = 86_400_000
  const SLUIS = 'lid.sluis@example.org'

  async function addMeeting(title: string, description: string, items: string[]) {
    const { gos } = await networkIds(t.db, { gos: 'gos' })
    const { sluis } = await organisationIds(t.db, { sluis: 'sluis' })
    return t.db.meeting.create({
      data: {
        networkId: gos,
        hostOrganisationId: sluis,
        title,
        description,
        status: 'published',
        startsAt: new Date(Date.now() + 30 * DAY),
        endsAt: new Date(Date.now() + 30 * DAY + 7_200_000),
        agendaItems: {
          create: items.map((itemTitle, position) => ({
            title: itemTitle,
            position,
            kind: 'discussion',
          })),
        },
      },
      select: { id: true, agendaItems: { select: { id: true, title: true } } },
    })
  }

  it('ignore accents and case, and find a word inside a longer one', async () => {
    await addMeeting('Werkoverleg Zwinregio', '', ['Financiële verantwoording kustvisserij'])
    expect(await meetingTitles(SLUIS, 'FINANCIELE verantwoording')).toEqual([
      'Werkoverleg Zwinregio',
    ])
    expect(await meetingTitles(SLUIS, 'zwinreg visserij')).toEqual(['Werkoverleg Zwinregio'])
    expect(await meetingTitles(SLUIS, 'financiële zeilvaart')).toEqual([])
  })

  it('count a word of one or two characters too', async () => {
    await addMeeting('Wegenoverleg Oost', 'Over de verbreding van de A7 bij Sluis', [])
    expect(await meetingTitles(SLUIS, 'a7 verbreding')).toEqual(['Wegenoverleg Oost'])
    expect(await meetingTitles(SLUIS, 'a8 verbreding')).toEqual([])
  })

  it('follow every change of a title, a description or an agenda item, and a removal', async () => {
    const meeting = await addMeeting('Havenoverleg', 'Kaderrichtlijn', ['Baggerplan Braakman'])
    const item = meeting.agendaItems[0]!
    expect(await meetingTitles(SLUIS, 'baggerplan')).toEqual(['Havenoverleg'])

    await t.db.agendaItem.update({ where: { id: item.id }, data: { title: 'Dijkversterking' } })
    expect(await meetingTitles(SLUIS, 'baggerplan')).toEqual([])
    expect(await meetingTitles(SLUIS, 'dijkversterking')).toEqual(['Havenoverleg'])

    await t.db.meeting.update({
      where: { id: meeting.id },
      data: { title: 'Kustoverleg', description: 'Zandsuppletie' },
    })
    expect(await meetingTitles(SLUIS, 'havenoverleg')).toEqual([])
    expect(await meetingTitles(SLUIS, 'kaderrichtlijn')).toEqual([])
    expect(await meetingTitles(SLUIS, 'zandsuppletie dijkversterking')).toEqual(['Kustoverleg'])

    await t.db.agendaItem.delete({ where: { id: item.id } })
    expect(await meetingTitles(SLUIS, 'dijkversterking')).toEqual([])
    await t.db.agendaItem.create({
      data: { meetingId: meeting.id, title: 'Natuurcompensatie', position: 0, kind: 'decision' },
    })
    // Removing the meeting takes its agenda items with it (a cascade), and both from the index.
    await t.db.meeting.delete({ where: { id: meeting.id } })
    expect(await meetingTitles(SLUIS, 'natuurcompensatie')).toEqual([])
    expect(await meetingTitles(SLUIS, 'zandsuppletie')).toEqual([])
    const left = await t.db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "MeetingSearchText" WHERE "meetingId" = ${meeting.id}`
    expect(Number(left[0]!.n)).toBe(0)
  })

  // SQLite's query plan (EXPLAIN QUERY PLAN); PostgreSQL's planner would read a table this small whole.
  it.runIf(onSqlite)(
    'read the trigram index, not the text of every meeting and agenda item',
    async () => {
      const cookie = await cookieOf(SLUIS)
      const statements = await statementsOf(async () => {
        const out = await callLoader(search.loader, '/zoeken?q=grensverkeer', { cookie })
        expect(out.status).toBe(200)
      })
      const plans = explain(t.databasePath, statements)
      const meetingSearch = plans.filter((p) => p.sql.includes('"MeetingSearch" MATCH'))
      expect(meetingSearch).toHaveLength(1)
      expect(meetingSearch[0]!.plan.some((line) => /VIRTUAL TABLE INDEX/.test(line))).toBe(true)
      const lines = plans.flatMap((p) => p.plan)
      expect(lines.filter((line) => /AgendaItem/.test(line))).toEqual([])
    },
  )
})
