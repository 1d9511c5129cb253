/**
 * Documents with real stored files, written straight into a data folder (for the backup tests and the
 * backup bench): many of them quickly, in the column format Prisma writes (as tests/bench/generate.ts
 * does), each version's file at its content address. The data folder's server must not be running.
 */
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

const stored = (date: Date) => date.toISOString().replace('Z', '+00:00')

/** Writes `content` at its content address in the data folder; its sha256. */
export function storeFile(dataDir: string, content: Buffer): string {
  const sha256 = createHash('sha256').update(content).digest('hex')
  const file = path.join(dataDir, 'files', sha256.slice(0, 2), sha256)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, content, { mode: 0o600 })
  return sha256
}

/** Random bytes of a size between the two bounds. */
function content(minBytes: number, maxBytes: number): Buffer {
  return randomBytes(minBytes + Math.floor(Math.random() * (maxBytes - minBytes + 1)))
}

/**
 * Adds `count` documents of one version each, with a new file of `minBytes`–`maxBytes` random bytes,
 * in the data folder's first network (an organisation and a network are made in an empty database).
 * Returns the new documents' ids and files.
 */
export function addStoredDocuments(
  dataDir: string,
  count: number,
  size: { minBytes: number; maxBytes: number } = { minBytes: 100, maxBytes: 4000 },
): { documentId: string; sha256: string }[] {
  const db = new Database(path.join(dataDir, 'zwin.sqlite'))
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    const now = stored(new Date())
    let network = db.prepare('SELECT id FROM Network ORDER BY id LIMIT 1').pluck().get() as
      string | undefined
    let organisation = db
      .prepare('SELECT id FROM Organisation ORDER BY id LIMIT 1')
      .pluck()
      .get() as string | undefined
    if (!organisation) {
      organisation = 'backuptestorg'
      db.prepare(
        "INSERT INTO Organisation (id, slug, name, kind, country, defaultLocale, createdAt, updatedAt) VALUES (?, 'backup-test', 'Backup test', 'municipality', 'NL', 'nl-NL', ?, ?)",
      ).run(organisation, now, now)
    }
    if (!network) {
      network = 'backuptestnet'
      db.prepare(
        "INSERT INTO Network (id, slug, name, shortName, level, createdAt, updatedAt) VALUES (?, 'backup-test', 'Backup test', 'BT', 'regional', ?, ?)",
      ).run(network, now, now)
    }
    const lastRow = db
      .prepare('SELECT coalesce(max(searchRowId), 0) FROM Document')
      .pluck()
      .get() as number
    const insert = {
      document: db.prepare(
        "INSERT INTO Document (id, networkId, title, type, language, audience, ownerOrganisationId, searchRowId, createdAt, updatedAt) VALUES (?, ?, ?, 'overig', 'nl', 'network', ?, ?, ?, ?)",
      ),
      version: db.prepare(
        "INSERT INTO DocumentVersion (id, documentId, number, sha256, size, mediaType, originalName, organisationId, textStatus, createdAt) VALUES (?, ?, 1, ?, ?, 'application/octet-stream', 'bestand.bin', ?, 'done', ?)",
      ),
      // The extraction job the upload's transaction queues, already done (the tests' checker asks for it).
      job: db.prepare(
        "INSERT INTO Job (id, kind, payload, status, attempts, runAfter, createdAt, updatedAt) VALUES (?, 'extract_text', ?, 'done', 1, ?, ?, ?)",
      ),
      search: db.prepare(
        "INSERT INTO \"DocumentSearch\" (rowid, title, description, tags, body) VALUES (?, ?, '', '', '')",
      ),
    }
    const added: { documentId: string; sha256: string }[] = []
    const prefix = randomBytes(4).toString('hex')
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const documentId = `bk${prefix}${i.toString(36).padStart(5, '0')}`
        const bytes = content(size.minBytes, size.maxBytes)
        const sha256 = storeFile(dataDir, bytes)
        const title = `Backup test ${documentId}`
        insert.document.run(documentId, network, title, organisation, lastRow + i + 1, now, now)
        insert.version.run(`${documentId}v1`, documentId, sha256, bytes.length, organisation, now)
        insert.search.run(lastRow + i + 1, title)
        insert.job.run(
          `${documentId}j`,
          JSON.stringify({ versionId: `${documentId}v1` }),
          now,
          now,
          now,
        )
        added.push({ documentId, sha256 })
      }
    })()
    return added
  } finally {
    db.close()
  }
}

/**
 * Gives every version whose file is not stored a file of its own (`minBytes`–`maxBytes` random
 * bytes), and the version that file's sha256 and size: the documents bench data
 * (tests/bench/documents-generate.ts) has versions that point at no file. Returns the files written.
 */
export function attachMissingFiles(
  dataDir: string,
  size: { minBytes: number; maxBytes: number },
): { files: number; bytes: number } {
  const db = new Database(path.join(dataDir, 'zwin.sqlite'))
  try {
    db.pragma('journal_mode = WAL')
    const versions = db.prepare('SELECT id, sha256 FROM DocumentVersion').all() as {
      id: string
      sha256: string
    }[]
    const update = db.prepare('UPDATE DocumentVersion SET sha256 = ?, size = ? WHERE id = ?')
    const result = { files: 0, bytes: 0 }
    db.transaction(() => {
      for (const v of versions) {
        if (fs.existsSync(path.join(dataDir, 'files', v.sha256.slice(0, 2), v.sha256))) continue
        const bytes = content(size.minBytes, size.maxBytes)
        update.run(storeFile(dataDir, bytes), bytes.length, v.id)
        result.files++
        result.bytes += bytes.length
      }
    })()
    db.pragma('wal_checkpoint(TRUNCATE)')
    return result
  } finally {
    db.close()
  }
}
