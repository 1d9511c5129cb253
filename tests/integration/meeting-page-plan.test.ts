import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { callLoader, cookieFor } from '../setup/route-calls'
import { explain, statementsOf } from '../setup/sql-plans'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// One meeting's page (issue 15): its action list shows what was agreed at this meeting and what was
// still open when the previous meeting ended. A network with years of meetings holds thousands of
// closed action items; read by network alone, the list read all of them on every view (3.3 ms of the
// GOS meeting page at bench scale 1, and twice that at scale 2).

let t: TestDatabase
let detail: typeof import('../../app/routes/meetings/detail')
beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
  detail = await import('../../app/routes/meetings/detail')
})
afterAll(() => t.cleanup())

describe('the meeting page reads only the action items it may show', () => {
  it('those of this meeting, the open ones and those closed since the previous meeting', async () => {
    // The network's latest meeting after one that was held, so there are action items to carry over.
    const { networkId } = await t.db.actionItem.findFirstOrThrow({
      where: { network: { slug: 'gos' } },
      select: { networkId: true },
    })
    const meeting = await t.db.meeting.findFirstOrThrow({
      where: { networkId, status: { in: ['published', 'held', 'minutes_approved'] } },
      orderBy: { startsAt: 'desc' },
      select: { id: true, network: { select: { slug: true } } },
    })
    const params = { network: meeting.network.slug, meeting: meeting.id }
    const cookie = await cookieFor('coordinator.gos@example.org')
    const statements = await statementsOf(async () => {
      const path = `/netwerken/${params.network}/vergaderingen/${params.meeting}`
      expect((await callLoader(detail.loader, path, { cookie, params })).status).toBe(200)
    })
    const reads = explain(t.databasePath, statements)
      .filter(({ sql }) => /^SELECT [^]*? FROM `main`\.`ActionItem`/.test(sql))
      .map(({ plan }) => plan.filter((line) => /\bmain\.ActionItem\b/.test(line)))
    expect(reads).toHaveLength(1)
    const [lines] = reads as [string[]]
    // Each read of the table is bounded by more than the network.
    expect(lines.filter((line) => /\(networkId=\?\)$/.test(line))).toEqual([])
    expect(lines.join('\n')).toMatch(/\(meetingId=\?\)/)
    expect(lines.join('\n')).toMatch(/\(networkId=\? AND status=\?\)/)
    expect(lines.join('\n')).toMatch(/\(networkId=\? AND closedAt>\?\)/)
  })
})
