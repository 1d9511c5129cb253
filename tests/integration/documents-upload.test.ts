import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../prisma/seed'
import { docxWithText, odtWithText, pdfWithText, tinyPng } from '../fixtures/documents'
import {
  callResource,
  callWithRequest,
  fieldErrors,
  sessionCookies,
  type Outcome,
} from '../setup/route-calls'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

// Uploading documents (docs/security.md items 16–20) through the real routes, with real multipart
// bodies, against the seeded database and its files folder. A refused upload writes nothing: no
// row, no stored file, no temp file. A small limit (1 MB) keeps the oversized bodies cheap; the
// configuration is read once per process, so it is set before anything reads it.
process.env.UPLOAD_MAX_MB = '1'
const MB = 1024 * 1024

const GOS = 'gos'
const SLUIS = 'lid.sluis@example.org'
const KNOKKE = 'lid.knokke-heist@example.org'
const DAMME = 'lid.damme@example.org'

let t: TestDatabase
let routes: {
  create: typeof import('../../app/routes/documents/new')
  createJson: typeof import('../../app/routes/documents/new-json')
  version: typeof import('../../app/routes/documents/new-version')
  versionJson: typeof import('../../app/routes/documents/new-version-json')
  download: typeof import('../../app/routes/documents/download')
}
const org = { sluis: '', knokke: '', damme: '', terneuzen: '' }
const cookie = sessionCookies()
let otherNetworkProject = ''
let gosProject = ''

beforeAll(async () => {
  t = await createTestDatabase()
  await seed(t.db)
  routes = {
    create: await import('../../app/routes/documents/new'),
    createJson: await import('../../app/routes/documents/new-json'),
    version: await import('../../app/routes/documents/new-version'),
    versionJson: await import('../../app/routes/documents/new-version-json'),
    download: await import('../../app/routes/documents/download'),
  }
  const slugs = { sluis: 'sluis', knokke: 'knokke-heist', damme: 'damme', terneuzen: 'terneuzen' }
  for (const [key, slug] of Object.entries(slugs)) {
    org[key as keyof typeof org] = (
      await t.db.organisation.findUniqueOrThrow({ where: { slug } })
    ).id
  }
  otherNetworkProject = (
    await t.db.project.findFirstOrThrow({ where: { network: { slug: 'zeeuws-vlaanderen' } } })
  ).id
  gosProject = (await t.db.project.findFirstOrThrow({ where: { network: { slug: GOS } } })).id
})
afterAll(() => t.cleanup())

// ---- requests ----

type Fields = Record<string, string | string[]>

function detailsFields(overrides: Fields = {}): Fields {
  return {
    title: 'Verslag grensoverleg',
    description: 'Het verslag van het overleg in Damme.',
    type: 'verslag',
    language: 'nl',
    tags: 'grens, verslag',
    audience: 'network',
    ...overrides,
  }
}

type FilePart = { name: string; bytes: Uint8Array | string; type?: string }

/** A multipart body as a browser's FormData sends it. */
function formRequest(
  url: string,
  fields: Fields,
  file: FilePart | null,
  headers: Record<string, string>,
): Request {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) form.append(k, one)
  if (file) {
    const bytes = typeof file.bytes === 'string' ? new TextEncoder().encode(file.bytes) : file.bytes
    form.append(
      'file',
      new File([new Uint8Array(bytes)], file.name, {
        type: file.type ?? 'application/octet-stream',
      }),
    )
  }
  return new Request(`http://localhost${url}`, {
    method: 'POST',
    body: form,
    headers: { Origin: 'http://localhost:3000', ...headers },
  })
}

const BOUNDARY = '----zwin-test-boundary-7MA4YWxkTrZu0gW'

/**
 * A multipart body written by hand: the file's name goes as RFC 5987 `filename*`, so quotes, emoji and
 * control characters reach the server exactly as given (FormData would percent-encode some of them).
 */
