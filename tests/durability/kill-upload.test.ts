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
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { crc32 } from 'node:zlib'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../prisma/demo-logins'
import {
  postMultipart,
  prepareDataDir,
  signIn,
  startServer,
  type Answer,
  type RunningServer,
} from '../setup/server-process'

const MEMBER = 'lid.knokke-heist@example.org' // a GOS member: may add documents, manages its own
const NETWORK = 'gos'
const ROUNDS = 7
const UPLOADS_PER_ROUND = 7

// ---- The checker -------------------------------------------------------------------------------

/** An upload that got its success answer: this document must have a version with this content. */
type Acknowledged = { documentId: string; sha256: string }

const sha256Pattern = /^[0-9a-f]{64}$/

/**
 * Everything that is wrong with a stopped server's data folder, one line per problem (empty when
 * consistent). Reads the database read-only and every stored file. `seeded` names the documents the
 * seed wrote (without an audit event, as no one uploaded them).
 */
function findInconsistencies(
  dataDir: string,
  acknowledged: Acknowledged[],
  seeded: ReadonlySet<string>,
): string[] {
  const problems: string[] = []
  const db = new Database(path.join(dataDir, 'zwin.sqlite'), {
    readonly: true,
    fileMustExist: true,
  })
  try {
    const integrity = db.pragma('integrity_check') as { integrity_check: string }[]
    if (integrity.length !== 1 || integrity[0]?.integrity_check !== 'ok') {
      problems.push(`integrity_check: ${integrity.map((r) => r.integrity_check).join('; ')}`)
    }
    for (const row of db.pragma('foreign_key_check') as { table: string; parent: string }[]) {
      problems.push(`foreign key: a row of ${row.table} points at a missing ${row.parent}`)
    }

    const versions = db
      .prepare('SELECT id, documentId, number, sha256, size FROM DocumentVersion')
      .all() as { id: string; documentId: string; number: number; sha256: string; size: number }[]
    const documents = db.prepare('SELECT id, searchRowId FROM Document').all() as {
      id: string
      searchRowId: number
    }[]

    // No version without its file, and every file holds exactly the content its name promises.
    const filesDir = path.join(dataDir, 'files')
    const bySha = new Map<string, number>()
    for (const v of versions) bySha.set(v.sha256, v.size)
    for (const [sha256, size] of bySha) {
      const file = path.join(filesDir, sha256.slice(0, 2), sha256)
      if (!sha256Pattern.test(sha256) || !fs.existsSync(file)) {
        problems.push(`missing file: a version refers to ${sha256}, which is not stored`)
        continue
      }
      const bytes = fs.readFileSync(file)
      if (bytes.length !== size) {
        problems.push(`wrong size: ${sha256} has ${bytes.length} bytes, its version says ${size}`)
      }
      if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
        problems.push(`wrong content: the bytes of ${sha256} hash to something else`)
      }
    }

    // No file without a version, and no temp file left once start-up has tidied.
    for (const entry of fs.existsSync(filesDir) ? fs.readdirSync(filesDir) : []) {
      const entryPath = path.join(filesDir, entry)
      if (entry === 'tmp') {
        for (const name of fs.readdirSync(entryPath)) problems.push(`temp file left: tmp/${name}`)
      } else if (/^[0-9a-f]{2}$/.test(entry) && fs.statSync(entryPath).isDirectory()) {
        for (const name of fs.readdirSync(entryPath)) {
          if (!sha256Pattern.test(name) || !name.startsWith(entry) || !bySha.has(name)) {
            problems.push(`unreferenced file: ${entry}/${name}`)
          }
        }
      } else {
        problems.push(`unexpected entry in files/: ${entry}`)
      }
    }

    // Every acknowledged upload is there (as often as it was acknowledged for that document).
    const documentIds = new Set(documents.map((d) => d.id))
    const stored = new Map<string, number>()
    for (const v of versions) {
      const key = `${v.documentId} ${v.sha256}`
      stored.set(key, (stored.get(key) ?? 0) + 1)
    }
    const expected = new Map<string, number>()
    for (const a of acknowledged) {
      const key = `${a.documentId} ${a.sha256}`
      expected.set(key, (expected.get(key) ?? 0) + 1)
    }
    for (const [key, count] of expected) {
      const [documentId, sha256] = key.split(' ') as [string, string]
      if (!documentIds.has(documentId)) {
        problems.push(`acknowledged upload lost: document ${documentId} does not exist`)
      } else if ((stored.get(key) ?? 0) < count) {
        problems.push(
          `acknowledged upload lost: document ${documentId} has ${stored.get(key) ?? 0} ` +
            `version(s) with ${sha256}, ${count} were acknowledged`,
        )
      }
    }

    // What the upload transaction writes together is there together.
    const numbers = new Map<string, number[]>()
    for (const v of versions)
      numbers.set(v.documentId, [...(numbers.get(v.documentId) ?? []), v.number])
    const searchRows = new Set(
      (db.prepare('SELECT rowid AS id FROM DocumentSearch').all() as { id: number }[]).map(
        (r) => r.id,
      ),
    )
    const audits = db
      .prepare(
        `SELECT objectId, action, details FROM AuditEvent
         WHERE action IN ('document.created', 'document.version_added')`,
      )
      .all() as { objectId: string; action: string; details: string | null }[]
    const created = new Set(
      audits.filter((a) => a.action === 'document.created').map((a) => a.objectId),
    )
    const versionAudits = new Set(
      audits
        .filter((a) => a.action === 'document.version_added')
        .map(
          (a) => `${a.objectId} ${(JSON.parse(a.details ?? '{}') as { number?: number }).number}`,
        ),
    )
    for (const d of documents) {
      const list = (numbers.get(d.id) ?? []).sort((a, b) => a - b)
      if (list.length === 0) problems.push(`document without a version: ${d.id}`)
      else if (list.some((n, i) => n !== i + 1)) {
        problems.push(`document ${d.id} has version numbers ${list.join(', ')}`)
      }
      if (!searchRows.has(d.searchRowId)) problems.push(`document without a search row: ${d.id}`)
      searchRows.delete(d.searchRowId)
      if (!seeded.has(d.id) && !created.has(d.id))
        problems.push(`document without its audit event: ${d.id}`)
      for (const n of list.filter((n) => n > 1)) {
        if (!versionAudits.has(`${d.id} ${n}`)) {
          problems.push(`version ${n} of ${d.id} without its audit event`)
        }
      }
    }
    for (const rowId of searchRows) problems.push(`search row ${rowId} without a document`)

    // Each version got its text-extraction job in the same transaction; none is left half-run.
    const jobs = db
      .prepare("SELECT status, payload FROM Job WHERE kind = 'extract_text'")
      .all() as {
      status: string
      payload: string
    }[]
    const jobFor = new Map<string, string>()
    for (const job of jobs) {
      const versionId = (JSON.parse(job.payload) as { versionId?: string }).versionId ?? ''
      jobFor.set(versionId, job.status)
      if (job.status === 'running') problems.push(`job left running for version ${versionId}`)
    }
    for (const v of versions) {
      if (!jobFor.has(v.id)) problems.push(`version ${v.id} without its extraction job`)
    }
  } finally {
    db.close()
  }
  return problems
}

