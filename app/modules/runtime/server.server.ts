/*
 * What the production server (scripts/server.ts) takes from the app, through the build's server entry
 * (app/entry.server.tsx), so that one process holds one copy of the app and one database connection:
 * its configuration, the migrations, the database checks, background work, and what the transport
 * layer needs (the session check for uploads, the upload limit, the translated refusal page).
 */
import path from 'node:path'
import { getSessionUser } from '../auth/session.server'
import { startBackupSchedule as startSchedule, stopBackupSchedule } from '../backup/schedule.server'
import { ConfigError, getConfig } from '../config/config.server'
import { getDb, prepareDb } from '../db/db.server'
import { applyMigrations } from '../db/migrate.server'
import { UPLOAD_FORM_OVERHEAD_BYTES } from '../documents/upload.server'

export { ConfigError, getConfig }
export { startDocumentMaintenance } from '../documents/maintenance.server'
export { refusalResponse } from '../http/refusal.server'
export { lastSuccessfulBackup } from '../backup/schedule.server'
export { stopBackupSchedule }

/** Scheduled backups (BACKUP_DIR, BACKUP_KEEP, BACKUP_INTERVAL_HOURS); none when BACKUP_DIR is unset. */
export function startBackupSchedule(): void {
  startSchedule(getConfig().backup)
}

/**
 * Applies pending migrations (from `<root>/prisma/migrations`), then opens the database and checks its
 * settings. The server calls this before it listens: it never serves a database it does not understand.
 */
export async function openDatabase(root: string): Promise<string[]> {
  const applied = await applyMigrations({
    databasePath: getConfig().databasePath,
    migrationsDir: path.join(root, 'prisma', 'migrations'),
  })
  await prepareDb(getDb())
  return applied
}

export async function closeDatabase(): Promise<void> {
  await getDb().$disconnect()
}

/** Which of these addresses belong to accounts that are not disabled (for the demo banner). */
export async function activeEmails(emails: string[]): Promise<string[]> {
  const users = await getDb().user.findMany({
    where: { email: { in: emails }, disabledAt: null },
    select: { email: true },
  })
  return users.map((u) => u.email)
}

/** Whether a Cookie header holds a live session: the server lets multipart bodies in only then. */
export async function hasSession(cookieHeader: string | undefined): Promise<boolean> {
  const request = new Request('http://zwin.invalid/', { headers: { Cookie: cookieHeader ?? '' } })
  return (await getSessionUser(request)) !== null
}

/** The most an upload's body may hold: the configured file limit and room for the form's fields. */
export function uploadBodyLimit(): number {
  return getConfig().uploadMaxBytes + UPLOAD_FORM_OVERHEAD_BYTES
}
