/**
 * The compiled commands and server on PostgreSQL (DATABASE_URL), as a hosting party runs them:
 * `npm run db:migrate`, `npm run db:seed`, then the server, which answers ready and signs people in.
 *
 *   npm run build && npx vitest run --config tests/setup/vitest.server.config.ts tests/runtime/postgres.test.ts
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../prisma/demo-logins'
import { createPostgresDatabase, type PostgresDatabase } from '../setup/postgres-db'
import {
  request,
  runCommand,
  signIn,
  startServer,
  type RunningServer,
} from '../setup/server-process'

let database: PostgresDatabase | undefined
let server: RunningServer | undefined
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwin-postgres-'))

afterAll(async () => {
  await server?.kill()
  await database?.drop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

it('migrates, seeds and serves a PostgreSQL database, and leaves the data folder without SQLite', async () => {
  database = await createPostgresDatabase()
  const env = { DATABASE_URL: database.url, ZWIN_DATA_DIR: dataDir, ZWIN_DEMO_DATA: 'true' }

  const migrated = await runCommand('migrate', env)
  expect(migrated.code, migrated.output).toBe(0)
  expect(migrated.output).toContain(`to postgresql://127.0.0.1:5432/${database.name}`)
  const seeded = await runCommand('seed', env)
  expect(seeded.code, seeded.output).toBe(0)

  server = await startServer(dataDir, { env: { DATABASE_URL: database.url } })
  const ready = await request(server.port, '/readyz')
  expect(ready.status, ready.body).toBe(200)
  const cookie = await signIn(server, 'lid.knokke-heist@example.org', DEMO_PASSWORD)
  const documents = await request(server.port, '/netwerken/gos/documenten', {
    headers: { cookie },
  })
  expect(documents.status).toBe(200)
  expect(documents.body).toContain('Knokke-Heist')
  expect(fs.existsSync(path.join(dataDir, 'zwin.sqlite'))).toBe(false)
}, 120_000)
