import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { seededMeetingTitles } from '../../prisma/seed-meetings'
import { callLoader, sessionCookies } from '../setup/route-calls'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// The header search finds meetings by title, description and agenda item titles, inside the meetings
// access rule: a draft only for the network's preparers, nothing of a network one is not in.

let t: TestDatabase
let search: typeof import('../../app/routes/search')
const cookie = sessionCookies()

beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
  search = await import('../../app/routes/search')
})
afterAll(() => t.cleanup())

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
