import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { seed } from '../../prisma/seed'
import { pdfWithText } from '../fixtures/documents'
import {
  callAction,
  callLoader,
  callResource,
  callWithRequest,
  sessionCookies,
  userFor,
} from '../setup/route-calls'
import { otherInstanceBusyWith } from '../setup/other-instance'
import { onSqlite } from '../setup/sqlite-only'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// A document's life after the upload: the access log and its summary for the managers, the bin and
// restoring from it, purging after BIN_DAYS with the files no one else uses, tidying files left by a
// crash, and the job queue that survives a restart (docs/security.md items 7 and 23).
//
// GOS (Sluis, Maldegem, Knokke-Heist, Damme, Sint-Laureins). Documents are shared by Sluis, so Sluis's
// people and the GOS coordinator manage them; Damme and Knokke-Heist are plain members.

const GOS = 'gos'
const SLUIS = 'lid.sluis@example.org'
const COORDINATOR = 'coordinator.gos@example.org' // Sluis, coordinator of GOS
const KNOKKE = 'lid.knokke-heist@example.org'
const KNOKKE_ADMIN = 'orgbeheer.knokke-heist@example.org' // a second person of Knokke-Heist
const DAMME = 'lid.damme@example.org'
const DAY = 86_400_000

let t: TestDatabase
let jobs: typeof import('../../app/modules/documents/jobs.server')
let maintenance: typeof import('../../app/modules/documents/maintenance.server')
let accessLog: typeof import('../../app/modules/documents/access-log.server')
let documentAccess: typeof import('../../app/modules/access/documents.server')
let search: typeof import('../../app/modules/documents/search.server')
let routes: {
  create: typeof import('../../app/routes/documents/new')
  detail: typeof import('../../app/routes/documents/detail')
  download: typeof import('../../app/routes/documents/download')
  list: typeof import('../../app/routes/documents/list')
  bin: typeof import('../../app/routes/documents/bin')
  edit: typeof import('../../app/routes/documents/edit')
  newVersion: typeof import('../../app/routes/documents/new-version')
}
const org = { sluis: '', knokke: '', damme: '' }
const cookie = sessionCookies()

beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
  jobs = await import('../../app/modules/documents/jobs.server')
  maintenance = await import('../../app/modules/documents/maintenance.server')
  accessLog = await import('../../app/modules/documents/access-log.server')
  documentAccess = await import('../../app/modules/access/documents.server')
  search = await import('../../app/modules/documents/search.server')
  routes = {
    create: await import('../../app/routes/documents/new'),
    detail: await import('../../app/routes/documents/detail'),
    download: await import('../../app/routes/documents/download'),
    list: await import('../../app/routes/documents/list'),
    bin: await import('../../app/routes/documents/bin'),
    edit: await import('../../app/routes/documents/edit'),
    newVersion: await import('../../app/routes/documents/new-version'),
  }
  for (const [key, slug] of Object.entries({
    sluis: 'sluis',
    knokke: 'knokke-heist',
    damme: 'damme',
  })) {
    org[key as keyof typeof org] = (
      await t.db.organisation.findUniqueOrThrow({ where: { slug } })
    ).id
  }
  await jobs.runJobsUntilIdle() // the seeded documents' text
})
afterAll(async () => {
  await jobs.stopJobWorker()
  await t.cleanup()
})

const userOf = async (email: string) => userFor(await cookie(email))

/** Shares a PDF in GOS through the upload form, as Sluis; returns the document id. */
async function share(
  title: string,
  bytes: Uint8Array,
  options: { audience?: string[] } = {},
): Promise<string> {
  const form = new FormData()
  const fields = {
    title,
    description: '',
    type: 'overig',
    language: 'nl',
    tags: '',
    audience: options.audience ? 'selected' : 'network',
  }
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  for (const id of options.audience ?? []) form.append('organisationIds', id)
  form.append('file', new File([new Uint8Array(bytes)], `${title}.pdf`))
  const url = `/netwerken/${GOS}/documenten/nieuw`
  const out = await callWithRequest(
    routes.create.action,
    new Request(`http://localhost${url}`, {
      method: 'POST',
      body: form,
      headers: { Cookie: await cookie(SLUIS) },
    }),
    { network: GOS },
  )
  const id = out.location?.split('/').pop()
  if (out.status !== 302 || !id) {
    throw new Error(`Upload refused: ${JSON.stringify(out.data)}`)
  }
  return id
}

