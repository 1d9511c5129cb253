/**
 * Backups of a running portal (app/modules/backup), with the compiled commands
 * (build/runtime/backup.js and restore.js, what `npm run backup` and `npm run restore` run):
 *
 * 1. A backup while uploads stream in over HTTP to the production server, restored into a fresh
 *    folder, holds every upload acknowledged before the backup started, and the restored folder passes
 *    the durability checker (tests/durability/consistency.ts) after a server has started on it.
 * 2. `kill -9` of the backup process at several moments of a backup leaves no snapshot marked complete;
 *    restore refuses what it left, and the next backup clears it away.
 *
 *   npm run build && npx vitest run --config tests/setup/vitest.server.config.ts tests/durability/backup.test.ts
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { listSnapshots } from '../../app/modules/backup/manifest.server'
import { backupInProgress } from '../../app/modules/backup/snapshot.server'
import { DEMO_PASSWORD } from '../../prisma/demo-logins'
import {
  prepareDataDir,
  root,
  signIn,
  startServer,
  type RunningServer,
} from '../setup/server-process'
import { addStoredDocuments } from '../setup/stored-documents'
import {
  documentIdOf,
  documentIds,
  findInconsistencies,
  pngFile,
  send,
  sha256Of,
  waitForJobs,
  type Acknowledged,
} from './consistency'

const MEMBER = 'lid.knokke-heist@example.org' // a GOS member: may add documents
const UPLOADERS = 3

const servers = new Set<RunningServer>()
const folders: string[] = []

afterAll(async () => {
  for (const server of servers) await server.kill()
  // A failed run keeps its folders for a look; a passing one leaves nothing behind.
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true })
})

function tempFolder(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `zwin-${name}-`))
}

type Run = { code: number | null; signal: NodeJS.Signals | null; output: string }

/** Runs a compiled command (build/runtime/<name>.js) as `npm run <name>` does. */
function command(name: 'backup' | 'restore', args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [path.join('build', 'runtime', `${name}.js`), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  const done = new Promise<Run>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, output })),
  )
  return { child, done }
}

describe('a backup while the portal serves uploads', () => {
  it('restores every upload acknowledged before it started, consistently', async () => {
    const dataDir = await prepareDataDir()
    // Enough stored files that the backup takes a while, with uploads arriving meanwhile.
    addStoredDocuments(dataDir, 1500, { minBytes: 2_000, maxBytes: 40_000 })
    const seeded = documentIds(dataDir)
    const backupDir = tempFolder('backups')
    const restored = path.join(tempFolder('restore'), 'data')
    const server = await startServer(dataDir)
    servers.add(server)
    const cookie = await signIn(server, MEMBER, DEMO_PASSWORD)

    const acknowledged: (Acknowledged & { at: number })[] = []
    let uploading = true
    const uploader = async () => {
      while (uploading) {
        const content = pngFile(64 * 1024 + Math.floor(Math.random() * 192 * 1024))
        const upload = {
          kind: 'new document' as const,
          fileName: 'foto.png' as const,
          content,
          sha256: sha256Of(content),
        }
        const answer = await send(server, cookie, upload, { chunkBytes: 32 * 1024, pauseMs: 2 })
        expect(answer.status, answer.body).toBe(200)
        acknowledged.push({
          documentId: documentIdOf(answer),
          sha256: upload.sha256,
          at: Date.now(),
        })
      }
    }
    const uploaders = Array.from({ length: UPLOADERS }, uploader)
    while (acknowledged.length < 6) await new Promise((r) => setTimeout(r, 20))

    const backupStartedAt = Date.now()
    const before = acknowledged.filter((a) => a.at < backupStartedAt)
    const backup = await command('backup', ['--to', backupDir], { ZWIN_DATA_DIR: dataDir }).done
    const backupEndedAt = Date.now()
    uploading = false
    await Promise.all(uploaders)
    const during = acknowledged.filter((a) => a.at >= backupStartedAt && a.at <= backupEndedAt)
    expect(backup.code, backup.output).toBe(0)
    await waitForJobs(dataDir, 60_000)
    await server.stop()
    servers.delete(server)

    const [snapshot, ...others] = listSnapshots(backupDir)
    expect(others).toEqual([])
    const restore = await command('restore', [path.join(backupDir, snapshot!), '--into', restored])
      .done
    expect(restore.code, restore.output).toBe(0)
    // As after a restore drill: a server starts on it (re-queueing jobs the copy caught running).
    const check = await startServer(restored)
    servers.add(check)
    await waitForJobs(restored, 60_000)
    await check.stop()
    servers.delete(check)

    console.info(
      `backup under load: ${backup.output.match(/\d+ file\(s\)[^\n]*/)?.[0]}; ` +
        `${before.length} uploads acknowledged before it, ${during.length} while it ran, ` +
        `${acknowledged.length} in all`,
    )
    expect(during.length, 'uploads were acknowledged while the backup ran').toBeGreaterThan(0)
    expect(findInconsistencies(restored, before, seeded)).toEqual([])
    // And the live data folder is as consistent as ever, with every upload.
    expect(findInconsistencies(dataDir, acknowledged, seeded)).toEqual([])
    folders.push(dataDir, backupDir, path.dirname(restored))
  })
})

