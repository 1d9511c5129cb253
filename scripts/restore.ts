/**
 * `npm run restore -- SNAPSHOT [--into DIR]`: restores a snapshot made by `npm run backup` into an
 * empty data folder, DIR (default $ZWIN_DATA_DIR), after checking all of it
 * (app/modules/backup/restore.server.ts). SNAPSHOT is a snapshot folder, or a backup folder, whose
 * newest complete snapshot is then taken. Refuses a non-empty target and a damaged snapshot (exit 1).
 *
 * Compiled to build/runtime/restore.js by `npm run build`.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { SnapshotRefused } from '../app/modules/backup/manifest.server'
import { resolveSnapshot, restoreSnapshot } from '../app/modules/backup/restore.server'
import { POSTGRES_BACKUP_ADVICE } from '../app/modules/backup/snapshot.server'
import { ConfigError, loadBackupConfig } from '../app/modules/config/config.server'

async function main() {
  const { values, positionals } = parseArgs({
    options: { into: { type: 'string' } },
    allowPositionals: true,
  })
  if (positionals.length !== 1) {
    throw new SnapshotRefused(
      'Name one snapshot: npm run restore -- /path/to/backups/zwin-backup-… [--into DIR]',
    )
  }
  const config = loadBackupConfig()
  if (config.postgres) throw new SnapshotRefused(POSTGRES_BACKUP_ADVICE)
  const targetDir = values.into ? path.resolve(values.into) : config.dataDir
  const snapshotDir = resolveSnapshot(positionals[0]!)
  console.info(`Restoring ${snapshotDir}\n     into ${targetDir}`)
  const result = await restoreSnapshot({
    snapshotDir,
    targetDir,
    log: (line) => console.info(`  ${line}`),
  })
  const { manifest } = result
  const rows = (name: string) => manifest.database.tables[name] ?? 0
  console.info(
    `Restored the snapshot of ${manifest.createdAt} (Zwin ${manifest.appVersion}): ` +
      `${rows('Document')} documents, ${rows('DocumentVersion')} versions, ${rows('User')} users, ` +
      `${result.files} stored file(s); every file's sha256 checked (${(result.ms / 1000).toFixed(1)} s).\n` +
      `Start the server with ZWIN_DATA_DIR=${targetDir}.`,
  )
}

main().catch((error: unknown) => {
  const known = error instanceof SnapshotRefused || error instanceof ConfigError
  console.error(known ? `Restore refused: ${error.message}` : error)
  console.error('Nothing was written to the target.')
  process.exitCode = 1
})