const params = (id: string) => ({ network: GOS, document: id })
const detailPath = (id: string) => `/netwerken/${GOS}/documenten/${id}`

const detail = async (id: string, email: string) =>
  callLoader(routes.detail.loader, detailPath(id), {
    cookie: await cookie(email),
    params: params(id),
  })

async function latestVersion(id: string) {
  return t.db.documentVersion.findFirstOrThrow({
    where: { documentId: id },
    orderBy: { number: 'desc' },
  })
}

const download = async (id: string, versionId: string, email: string, query = '') =>
  callResource(routes.download.loader, `${detailPath(id)}/versies/${versionId}/download${query}`, {
    cookie: await cookie(email),
    params: { ...params(id), version: versionId },
  })

const storedPath = (sha256: string) => path.join(t.dataDir, 'files', sha256.slice(0, 2), sha256)
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** Makes a stored file look as old as the scenario says (a purge spares files younger than an hour). */
function age(file: string, days: number) {
  const then = new Date(Date.now() - days * DAY)
  fs.utimesSync(file, then, then)
}

describe('the access log', () => {
  let id = ''

  beforeAll(async () => {
    id = await share('Jaarplan kustwacht', await pdfWithText(['Jaarplan kustwacht']))
  })

  it('records a view of the document page and a download with its version', async () => {
    const version = await latestVersion(id)
    expect((await detail(id, DAMME)).status).toBe(200)
    expect((await download(id, version.id, KNOKKE)).status).toBe(200)
    const rows = await t.db.documentAccess.findMany({
      where: { documentId: id },
      orderBy: { createdAt: 'asc' },
      select: { kind: true, versionId: true, organisationId: true },
    })
    expect(rows).toEqual([
      { kind: 'view', versionId: version.id, organisationId: org.damme },
      { kind: 'download', versionId: version.id, organisationId: org.knokke },
    ])
  })

  it('records nothing for a refused request', async () => {
    const restricted = await share('Intern memo', await pdfWithText(['Intern memo']), {
      audience: [org.sluis],
    })
    const version = await latestVersion(restricted)
    expect((await detail(restricted, DAMME)).status).toBe(404)
    expect((await download(restricted, version.id, DAMME)).status).toBe(404)
    expect(await t.db.documentAccess.count({ where: { documentId: restricted } })).toBe(0)
  })

  it('counts organisations, not people, out of the partners who may see it', async () => {
    await detail(id, DAMME)
    await detail(id, KNOKKE_ADMIN)
    const manager = await documentAccess.requireDocumentManager(await userOf(SLUIS), GOS, id)
    const summary = (await accessLog.openedByOrganisations(manager))!
    // Damme twice, Knokke-Heist by two people: two organisations of the four partners (Sluis, which
    // shares it, is not counted).
    expect({ opened: summary.opened, total: summary.total }).toEqual({ opened: 2, total: 4 })
    expect(summary.organisations.map((o) => o.id)).not.toContain(org.sluis)
    expect(
      summary.organisations
        .filter((o) => o.firstOpenedAt)
        .map((o) => o.id)
        .sort(),
    ).toEqual([org.damme, org.knokke].sort())
    // A visit of the sharing organisation's own coordinator changes nothing.
    const page = await detail(id, COORDINATOR)
    const data = page.data as { canManage: boolean; opened: { opened: number; total: number } }
    expect(data.canManage).toBe(true)
    expect(data.opened).toMatchObject({ opened: 2, total: 4 })
  })

  it('counts out of the chosen audience for a restricted document', async () => {
    const restricted = await share('Notitie voor Knokke-Heist', await pdfWithText(['Notitie']), {
      audience: [org.knokke],
    })
    await detail(restricted, KNOKKE)
    const page = await detail(restricted, SLUIS)
    expect((page.data as { opened: unknown }).opened).toMatchObject({ opened: 1, total: 1 })
  })

  it('is shown to the managers only', async () => {
    const page = await detail(id, DAMME)
    expect(page.data).toMatchObject({ canManage: false, opened: null })
    expect(JSON.stringify(page.data)).not.toContain(org.knokke)
  })

  it('never puts a hash or a storage path in loader data', async () => {
    const version = await latestVersion(id)
    const pages = [
      await detail(id, DAMME),
      await detail(id, SLUIS),
      await callLoader(routes.list.loader, `/netwerken/${GOS}/documenten`, {
        cookie: await cookie(DAMME),
        params: { network: GOS },
      }),
      await callLoader(routes.edit.loader, `${detailPath(id)}/bewerken`, {
        cookie: await cookie(SLUIS),
        params: params(id),
      }),
      await callLoader(routes.bin.loader, `/netwerken/${GOS}/prullenbak`, {
        cookie: await cookie(SLUIS),
        params: { network: GOS },
      }),
    ]
    for (const [i, page] of pages.entries()) {
      expect(page.status).toBe(200)
      const json = JSON.stringify(page.data)
      // The document itself is on every page but the (empty) bin.
      if (i < 4) expect(json).toContain(id)
      expect(json).not.toContain(version.sha256)
      expect(json).not.toContain(version.sha256.slice(0, 16))
      expect(json).not.toContain('/files/')
      expect(json).not.toContain(t.dataDir)
      expect(json).not.toMatch(/"sha256"|"searchRowId"|"payload"/)
    }
  })
})

