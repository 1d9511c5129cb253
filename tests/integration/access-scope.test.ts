import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { userFor, sessionCookies } from '../setup/route-calls'
import { networkIds, organisationIds, seededMeetingIds } from '../setup/seeded-ids'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// The access rules for meetings and action items in their forms: the relation filters of
// app/modules/access/meetings.server.ts, the meetings rule as SQL there (the meeting search), and the
// scoped forms of app/modules/access/scope.server.ts (the memberships and roles read first: meetings as
// a relation filter and as SQL, action items as SQL, for "Voor u"). All must give the same rows for every
// demo person, also after a membership ended, before one starts, and for a preparer's drafts.

let t: TestDatabase
let meetings: typeof import('../../app/modules/access/meetings.server')
let scope: typeof import('../../app/modules/access/scope.server')
const cookie = sessionCookies()
const DAY = 86_400_000

type Viewer = Awaited<ReturnType<typeof userFor>>

async function sameMeetings(user: Viewer) {
  const scoped = await scope.accessScope(user)
  const [byRelation, byScope] = await Promise.all([
    t.db.meeting.findMany({ where: meetings.visibleMeetingsWhere(user), select: { id: true } }),
    t.db.meeting.findMany({ where: scope.scopedMeetingsWhere(scoped), select: { id: true } }),
  ])
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort()
  expect(ids(byScope), `meetings of ${user.email}`).toEqual(ids(byRelation))
  const bySql = await t.db.$queryRaw<{ id: string }[]>`
    SELECT m."id" FROM "Meeting" m WHERE ${meetings.visibleMeetingsSql(user)}`
  expect(ids(bySql), `meetings of ${user.email} (SQL)`).toEqual(ids(byRelation))
  const [actionsByRelation, meetingsByScopeSql, actionsByScopeSql] = await Promise.all([
    t.db.actionItem.findMany({
      where: meetings.visibleActionItemsWhere(user),
      select: { id: true },
    }),
    t.db.$queryRaw<{ id: string }[]>`
      SELECT m."id" FROM "Meeting" m WHERE ${scope.scopedMeetingsSql(scoped)}`,
    t.db.$queryRaw<{ id: string }[]>`
      SELECT a."id" FROM "ActionItem" a JOIN "Meeting" m ON m."id" = a."meetingId"
      WHERE ${scope.scopedActionItemsSql(scoped)}`,
  ])
  expect(ids(meetingsByScopeSql), `meetings of ${user.email} (scoped SQL)`).toEqual(ids(byRelation))
  expect(ids(actionsByScopeSql), `action items of ${user.email} (scoped SQL)`).toEqual(
    ids(actionsByRelation),
  )
  return ids(byRelation)
}

beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
  meetings = await import('../../app/modules/access/meetings.server')
  scope = await import('../../app/modules/access/scope.server')
})
afterAll(() => t.cleanup())

describe('meetings and action items, relation filters and scope alike', () => {
  it('for every demo person', async () => {
    const people = await t.db.user.findMany({ select: { email: true } })
    expect(people.length).toBeGreaterThan(10)
    for (const { email } of people) await sameMeetings(await userFor(await cookie(email)))
  })

  it('a draft only for the preparers; an ended or future membership gives nothing', async () => {
    const { gos } = await networkIds(t.db, { gos: 'gos' })
    const { damme } = await organisationIds(t.db, { damme: 'damme' })
    const { draft } = await seededMeetingIds(t.db)
    const secretary = await userFor(await cookie('secretaris.gos@example.org'))
    const member = await userFor(await cookie('lid.damme@example.org'))
    expect(await sameMeetings(secretary)).toContain(draft)
    expect(await sameMeetings(member)).not.toContain(draft)

    // Damme leaves GOS yesterday: none of its meetings or action items are visible any more.
    await t.db.networkMembership.updateMany({
      where: { networkId: gos, organisationId: damme },
      data: { activeTo: new Date(Date.now() - DAY) },
    })
    const gosMeetings = (await t.db.meeting.findMany({ where: { networkId: gos } })).map(
      (m) => m.id,
    )
    expect((await sameMeetings(member)).filter((id) => gosMeetings.includes(id))).toEqual([])
    // …and rejoins only tomorrow: still nothing today.
    await t.db.networkMembership.updateMany({
      where: { networkId: gos, organisationId: damme },
      data: { activeFrom: new Date(Date.now() + DAY), activeTo: null },
    })
    expect((await sameMeetings(member)).filter((id) => gosMeetings.includes(id))).toEqual([])
  })
})
