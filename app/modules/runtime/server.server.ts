/*
 * What the production server (scripts/server.ts) takes from the app, through the build's server entry
 * (app/entry.server.tsx), so that one process holds one copy of the app and one database connection:
 * its configuration, the migrations, the database checks, background work, and what the transport
 * layer needs (the session check for uploads, the upload limit, the translated refusal page), and the
 * one logger, metrics registry and request context the app writes to (app/modules/observability).
 */
import { verifyPassword } from '../auth/password.server'
import { getSessionUser } from '../auth/session.server'
import { startBackupSchedule as startSchedule, stopBackupSchedule } from '../backup/schedule.server'
import { ConfigError, getConfig } from '../config/config.server'
import { getDb, prepareDb } from '../db/db.server'
import { migrateDatabase } from '../db/migrate-database.server'
import { UPLOAD_FORM_OVERHEAD_BYTES } from '../documents/upload.server'
import { startMailOutbox as startOutbox } from '../mail/outbox.server'
import { runScheduledNotifications } from '../notifications/send.server'
import { setKnownMigrations } from '../observability/readiness.server'

export { ConfigError, getConfig }
export { startDocumentMaintenance, stopDocumentMaintenance } from '../documents/maintenance.server'
export { refusalResponse } from '../http/refusal.server'
export { getLogger } from '../observability/logger.server'
export { metrics, metricsText, statusClass } from '../observability/metrics.server'
export { readiness } from '../observability/readiness.server'
export { requestContext, type RequestRecord } from '../observability/request-context.server'
export { lastSuccessfulBackup } from '../backup/schedule.server'
export {
  providerFormTargets,
  startProviderFormTargets,
  stopProviderFormTargets,
} from '../identity/form-targets.server'
export { stopBackupSchedule }
export { stopMailOutbox } from '../mail/outbox.server'

/**
 * The mail outbox's sender: mails cut off by a stop are queued again, then every few seconds it composes
 * and sends what is due (what `npm run notifications:send` does, with the digests and reminders in a
 * child process once a minute), and a queued mail kicks it at once.
 */
export function startMailOutbox(): Promise<void> {
  return startOutbox(5_000, (shouldStop) => runScheduledNotifications(new Date(), shouldStop))
}

/** Scheduled backups (BACKUP_DIR, BACKUP_KEEP, BACKUP_INTERVAL_HOURS); none when BACKUP_DIR is unset. */
export function startBackupSchedule(): void {
  startSchedule(getConfig().backup)
}

/**
 * Applies pending migrations (`<root>/prisma/migrations`, or `prisma/postgresql/migrations` for
 * PostgreSQL), then opens the database and checks its
 * settings. The server calls this before it listens: it never serves a database it does not understand.
 */
export async function openDatabase(root: string): Promise<string[]> {
  const { applied, known } = await migrateDatabase(getConfig().database, root)
  setKnownMigrations(known)
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

/**
 * The first of these addresses that belongs to an active account still having this password (the demo
 * people's published one): a production server refuses to serve it unless told the demo is intended.
 * A demo costs one password check at start, a real installation none.
 */
export async function firstAccountWithPassword(
  emails: string[],
  password: string,
): Promise<string | undefined> {
  const users = await getDb().user.findMany({
    where: { email: { in: emails }, disabledAt: null, password: { isNot: null } },
    select: { email: true, password: { select: { hash: true } } },
  })
  for (const user of users) {
    if (user.password && (await verifyPassword(user.password.hash, password))) return user.email
  }
  return undefined
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