describe('the bin', () => {
  let id = ''

  beforeAll(async () => {
    id = await share('Evaluatie zomerbus', await pdfWithText(['Evaluatie zomerbusverbinding']))
    await jobs.runJobsUntilIdle()
  })

  const bin = async (email: string, fields: Record<string, string>) =>
    callAction(routes.detail.action, detailPath(id), fields, {
      cookie: await cookie(email),
      params: params(id),
    })

  const restore = async (email: string, documentId = id) =>
    callAction(
      routes.bin.action,
      `/netwerken/${GOS}/prullenbak`,
      { intent: 'restore', id: documentId },
      { cookie: await cookie(email), params: { network: GOS } },
    )

  const listed = async (email: string) => {
    const list = await callLoader(routes.list.loader, `/netwerken/${GOS}/documenten`, {
      cookie: await cookie(email),
      params: { network: GOS },
    })
    return (list.data as { documents: { id: string }[] }).documents.map((d) => d.id)
  }

  const binned = async (email: string) => {
    const page = await callLoader(routes.bin.loader, `/netwerken/${GOS}/prullenbak`, {
      cookie: await cookie(email),
      params: { network: GOS },
    })
    return (page.data as { documents: { id: string }[] }).documents.map((d) => d.id)
  }

  const found = async (email: string) =>
    (await search.searchDocuments(await userOf(email), 'zomerbusverbinding', { page: 1 })).hits.map(
      (h) => h.id,
    )

  it('is out of reach of a plain member', async () => {
    const out = await bin(DAMME, { intent: 'bin', confirmed: 'yes' })
    expect(out.status).toBe(404)
    expect((await t.db.document.findUniqueOrThrow({ where: { id } })).deletedAt).toBeNull()
  })

  it('asks for confirmation first', async () => {
    const out = await bin(SLUIS, { intent: 'bin' })
    expect(out.status).toBe(200)
    expect(out.data).toEqual({ confirm: { intent: 'bin', id } })
    expect((await t.db.document.findUniqueOrThrow({ where: { id } })).deletedAt).toBeNull()
  })

  it('hides a binned document everywhere: list, page, download and search', async () => {
    const version = await latestVersion(id)
    expect(await listed(DAMME)).toContain(id)
    expect(await found(DAMME)).toEqual([id])

    const out = await bin(SLUIS, { intent: 'bin', confirmed: 'yes' })
    expect(out.status).toBe(302)
    expect(out.location).toBe(`/netwerken/${GOS}/documenten`)

    for (const email of [DAMME, SLUIS, COORDINATOR]) {
      expect(await listed(email)).not.toContain(id)
      expect((await detail(id, email)).status).toBe(404)
      expect((await download(id, version.id, email)).status).toBe(404)
      expect(await found(email)).toEqual([])
    }
    // The file stays until the purge.
    expect(fs.existsSync(storedPath(version.sha256))).toBe(true)
  })

  it('shows it in the bin to those who may restore it, and to no one else', async () => {
    expect(await binned(SLUIS)).toContain(id)
    expect(await binned(COORDINATOR)).toContain(id)
    expect(await binned(DAMME)).not.toContain(id)
  })

  it('lets a plain member not restore it (404), and a manager restore it', async () => {
    expect((await restore(DAMME)).status).toBe(404)
    expect((await restore(KNOKKE)).status).toBe(404)
    expect((await t.db.document.findUniqueOrThrow({ where: { id } })).deletedAt).not.toBeNull()

    const bad = await callAction(
      routes.bin.action,
      `/netwerken/${GOS}/prullenbak`,
      { intent: 'purge', id },
      { cookie: await cookie(SLUIS), params: { network: GOS } },
    )
    expect(bad.status).toBe(400)

    const out = await restore(COORDINATOR)
    expect(out.status).toBe(302)
    expect(out.location).toBe(detailPath(id))
    expect(await listed(DAMME)).toContain(id)
    expect((await detail(id, DAMME)).status).toBe(200)
    expect(await found(DAMME)).toEqual([id])
    // Restoring what is not in the bin: 404.
    expect((await restore(SLUIS)).status).toBe(404)
  })
})

