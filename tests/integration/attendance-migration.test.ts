import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { applyMigrations } from '../../app/modules/db/migrate.server'

// The migration attendance_presence (prisma/migrations/…_attendance_presence) turns "attended yes/no"
// into present / excused / absent and must keep what was recorded: a database with attendance written
// under the migrations before it is migrated the rest of the way, then read back.

const projectMigrations = path.resolve('prisma/migrations')
const target = fs
  .readdirSync(projectMigrations)
  .find((name) => name.endsWith('_attendance_presence'))!
let tmp: string
let databasePath: string

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zwin-attendance-migration-'))
  databasePath = path.join(tmp, 'zwin.sqlite')
  const before = path.join(tmp, 'before')
  fs.mkdirSync(before)
  fs.copyFileSync(
    path.join(projectMigrations, 'migration_lock.toml'),
    path.join(before, 'migration_lock.toml'),
  )
  for (const name of fs.readdirSync(projectMigrations).filter((n) => n < target && /^\d/.test(n))) {
    fs.cpSync(path.join(projectMigrations, name), path.join(before, name), { recursive: true })
  }
  applyMigrations({ databasePath, migrationsDir: before })
  const db = new Database(databasePath)
  const now = new Date().toISOString()
  db.prepare(
    `INSERT INTO Organisation (id, slug, name, kind, country, defaultLocale, createdAt, updatedAt)
     VALUES ('org', 'damme', 'Gemeente Damme', 'municipality', 'BE', 'nl-BE', ?, ?)`,
  ).run(now, now)
  db.prepare(
    `INSERT INTO Network (id, slug, name, shortName, level, createdAt, updatedAt)
     VALUES ('net', 'gos', 'GOS', 'GOS', 'cross_border', ?, ?)`,
  ).run(now, now)
  db.prepare(
    `INSERT INTO Meeting (id, networkId, title, startsAt, endsAt, hostOrganisationId, status, createdAt, updatedAt)
     VALUES ('m', 'net', 'Overleg', ?, ?, 'org', 'held', ?, ?)`,
  ).run(now, now, now, now)
  const people = [
    ['present', 1, 'yes'],
    ['excused', 0, 'no'],
    ['absent', 0, 'maybe'],
    ['unrecorded', null, 'no'],
  ] as const
  for (const [name, attended, response] of people) {
    db.prepare(
      `INSERT INTO User (id, email, name, organisationId, createdAt, updatedAt)
       VALUES (?, ?, ?, 'org', ?, ?)`,
    ).run(name, `${name}@example.org`, name, now, now)
    db.prepare(
      `INSERT INTO MeetingAttendance (id, meetingId, userId, organisationId, response, attended)
       VALUES (?, 'm', ?, 'org', ?, ?)`,
    ).run(`a-${name}`, name, response, attended)
  }
  db.close()
  applyMigrations({ databasePath, migrationsDir: projectMigrations })
})
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

it('carries recorded attendance over: present, excused after a "no", absent; unrecorded stays so', () => {
  const db = new Database(databasePath, { readonly: true })
  try {
    const rows = db
      .prepare('SELECT userId, presence, excuseReason, response FROM MeetingAttendance ORDER BY id')
      .all()
    expect(rows).toEqual([
      { userId: 'absent', presence: 'absent', excuseReason: null, response: 'maybe' },
      { userId: 'excused', presence: 'excused', excuseReason: null, response: 'no' },
      { userId: 'present', presence: 'present', excuseReason: null, response: 'yes' },
      { userId: 'unrecorded', presence: null, excuseReason: null, response: 'no' },
    ])
  } finally {
    db.close()
  }
})