function rawMultipart(fields: Fields, file: FilePart, fileFirst = false): Uint8Array {
  const textParts: Buffer[] = []
  for (const [k, v] of Object.entries(fields))
    for (const one of [v].flat())
      textParts.push(
        Buffer.from(
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${one}\r\n`,
        ),
      )
  const filePart = [
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''${encodeURIComponent(file.name)}\r\n` +
        `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    Buffer.from(file.bytes),
    Buffer.from('\r\n'),
  ]
  const parts = fileFirst ? [...filePart, ...textParts] : [...textParts, ...filePart]
  return new Uint8Array(Buffer.concat([...parts, Buffer.from(`--${BOUNDARY}--\r\n`)]))
}

function rawRequest(
  url: string,
  body: Uint8Array | ReadableStream,
  headers: Record<string, string>,
) {
  return new Request(`http://localhost${url}`, {
    method: 'POST',
    body,
    duplex: 'half',
    headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`, ...headers },
  } as RequestInit)
}

const newPath = `/netwerken/${GOS}/documenten/nieuw`

async function upload(
  file: FilePart | null,
  fields: Fields = detailsFields(),
  options: { email?: string; json?: boolean } = {},
): Promise<Outcome> {
  const c = await cookie(options.email ?? SLUIS)
  const url = options.json ? `${newPath}.json` : newPath
  return callWithRequest(
    options.json ? routes.createJson.action : routes.create.action,
    formRequest(url, fields, file, { Cookie: c }),
    { network: GOS },
  )
}

async function uploadRaw(fields: Fields, file: FilePart, email = SLUIS): Promise<Outcome> {
  const body = rawMultipart(fields, file)
  return callWithRequest(
    routes.create.action,
    rawRequest(newPath, body, {
      Cookie: await cookie(email),
      'Content-Length': String(body.length),
    }),
    { network: GOS },
  )
}

/** The id at the end of the redirect after a successful upload. */
function createdId(out: Outcome): string {
  expect(out.status, JSON.stringify(out.data)).toBe(302)
  const id = out.location?.match(/^\/netwerken\/gos\/documenten\/([a-z0-9]+)$/)?.[1]
  if (!id) throw new Error(`No document id in ${out.location}`)
  return id
}

// ---- what is written ----

const filesDir = () => path.join(t.dataDir, 'files')

/** Every file under the data folder except the database, relative to it. */
function filesOnDisk(): string[] {
  const found: string[] = []
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else found.push(path.relative(t.dataDir, full))
    }
  }
  walk(t.dataDir)
  return found.filter((f) => !f.startsWith('zwin.sqlite')).sort()
}

const tempFiles = () => fs.readdirSync(path.join(filesDir(), 'tmp'))

async function rowCounts() {
  const [search] = await t.db.$queryRaw<{ n: bigint | number }[]>`
    SELECT count(*) AS n FROM "DocumentSearch"`
  return {
    documents: await t.db.document.count(),
    versions: await t.db.documentVersion.count(),
    audiences: await t.db.documentAudience.count(),
    jobs: await t.db.job.count(),
    search: Number(search?.n),
    audit: await t.db.auditEvent.count({ where: { action: { startsWith: 'document.' } } }),
  }
}

/** Asserts that `run` leaves the database and the files folder exactly as they were. */
async function writesNothing(run: () => Promise<Outcome>): Promise<Outcome> {
  const rows = await rowCounts()
  const files = filesOnDisk()
  const out = await run()
  expect(await rowCounts()).toEqual(rows)
  expect(filesOnDisk()).toEqual(files)
  expect(tempFiles()).toEqual([])
  return out
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const MINIMAL_PDF = '%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'
const html = '<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>'

describe('refused uploads write nothing', () => {
  it('refuses a web page renamed .pdf (415)', async () => {
    for (const json of [false, true]) {
      const out = await writesNothing(() =>
        upload({ name: 'begroting.pdf', bytes: html }, undefined, { json }),
      )
      expect(out.status).toBe(415)
      const result = json ? (out.data as { result: unknown }).result : out.data
      expect(fieldErrors(result)).toEqual({ file: ['uploadContentMismatch'] })
    }
  })

  it.each([
    ['setup.exe', new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00])],
    ['logo.svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
    ['pagina.html', html],
    ['pagina.htm', html],
    ['geen-extensie', 'platte tekst'],
  ])('refuses a file named %s (415)', async (name, bytes) => {
    const out = await writesNothing(() => upload({ name, bytes }))
    expect(out.status).toBe(415)
    expect(fieldErrors(out.data)).toEqual({ file: ['uploadTypeNotAccepted'] })
  })

  it.each([
    ['notities.txt', html],
    ['notities.txt', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
    ['notities.md', '\uFEFF  <script>alert(1)</script>'],
    ['tabel.csv', new Uint8Array([0x61, 0x00, 0x62])],
    ['foto.png', MINIMAL_PDF],
    ['verslag.docx', odtWithText(['Een ODT met een DOCX-naam'])],
    ['verslag.pdf', tinyPng],
  ])('refuses %s whose content is something else (415)', async (name, bytes) => {
    const out = await writesNothing(() => upload({ name, bytes }))
    expect(out.status).toBe(415)
    expect(fieldErrors(out.data)).toEqual({ file: ['uploadContentMismatch'] })
  })

  it('refuses an empty file (400)', async () => {
    const out = await writesNothing(() => upload({ name: 'leeg.pdf', bytes: new Uint8Array(0) }))
    expect(out.status).toBe(400)
    expect(fieldErrors(out.data)).toEqual({ file: ['uploadEmpty'] })
  })

  it('asks for a file when none was chosen (400), with or without the empty part', async () => {
    const none = await writesNothing(() => upload(null))
    expect(none.status).toBe(400)
    expect(fieldErrors(none.data)).toEqual({ file: ['fileRequired'] })
    // A browser sends an empty, nameless file part when nothing was chosen.
    const emptyPart = await writesNothing(() => upload({ name: '', bytes: new Uint8Array(0) }))
    expect(emptyPart.status).toBe(400)
    expect(fieldErrors(emptyPart.data)).toEqual({ file: ['fileRequired'] })
  })

  it('answers 413 to a Content-Length over the limit before reading the body', async () => {
    let pulls = 0
    // highWaterMark 0: the stream produces a chunk only when someone reads.
    const body = new ReadableStream(
      {
        pull(controller) {
          pulls++
          controller.enqueue(new Uint8Array(64 * 1024))
        },
      },
      { highWaterMark: 0 },
    )
    const out = await writesNothing(async () =>
      callWithRequest(
        routes.create.action,
        rawRequest(newPath, body, {
          Cookie: await cookie(SLUIS),
          'Content-Length': String(50 * MB),
        }),
        { network: GOS },
      ),
    )
    expect(out.status).toBe(413)
    expect(fieldErrors(out.data)).toEqual({ file: ['uploadTooLarge|1'] })
    expect(pulls).toBe(0)
  })

  it('answers 413 to a streamed file over the limit without reading it all, and keeps no temp file', async () => {
    const total = 20 * MB
    let sent = 0
    let headSent = false
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (!headSent) {
            headSent = true
            controller.enqueue(
              Buffer.from(
                `--${BOUNDARY}\r\nContent-Disposition: form-data; name="title"\r\n\r\nGroot\r\n` +
                  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="groot.pdf"\r\n` +
                  'Content-Type: application/pdf\r\n\r\n%PDF-1.7\n',
              ),
            )
          } else if (sent < total) {
            sent += 64 * 1024
            controller.enqueue(new Uint8Array(64 * 1024).fill(0x20))
          } else {
            controller.enqueue(Buffer.from(`\r\n--${BOUNDARY}--\r\n`))
            controller.close()
          }
        },
      },
      { highWaterMark: 0 },
    )
    // No Content-Length: the limit must hold while streaming.
    const out = await writesNothing(async () =>
      callWithRequest(
        routes.create.action,
        rawRequest(newPath, body, { Cookie: await cookie(SLUIS) }),
        {
          network: GOS,
        },
      ),
    )
    expect(out.status).toBe(413)
    expect(fieldErrors(out.data)).toEqual({ file: ['uploadTooLarge|1'] })
    expect(sent).toBeLessThan(4 * MB)
  })

  it('answers 400 to an upload cut off halfway, and keeps no temp file', async () => {
    let chunks = 0
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (chunks++ === 0) {
            controller.enqueue(
              Buffer.from(
                `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="half.pdf"\r\n` +
                  'Content-Type: application/pdf\r\n\r\n%PDF-1.7\n',
              ),
            )
          } else if (chunks < 5) {
            controller.enqueue(new Uint8Array(64 * 1024).fill(0x20))
          } else {
            controller.error(new Error('connection reset'))
          }
        },
      },
      { highWaterMark: 0 },
    )
    const out = await writesNothing(async () =>
      callWithRequest(
        routes.create.action,
        rawRequest(newPath, body, { Cookie: await cookie(SLUIS) }),
        {
          network: GOS,
        },
      ),
    )
    expect(out.status).toBe(400)
    expect(fieldErrors(out.data)).toEqual({ file: ['uploadMalformed'] })
  }, 5_000)

  it('answers 413 to a Content-Length that lies, once the file passes the limit', async () => {
    const body = rawMultipart(detailsFields(), {
      name: 'groot.pdf',
      bytes: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(MB + 10, 0x20)]),
    })
    const out = await writesNothing(async () =>
      callWithRequest(
        routes.create.action,
        rawRequest(newPath, body, { Cookie: await cookie(SLUIS), 'Content-Length': '1000' }),
        { network: GOS },
      ),
    )
    expect(out.status).toBe(413)
  })

  it('accepts a file of exactly the limit', async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(MB - 9, 0x20)])
    expect(bytes.length).toBe(MB)
    const id = createdId(
      await uploadRaw(detailsFields({ title: 'Precies groot genoeg' }), { name: 'vol.pdf', bytes }),
    )
    const version = await t.db.documentVersion.findFirstOrThrow({ where: { documentId: id } })
    expect(version.size).toBe(MB)
  })

  it('answers 413 to too many parts, with the file already received', async () => {
    const fields = detailsFields()
    for (let i = 0; i < 250; i++) fields[`extra${i}`] = 'x'
    const body = rawMultipart(fields, { name: 'a.pdf', bytes: await pdfWithText(['a']) }, true)
    const out = await writesNothing(async () =>
      callWithRequest(
        routes.create.action,
        rawRequest(newPath, body, { Cookie: await cookie(SLUIS) }),
        {
          network: GOS,
        },
      ),
    )
    expect(out.status).toBe(413)
    expect(fieldErrors(out.data)).toEqual({ file: ['uploadTooManyParts'] })
  })

  it('answers 413 to a second file', async () => {
    const pdf = await pdfWithText(['een'])
    const form = new FormData()
    for (const [k, v] of Object.entries(detailsFields())) form.append(k, String(v))
    form.append('file', new File([new Uint8Array(pdf)], 'een.pdf'))
    form.append('file', new File([new Uint8Array(pdf)], 'twee.pdf'))
    const out = await writesNothing(async () =>
      callWithRequest(
        routes.create.action,
        new Request(`http://localhost${newPath}`, {
          method: 'POST',
          body: form,
          headers: { Cookie: await cookie(SLUIS) },
        }),
        { network: GOS },
      ),
    )
    expect(out.status).toBe(413)
  })

  it('refuses a file sent under another field name (400)', async () => {
    const pdf = await pdfWithText(['een'])
    const form = new FormData()
    for (const [k, v] of Object.entries(detailsFields())) form.append(k, String(v))
    form.append('bijlage', new File([new Uint8Array(pdf)], 'een.pdf'))
    const out = await writesNothing(async () =>
      callWithRequest(
        routes.create.action,
        new Request(`http://localhost${newPath}`, {
          method: 'POST',
          body: form,
          headers: { Cookie: await cookie(SLUIS) },
        }),
        { network: GOS },
      ),
    )
    expect(out.status).toBe(400)
    expect(fieldErrors(out.data)).toEqual({ file: ['uploadMalformed'] })
  })

  it('refuses a body that is not multipart (400)', async () => {
    const out = await writesNothing(async () =>
      callWithRequest(
        routes.create.action,
        new Request(`http://localhost${newPath}`, {
          method: 'POST',
          body: new URLSearchParams(detailsFields() as Record<string, string>),
          headers: { Cookie: await cookie(SLUIS) },
        }),
        { network: GOS },
      ),
    )
    expect(out.status).toBe(400)
    expect(fieldErrors(out.data)).toEqual({ file: ['uploadMalformed'] })
  })

  it('refuses a field longer than the limit (400)', async () => {
    const out = await writesNothing(async () =>
      upload(
        { name: 'a.pdf', bytes: await pdfWithText(['a']) },
        detailsFields({ description: 'x'.repeat(20_000) }),
      ),
    )
    expect(out.status).toBe(400)
    expect(fieldErrors(out.data)).toEqual({ file: ['uploadFieldTooLong'] })
  })

  it('refuses an unknown extra field (400 unexpectedField)', async () => {
    const out = await writesNothing(async () =>
      upload(
        { name: 'a.pdf', bytes: await pdfWithText(['a']) },
        detailsFields({ ownerOrganisationId: org.knokke }),
      ),
    )
    expect(out.status).toBe(400)
    expect(Object.values(fieldErrors(out.data)).flat()).toContain('unexpectedField')
  })

  it('refuses bad details with a message per field', async () => {
    const out = await writesNothing(async () =>
      upload(
        { name: 'a.pdf', bytes: await pdfWithText(['a']) },
        detailsFields({ title: '', type: 'geheim', audience: 'iedereen', language: 'xx' }),
      ),
    )
    expect(out.status).toBe(400)
    expect(fieldErrors(out.data)).toEqual({
      title: ['required'],
      type: ['choose'],
      audience: ['choose'],
      language: ['choose'],
    })
  })

  it('refuses an audience organisation from outside the network (tampered form)', async () => {
    const out = await writesNothing(async () =>
      upload(
        { name: 'a.pdf', bytes: await pdfWithText(['buiten het netwerk']) },
        detailsFields({ audience: 'selected', organisationIds: [org.knokke, org.terneuzen] }),
      ),
    )
    expect(out.status).toBe(400)
    expect(fieldErrors(out.data)).toEqual({ organisationIds: ['audienceOutsideNetwork'] })
  })

  it('refuses a project of another network (tampered form)', async () => {
    const out = await writesNothing(async () =>
      upload(
        { name: 'a.pdf', bytes: await pdfWithText(['ander project']) },
        detailsFields({ projectId: otherNetworkProject }),
      ),
    )
    expect(out.status).toBe(400)
    expect(fieldErrors(out.data)).toEqual({ projectId: ['projectOutsideNetwork'] })
  })

  it('answers 404 to a user outside the network, without reading the upload', async () => {
    const out = await writesNothing(async () =>
      upload({ name: 'a.pdf', bytes: await pdfWithText(['a']) }, detailsFields(), {
        email: 'lid.dewolden@example.org',
      }),
    )
    expect(out.status).toBe(404)
  })
})