// ---- Driving uploads ---------------------------------------------------------------------------

/** A small seeded generator (mulberry32): DURABILITY_SEED replays a run. */
function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

const words = 'zwin polder dijk haven kreek schor slik duin grens netwerk gemeente werkplan'.split(
  ' ',
)

/** A plain-text file of `size` bytes whose first line makes its sha256 new. */
function textFile(size: number, rand: () => number): Buffer {
  const block = Array.from({ length: 4000 }, () => words[Math.floor(rand() * words.length)])
  const content = Buffer.alloc(size, block.join(' ') + '\n')
  content.write(`Zwin durability ${randomUUID()}\n`, 0)
  return content
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0)
  return Buffer.concat([head, data, crc])
}

/**
 * A PNG of about `size` random bytes: what the upload check asks of a PNG (signature, IHDR, IDAT) and
 * nothing to extract, so that the text jobs of many megabytes stay quick.
 */
function pngFile(size: number): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(1000, 0)
  header.writeUInt32BE(1000, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', randomBytes(size)),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

const sha256Of = (content: Buffer) => createHash('sha256').update(content).digest('hex')

type Upload = {
  kind: 'new document' | 'new version'
  fileName: 'verslag.txt' | 'foto.png'
  /** For a new version: the document it is for. */
  documentId?: string
  content: Buffer
  sha256: string
}

type Outcome = 'acknowledged' | 'cut off' | `refused ${number}`

function send(
  server: RunningServer,
  cookie: string,
  upload: Upload,
  pace: { chunkBytes: number; pauseMs: number },
): Promise<Answer> {
  const mediaType = upload.fileName.endsWith('.png') ? 'image/png' : 'text/plain'
  const file = { name: upload.fileName, content: upload.content, mediaType }
  if (upload.kind === 'new version') {
    return postMultipart(
      server,
      `/netwerken/${NETWORK}/documenten/${upload.documentId}/nieuwe-versie.json`,
      cookie,
      { fields: {}, file, ...pace },
    )
  }
  return postMultipart(server, `/netwerken/${NETWORK}/documenten/nieuw.json`, cookie, {
    fields: {
      title: `Durability ${upload.sha256.slice(0, 8)}`,
      type: 'overig',
      language: 'nl',
      audience: 'network',
    },
    file,
    ...pace,
  })
}

function documentIdOf(answer: Answer): string {
  const { redirectTo } = JSON.parse(answer.body) as { redirectTo?: string }
  const id = redirectTo?.match(/\/documenten\/([^/?#]+)$/)?.[1]
  if (!id) throw new Error(`An upload answered 200 without a document address: ${answer.body}`)
  return id
}

function listFiles(dataDir: string): { stored: number; temp: number } {
  const filesDir = path.join(dataDir, 'files')
  let stored = 0
  let temp = 0
  for (const entry of fs.existsSync(filesDir) ? fs.readdirSync(filesDir) : []) {
    const count = fs.readdirSync(path.join(filesDir, entry)).length
    if (entry === 'tmp') temp += count
    else stored += count
  }
  return { stored, temp }
}

/** Waits until the job worker has nothing queued or running (the extraction of every version). */
async function waitForJobs(dataDir: string, timeoutMs: number): Promise<void> {
  const db = new Database(path.join(dataDir, 'zwin.sqlite'), {
    readonly: true,
    fileMustExist: true,
  })
  try {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const rows = db
        .prepare(
          "SELECT status, count(*) AS n FROM Job WHERE status IN ('queued', 'running') GROUP BY status",
        )
        .all() as { status: string; n: number }[]
      if (rows.length === 0) return
      if (Date.now() > deadline) {
        throw new Error(`Jobs still waiting: ${rows.map((r) => `${r.n} ${r.status}`).join(', ')}`)
      }
      await new Promise((r) => setTimeout(r, 250))
    }
  } finally {
    db.close()
  }
}

/** The documents in a stopped server's data folder. */
function documentIds(dataDir: string): Set<string> {
  const db = new Database(path.join(dataDir, 'zwin.sqlite'), {
    readonly: true,
    fileMustExist: true,
  })
  try {
    return new Set(
      (db.prepare('SELECT id FROM Document').all() as { id: string }[]).map((d) => d.id),
    )
  } finally {
    db.close()
  }
}

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

      // Settled at once: an upload cut off by the kill is an outcome, not an unhandled rejection.
      const answers = uploads.map(async (upload): Promise<Answer | undefined> => {
        const delayMs = between(0, 1500)
        const pace = { chunkBytes: 64 * 1024, pauseMs: between(2, 20) }
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
    expect(tally('cut off'), 'some uploads were cut off').toBeGreaterThan(0)
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
