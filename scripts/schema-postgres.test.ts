import fs from 'node:fs'
import { expect, test } from 'vitest'
import { derivePostgresSchema, postgresSchemaPath, sqliteSchemaPath } from './schema-postgres'

test('prisma/postgresql/schema.prisma is derived from prisma/schema.prisma as it is now', () => {
  // If this fails, the data model changed without `npm run migration:new` (or `npm run schema:postgres`).
  expect(fs.readFileSync(postgresSchemaPath, 'utf8')).toBe(
    derivePostgresSchema(fs.readFileSync(sqliteSchemaPath, 'utf8')),
  )
})

test('the derived schema is for PostgreSQL, with its own client and time zones kept', () => {
  const derived = derivePostgresSchema(`generator client {
  provider     = "prisma-client"
  output       = "../app/modules/db/generated"
}

datasource db {
  provider = "sqlite"
}

/// Kept as it is.
model Meeting {
  id        String    @id
  startsAt  DateTime
  endedAt   DateTime?
  createdAt DateTime  @default(now())
  title     String
}
`)

  expect(derived).toContain('output       = "../../app/modules/db/generated-pg"')
  expect(derived).toContain('provider = "postgresql"')
  expect(derived).toContain('  startsAt  DateTime @db.Timestamptz(3)\n')
  expect(derived).toContain('  endedAt   DateTime? @db.Timestamptz(3)\n')
  expect(derived).toContain('  createdAt DateTime @db.Timestamptz(3)  @default(now())\n')
  expect(derived).toContain('  title     String\n')
  expect(derived).toContain('/// Kept as it is.')
})