describe('an upload stopped at once', () => {
  it('leaves no temp file, however early the stop comes', async () => {
    const storage = await import('../../app/modules/documents/storage.server')
    const { Readable } = await import('node:stream')
    // A refusal (a second file, too many parts) can stop a file before its temp file is even open.
    for (let i = 0; i < 40; i++) {
      const stop = new AbortController()
      const received = storage.receiveToTemp(
        Readable.from([Buffer.from('%PDF-1.7\n')]),
        MB,
        stop.signal,
      )
      if (i % 2) await new Promise((resolve) => setImmediate(resolve))
      stop.abort()
      await expect(received).rejects.toThrow()
    }
    // A file opened after its removal would show up once the work still under way is done.
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(tempFiles()).toEqual([])
  })
})

describe('file names are only metadata', () => {
  it.each([
    ['../../../etc/passwd.pdf', 'passwd.pdf'],
    ['..\\..\\Windows\\System32\\config.pdf', 'config.pdf'],
    ['jaarverslag\u202Efdp.exe.pdf', 'jaarverslagfdp.exe.pdf'],
    ['CON.pdf', 'CON.pdf'],
    ['...verborgen.pdf', 'verborgen.pdf'],
    ['nul\u0000teken.pdf', 'nulteken.pdf'],
  ])('%j is stored as %j, the file only under its hash', async (name, stored) => {
    const bytes = await pdfWithText([`Bestand ${name.length}`, stored])
    const before = filesOnDisk()
    const id = createdId(
      await uploadRaw(detailsFields({ title: `Naam ${stored}` }), { name, bytes }),
    )
    const version = await t.db.documentVersion.findFirstOrThrow({ where: { documentId: id } })
    expect(version.originalName).toBe(stored)
    const hash = sha256(bytes)
    const added = filesOnDisk().filter((f) => !before.includes(f))
    expect(added).toEqual([path.join('files', hash.slice(0, 2), hash)])
  })

  it('shortens a very long name and keeps its extension', async () => {
    const name = `${'Begroting '.repeat(40)}.pdf`
    const id = createdId(
      await uploadRaw(detailsFields({ title: 'Lange naam' }), {
        name,
        bytes: await pdfWithText(['lange naam']),
      }),
    )
    const version = await t.db.documentVersion.findFirstOrThrow({ where: { documentId: id } })
    expect(version.originalName.length).toBeLessThanOrEqual(180)
    expect(version.originalName).toMatch(/^Begroting Begroting .*\.pdf$/)
  })
  it('keeps a long name of emoji whole when shortening it, and downloadable', async () => {
    const bytes = await pdfWithText(['Emoji in de naam'])
    const id = createdId(
      await uploadRaw(detailsFields({ title: 'Emoji-naam' }), {
        name: `a${'🚌'.repeat(120)}.pdf`,
        bytes,
      }),
    )
    const version = await t.db.documentVersion.findFirstOrThrow({ where: { documentId: id } })
    expect(version.originalName).toMatch(/^a(🚌)+\.pdf$/u)
    const out = await callResource(
      routes.download.loader,
      `/netwerken/${GOS}/documenten/${id}/versies/${version.id}/download`,
      { cookie: await cookie(SLUIS), params: { network: GOS, document: id, version: version.id } },
    )
    expect(out.status).toBe(200)
    expect(out.bytes).toEqual(bytes)
  })
})