describe('purging the bin', () => {
  it('removes documents binned more than 30 days ago, their index rows and their unshared files', async () => {
    const sharedBytes = await pdfWithText(['Gedeelde inhoud voor de opschoning'])
    const ownBytes = await pdfWithText(['Eigen inhoud: verwijderwoordpurge'])
    const expired = await share('Oude versie kustvisie', sharedBytes)
    const keeper = await share('Kustvisie (blijft)', sharedBytes)
    const expiredOwn = await share('Oude notitie', ownBytes)
    const recent = await share('Pas weggegooid', await pdfWithText(['Pas weggegooid']))
    await jobs.runJobsUntilIdle()
    await detail(expiredOwn, DAMME) // an access log row, which goes with the document

    const now = Date.now()
    await t.db.document.updateMany({
      where: { id: { in: [expired, expiredOwn] } },
      data: { deletedAt: new Date(now - 31 * DAY) },
    })
    await t.db.document.update({
      where: { id: recent },
      data: { deletedAt: new Date(now - 29 * DAY) },
    })
    const rowIds = await t.db.document.findMany({
      where: { id: { in: [expired, expiredOwn] } },
      select: { searchRowId: true },
    })
    // Uploaded long ago, in this story.
    age(storedPath(sha256(sharedBytes)), 31)
    age(storedPath(sha256(ownBytes)), 31)

    expect(await maintenance.purgeBin()).toBe(2)
    await maintenance.tidyUp() // then the files no version refers to any more

    expect(await t.db.document.count({ where: { id: { in: [expired, expiredOwn] } } })).toBe(0)
    expect(
      await t.db.documentVersion.count({ where: { documentId: { in: [expired, expiredOwn] } } }),
    ).toBe(0)
    expect(await t.db.documentAccess.count({ where: { documentId: expiredOwn } })).toBe(0)
    for (const { searchRowId } of rowIds) {
      const rows = await t.db.$queryRaw<unknown[]>`
        SELECT rowid FROM "DocumentSearch" WHERE rowid = ${searchRowId}`
      expect(rows).toEqual([])
    }
    const inIndex =
      t.provider === 'postgresql'
        ? await t.db.$queryRaw<unknown[]>`
            SELECT rowid FROM "DocumentSearch"
            WHERE "vector" @@ to_tsquery('zwin_nl', 'verwijderwoordpurge')`
        : await t.db.$queryRaw<unknown[]>`
            SELECT rowid FROM "DocumentSearch" WHERE "DocumentSearch" MATCH 'verwijderwoordpurge'`
    expect(inIndex).toEqual([])
    expect(fs.existsSync(storedPath(sha256(ownBytes)))).toBe(false)
    // Still used by the document that stays.
    expect(fs.existsSync(storedPath(sha256(sharedBytes)))).toBe(true)
    expect((await download(keeper, (await latestVersion(keeper)).id, DAMME)).bytes).toEqual(
      sharedBytes,
    )
    // 29 days in the bin: it stays.
    expect(await t.db.document.count({ where: { id: recent } })).toBe(1)
    expect(await maintenance.purgeBin()).toBe(0)
  })
})

describe('tidying up with several instances (PostgreSQL)', () => {
  it.runIf(!onSqlite)(
    'is left to the instance already tidying up, and done by the next run once it has finished',
    async () => {
      const bytes = await pdfWithText(['Twee keer opgeruimd'])
      const binned = await share('Twee keer opgeruimd', bytes)
      await t.db.document.update({
        where: { id: binned },
        data: { deletedAt: new Date(Date.now() - 31 * DAY) },
      })
      age(storedPath(sha256(bytes)), 31)
      const other = await otherInstanceBusyWith(process.env.DATABASE_URL!, 'tidyUp')
      try {
        await maintenance.tidyUp()
        expect(await t.db.document.count({ where: { id: binned } })).toBe(1)
        expect(fs.existsSync(storedPath(sha256(bytes)))).toBe(true)
      } finally {
        await other.release()
      }
      await maintenance.tidyUp()
      expect(await t.db.document.count({ where: { id: binned } })).toBe(0)
      expect(fs.existsSync(storedPath(sha256(bytes)))).toBe(false)
    },
  )
})

