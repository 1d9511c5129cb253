/**
 * schema.prisma and the SQL in prisma/migrations are written separately (the schema by hand, the SQL by
 * `npm run migration:new`); this keeps them from disagreeing. If it fails, you changed the schema
 * without writing a migration: run `npm run migration:new -- <what_changed>`.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { diff } from '../../scripts/schema-engine'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const schemaPath = path.join(root, 'prisma', 'schema.prisma')

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(() => t.cleanup())

test('a freshly migrated database matches schema.prisma', async () => {
  const result = await diff(
    { kind: 'database' },
    { kind: 'schema', path: schemaPath },
    { provider: 'sqlite', databasePath: t.databasePath },
  )

  expect(result.sql).toBe('-- This is an empty migration.\n')
  expect(result.isEmpty).toBe(true)
})

test('the check notices a model the migrations lack', async () => {
  const extendedSchema = path.join(t.dataDir, 'schema.prisma')
  fs.writeFileSync(
    extendedSchema,
    fs.readFileSync(schemaPath, 'utf8') + '\nmodel DriftProbe {\n  id String @id\n}\n',
  )

  const result = await diff(
    { kind: 'database' },
    { kind: 'schema', path: extendedSchema },
    { provider: 'sqlite', databasePath: t.databasePath },
  )

  expect(result.isEmpty).toBe(false)
  expect(result.sql).toContain('CREATE TABLE "DriftProbe"')
})