describe('a successful upload', () => {
  it('stores the document, its audience, version 1, an extraction job, an index row and the file', async () => {
    const bytes = await pdfWithText(['Verslag van het grensoverleg over de veerdienst'])
    const out = await upload(
      { name: 'Verslag veerdienst.pdf', bytes, type: 'text/html' },
      detailsFields({
        title: 'Verslag veerdienst',
        audience: 'selected',
        // The uploader's own organisation is not ticked: it is added all the same.
        organisationIds: [org.knokke],
        projectId: gosProject,
      }),
    )
    const id = createdId(out)
    const document = await t.db.document.findUniqueOrThrow({
      where: { id },
      include: { audienceMembers: true, versions: true },
    })
    expect(document).toMatchObject({
      title: 'Verslag veerdienst',
      type: 'verslag',
      language: 'nl',
      tags: 'grens, verslag',
      audience: 'selected',
      ownerOrganisationId: org.sluis,
      projectId: gosProject,
      version: 1,
      deletedAt: null,
    })
    expect(document.audienceMembers.map((a) => a.organisationId).sort()).toEqual(
      [org.sluis, org.knokke].sort(),
    )
    expect(document.versions).toHaveLength(1)
    const [version] = document.versions
    const hash = sha256(bytes)
    expect(version).toMatchObject({
      number: 1,
      sha256: hash,
      size: bytes.length,
      // From the checked content, never from the browser's Content-Type.
      mediaType: 'application/pdf',
      originalName: 'Verslag veerdienst.pdf',
      organisationId: org.sluis,
      textStatus: 'pending',
    })
    const jobs = await t.db.job.findMany({ where: { kind: 'extract_text', status: 'queued' } })
    expect(jobs.map((j) => JSON.parse(j.payload) as unknown)).toContainEqual({
      versionId: version!.id,
    })
    const [indexed] = await t.db.$queryRaw<{ title: string; tags: string; body: string }[]>`
      SELECT title, tags, body FROM "DocumentSearch" WHERE rowid = ${document.searchRowId}`
    expect(indexed).toEqual({ title: 'Verslag veerdienst', tags: 'grens verslag', body: '' })
    const stored = path.join(filesDir(), hash.slice(0, 2), hash)
    expect(new Uint8Array(fs.readFileSync(stored))).toEqual(bytes)
    expect(tempFiles()).toEqual([])
    const audit = await t.db.auditEvent.findFirstOrThrow({
      where: { action: 'document.created', objectId: id },
    })
    expect(audit.actorOrganisationId).toBe(org.sluis)
  })

  it('keeps one file for the same content uploaded twice, with two documents', async () => {
    const bytes = docxWithText(['Twee keer hetzelfde bestand'])
    const hash = sha256(bytes)
    const before = filesOnDisk()
    const first = createdId(
      await upload({ name: 'een.docx', bytes }, detailsFields({ title: 'Eerste' })),
    )
    const second = createdId(
      await upload({ name: 'twee.docx', bytes }, detailsFields({ title: 'Tweede' }), {
        email: KNOKKE,
      }),
    )
    expect(first).not.toBe(second)
    const versions = await t.db.documentVersion.findMany({ where: { sha256: hash } })
    expect(versions.map((v) => v.documentId).sort()).toEqual([first, second].sort())
    expect(filesOnDisk().filter((f) => !before.includes(f))).toEqual([
      path.join('files', hash.slice(0, 2), hash),
    ])
    expect(versions[0]?.mediaType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    )
  })

  it.each([
    ['UTF-16 LE', 'utf16le', Buffer.from([0xff, 0xfe])],
    ['UTF-16 BE', 'utf16be', Buffer.from([0xfe, 0xff])],
  ] as const)(
    'accepts a Windows "Unicode" text file (%s with a BOM) as text',
    async (_, encoding, bom) => {
      const text = 'Afspraken grensoverleg: veerdienst Breskens–Vlissingen, één keer per uur.'
      const le = Buffer.from(text, 'utf16le')
      const body = encoding === 'utf16le' ? le : Buffer.from(le).swap16()
      const bytes = new Uint8Array(Buffer.concat([bom, body]))
      const id = createdId(
        await upload(
          { name: 'afspraken.txt', bytes },
          detailsFields({ title: `Tekst ${encoding}` }),
        ),
      )
      const version = await t.db.documentVersion.findFirstOrThrow({ where: { documentId: id } })
      expect(version).toMatchObject({ mediaType: 'text/plain', size: bytes.length })
    },
  )

  it('still refuses a web page saved as UTF-16 text', async () => {
    const le = Buffer.from('<!DOCTYPE html><script>alert(1)</script>', 'utf16le')
    const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))
    const out = await upload({ name: 'pagina.txt', bytes }, detailsFields({ title: 'Pagina' }))
    expect(out.status).toBe(415)
  })

  it('answers the progress-bar upload in JSON with where to go next', async () => {
    const out = await upload(
      { name: 'werkplan.odt', bytes: odtWithText(['Werkplan']) },
      detailsFields({ title: 'Werkplan via JSON' }),
      { json: true },
    )
    expect(out.status).toBe(200)
    const { redirectTo } = out.data as { redirectTo: string }
    const id = redirectTo.split('/').pop()!
    expect((await t.db.document.findUniqueOrThrow({ where: { id } })).title).toBe(
      'Werkplan via JSON',
    )
  })
})

