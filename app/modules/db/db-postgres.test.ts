/**
 * The Prisma client on PostgreSQL (DATABASE_URL), against the real server: the same API and the same
 * behaviour the app relies on from the SQLite client.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, test, vi } from 'vitest'
import { createPostgresDatabase, type PostgresDatabase } from '../../../tests/setup/postgres-db'
import { createDb, isPostgres, prepareDb, type Db } from './db.server'
import { applyPostgresMigrations } from './migrate-postgres.server'
import { runOnOneInstance } from './locks.server'
import { writeUnique } from './unique.server'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

let database: PostgresDatabase
let db: Db
beforeAll(async () => {
  database = await createPostgresDatabase()
  await applyPostgresMigrations({
    url: database.url,
    migrationsDir: path.join(root, 'prisma', 'postgresql', 'migrations'),
  })
  db = createDb({ provider: 'postgresql', url: database.url, poolSize: 3 })
  await prepareDb(db)
})
afterAll(async () => {
  await db?.$disconnect()
  await database?.drop()
})

test('the client is the PostgreSQL one, and the SQLite client is not', () => {
  expect(isPostgres(db)).toBe(true)
  expect(isPostgres(createDb('/nonexistent/zwin.sqlite'))).toBe(false)
})

test('writes and reads models with their relations, times to the millisecond', async () => {
  const startsAt = new Date('2026-03-29T01:30:00.123Z') // the night the clocks change in both countries
  const organisation = await db.organisation.create({
    data: {
      slug: 'sluis',
      name: 'Gemeente Sluis',
      kind: 'municipality',
      country: 'NL',
      defaultLocale: 'nl-NL',
    },
  })
  const network = await db.network.create({
    data: {
      slug: 'gos',
      name: 'Grensoverschrijdende samenwerking',
      shortName: 'GOS',
      level: 'cross_border',
      memberships: { create: { organisationId: organisation.id } },
      meetings: {
        create: {
          title: 'Overleg GOS',
          startsAt,
          endsAt: new Date(startsAt.getTime() + 3_600_000),
          hostOrganisationId: organisation.id,
        },
      },
    },
    include: { memberships: true, meetings: true },
  })

  expect(network.memberships).toHaveLength(1)
  const meeting = await db.meeting.findFirstOrThrow({ where: { networkId: network.id } })
  expect(meeting.startsAt.toISOString()).toBe('2026-03-29T01:30:00.123Z')
  expect(
    await db.meeting.count({ where: { startsAt: { gte: new Date('2026-03-29T01:30:00.123Z') } } }),
  ).toBe(1)
})

test('a value already taken comes back as that field, for the form', async () => {
  const data = {
    slug: 'maldegem',
    name: 'Gemeente Maldegem',
    kind: 'municipality',
    country: 'BE',
    defaultLocale: 'nl-BE',
  }
  await db.organisation.create({ data })

  expect(await writeUnique(() => db.organisation.create({ data }))).toEqual({
    ok: false,
    field: 'slug',
  })
})

test('a transaction that fails leaves nothing written', async () => {
  await expect(
    db.$transaction(async (tx) => {
      await tx.organisation.create({
        data: {
          slug: 'damme',
          name: 'Stad Damme',
          kind: 'municipality',
          country: 'BE',
          defaultLocale: 'nl-BE',
        },
      })
      throw new Error('stop')
    }),
  ).rejects.toThrow('stop')

  expect(await db.organisation.findUnique({ where: { slug: 'damme' } })).toBeNull()
})

test('periodic work runs on one instance at a time, and on the next once the first is done', async () => {
  const url = database.url
  const otherInstance = createDb({ provider: 'postgresql', url, poolSize: 2 })
  try {
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    let started = () => {}
    const running = new Promise<void>((resolve) => (started = resolve))
    const first = runOnOneInstance(
      otherInstance,
      'tidyUp',
      async () => {
        started()
        await held
        return 'opgeruimd'
      },
      30_000,
    )
    await running
    const task = vi.fn(async () => 'opnieuw')
    // The same work is left to the instance doing it; other work goes on.
    expect(await runOnOneInstance(db, 'tidyUp', task, 30_000)).toEqual({ ran: false })
    expect(task).not.toHaveBeenCalled()
    expect(await runOnOneInstance(db, 'clockWork', async () => 1, 30_000)).toEqual({
      ran: true,
      value: 1,
    })
    release()
    expect(await first).toEqual({ ran: true, value: 'opgeruimd' })
    expect(await runOnOneInstance(db, 'tidyUp', task, 30_000)).toEqual({
      ran: true,
      value: 'opnieuw',
    })
  } finally {
    await otherInstance.$disconnect()
  }
})

test('periodic work whose instance dies is free for the others', async () => {
  const dying = createDb({ provider: 'postgresql', url: database.url, poolSize: 2 })
  let started = () => {}
  const running = new Promise<void>((resolve) => (started = resolve))
  const orphan = runOnOneInstance(
    dying,
    'clockWork',
    async () => {
      started()
      await new Promise(() => {}) // never finishes: the instance is killed meanwhile
    },
    60_000,
  ).catch(() => 'cut off')
  await running
  expect(await runOnOneInstance(db, 'clockWork', async () => 2, 30_000)).toEqual({ ran: false })
  // Its connections close, as a killed process's do.
  await dying.$disconnect()
  await expect
    .poll(() => runOnOneInstance(db, 'clockWork', async () => 3, 30_000), { timeout: 10_000 })
    .toEqual({ ran: true, value: 3 })
  void orphan
})