describe('tidying the files', () => {
  it('removes unreferenced and temp files at start, and never a referenced one', async () => {
    const filesDir = path.join(t.dataDir, 'files')
    const orphan = 'ab'.repeat(32)
    fs.mkdirSync(path.join(filesDir, 'ab'), { recursive: true })
    fs.writeFileSync(path.join(filesDir, 'ab', orphan), 'left by a crash before the commit')
    fs.mkdirSync(path.join(filesDir, 'tmp'), { recursive: true })
    fs.writeFileSync(path.join(filesDir, 'tmp', 'cut-off-upload.part'), 'half an upload')
    const stray = path.join(filesDir, 'ab', 'LEESMIJ.txt')
    fs.writeFileSync(stray, 'not a stored file: not ours to remove')

    // A later run spares files younger than an hour: an upload may be about to commit its row. Temp
    // files too (an upload on its way, on this instance or another); an old one was cut off.
    const cutOffLongAgo = path.join(filesDir, 'tmp', 'cut-off-yesterday.part')
    fs.writeFileSync(cutOffLongAgo, 'half an upload of yesterday')
    age(cutOffLongAgo, 1)
    expect(await maintenance.removeUnreferencedFiles({ everything: false })).toBe(0)
    expect(fs.existsSync(path.join(filesDir, 'ab', orphan))).toBe(true)
    expect(fs.readdirSync(path.join(filesDir, 'tmp'))).toEqual(['cut-off-upload.part'])

    expect(await maintenance.removeUnreferencedFiles({ everything: true })).toBe(1)
    expect(fs.existsSync(path.join(filesDir, 'ab', orphan))).toBe(false)
    expect(fs.readdirSync(path.join(filesDir, 'tmp'))).toEqual([])
    expect(fs.existsSync(stray)).toBe(true)
    const versions = await t.db.documentVersion.findMany({ select: { sha256: true } })
    expect(versions.length).toBeGreaterThan(0)
    for (const v of versions) expect(fs.existsSync(storedPath(v.sha256)), v.sha256).toBe(true)
  })

  it('removes at start the file of an upload killed between storing it and committing its row, hold and all', async () => {
    // What kill -9 leaves when it lands between the move into place and the row's commit: the file and
    // the hold that was to protect it from other instances. At a single server's start no upload is
    // under way, so the hold protects nothing.
    const cutOff = 'ef'.repeat(32)
    fs.mkdirSync(path.dirname(storedPath(cutOff)), { recursive: true })
    fs.writeFileSync(storedPath(cutOff), 'stored a moment before the kill')
    await t.db.fileHold.create({ data: { sha256: cutOff } })

    expect(await maintenance.removeUnreferencedFiles({ everything: true })).toBe(1)
    expect(fs.existsSync(storedPath(cutOff))).toBe(false)
    expect(await t.db.fileHold.count()).toBe(0)
  })

  it('settles files whose removal was cut off after the move aside: back if a row uses them, else away', async () => {
    const filesDir = path.join(t.dataDir, 'files')
    const used = await pdfWithText(['Nog in gebruik na een afgebroken opruiming'])
    const id = await share('Nog in gebruik', used)
    const unused = 'cd'.repeat(32)
    // Moved aside by a removal that was killed before it decided; the server starts again.
    const asideUsed = path.join(filesDir, 'tmp', `${sha256(used)}.${'1'.repeat(16)}.removing`)
    const asideUnused = path.join(filesDir, 'tmp', `${unused}.${'2'.repeat(16)}.removing`)
    fs.renameSync(storedPath(sha256(used)), asideUsed)
    fs.writeFileSync(asideUnused, 'no row refers to this content')
    await maintenance.removeUnreferencedFiles({ everything: true })
    expect(
      fs.readdirSync(path.join(filesDir, 'tmp')).filter((n) => n.endsWith('.removing')),
    ).toEqual([])
    expect(fs.existsSync(path.join(filesDir, 'cd', unused))).toBe(false)
    expect((await download(id, (await latestVersion(id)).id, DAMME)).bytes).toEqual(used)
  })
})