describe('uploads at the same moment', () => {
  it('all succeed, each with its own index row', async () => {
    const files = await Promise.all(
      Array.from({ length: 6 }, (_, i) => pdfWithText([`Gelijktijdige upload ${i}`])),
    )
    const outcomes = await Promise.all(
      files.map((bytes, i) =>
        upload({ name: `tegelijk-${i}.pdf`, bytes }, detailsFields({ title: `Tegelijk ${i}` })),
      ),
    )
    const ids = outcomes.map(createdId)
    const documents = await t.db.document.findMany({
      where: { id: { in: ids } },
      select: { searchRowId: true },
    })
    expect(new Set(documents.map((d) => d.searchRowId)).size).toBe(6)
    expect(tempFiles()).toEqual([])
  })

  it('give parallel new versions of one document consecutive numbers', async () => {
    const id = createdId(
      await upload(
        { name: 'basis.pdf', bytes: await pdfWithText(['Basis']) },
        detailsFields({ title: 'Veel versies' }),
      ),
    )
    const versions = await Promise.all(
      Array.from({ length: 4 }, (_, i) => pdfWithText([`Versie ${i + 2}`])),
    )
    const outcomes = await Promise.all(
      versions.map(async (bytes, i) =>
        callWithRequest(
          routes.version.action,
          rawRequest(
            `/netwerken/${GOS}/documenten/${id}/nieuwe-versie`,
            rawMultipart({}, { name: `v${i + 2}.pdf`, bytes }),
            { Cookie: await cookie(SLUIS) },
          ),
          { network: GOS, document: id },
        ),
      ),
    )
    expect(outcomes.map((o) => o.status)).toEqual([302, 302, 302, 302])
    const numbers = await t.db.documentVersion.findMany({
      where: { documentId: id },
      orderBy: { number: 'asc' },
      select: { number: true },
    })
    expect(numbers.map((n) => n.number)).toEqual([1, 2, 3, 4, 5])
  })
})

