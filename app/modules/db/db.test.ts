import { afterAll, beforeAll, expect, test } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../tests/setup/test-db'
import { prepareDb } from './db.server'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(() => t.cleanup())

test('prepareDb leaves the connection in WAL mode, with foreign keys and a busy timeout', async () => {
  await prepareDb(t.db)

  const [journal] = await t.db.$queryRawUnsafe<{ journal_mode: string }[]>('PRAGMA journal_mode')
  const [fk] =
    await t.db.$queryRawUnsafe<{ foreign_keys: bigint | number }[]>('PRAGMA foreign_keys')
  const [busy] = await t.db.$queryRawUnsafe<{ timeout: bigint | number }[]>('PRAGMA busy_timeout')
  expect(journal?.journal_mode).toBe('wal')
  expect(Number(fk?.foreign_keys)).toBe(1)
  expect(Number(busy?.timeout)).toBeGreaterThan(0)
})

test('prepareDb gives the connection the page cache it is told (SQLITE_CACHE_MB)', async () => {
  await prepareDb(t.db, 48)
  const [cache] = await t.db.$queryRawUnsafe<{ cache_size: bigint | number }[]>('PRAGMA cache_size')
  expect(Number(cache?.cache_size)).toBe(-48 * 1024) // negative: KiB, not pages
})

test('the foreign keys are enforced, not just switched on', async () => {
  await expect(
    t.db.password.create({ data: { userId: 'no-such-user', hash: 'x' } }),
  ).rejects.toThrow(/foreign key/i)
})
