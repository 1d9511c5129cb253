/**
 * The server's backup schedule (app/modules/backup/schedule.server.ts) on a real data folder: the
 * backup runs in a child process (scripts/backup.ts, through runChildJob, as the server runs the
 * compiled build/runtime/backup.js), and the next one is due an interval after the newest snapshot.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { addStoredDocuments } from '../../../tests/setup/stored-documents'
import { createTestDatabase, type TestDatabase } from '../../../tests/setup/test-db'
import { listSnapshots } from './manifest.server'
import {
  backupRunning,
  lastSuccessfulBackup,
  startBackupSchedule,
  stopBackupSchedule,
} from './schedule.server'

let t: TestDatabase
let backupDir: string

beforeAll(async () => {
  t = await createTestDatabase()
  addStoredDocuments(t.dataDir, 5)
  backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwin-schedule-test-'))
})
afterAll(async () => {
  stopBackupSchedule()
  await t.cleanup()
  fs.rmSync(backupDir, { recursive: true, force: true })
})

const config = () => ({
  dataDir: t.dataDir,
  postgres: false,
  backupDir,
  keep: 2,
  intervalMs: 3_600_000,
})

it('makes a backup in a child process, then waits an interval after the newest snapshot', async () => {
  expect(startBackupSchedule({ ...config(), backupDir: undefined })).toBeUndefined()
  // On PostgreSQL the hosting party backs the database up; a snapshot of the folder would hold none.
  expect(startBackupSchedule({ ...config(), postgres: true }, { firstDelayMs: 0 })).toBeUndefined()
  expect(backupRunning()).toBeFalsy()

  const next = startBackupSchedule(config(), { firstDelayMs: 0 })
  expect(next!.getTime()).toBeLessThanOrEqual(Date.now())
  while (!backupRunning()) await new Promise((r) => setTimeout(r, 10))
  await backupRunning()
  stopBackupSchedule()
  const snapshots = listSnapshots(backupDir)
  expect(snapshots).toHaveLength(1)
  expect(lastSuccessfulBackup()?.path).toBe(path.join(backupDir, snapshots[0]!))

  // As after a restart: the snapshot just made puts the next one an interval away.
  const later = startBackupSchedule(config(), { firstDelayMs: 0 })
  stopBackupSchedule()
  expect(later!.getTime() - Date.now()).toBeGreaterThan(3_500_000)
}, 60_000)