describe('the job queue', () => {
  async function waitFor(check: () => Promise<boolean>, ms = 15_000) {
    const until = Date.now() + ms
    while (Date.now() < until) {
      if (await check()) return
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    throw new Error('Timed out waiting')
  }

  // These two run without the worker; the worker starts only in the tests after them.
  it('retries a failing job later, and marks it failed after the last attempt', async () => {
    await jobs.runJobsUntilIdle()
    const job = await t.db.job.create({
      data: { kind: 'extract_text', payload: JSON.stringify({ notAVersion: true }) },
    })
    const state = () => t.db.job.findUniqueOrThrow({ where: { id: job.id } })

    expect(await jobs.runNextJob()).toBe(true)
    let now = await state()
    expect(now).toMatchObject({ status: 'queued', attempts: 1 })
    expect(now.lastError).toContain('versionId')
    expect(now.runAfter.getTime()).toBeGreaterThan(Date.now())
    // Not due yet: nothing runs.
    expect(await jobs.runNextJob()).toBe(false)

    expect(await jobs.runNextJob(new Date(Date.now() + 10 * 60_000))).toBe(true)
    expect(await state()).toMatchObject({ status: 'queued', attempts: 2 })
    expect(await jobs.runNextJob(new Date(Date.now() + 20 * 60_000))).toBe(true)
    now = await state()
    expect(now).toMatchObject({ status: 'failed', attempts: 3 })
    expect(now.lastError).toContain('versionId')
    // A failed job stays failed.
    expect(await jobs.runNextJob(new Date(Date.now() + 7 * DAY))).toBe(false)
  })

  it('finishes the job of a version purged meanwhile without an error', async () => {
    await jobs.runJobsUntilIdle()
    const job = await t.db.job.create({
      data: {
        kind: 'extract_text',
        payload: JSON.stringify({ versionId: 'clpurgedversion000000000' }),
      },
    })
    expect(await jobs.runJobsUntilIdle()).toBe(1)
    expect(await t.db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
      status: 'done',
      lastError: null,
    })
  })
  it('gives up a job cut off on its last attempt, and the version then says its text is not readable', async () => {
    await jobs.runJobsUntilIdle()
    const id = await share('Telkens gestopt', await pdfWithText(['Tekst die nooit gelezen wordt']))
    const version = await latestVersion(id)
    const job = await t.db.job.findFirstOrThrow({
      where: { kind: 'extract_text', payload: JSON.stringify({ versionId: version.id }) },
    })
    await t.db.job.update({ where: { id: job.id }, data: { status: 'running', attempts: 3 } })
    await t.db.documentVersion.update({
      where: { id: version.id },
      data: { textStatus: 'pending' },
    })

    await jobs.startJobWorker(60_000)
    await jobs.stopJobWorker()
    expect(await t.db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
      status: 'failed',
    })
    expect(
      (await t.db.documentVersion.findUniqueOrThrow({ where: { id: version.id } })).textStatus,
    ).toBe('failed')
  })

  it('runs a job cut off by a crash again after the restart', async () => {
    await jobs.runJobsUntilIdle()
    const id = await share('Na de crash', await pdfWithText(['Tekst na de herstartwoordcrash']))
    const version = await latestVersion(id)
    const job = await t.db.job.findFirstOrThrow({
      where: { kind: 'extract_text', payload: JSON.stringify({ versionId: version.id }) },
    })
    // Claimed, then the process died.
    await t.db.job.update({ where: { id: job.id }, data: { status: 'running', attempts: 1 } })
    expect(await jobs.runJobsUntilIdle()).toBe(0)

    await jobs.startJobWorker(60_000)
    try {
      await waitFor(
        async () => (await t.db.job.findUniqueOrThrow({ where: { id: job.id } })).status === 'done',
      )
    } finally {
      await jobs.stopJobWorker()
    }
    const after = await t.db.job.findUniqueOrThrow({ where: { id: job.id } })
    expect(after.attempts).toBe(2)
    expect((await latestVersion(id)).textStatus).toBe('done')
    const hits = await search.searchDocuments(await userOf(DAMME), 'herstartwoordcrash', {
      page: 1,
    })
    expect(hits.hits.map((h) => h.id)).toEqual([id])
  })

  // Several instances share one queue on PostgreSQL: each job is claimed by one of them.
  it('runs each job once when several workers take from the queue at the same time', async () => {
    await jobs.runJobsUntilIdle()
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.db.job.create({
          data: {
            kind: 'extract_text',
            payload: JSON.stringify({ versionId: `clpurgedworker${String(i).padStart(10, '0')}` }),
          },
        }),
      ),
    )
    const ran = await Promise.all([1, 2, 3, 4].map(() => jobs.runJobsUntilIdle()))
    expect(ran.reduce((a, b) => a + b, 0)).toBe(12)
    const after = await t.db.job.findMany({ where: { id: { in: created.map((j) => j.id) } } })
    expect(after.map((j) => [j.status, j.attempts])).toEqual(created.map(() => ['done', 1]))
  })

  // A running job whose lease has run out was cut off with its instance; one still under its lease may
  // be another instance's. With one process (SQLite), every running job at start was cut off.
  it('queues again the running jobs whose instance is gone, and leaves the others', async () => {
    await jobs.runJobsUntilIdle()
    const running = (leaseUntil: Date | null, i: number) =>
      t.db.job.create({
        data: {
          kind: 'extract_text',
          payload: JSON.stringify({ versionId: `clpurgedlease${String(i).padStart(11, '0')}` }),
          status: 'running',
          attempts: 1,
          leaseUntil,
        },
      })
    const gone = await running(new Date(Date.now() - 1000), 1)
    const live = await running(new Date(Date.now() + 10 * 60_000), 2)

    await jobs.startJobWorker(60_000)
    await jobs.stopJobWorker(10_000)
    // Whatever the start queued again runs now (the worker may have stopped before it did).
    await jobs.runJobsUntilIdle()
    const status = async (id: string) =>
      (await t.db.job.findUniqueOrThrow({ where: { id } })).status
    expect(await status(gone.id)).toBe('done')
    expect(await status(live.id)).toBe(t.provider === 'postgresql' ? 'running' : 'done')
    await t.db.job.delete({ where: { id: live.id } })
  })

  it('gives up on a job cut off on its last attempt instead of running it at every start', async () => {
    const job = await t.db.job.create({
      data: {
        kind: 'extract_text',
        payload: JSON.stringify({ versionId: 'brings-the-server-down' }),
        status: 'running',
        attempts: 3,
      },
    })
    await jobs.startJobWorker(60_000)
    await jobs.stopJobWorker()
    const after = await t.db.job.findUniqueOrThrow({ where: { id: job.id } })
    expect(after.status).toBe('failed')
    expect(after.attempts).toBe(3)
    expect(after.lastError).toBeTruthy()
  })
})

