import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CurrentUser } from '../../app/modules/access/access.server'
import {
  generateLargeData,
  LARGE_PERSONAS,
  LARGE_SIZES,
  largeSamplePaths,
  type LargePersona,
  type LargeSummary,
} from '../bench/large-generate'
import { currentUserOf } from '../setup/current-user'

// The large data set of the page bench (tests/bench/large-generate.ts) at scale 0.01, read back through
// the app's own modules: its rows are in the format Prisma reads, the personas are members of the
// networks the bench opens, and the samples it hands the bench agree with the app's access rules.

const SCALE = 0.01
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwin-large-'))
const personas = Object.keys(LARGE_PERSONAS) as LargePersona[]

let summary: LargeSummary
let app: {
  db: typeof import('../../app/modules/db/db.server').db
  access: typeof import('../../app/modules/access/access.server')
  documents: typeof import('../../app/modules/documents/queries.server')
  search: typeof import('../../app/modules/documents/search.server')
  activity: typeof import('../../app/modules/activity/feed.server')
}

beforeAll(async () => {
  process.env.ZWIN_DATA_DIR = dataDir
  summary = await generateLargeData({ scale: SCALE, dataDir })
  app = {
    db: (await import('../../app/modules/db/db.server')).db,
    access: await import('../../app/modules/access/access.server'),
    documents: await import('../../app/modules/documents/queries.server'),
    search: await import('../../app/modules/documents/search.server'),
    activity: await import('../../app/modules/activity/feed.server'),
  }
}, 60_000)

afterAll(async () => {
  await app?.db.$disconnect()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

function signedIn(email: string): Promise<CurrentUser> {
  return currentUserOf(app.db, email)
}

describe('the large data set at scale 0.01', () => {
  it('holds the organisations, networks and people of scale 1 and a hundredth of the content', () => {
    const c = summary.counts
    expect(summary.dataDir).toBe(dataDir)
    expect([c.Organisation, c.Network, c.User]).toEqual([40, 12, 2_000])
    // The demo seed adds a few meetings, documents and projects of its own.
    const meetings = LARGE_SIZES.meetings * SCALE
    expect(c.Meeting! - meetings).toBeGreaterThanOrEqual(0)
    expect(c.Meeting! - meetings).toBeLessThan(10)
    expect(c.AgendaItem! / c.Meeting!).toBeGreaterThan(10)
    expect(c.AgendaItem! / c.Meeting!).toBeLessThan(14)
    expect(c.Document! - LARGE_SIZES.documents * SCALE).toBeLessThan(10)
    expect(c.DocumentSearch).toBe(c.Document)
    // The database indexes the meetings written in bulk too (the meeting search's triggers).
    expect(c.MeetingSearchText).toBe(c.Meeting! + c.AgendaItem!)
    expect(c.Measurement).toBeGreaterThanOrEqual(
      LARGE_SIZES.projects * SCALE * LARGE_SIZES.goalsPerProject * LARGE_SIZES.measurementsPerGoal,
    )
    expect(c.AuditEvent).toBeGreaterThanOrEqual(LARGE_SIZES.auditEvents * SCALE)
    expect(c.DocumentAccess).toBe(LARGE_SIZES.documentAccess * SCALE)
  })

  it('makes the personas true: De Wolden in P10 only, Sluis everywhere, the GOS coordinator', async () => {
    const networksOf = async (slug: string) =>
      (
        await app.db.networkMembership.findMany({
          where: { organisation: { slug }, activeTo: null },
          select: { network: { select: { slug: true } } },
        })
      ).map((m) => m.network.slug)
    expect(await networksOf('de-wolden')).toEqual(['p10'])
    expect(await networksOf('sluis')).toHaveLength(12)
    const role = await app.db.networkRole.findFirst({
      where: { user: { email: LARGE_PERSONAS.gosCoordinator }, network: { slug: 'gos' } },
      select: { role: true },
    })
    expect(role?.role).toBe('coordinator')
  })

  it.each(personas)('gives %s samples the app agrees with', async (persona) => {
    const sample = largeSamplePaths(dataDir, persona)
    const user = await signedIn(sample.email)
    const access = await app.access.requireNetworkAccess(user, sample.network)

    const listed = await app.documents.listNetworkDocuments(user, access, { page: 50 })
    expect(listed.total).toBe(sample.visibleDocuments)
    expect(listed.pageCount).toBe(sample.documentPages)
    expect(listed.documents.length).toBeGreaterThan(0)

    const found = await app.search.searchDocuments(user, 'samenwerking', { page: 1 })
    expect(found.total).toBeGreaterThan(0)
    const feed = await app.activity.listActivity(user, { page: 1 })
    expect(feed.items.length).toBeGreaterThan(0)

    const meetingId = sample.paths.meeting.split('/').at(-1)!
    const meeting = await app.db.meeting.findUniqueOrThrow({
      where: { id: meetingId },
      select: { startsAt: true, status: true, agendaItems: { select: { id: true } } },
    })
    expect(meeting.agendaItems).toHaveLength(sample.meetingAgendaItems)
    expect(meeting.startsAt.getTime()).toBeLessThan(Date.now())
    expect(['held', 'minutes_approved']).toContain(meeting.status)

    const goalId = sample.paths.goal.split('/').at(-1)!
    const goal = await app.access.requireGoalAccess(user, sample.network, goalId)
    expect(goal.goal.id).toBe(goalId)
  })
})
