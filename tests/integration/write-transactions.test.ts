import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// Zwin writes to its database from more than one process: the server, the notifications' clock process
// (digests and reminders), backups. Prisma's SQLite adapter began every transaction with a plain BEGIN:
// the transaction took a snapshot at its first read and the write lock only at its first write. When
// another process committed in between, SQLite refused that first write at once (SQLITE_BUSY_SNAPSHOT:
// the snapshot is stale, so waiting cannot help), and Prisma reported it as "Operation has timed out".
// The notifications bench met it: the clock process's reminders failed to queue while the server was
// sending the start-up mail. patches/ makes the adapter begin with BEGIN IMMEDIATE: a transaction holds
// the write lock from its start, and the other process waits for it (its busy timeout) instead.

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
  await t.db.organisation.create({
    data: {
      slug: 'damme',
      name: 'Damme',
      kind: 'municipality',
      country: 'BE',
      defaultLocale: 'nl-BE',
    },
  })
})
afterAll(() => t.cleanup())

/** Another process that renames Damme (it waits up to 5 s for the lock); resolves with its exit code. */
function writeFromAnotherProcess(databasePath: string, name: string) {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const Database = require('better-sqlite3')
       const db = new Database(process.argv[1], { timeout: 5000 })
       db.prepare("UPDATE Organisation SET name = ? WHERE slug = 'damme'").run(process.argv[2])
       db.close()`,
      databasePath,
      name,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stderr })),
  )
}

describe('a transaction that reads before it writes', () => {
  test('commits while another process writes meanwhile; the other waits its turn', async () => {
    let other: Promise<{ code: number | null; stderr: string }> | undefined
    await t.db.$transaction(async (tx) => {
      // Read first, as an upsert or a check-then-write does…
      const damme = await tx.organisation.findUniqueOrThrow({ where: { slug: 'damme' } })
      // …then another process writes and gets enough time to commit if it can…
      other = writeFromAnotherProcess(t.databasePath, 'Damme (ander proces)')
      await new Promise((resolve) => setTimeout(resolve, 800))
      // …then this transaction writes.
      await tx.organisation.update({
        where: { id: damme.id },
        data: { name: `${damme.name} (transactie)` },
      })
    })
    const result = await other!
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    // The transaction committed first, and the other process's write came after it.
    const damme = await t.db.organisation.findUniqueOrThrow({ where: { slug: 'damme' } })
    expect(damme.name).toBe('Damme (ander proces)')
  })
})
