/**
 * A fresh data folder with a migrated, seeded database, for the processes that start the real server
 * against it (the e2e server, the benches). The seed stores its demo files through the app's
 * configuration, so that must name this same folder: set ZWIN_DATA_DIR before anything reads it.
 */
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { getConfig } from '../../app/modules/config/config.server'
import { createDb, prepareDb } from '../../app/modules/db/db.server'
import { applyMigrations } from '../../app/modules/db/migrate.server'
import { seed } from '../../prisma/seed'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export async function seedFreshDataDir(dataDir: string) {
  process.env.ZWIN_DATA_DIR ??= dataDir
  if (getConfig().dataDir !== path.resolve(dataDir)) {
    throw new Error(`ZWIN_DATA_DIR is ${getConfig().dataDir}, not the folder ${dataDir}`)
  }
  fs.rmSync(dataDir, { recursive: true, force: true })
  fs.mkdirSync(dataDir, { recursive: true })
  const databasePath = path.join(dataDir, 'zwin.sqlite')
  applyMigrations({ databasePath, migrationsDir: path.join(root, 'prisma', 'migrations') })
  const db = createDb(databasePath)
  try {
    await prepareDb(db)
    return { databasePath, summary: await seed(db) }
  } finally {
    await db.$disconnect()
  }
}

/** A port nothing listens on right now, for a server a test starts itself. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      )
    })
  })
}