describe('versions and downloads', () => {
  let documentId = ''
  const v1: { id: string; bytes: Uint8Array } = { id: '', bytes: new Uint8Array() }
  const v2: { id: string; bytes: Uint8Array } = { id: '', bytes: new Uint8Array() }
  const base = () => `/netwerken/${GOS}/documenten/${documentId}`

  const download = async (versionId: string, email = DAMME, query = '') =>
    callResource(routes.download.loader, `${base()}/versies/${versionId}/download${query}`, {
      cookie: await cookie(email),
      params: { network: GOS, document: documentId, version: versionId },
    })

  beforeAll(async () => {
    v1.bytes = await pdfWithText(['Begroting eerste versie'])
    documentId = createdId(
      await uploadRaw(detailsFields({ title: 'Begroting Sint-Laureins' }), {
        name: 'Begroting – Sint-Laureins.pdf',
        bytes: v1.bytes,
      }),
    )
    v1.id = (await t.db.documentVersion.findFirstOrThrow({ where: { documentId } })).id
  })

  it('adds version 2 through the new-version form; version 1 stays downloadable', async () => {
    v2.bytes = await pdfWithText(['Begroting tweede versie'])
    const body = rawMultipart({}, { name: 'café.pdf', bytes: v2.bytes })
    const out = await callWithRequest(
      routes.version.action,
      rawRequest(`${base()}/nieuwe-versie`, body, { Cookie: await cookie(SLUIS) }),
      { network: GOS, document: documentId },
    )
    expect(out.status, JSON.stringify(out.data)).toBe(302)
    expect(out.location).toBe(base())
    const versions = await t.db.documentVersion.findMany({
      where: { documentId },
      orderBy: { number: 'asc' },
    })
    expect(versions.map((v) => [v.number, v.originalName])).toEqual([
      [1, 'Begroting – Sint-Laureins.pdf'],
      [2, 'café.pdf'],
    ])
    v2.id = versions[1]!.id

    const old = await download(v1.id)
    expect(old.status).toBe(200)
    expect(old.bytes).toEqual(v1.bytes)
    const fresh = await download(v2.id)
    expect(fresh.bytes).toEqual(v2.bytes)
  })

  it('refuses a new version from someone who does not manage the document (404)', async () => {
    const body = rawMultipart({}, { name: 'x.pdf', bytes: await pdfWithText(['x']) })
    const out = await writesNothing(async () =>
      callWithRequest(
        routes.versionJson.action,
        rawRequest(`${base()}/nieuwe-versie.json`, body, { Cookie: await cookie(DAMME) }),
        { network: GOS, document: documentId },
      ),
    )
    expect(out.status).toBe(404)
  })

  it('refuses a bad new version and writes nothing', async () => {
    const out = await writesNothing(async () =>
      callWithRequest(
        routes.versionJson.action,
        rawRequest(
          `${base()}/nieuwe-versie.json`,
          rawMultipart({}, { name: 'x.pdf', bytes: html }),
          {
            Cookie: await cookie(SLUIS),
          },
        ),
        { network: GOS, document: documentId },
      ),
    )
    expect(out.status).toBe(415)
    expect(fieldErrors((out.data as { result: unknown }).result)).toEqual({
      file: ['uploadContentMismatch'],
    })
  })

  it('serves downloads as sandboxed, uncached attachments with a safe name', async () => {
    const out = await download(v1.id)
    expect(out.headers.get('Content-Type')).toBe('application/pdf')
    expect(out.headers.get('Content-Length')).toBe(String(v1.bytes.length))
    expect(out.headers.get('Content-Security-Policy')).toBe("default-src 'none'; sandbox")
    expect(out.headers.get('Cache-Control')).toBe('private, no-store')
    expect(out.headers.get('Content-Disposition')).toBe(
      `attachment; filename="Begroting - Sint-Laureins.pdf"; filename*=UTF-8''Begroting%20%E2%80%93%20Sint-Laureins.pdf`,
    )
    expect((await download(v2.id)).headers.get('Content-Disposition')).toBe(
      `attachment; filename="cafe.pdf"; filename*=UTF-8''caf%C3%A9.pdf`,
    )
  })

  it.each([
    ['Plan 🚌 grens.pdf', 'Plan __ grens.pdf', 'Plan%20%F0%9F%9A%8C%20grens.pdf'],
    ['a"; filename="x.html.pdf', 'a filename=x.html.pdf', 'a%20filename%3Dx.html.pdf'],
    ['regel\r\nSet-Cookie: x=1.pdf', 'regelSet-Cookie: x=1.pdf', 'regelSet-Cookie%3A%20x%3D1.pdf'],
  ])('keeps the header well-formed for %j', async (name, ascii, encoded) => {
    const bytes = await pdfWithText([`Naam ${ascii}`])
    const id = createdId(
      await uploadRaw(detailsFields({ title: `Download ${ascii}` }), { name, bytes }),
    )
    const version = await t.db.documentVersion.findFirstOrThrow({ where: { documentId: id } })
    const out = await callResource(
      routes.download.loader,
      `/netwerken/${GOS}/documenten/${id}/versies/${version.id}/download`,
      {
        cookie: await cookie(KNOKKE),
        params: { network: GOS, document: id, version: version.id },
      },
    )
    expect(out.status).toBe(200)
    const header = out.headers.get('Content-Disposition')
    expect(header).toBe(`attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`)
    expect(header).toMatch(/^attachment; filename="[^"\\]*"; filename\*=UTF-8''[^\s;"']*$/)
  })

  it('shows an image inline on request, but never a PDF', async () => {
    const png = createdId(
      await upload({ name: 'kaart.png', bytes: tinyPng }, detailsFields({ title: 'Kaart' })),
    )
    const pngVersion = await t.db.documentVersion.findFirstOrThrow({ where: { documentId: png } })
    expect(pngVersion.mediaType).toBe('image/png')
    const inline = await callResource(
      routes.download.loader,
      `/netwerken/${GOS}/documenten/${png}/versies/${pngVersion.id}/download?weergave=inline`,
      {
        cookie: await cookie(DAMME),
        params: { network: GOS, document: png, version: pngVersion.id },
      },
    )
    expect(inline.status).toBe(200)
    expect(inline.headers.get('Content-Disposition')).toMatch(/^inline; filename="kaart.png"/)
    expect(inline.headers.get('Content-Security-Policy')).toMatch(/sandbox$/)
    expect(inline.bytes).toEqual(tinyPng)

    const pdf = await download(v1.id, DAMME, '?weergave=inline')
    expect(pdf.headers.get('Content-Disposition')).toMatch(/^attachment;/)
    expect(pdf.headers.get('Content-Security-Policy')).toBe("default-src 'none'; sandbox")
  })

  it('answers 404 for a version of another document, as for one that does not exist', async () => {
    const other = await t.db.documentVersion.findFirstOrThrow({
      where: {
        documentId: { not: documentId },
        document: { network: { slug: GOS }, audience: 'network' },
      },
    })
    expect((await download(other.id)).status).toBe(404)
    expect((await download('clbestaatniet000000000000')).status).toBe(404)
  })
})
