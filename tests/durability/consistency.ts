/**
 * What the durability tests share (tests/durability/kill-upload.test.ts, backup.test.ts): the checker
 * that finds everything wrong with a stopped server's data folder, and the uploads that drive the
 * production server over HTTP.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { crc32 } from 'node:zlib'
import Database from 'better-sqlite3'
import { postMultipart, type Answer, type RunningServer } from '../setup/server-process'

export { documentIdOf } from '../setup/server-process'

export const NETWORK = 'gos'

// ---- The checker -------------------------------------------------------------------------------

/** An upload that got its success answer: this document must have a version with this content. */
export type Acknowledged = { documentId: string; sha256: string }

const sha256Pattern = /^[0-9a-f]{64}$/

/**
 * Everything that is wrong with a stopped server's data folder, one line per problem (empty when
 * consistent). Reads the database read-only and every stored file. `seeded` names the documents the
 * seed wrote (without an audit event, as no one uploaded them).
 */
export function findInconsistencies(
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
export function random(seed: number) {
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
export function textFile(size: number, rand: () => number): Buffer {
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
export function pngFile(size: number): Buffer {
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

export const sha256Of = (content: Buffer) => createHash('sha256').update(content).digest('hex')

export type Upload = {
  kind: 'new document' | 'new version'
  fileName: 'verslag.txt' | 'foto.png'
  /** For a new version: the document it is for. */
  documentId?: string
  content: Buffer
  sha256: string
}

export type Outcome = 'acknowledged' | 'cut off' | `refused ${number}`

export function send(
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

export function listFiles(dataDir: string): { stored: number; temp: number } {
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
export async function waitForJobs(dataDir: string, timeoutMs: number): Promise<void> {
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
export function documentIds(dataDir: string): Set<string> {
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
