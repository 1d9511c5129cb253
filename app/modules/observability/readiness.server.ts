/*
 * /readyz (served by scripts/http/observability.ts): whether this process can do its work, for a load
 * balancer or an orchestrator to send it traffic. /healthz (app/routes/healthz.ts) stays the liveness
 * check. Three checks, each cheap enough to be asked every few seconds: the database answers, every
 * migration this build knows is applied, and the data folder takes a write.
 */
import { randomBytes } from 'node:crypto'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { getConfig } from '../config/config.server'
import { db } from '../db/db.server'

export type ReadinessCheck = 'database' | 'migrations' | 'dataFolder'
export type Readiness = { ready: boolean; failed: ReadinessCheck[] }

let knownMigrations: string[] = []

/** The migrations of this build (read from disk once, when the server opens the database). */
export function setKnownMigrations(names: string[]): void {
  knownMigrations = names
}

async function databaseAnswers(): Promise<boolean> {
  await db.$queryRawUnsafe('SELECT 1')
  return true
}

async function migrationsCurrent(): Promise<boolean> {
  const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(
    'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  )
  const applied = new Set(rows.map((r) => r.migration_name))
  return knownMigrations.length > 0 && knownMigrations.every((name) => applied.has(name))
}

// A real write (and its removal), not fs.access: access says yes to root on a read-only mount.
async function dataFolderWritable(): Promise<boolean> {
  const probe = path.join(getConfig().dataDir, `.readyz-${randomBytes(6).toString('hex')}`)
  await fsp.writeFile(probe, 'ok', { flag: 'wx' })
  await fsp.rm(probe)
  return true
}

export async function readiness(): Promise<Readiness> {
  const checks: [ReadinessCheck, () => Promise<boolean>][] = [
    ['database', databaseAnswers],
    ['migrations', migrationsCurrent],
    ['dataFolder', dataFolderWritable],
  ]
  const results = await Promise.all(
    checks.map(async ([name, check]) => [name, await check().catch(() => false)] as const),
  )
  const failed = results.filter(([, ok]) => !ok).map(([name]) => name)
  return { ready: failed.length === 0, failed }
}
