import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { callLoader, cookieFor } from '../setup/route-calls'
import { explain, fullScans, statementsOf } from '../setup/sql-plans'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// The dashboard (issue 15): every statement it sends, as the SQLite driver runs it with the values bound,
// reads through an index. Without ANALYZE the plans do not depend on how many rows there are, so the
// seed shows what a network with 50,000 documents gets. Three personas: one small network (De Wolden,
// P10 only), the GOS coordinator, and Sluis (every network).

let t: TestDatabase
let dashboard: typeof import('../../app/routes/dashboard')
beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
  dashboard = await import('../../app/routes/dashboard')
})
afterAll(() => t.cleanup())

/** The statements of one dashboard load by this person, as the driver runs them. */
async function dashboardStatements(email: string) {
  const cookie = await cookieFor(email)
  return statementsOf(async () => {
    expect((await callLoader(dashboard.loader, '/', { cookie })).status).toBe(200)
  })
}

describe('the dashboard reads no whole table', () => {
  for (const email of [
    'lid.dewolden@example.org',
    'coordinator.gos@example.org',
    'lid.sluis@example.org',
  ]) {
    it(email, async () => {
      const cookie = await cookieFor(email)
      await callLoader(dashboard.loader, '/', { cookie }) // a first visit records the visit
      const statements = await statementsOf(async () => {
        expect((await callLoader(dashboard.loader, '/', { cookie })).status).toBe(200)
      })
      const plans = explain(t.databasePath, statements)
      expect(plans.length).toBeGreaterThan(10)
      const scans = plans
        .map(({ sql, plan }) => ({ sql: sql.slice(0, 160), scans: fullScans(plan) }))
        .filter((p) => p.scans.length > 0)
      expect(scans).toEqual([])
    })
  }
})

describe('the dashboard sends no statement only to count', () => {
  // The lists that may hold more than the dashboard shows (action items, new documents) count their
  // entries in the statement that reads them; the upcoming meetings are not counted at all: the
  // dashboard shows the next five and links to the meetings list.
  for (const email of ['lid.dewolden@example.org', 'coordinator.gos@example.org']) {
    it(email, async () => {
      const cookie = await cookieFor(email)
      const statements = await statementsOf(async () => {
        const answer = await callLoader(dashboard.loader, '/', { cookie })
        expect(answer.status).toBe(200)
      })
      const counts = statements
        .map(({ sql }) => sql)
        .filter((sql) => /^SELECT COUNT\(\*\)/.test(sql) && !/GROUP BY/.test(sql))
      expect(counts).toEqual([])
    })
  }
})

describe('the reply counts of the meetings I prepare are counted by the database, from indexes', () => {
  // A large meeting has hundreds of invitees. Read as answers per organisation (hundreds of rows for five
  // bench meetings) plus the invitations and the people per invited organisation, and added up here, the
  // counts took 3.5 ms of the Sluis member's dashboard; counted in one statement that answers one row per
  // meeting, from indexes that hold what is counted, they take under 1 ms.
  it('coordinator.gos@example.org', async () => {
    const statements = await dashboardStatements('coordinator.gos@example.org')
    const counts = explain(t.databasePath, statements).filter(({ sql }) =>
      /"MeetingAttendance"|`main`\.`MeetingAttendance`[\s\S]*GROUP BY|GROUP BY `main`\.`User`/.test(
        sql,
      ),
    )
    expect(counts).toHaveLength(1)
    const [{ sql, plan }] = counts as [(typeof counts)[number]]
    expect(sql).toMatch(/"MeetingInvitation"[\s\S]*"User" u/)
    // No table is read whole (the plan names the statement's tables by their aliases).
    expect(plan.filter((l) => /^SCAN (a|i|u|m)\b/.test(l))).toEqual([])
    // The answers and the people are counted from indexes alone, never from the rows themselves.
    const reads = plan.filter((l) => /^SEARCH (a|u) /.test(l))
    expect(reads.length).toBeGreaterThanOrEqual(2)
    for (const line of reads) expect(line).toMatch(/USING COVERING INDEX/)
  })
})