/** Uploads a new version as Sluis (the owner) through the page's action. */
async function addVersion(id: string, bytes: Uint8Array) {
  const form = new FormData()
  form.append('file', new File([new Uint8Array(bytes)], 'versie.pdf'))
  const url = `${detailPath(id)}/nieuwe-versie`
  const out = await callWithRequest(
    routes.newVersion.action,
    new Request(`http://localhost${url}`, {
      method: 'POST',
      body: form,
      headers: { Cookie: await cookie(SLUIS) },
    }),
    params(id),
  )
  expect(out.status, JSON.stringify(out.data)).toBe(302)
}

const withdraw = async (email: string, id: string, versionId: string, confirmed = true) =>
  callAction(
    routes.detail.action,
    detailPath(id),
    { intent: 'withdrawVersion', id: versionId, ...(confirmed ? { confirmed: 'yes' } : {}) },
    { cookie: await cookie(email), params: params(id) },
  )

describe('withdrawing a version', () => {
  const hits = async (word: string) =>
    (await search.searchDocuments(await userOf(DAMME), word, { page: 1 })).hits.map((h) => h.id)

  it('removes a wrong newest version and its file at once; the search index gets the previous text back', async () => {
    const first = await pdfWithText(['Eerste versie met het woord kustpadvoorstel'])
    const wrong = await pdfWithText(['Verkeerde versie met het woord persoonsgegevenslijst'])
    const id = await share('Kustpad', first)
    await addVersion(id, wrong)
    await jobs.runJobsUntilIdle()
    expect(await hits('persoonsgegevenslijst')).toEqual([id])
    const newest = await latestVersion(id)
    expect(newest.number).toBe(2)

    // First the question, nothing removed yet.
    const asked = await withdraw(SLUIS, id, newest.id, false)
    expect(asked.data).toMatchObject({ confirm: { intent: 'withdrawVersion', number: 2 } })
    expect(await t.db.documentVersion.count({ where: { documentId: id } })).toBe(2)

    const done = await withdraw(SLUIS, id, newest.id)
    expect(done.status).toBe(302)
    expect(await t.db.documentVersion.count({ where: { documentId: id } })).toBe(1)
    expect(fs.existsSync(storedPath(sha256(wrong)))).toBe(false)
    expect((await download(id, newest.id, SLUIS)).status).toBe(404)
    const audit = await t.db.auditEvent.findFirstOrThrow({
      where: { action: 'document.version_withdrawn', objectId: id },
    })
    expect(JSON.parse(audit.details ?? '{}')).toMatchObject({ number: 2 })

    await jobs.runJobsUntilIdle()
    expect(await hits('persoonsgegevenslijst')).toEqual([])
    expect(await hits('kustpadvoorstel')).toEqual([id])
  })

  it('keeps a file that another document uses, refuses the last version, and is for managers only', async () => {
    const shared = await pdfWithText(['Gedeelde bijlage voor twee documenten'])
    const other = await share('Ander stuk met dezelfde bijlage', shared)
    const id = await share('Stuk met twee versies', await pdfWithText(['Eerste, eigen inhoud']))
    await addVersion(id, shared)
    const second = await latestVersion(id)

    expect((await withdraw(DAMME, id, second.id)).status).toBe(404)
    expect(await t.db.documentVersion.count({ where: { documentId: id } })).toBe(2)

    expect((await withdraw(SLUIS, id, second.id)).status).toBe(302)
    expect(fs.existsSync(storedPath(sha256(shared)))).toBe(true)
    expect((await download(other, (await latestVersion(other)).id, DAMME)).status).toBe(200)

    const only = await latestVersion(id)
    const refused = await withdraw(SLUIS, id, only.id)
    expect(refused.status).toBe(400)
    expect(refused.data).toEqual({ error: 'lastVersion' })
    expect(await t.db.documentVersion.count({ where: { documentId: id } })).toBe(1)

    // A version of another document, named under this one: nothing happens.
    const foreign = await latestVersion(other)
    expect((await withdraw(SLUIS, id, foreign.id)).status).toBe(400)
    expect(await t.db.documentVersion.count({ where: { id: foreign.id } })).toBe(1)
  })
})

