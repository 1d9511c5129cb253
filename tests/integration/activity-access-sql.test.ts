import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { userFor, sessionCookies } from '../setup/route-calls'
import { networkIds, organisationIds } from '../setup/seeded-ids'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// The activity rule in its two forms (app/modules/access/activity.server.ts): the relation filter, which
// the notification mails use, and the SQL form the feed counts and pages with (issue 15). Both must give
// the same events for every demo person, also for events about documents outside someone's audience,
// about drafts, and after a membership ended.

let t: TestDatabase
let activity: typeof import('../../app/modules/access/activity.server')
const cookie = sessionCookies()
const DAY = 86_400_000

type Viewer = Awaited<ReturnType<typeof userFor>>

async function sameEvents(user: Viewer): Promise<string[]> {
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort()
  const byRelation = await t.db.activityEvent.findMany({
    where: activity.visibleActivityWhere(user),
    select: { id: true },
  })
  const bySql = await t.db.$queryRaw<{ id: string }[]>`
    SELECT e."id" FROM "ActivityEvent" e WHERE ${activity.visibleActivitySql(user)}`
  expect(ids(bySql), `events of ${user.email}`).toEqual(ids(byRelation))
  return ids(byRelation)
}

beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
  activity = await import('../../app/modules/access/activity.server')
  // An event about every subject of the demo data: every document (some shared with chosen partners
  // only), every meeting (drafts among them), every action item and project.
  const [documents, meetings, actions, projects] = await Promise.all([
    t.db.document.findMany({ select: { id: true, networkId: true } }),
    t.db.meeting.findMany({ select: { id: true, networkId: true } }),
    t.db.actionItem.findMany({ select: { id: true, networkId: true, meetingId: true } }),
    t.db.project.findMany({ select: { id: true, networkId: true } }),
  ])
  await t.db.activityEvent.createMany({
    data: [
      ...documents.map((d) => ({
        networkId: d.networkId,
        kind: 'document_shared',
        documentId: d.id,
      })),
      ...meetings.map((m) => ({
        networkId: m.networkId,
        kind: 'meeting_changed',
        meetingId: m.id,
      })),
      ...actions.map((a) => ({
        networkId: a.networkId,
        kind: 'action_assigned',
        actionItemId: a.id,
        meetingId: a.meetingId,
      })),
      ...actions.map((a) => ({ networkId: a.networkId, kind: 'action_done', actionItemId: a.id })),
      ...projects.map((p) => ({
        networkId: p.networkId,
        kind: 'project_status_changed',
        projectId: p.id,
      })),
    ],
  })
})
afterAll(() => t.cleanup())

describe('activity events, relation filter and SQL alike', () => {
  it('for every demo person', async () => {
    const people = await t.db.user.findMany({ select: { email: true } })
    expect(people.length).toBeGreaterThan(10)
    expect(await t.db.activityEvent.count()).toBeGreaterThan(10)
    let narrowed = 0
    for (const { email } of people) {
      const user = await userFor(await cookie(email))
      const seen = await sameEvents(user)
      // The rule hides more than other networks' events from someone (a document's audience, a draft).
      const inTheirNetworks = await t.db.activityEvent.count({
        where: { network: { memberships: { some: { organisationId: user.organisation.id } } } },
      })
      if (seen.length < inTheirNetworks) narrowed++
    }
    expect(narrowed).toBeGreaterThan(0)
  })

  it('an ended or future membership gives nothing of that network', async () => {
    const { gos } = await networkIds(t.db, { gos: 'gos' })
    const { damme } = await organisationIds(t.db, { damme: 'damme' })
    const member = await userFor(await cookie('lid.damme@example.org'))
    const gosEvents = (await t.db.activityEvent.findMany({ where: { networkId: gos } })).map(
      (e) => e.id,
    )
    expect(
      (await sameEvents(member)).filter((id) => gosEvents.includes(id)).length,
    ).toBeGreaterThan(0)
    await t.db.networkMembership.updateMany({
      where: { networkId: gos, organisationId: damme },
      data: { activeTo: new Date(Date.now() - DAY) },
    })
    expect((await sameEvents(member)).filter((id) => gosEvents.includes(id))).toEqual([])
    await t.db.networkMembership.updateMany({
      where: { networkId: gos, organisationId: damme },
      data: { activeFrom: new Date(Date.now() + DAY), activeTo: null },
    })
    expect((await sameEvents(member)).filter((id) => gosEvents.includes(id))).toEqual([])
  })
})