describe("my organisation's open action items are one statement", () => {
  // The items with their meetings' titles and how many there are in all: read as the list, its
  // meetings and a count, three statements cost the Sluis member (31 open items) about 1 ms of
  // statement handling beyond what SQLite does.
  it('lid.sluis@example.org', async () => {
    const statements = await dashboardStatements('lid.sluis@example.org')
    const reads = explain(t.databasePath, statements).filter(({ sql }) =>
      /FROM [`"](main`\.`)?ActionItem[`"]/.test(sql),
    )
    expect(reads).toHaveLength(1)
    const [{ sql, plan }] = reads as [(typeof reads)[number]]
    expect(sql).toMatch(/JOIN "Meeting"/)
    expect(plan.filter((l) => /^SCAN (a|m)\b/.test(l))).toEqual([])
  })
})

describe('documents shared since my last visit are one statement', () => {
  // The first five with their owners' names and how many there are in all (the Sluis member's first
  // visit of the day at scale 1 finds about 70): the list, its owners and a count were three statements.
  it('lid.sluis@example.org', async () => {
    const statements = await dashboardStatements('lid.sluis@example.org')
    const reads = explain(t.databasePath, statements).filter(({ sql }) =>
      /"createdAt" >|`main`\.`Document`\.`createdAt` >/.test(sql),
    )
    expect(reads).toHaveLength(1)
    const [{ sql, plan }] = reads as [(typeof reads)[number]]
    expect(sql).toMatch(/JOIN "Organisation" o/)
    expect(plan.filter((l) => /^SCAN (d|o)\b/.test(l))).toEqual([])
  })
})

describe('written rounds waiting for my answer are read from the open rounds', () => {
  // Open rounds are few at any moment, the meetings of a person's networks are thousands: reading the
  // rounds from every visible meeting (checking its invitations, then its rounds) took 4.8 ms of the
  // Sluis member's dashboard at scale 1 with no round open at all.
  it('lid.sluis@example.org', async () => {
    const statements = await dashboardStatements('lid.sluis@example.org')
    const rounds = explain(t.databasePath, statements).filter(({ sql }) =>
      /^SELECT .* FROM `main`\.`MinutesRound`/.test(sql),
    )
    expect(rounds).toHaveLength(1)
    expect(rounds[0]!.plan[0]).toMatch(
      /^SEARCH main\.MinutesRound USING INDEX \w+ \(status=\? AND deadline>\?\)/,
    )
  })
})

describe('the published meetings still to come are read from those meetings alone', () => {
  // Invitations waiting for my reply and the meetings I prepare: found through every meeting of the
  // person's networks (years of them, 1.1 ms for the Sluis member at scale 1), they are a handful once
  // read by status and end.
  it('coordinator.gos@example.org', async () => {
    const statements = await dashboardStatements('coordinator.gos@example.org')
    const upcoming = explain(t.databasePath, statements).filter(
      ({ sql }) =>
        /^SELECT .* FROM `main`\.`Meeting` WHERE/.test(sql) &&
        sql.includes('`main`.`Meeting`.`status` = ?') &&
        sql.includes('`main`.`Meeting`.`endsAt` > ?'),
    )
    expect(upcoming).toHaveLength(2)
    for (const { sql, plan } of upcoming) {
      expect(plan[0], sql.slice(0, 200)).toMatch(
        /^SEARCH main\.Meeting USING INDEX \w+ \(status=\? AND endsAt>\?\)/,
      )
    }
  })
})

describe("the dashboard reads the person's networks once", () => {
  // The network cards, the access scope of "Voor u" and the labels of the upcoming meetings and recent
  // documents all need the person's networks: one reading of the networks with the person's roles in
  // them, and one of the member counts, serve them all (each list asked again, 7 statements in all).
  for (const email of ['lid.sluis@example.org', 'coordinator.gos@example.org']) {
    it(email, async () => {
      const statements = await dashboardStatements(email)
      const networkReads = statements
        .map(({ sql }) => /^SELECT [\s\S]*? FROM `main`\.`(\w+)`/.exec(sql)?.[1])
        .filter((table) => table?.startsWith('Network'))
      expect(networkReads.sort()).toEqual(['Network', 'NetworkMembership', 'NetworkRole'])
    })
  }
})

describe('the recently changed documents are read newest first from an index', () => {
  // Five documents out of tens of thousands: read in date order through an index and stop after five,
  // not every document of the person's networks sorted (70 ms for the Sluis member at scale 1).
  it('lid.sluis@example.org', async () => {
    const statements = await dashboardStatements('lid.sluis@example.org')
    const recent = explain(t.databasePath, statements).filter(({ sql }) =>
      /^SELECT [\s\S]*? FROM `main`\.`Document` [\s\S]* ORDER BY `main`\.`Document`\.`updatedAt` DESC/.test(
        sql,
      ),
    )
    expect(recent).toHaveLength(1)
    expect(recent[0]!.plan).not.toContain('USE TEMP B-TREE FOR ORDER BY')
  })
})

describe('the next meetings are read from the index by their start', () => {
  // A network holds years of meetings. "Ends now or later" alone cannot use the (network, start) index
  // beyond the network, so the dashboard read every meeting the networks ever had and sorted them: at
  // scale 2 the GOS coordinator's took 3.8 ms. No meeting lasts more than 48 hours
  // (MAX_MEETING_HOURS), so one that has not ended began at most 48 hours ago: the index reads from
  // there.
  it('coordinator.gos@example.org', async () => {
    const statements = await dashboardStatements('coordinator.gos@example.org')
    const reads = explain(t.databasePath, statements).filter(({ sql }) =>
      /FROM `main`\.`Meeting`[\s\S]*`endsAt` >= \?[\s\S]*ORDER BY `main`\.`Meeting`\.`startsAt` ASC/.test(
        sql,
      ),
    )
    expect(reads).toHaveLength(1)
    const [{ plan }] = reads as [(typeof reads)[number]]
    expect(plan).toContainEqual(expect.stringMatching(/\(networkId=\? AND startsAt>\?\)/))
  })
})
