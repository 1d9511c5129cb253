/**
 * Test files about SQLite itself, which a PostgreSQL run of the suite (ZWIN_TEST_DATABASE=postgresql)
 * leaves out, each with the reason. Everything else runs on both databases. A test of a behaviour, not
 * of SQLite, does not belong here: give it a twin for PostgreSQL instead.
 */
export const sqliteOnlyTestFiles: Record<string, string> = {
  'app/modules/db/db.test.ts':
    'the SQLite connection settings (WAL, foreign keys, busy timeout, cache)',
  'app/modules/db/migrate.test.ts':
    'the SQLite migration runner (its PostgreSQL twin: migrate-postgres)',
  'app/modules/backup/backup.test.ts':
    'snapshots of the SQLite file; on PostgreSQL backups are the hosting party’s pg_dump',
  'app/modules/backup/schedule.test.ts': 'scheduled snapshots of the SQLite file',
  'tests/integration/write-transactions.test.ts':
    'SQLite’s single writer shared by several processes (BEGIN IMMEDIATE)',
  'tests/integration/attendance-migration.test.ts': 'a data migration of the SQLite history',
  'tests/integration/drift.test.ts': 'the SQLite migrations against schema.prisma',
  'tests/integration/activity-plan.test.ts': 'SQLite’s query plans (EXPLAIN QUERY PLAN)',
  'tests/integration/dashboard-plan.test.ts': 'SQLite’s query plans (EXPLAIN QUERY PLAN)',
  'tests/integration/documents-list-plan.test.ts': 'SQLite’s query plans (EXPLAIN QUERY PLAN)',
  'tests/integration/meeting-page-plan.test.ts': 'SQLite’s query plans (EXPLAIN QUERY PLAN)',
}

/** The database of this test run: ZWIN_TEST_DATABASE, SQLite unless it says postgresql. */
export function testDatabaseProvider(): 'sqlite' | 'postgresql' {
  const chosen = process.env.ZWIN_TEST_DATABASE ?? 'sqlite'
  if (chosen !== 'sqlite' && chosen !== 'postgresql') {
    throw new Error(`ZWIN_TEST_DATABASE must be sqlite or postgresql, not ${chosen}`)
  }
  return chosen
}

/** For the few tests inside a file that are about SQLite itself (with the reason beside them). */
export const onSqlite = testDatabaseProvider() === 'sqlite'
