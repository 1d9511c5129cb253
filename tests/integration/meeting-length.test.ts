import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sqlTimestamp } from '../../app/modules/db/db.server'
import { MAX_MEETING_HOURS } from '../../app/modules/meetings/types'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// The upcoming meetings lists read the (network, start) index from MAX_MEETING_HOURS ago, so a longer
// meeting would drop out of them while it runs. The form refuses one; the database refuses one from
// any writer (an import, a script), on insert and on a change of its times.

let t: TestDatabase
const HOUR = 3_600_000
const start = new Date('2027-03-01T09:00:00.000Z')
let base: { networkId: string; hostOrganisationId: string; title: string; startsAt: Date }

beforeAll(async () => {
  t = await createTestDatabase()
  const organisation = await t.db.organisation.create({
    data: {
      slug: 'sluis',
      name: 'Gemeente Sluis',
      kind: 'municipality',
      country: 'NL',
      defaultLocale: 'nl-NL',
    },
  })
  const network = await t.db.network.create({
    data: {
      slug: 'gos',
      name: 'Grensoverschrijdend Samenwerkingsverband',
      shortName: 'GOS',
      level: 'cross_border',
    },
  })
  base = {
    networkId: network.id,
    hostOrganisationId: organisation.id,
    title: 'Grensconferentie',
    startsAt: start,
  }
})
afterAll(() => t.cleanup())

describe(`a meeting lasts at most ${MAX_MEETING_HOURS} hours, whatever writes it`, () => {
  it('is accepted at exactly the limit', async () => {
    const meeting = await t.db.meeting.create({
      data: { ...base, endsAt: new Date(start.getTime() + MAX_MEETING_HOURS * HOUR) },
    })
    expect(meeting.id).toBeTruthy()
  })

  it('is refused a second longer, and nothing is written', async () => {
    const before = await t.db.meeting.count()
    const endsAt = new Date(start.getTime() + MAX_MEETING_HOURS * HOUR + 1000)
    await expect(t.db.meeting.create({ data: { ...base, endsAt } })).rejects.toThrow()
    // Prisma reports any trigger's refusal as a constraint error; plain SQL shows which.
    await expect(
      t.runOwn(
        `INSERT INTO "Meeting" ("id", "networkId", "title", "startsAt", "endsAt", "hostOrganisationId", "updatedAt")
         VALUES ('imported', ?, 'Grensconferentie', ?, ?, ?, ?)`,
        base.networkId,
        sqlTimestamp(start),
        sqlTimestamp(endsAt),
        base.hostOrganisationId,
        sqlTimestamp(start),
      ),
    ).rejects.toThrow('A meeting lasts at most 48 hours')
    expect(await t.db.meeting.count()).toBe(before)
  })

  it('is refused when a change of its times makes it longer, and keeps its times', async () => {
    const meeting = await t.db.meeting.create({
      data: { ...base, endsAt: new Date(start.getTime() + 2 * HOUR) },
    })
    await expect(
      t.db.meeting.update({
        where: { id: meeting.id },
        data: { startsAt: new Date(start.getTime() - 47 * HOUR) },
      }),
    ).rejects.toThrow()
    await expect(
      t.runOwn(
        'UPDATE "Meeting" SET "endsAt" = ? WHERE "id" = ?',
        sqlTimestamp(new Date(start.getTime() + 3 * 24 * HOUR)),
        meeting.id,
      ),
    ).rejects.toThrow('A meeting lasts at most 48 hours')
    const kept = await t.db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })
    expect([kept.startsAt, kept.endsAt]).toEqual([start, new Date(start.getTime() + 2 * HOUR)])
  })
})
