/**
 * docs/security.md item 23: the server is killed (SIGKILL, as `kill -9`) again and again while
 * documents are being uploaded. Afterwards the state must be consistent: `PRAGMA integrity_check`
 * ok, no version without its file, no file without a version once start-up has tidied, and every
 * upload that got its answer still there. The uploads go over HTTP to the production build, chunk
 * by chunk, so that the kill lands while some are streaming, some are checked or committed, and
 * some are answered.
 *
 *   npm run build && npm run test:server
 *
 * DURABILITY_SEED repeats a run's choices: sizes, delays, which uploads are new versions or repeat
 * earlier bytes (the seed is printed with the summary). Where each kill lands still varies.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../prisma/demo-logins'
import {
  prepareDataDir,
  signIn,
  startServer,
  type Answer,
  type RunningServer,
} from '../setup/server-process'
import {
  documentIdOf,
  documentIds,
  findInconsistencies,
  listFiles,
  pngFile,
  random,
  send,
  sha256Of,
  textFile,
  waitForJobs,
  type Acknowledged,
  type Outcome,
  type Upload,
} from './consistency'

const MEMBER = 'lid.knokke-heist@example.org' // a GOS member: may add documents, manages its own
const ROUNDS = 7
const UPLOADS_PER_ROUND = 7

const servers = new Set<RunningServer>()
const dataDirs: string[] = []

async function start(dataDir: string): Promise<RunningServer> {
  const server = await startServer(dataDir)
  servers.add(server)
  return server
}

afterAll(async () => {
  for (const server of servers) await server.kill()
  // A failed run keeps its data folder for a look; a passing one leaves nothing behind.
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true })
})

describe('kill -9 during uploads (docs/security.md item 23)', () => {
  it('leaves a consistent state with every acknowledged upload present', async () => {
    const seed = Number(process.env.DURABILITY_SEED ?? Math.floor(Math.random() * 2 ** 31))
    const rand = random(seed)
    const between = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1))
    const startedAt = Date.now()
    const dataDir = await prepareDataDir()
    const seeded = documentIds(dataDir)

    const outcomes: { kind: Upload['kind']; outcome: Outcome }[] = []
    const acknowledged: Acknowledged[] = []
    const ackedDocuments: string[] = []
    // Files sent before: the same bytes again exercise the dedupe.
    const reusable: Pick<Upload, 'fileName' | 'content'>[] = []
    let tempFilesAtKills = 0
    let filesRemovedAtStart = 0

    for (let round = 1; round <= ROUNDS; round++) {
      const before = listFiles(dataDir)
      const server = await start(dataDir)
      // Start-up tidies before it listens: no temp file and no file without a version are left.
      const after = listFiles(dataDir)
      expect(after.temp, `temp files after start ${round}`).toBe(0)
      filesRemovedAtStart += before.stored - after.stored
      const cookie = await signIn(server, MEMBER, DEMO_PASSWORD)

      const uploads: Upload[] = []
      for (let i = 0; i < UPLOADS_PER_ROUND; i++) {
        // Mostly PNGs of a few MB; some plain text, whose extraction job a kill can cut off too.
        const reuse = reusable.length > 0 && rand() < 0.2
        const file = reuse
          ? reusable[Math.floor(rand() * reusable.length)]!
          : rand() < 0.25
            ? { fileName: 'verslag.txt' as const, content: textFile(between(32, 384) * 1024, rand) }
            : { fileName: 'foto.png' as const, content: pngFile(between(512, 3072) * 1024) }
        const versionOf =
          ackedDocuments.length > 0 && rand() < 0.3
            ? ackedDocuments[Math.floor(rand() * ackedDocuments.length)]
            : undefined
        const sha256 = sha256Of(file.content)
        uploads.push(
          versionOf
            ? { kind: 'new version', documentId: versionOf, ...file, sha256 }
            : { kind: 'new document', ...file, sha256 },
        )
      }
      // Two uploads of the same bytes at once: both race to store the same file.
      uploads.push({ ...uploads[0]!, kind: 'new document', documentId: undefined })
      // A slow one that is still streaming when the kill lands (3 MB at 64 KB every 100 ms takes
      // about 5 s; the kill comes within 3 s), so every round cuts at least one upload off
      // mid-body, however quickly the others are answered.
      const straggler = pngFile(3072 * 1024)
      uploads.push({
        kind: 'new document',
        fileName: 'foto.png',
        content: straggler,
        sha256: sha256Of(straggler),
      })
      const stragglerIndex = uploads.length - 1

      // Settled at once: an upload cut off by the kill is an outcome, not an unhandled rejection.
      const answers = uploads.map(async (upload, i): Promise<Answer | undefined> => {
        const slow = i === stragglerIndex
        const delayMs = slow ? 0 : between(0, 1500)
        const pace = { chunkBytes: 64 * 1024, pauseMs: slow ? 100 : between(2, 20) }
        await new Promise((r) => setTimeout(r, delayMs))
        return send(server, cookie, upload, pace).catch(() => undefined)
      })
      await new Promise((r) => setTimeout(r, between(500, 3000)))
      await server.kill()
      servers.delete(server)
      tempFilesAtKills += listFiles(dataDir).temp

      const settled = await Promise.all(answers)
      settled.forEach((answer, i) => {
        const upload = uploads[i]!
        if (!answer) return outcomes.push({ kind: upload.kind, outcome: 'cut off' })
        if (answer.status !== 200) {
          return outcomes.push({ kind: upload.kind, outcome: `refused ${answer.status}` })
        }
        const documentId = documentIdOf(answer)
        if (upload.kind === 'new version') expect(documentId).toBe(upload.documentId)
        else ackedDocuments.push(documentId)
        acknowledged.push({ documentId, sha256: upload.sha256 })
        outcomes.push({ kind: upload.kind, outcome: 'acknowledged' })
      })
      for (const { fileName, content } of uploads.slice(0, 3)) reusable.push({ fileName, content })
      reusable.splice(0, Math.max(0, reusable.length - 4))
    }

    // One clean start: its start-up tidies, its worker re-queues and runs the cut-off jobs.
    const roundsDoneAt = Date.now()
    const beforeFinal = listFiles(dataDir)
    const server = await start(dataDir)
    const finalStartedAt = Date.now()
    filesRemovedAtStart += beforeFinal.stored - listFiles(dataDir).stored
    await waitForJobs(dataDir, 90_000)
    const jobsDoneAt = Date.now()
    await server.stop()
    servers.delete(server)
    const seconds = (from: number, to: number) => `${((to - from) / 1000).toFixed(1)} s`
    const timing =
      `took ${seconds(startedAt, roundsDoneAt)} for the rounds, ` +
      `${seconds(roundsDoneAt, finalStartedAt)} for the final start, ` +
      `${seconds(finalStartedAt, jobsDoneAt)} for the jobs to finish`

    const problems = findInconsistencies(dataDir, acknowledged, seeded)
    const db = new Database(path.join(dataDir, 'zwin.sqlite'), { readonly: true })
    const versions = db.prepare('SELECT documentId FROM DocumentVersion').all() as {
      documentId: string
    }[]
    const failedJobs = (
      db.prepare("SELECT count(*) AS n FROM Job WHERE status = 'failed'").get() as { n: number }
    ).n
    db.close()
    const uploaded = versions.filter((v) => !seeded.has(v.documentId)).length
    const tally = (outcome: string) => outcomes.filter((o) => o.outcome.startsWith(outcome)).length
    const integrity = problems.some((p) => p.startsWith('integrity_check')) ? 'NOT ok' : 'ok'
    console.info(
      [
        `kill -9 durability (seed ${seed}): ${ROUNDS} rounds, ${outcomes.length} uploads started ` +
          `(${outcomes.filter((o) => o.kind === 'new version').length} new versions), ` +
          `${tally('acknowledged')} acknowledged, ${tally('cut off')} cut off by the kill ` +
          `(${uploaded - tally('acknowledged')} of these committed all the same), ` +
          `${tally('refused')} refused`,
        `  at the kills: ${tempFilesAtKills} temp file(s) left; start-up removed ` +
          `${filesRemovedAtStart} stored file(s) without a version`,
        `  after the final start: ${documentIds(dataDir).size - seeded.size} uploaded documents ` +
          `(+${seeded.size} seeded), ${uploaded} uploaded versions, ${listFiles(dataDir).stored} ` +
          `files in all; ${failedJobs} failed job(s); integrity_check ${integrity}, ` +
          `${problems.length} problem(s)`,
        `  ${timing}`,
      ].join('\n'),
    )

    expect(tally('refused'), 'no upload is refused').toBe(0)
    expect(tally('acknowledged'), 'some uploads were answered').toBeGreaterThan(0)
    expect(
      tally('cut off'),
      'at least the slow upload of each round was cut off',
    ).toBeGreaterThanOrEqual(ROUNDS)
    expect(problems, `the data folder is kept in ${dataDir}`).toEqual([])
    dataDirs.push(dataDir)
  })

  it('the checker finds a lost file, a changed file, a stray file and a lost upload', async () => {
    const dataDir = await prepareDataDir()
    const seeded = documentIds(dataDir)
    const server = await start(dataDir)
    const cookie = await signIn(server, MEMBER, DEMO_PASSWORD)
    const rand = random(1)
    const pace = { chunkBytes: 1024 * 1024, pauseMs: 0 }
    const acknowledged: Acknowledged[] = []
    for (let i = 0; i < 3; i++) {
      const content = i === 1 ? pngFile(64 * 1024) : textFile(64 * 1024, rand)
      const file = { fileName: i === 1 ? ('foto.png' as const) : ('verslag.txt' as const), content }
      const sha256 = sha256Of(content)
      const upload: Upload =
        i < 2
          ? { kind: 'new document', ...file, sha256 }
          : { kind: 'new version', documentId: acknowledged[0]!.documentId, ...file, sha256 }
      const answer = await send(server, cookie, upload, pace)
      expect(answer.status, answer.body).toBe(200)
      acknowledged.push({ documentId: documentIdOf(answer), sha256: upload.sha256 })
    }
    await waitForJobs(dataDir, 30_000)
    await server.stop()
    servers.delete(server)
    expect(findInconsistencies(dataDir, acknowledged, seeded)).toEqual([])

    const [first, second, third] = acknowledged as [Acknowledged, Acknowledged, Acknowledged]
    const stored = (sha256: string) => path.join(dataDir, 'files', sha256.slice(0, 2), sha256)
    fs.rmSync(stored(first.sha256))
    fs.appendFileSync(stored(second.sha256), 'x')
    const stray = sha256Of(Buffer.from('stray'))
    fs.mkdirSync(path.dirname(stored(stray)), { recursive: true })
    fs.writeFileSync(stored(stray), 'stray')
    fs.mkdirSync(path.join(dataDir, 'files', 'tmp'), { recursive: true })
    fs.writeFileSync(path.join(dataDir, 'files', 'tmp', 'left.part'), 'half')
    const lost = { documentId: 'nosuchdocument', sha256: third.sha256 }
    const writable = new Database(path.join(dataDir, 'zwin.sqlite'))
    writable
      .prepare("UPDATE Job SET status = 'running' WHERE payload LIKE ?")
      .run(
        `%${(writable.prepare('SELECT id FROM DocumentVersion WHERE sha256 = ?').get(third.sha256) as { id: string }).id}%`,
      )
    writable
      .prepare(
        'DELETE FROM DocumentSearch WHERE rowid = (SELECT searchRowId FROM Document WHERE id = ?)',
      )
      .run(second.documentId)
    writable.close()

    const problems = findInconsistencies(dataDir, [...acknowledged, lost], seeded).join('\n')
    expect(problems).toContain(`missing file: a version refers to ${first.sha256}`)
    expect(problems).toContain(`wrong size: ${second.sha256}`)
    expect(problems).toContain(`wrong content: the bytes of ${second.sha256}`)
    expect(problems).toContain(`unreferenced file: ${stray.slice(0, 2)}/${stray}`)
    expect(problems).toContain('temp file left: tmp/left.part')
    expect(problems).toContain('acknowledged upload lost: document nosuchdocument does not exist')
    expect(problems).toContain(`document without a search row: ${second.documentId}`)
    expect(problems).toContain('job left running for version')
    dataDirs.push(dataDir)
  })
})
