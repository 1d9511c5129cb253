/**
 * The Prisma client on PostgreSQL (DATABASE_URL), against the real server: the same API and the same
 * behaviour the app relies on from the SQLite client.
 */
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, test, vi } from 'vitest'
import { createPostgresDatabase, type PostgresDatabase } from '../../../tests/setup/postgres-db'
import { createDb, isPostgres, prepareDb, type Db } from './db.server'
import { applyPostgresMigrations } from './migrate-postgres.server'
import { otherInstanceBusyWith } from '../../../tests/setup/other-instance'
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
  const config = { provider: 'postgresql', url: database.url, poolSize: 1 } as const
  const other = await otherInstanceBusyWith(database.url, 'tidyUp')
  const task = vi.fn(async () => 'opnieuw')
  // The same work is left to the instance doing it; other work goes on.
  expect(await runOnOneInstance(config, 'tidyUp', task)).toEqual({ ran: false })
  expect(task).not.toHaveBeenCalled()
  expect(await runOnOneInstance(config, 'clockWork', async () => 1)).toEqual({
    ran: true,
    value: 1,
  })
  expect(await other.release()).toEqual({ ran: true, value: undefined })
  expect(await runOnOneInstance(config, 'tidyUp', task)).toEqual({ ran: true, value: 'opnieuw' })
})

test('periodic work whose lock connection is lost finishes, and the lock is free for the others', async () => {
  const config = { provider: 'postgresql', url: database.url, poolSize: 1 } as const
  const other = await otherInstanceBusyWith(database.url, 'clockWork')
  expect(await runOnOneInstance(config, 'clockWork', async () => 2)).toEqual({ ran: false })
  // The holder's connection goes (the server restarts it, a network cut, an idle timeout).
  const [holder] = await db.$queryRaw<{ pid: number }[]>`
    SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database =
      (SELECT oid FROM pg_database WHERE datname = current_database())`
  expect(holder).toBeDefined()
  await db.$queryRaw`SELECT pg_terminate_backend(${holder!.pid})`
  await expect
    .poll(() => runOnOneInstance(config, 'clockWork', async () => 3), { timeout: 10_000 })
    .toEqual({ ran: true, value: 3 })
  // The other instance's work still finishes.
  expect(await other.release()).toEqual({ ran: true, value: undefined })
})

test('periodic work gives up a round, instead of hanging, when the database does not answer', async () => {
  // Takes the connection and never says a word, like a stuck proxy in front of the database.
  const sockets: net.Socket[] = []
  const silent = net.createServer((socket) => void sockets.push(socket))
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
  const { port } = silent.address() as net.AddressInfo
  const task = vi.fn(async () => 'nooit')
  try {
    const url = `postgresql://zwin@127.0.0.1:${port}/zwin`
    await expect(
      runOnOneInstance({ provider: 'postgresql', url, poolSize: 1 }, 'tidyUp', task),
    ).rejects.toThrow(/timeout/i)
    expect(task).not.toHaveBeenCalled()
  } finally {
    for (const socket of sockets) socket.destroy()
    await new Promise((resolve) => silent.close(resolve))
  }
}, 30_000)