describe('kill -9 during a backup', () => {
  it('leaves no snapshot marked complete, and restore refuses what it left', async () => {
    const dataDir = await prepareDataDir()
    addStoredDocuments(dataDir, 2000, { minBytes: 2_000, maxBytes: 40_000 })
    const backupDir = tempFolder('backups')
    const target = path.join(tempFolder('restore'), 'data')
    const env = { ZWIN_DATA_DIR: dataDir }

    // A whole backup first, for its length and as the complete snapshot the others must not add to.
    const startedAt = Date.now()
    const first = await command('backup', ['--to', backupDir], env).done
    const fullMs = Date.now() - startedAt
    expect(first.code, first.output).toBe(0)
    const complete = listSnapshots(backupDir)
    expect(complete).toHaveLength(1)

    let killed = 0
    const stages: string[] = []
    for (const fraction of [0.1, 0.3, 0.5, 0.7, 0.9]) {
      const run = command('backup', ['--to', backupDir], env)
      const pid = run.child.pid!
      const deadline = Date.now() + 30_000
      // From the moment its partial snapshot exists: the backup is under way.
      const partialOf = () => fs.readdirSync(backupDir).find((n) => n.endsWith('.partial'))
      while (!partialOf() && run.child.exitCode === null && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 2))
      }
      await new Promise((r) => setTimeout(r, fraction * fullMs))
      if (run.child.exitCode === null) process.kill(pid, 'SIGKILL')
      const ended = await run.done
      if (ended.signal !== 'SIGKILL') {
        // It finished before the kill: a complete snapshot is then right; retention keeps 7.
        expect(ended.code, ended.output).toBe(0)
        complete.push(listSnapshots(backupDir).at(-1)!)
        continue
      }
      killed++
      const partial = partialOf()
      const content = partial ? fs.readdirSync(path.join(backupDir, partial)) : []
      stages.push(`${Math.round(fraction * 100)} %: ${content.sort().join(', ') || 'empty'}`)
      expect(listSnapshots(backupDir), 'no snapshot added by the killed backup').toEqual(complete)
      expect(partial, 'the killed backup leaves only a .partial folder').toBeDefined()
      const refused = await command('restore', [path.join(backupDir, partial!), '--into', target])
        .done
      expect(refused.code).toBe(1)
      expect(refused.output).toContain('never finished')
      expect(fs.existsSync(target)).toBe(false)
      // The lock it left holds no one up: the clean-up goes on, and so does the next backup.
      expect(backupInProgress(dataDir)).toBe(false)
    }
    console.info(
      `kill -9 during a backup (a whole one took ${fullMs} ms): ${killed} killed; ` +
        `what each left: ${stages.join(' | ')}`,
    )
    expect(killed, 'most kills landed while the backup ran').toBeGreaterThanOrEqual(3)

    const last = await command('backup', ['--to', backupDir], env).done
    expect(last.code, last.output).toBe(0)
    expect(fs.readdirSync(backupDir).filter((n) => n.endsWith('.partial'))).toEqual([])
    const restore = await command('restore', [backupDir, '--into', target]).done
    expect(restore.code, restore.output).toBe(0)
    expect(Number(restore.output.match(/(\d+) stored file\(s\)/)?.[1])).toBeGreaterThan(2000)
    folders.push(dataDir, backupDir, path.dirname(target))
  })
})

describe('on PostgreSQL (DATABASE_URL)', () => {
  // The database is the hosting party's: a copy of the data folder would hold no data, and pretending
  // to have made a backup is worse than saying so.
  it('backup and restore say to use pg_dump, and write nothing', async () => {
    const env = {
      ZWIN_DATA_DIR: tempFolder('data'),
      DATABASE_URL: 'postgresql://zwin@127.0.0.1:5432/zwin',
    }
    const backupDir = path.join(tempFolder('backups'), 'here')

    const backup = await command('backup', ['--to', backupDir], env).done
    expect(backup.code).toBe(1)
    expect(backup.output).toMatch(/PostgreSQL[\s\S]*pg_dump[\s\S]*point-in-time recovery/)
    expect(fs.existsSync(backupDir)).toBe(false)

    const into = path.join(tempFolder('restore'), 'data')
    const restore = await command('restore', [backupDir, '--into', into], env).done
    expect(restore.code).toBe(1)
    expect(restore.output).toMatch(/PostgreSQL[\s\S]*pg_restore/)
    expect(fs.existsSync(into)).toBe(false)
  })
})