describe('the file store shared by several instances', () => {
  // Each instance has its own in-process file lock, so another instance's tidy-up or withdrawal may look
  // at a file at the very moment this one stores the same content for a row it is about to commit.
  it.each(['tidy-up', 'withdrawal'] as const)(
    'never lets a %s on one instance remove a file another instance is storing for its next row',
    async (remover) => {
      const bytes = await pdfWithText([
        `Opnieuw gedeeld terwijl elders wordt opgeruimd (${remover})`,
      ])
      const keeper = await share(`Blijft staan (${remover})`, await pdfWithText([remover]))
      let withdrawn: { document: string; version: string } | undefined
      if (remover === 'tidy-up') {
        // Left by a document purged long ago: old, and no row refers to it.
        fs.mkdirSync(path.dirname(storedPath(sha256(bytes))), { recursive: true })
        fs.writeFileSync(storedPath(sha256(bytes)), bytes)
        age(storedPath(sha256(bytes)), 2)
      } else {
        // The only version with this content, about to be withdrawn.
        const document = await share(`Verkeerde versie (${remover})`, await pdfWithText(['Eerst']))
        await addVersion(document, bytes)
        withdrawn = { document, version: (await latestVersion(document)).id }
      }

      vi.resetModules() // the storage module of another instance, with a file lock of its own
      const otherInstance = await import('../../app/modules/documents/storage.server')
      const received = await otherInstance.receiveToTemp(Readable.from([bytes]), bytes.length)
      let commitNow = () => {}
      const mayCommit = new Promise<void>((resolve) => (commitNow = resolve))
      let stored = () => {}
      const isStored = new Promise<void>((resolve) => (stored = resolve))
      const upload = otherInstance.storeThenCommit(received, async () => {
        stored()
        await mayCommit
        return t.db.documentVersion.create({
          data: {
            documentId: keeper,
            number: 2,
            sha256: received.sha256,
            size: received.size,
            mediaType: 'application/pdf',
            originalName: 'opnieuw.pdf',
            organisationId: org.sluis,
          },
        })
      })
      await isStored
      if (withdrawn) {
        expect((await withdraw(SLUIS, withdrawn.document, withdrawn.version)).status).toBe(302)
      } else {
        // As this instance's tidy-up saw it when it listed the files, a moment before the other
        // instance touched it (the touch is what spares a file stored again within the same instance).
        age(storedPath(sha256(bytes)), 2)
        await maintenance.removeUnreferencedFiles({ everything: false })
      }
      commitNow()
      const version = await upload
      expect(fs.existsSync(storedPath(sha256(bytes)))).toBe(true)
      expect((await download(keeper, version.id, DAMME)).bytes).toEqual(bytes)
    },
  )
})
