/**
 * Uploading documents over plain HTTP, for the access matrix and the document security tests: multipart
 * bodies written by hand (so a test controls every byte of a part header, the file name included), the
 * product's own upload forms, and reading what the server stored.
 */
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { expect } from '@playwright/test'
import {
  all,
  baseURL,
  dataDir,
  one,
  organisationId,
  origin,
  signIn,
  type Reply,
  type Session,
} from './support'

export type FilePart = {
  /** The name as the browser sends it; put in `filename="…"` with `"` and `\` escaped. */
  name: string
  content: Uint8Array | string
  type?: string
}

export type MultipartBody = { body: Buffer; contentType: string }

/**
 * A multipart/form-data body: the text fields (a name may repeat), then the file part, the way a browser
 * orders them. The file name goes out as raw UTF-8, as Chromium sends it.
 */
export function multipart(
  fields: Array<[string, string]> | Record<string, string>,
  file?: FilePart,
): MultipartBody {
  const boundary = `----zwin-test-${randomBytes(12).toString('hex')}`
  const parts: Buffer[] = []
  const entries = Array.isArray(fields) ? fields : Object.entries(fields)
  for (const [name, value] of entries) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
        'utf8',
      ),
    )
  }
  if (file) {
    const quoted = file.name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoted}"\r\n` +
          `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
        'utf8',
      ),
      Buffer.from(file.content),
      Buffer.from('\r\n'),
    )
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` }
}

/** POSTs a multipart body (same-origin unless `headers` says otherwise); no redirects followed. */
export async function postMultipart(
  target: string,
  body: MultipartBody,
  options: { session?: Session | null; headers?: Record<string, string>; noOrigin?: boolean } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {
    'Accept-Language': 'nl-NL',
    'Content-Type': body.contentType,
  }
  if (!options.noOrigin) headers.Origin = origin()
  if (options.session) headers.Cookie = options.session.cookie
  Object.assign(headers, options.headers)
  const response = await fetch(baseURL() + target, {
    method: 'POST',
    headers,
    body: new Uint8Array(body.body),
    redirect: 'manual',
  })
  return {
    status: response.status,
    location: response.headers.get('location'),
    headers: response.headers,
    body: await response.text(),
    setCookies: response.headers.getSetCookie(),
  }
}

/** GETs a URL and keeps the body as bytes (downloads). */
export async function fetchBytes(
  target: string,
  session: Session | null,
): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const headers: Record<string, string> = { 'Accept-Language': 'nl-NL' }
  if (session) headers.Cookie = session.cookie
  const response = await fetch(baseURL() + target, { headers, redirect: 'manual' })
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  }
}

export type DocumentDetails = {
  title: string
  description?: string
  type?: string
  language?: string
  tags?: string
  /** 'network' (default) or 'selected'. */
  audience?: 'network' | 'selected'
  /** Organisation slugs ticked as audience (the owner is always in it). */
  organisations?: string[]
  projectId?: string
}

/** The text fields of the new-document form, as the browser sends them. */
export function documentFields(details: DocumentDetails): Array<[string, string]> {
  const fields: Array<[string, string]> = [
    ['title', details.title],
    ['description', details.description ?? ''],
    ['type', details.type ?? 'overig'],
    ['language', details.language ?? 'nl'],
    ['tags', details.tags ?? ''],
    ['audience', details.audience ?? 'network'],
  ]
  for (const slug of details.organisations ?? [])
    fields.push(['organisationIds', organisationId(slug)])
  fields.push(['projectId', details.projectId ?? ''])
  return fields
}

export type DocumentFixture = {
  id: string
  network: string
  title: string
  versionId: string
  /** A sentence inside the file (plain text files only): what a download shows and a 404 must not. */
  secret: string
  url: string
}

/**
 * A document made through the product's plain upload form: a small text file whose content holds a
 * sentence of its own, so its download can be recognised.
 */
export async function uploadDocument(
  session: Session,
  network: string,
  details: DocumentDetails,
  file?: FilePart,
): Promise<DocumentFixture> {
  const secret = `Vertrouwelijke inhoud ${randomBytes(6).toString('hex')}`
  const part = file ?? {
    name: 'notitie.txt',
    content: `${secret}\nAlleen voor de gekozen partners.\n`,
    type: 'text/plain',
  }
  const reply = await postMultipart(
    `/netwerken/${network}/documenten/nieuw`,
    multipart(documentFields(details), part),
    { session },
  )
  expect(reply.status, `uploading ${details.title}: ${reply.body.slice(0, 300)}`).toBe(302)
  const id = new RegExp(`^/netwerken/${network}/documenten/([^/?#]+)$`).exec(
    reply.location ?? '',
  )?.[1]
  if (!id) throw new Error(`No document id in ${reply.location}`)
  const version = one<{ id: string }>(
    'SELECT id FROM DocumentVersion WHERE documentId = ? AND number = 1',
    id,
  )
  if (!version) throw new Error(`Document ${id} has no first version`)
  return {
    id,
    network,
    title: details.title,
    versionId: version.id,
    secret,
    url: `/netwerken/${network}/documenten/${id}`,
  }
}

export function downloadUrl(document: { url: string }, versionId: string): string {
  return `${document.url}/versies/${versionId}/download`
}

/** Where the server keeps a file with this content (files/ab/abcdef…). */
export function storedPath(content: Uint8Array | string): string {
  const sha = createHash('sha256').update(content).digest('hex')
  return path.join(dataDir(), 'files', sha.slice(0, 2), sha)
}

export function tempDir(): string {
  return path.join(dataDir(), 'files', 'tmp')
}

/** The upload temp files now on disk, with their sizes. */
export function tempFiles(): { name: string; size: number }[] {
  if (!fs.existsSync(tempDir())) return []
  return fs.readdirSync(tempDir()).flatMap((name) => {
    try {
      return [{ name, size: fs.statSync(path.join(tempDir(), name)).size }]
    } catch {
      return [] // finished or removed between the listing and the stat
    }
  })
}

export function documentsTitled(title: string) {
  return all<{ id: string }>('SELECT id FROM Document WHERE title = ?', title)
}

export function audienceOf(documentId: string): string[] {
  return all<{ slug: string }>(
    `SELECT o.slug FROM DocumentAudience a JOIN Organisation o ON o.id = a.organisationId
     WHERE a.documentId = ? ORDER BY o.slug`,
    documentId,
  ).map((r) => r.slug)
}

export type MatrixDocuments = {
  /** GOS, by Knokke-Heist, for Knokke-Heist and Damme only: Sluis (and its coordinator) are left out. */
  restricted: DocumentFixture
  /** GOS, by Sluis, for every partner of GOS. */
  gos: DocumentFixture
  /** Zeeuws-Vlaanderen, by Sluis, for Sluis and Terneuzen: Hulst, also a member, is left out. */
  zvl: DocumentFixture
}

/** The matrix's documents, uploaded through the plain form by a Knokke-Heist member and by Sluis. */
export async function createMatrixDocuments(sluisMember: Session): Promise<MatrixDocuments> {
  const id = randomBytes(4).toString('hex')
  const knokke = await signIn('lid.knokke-heist@example.org')
  return {
    restricted: await uploadDocument(knokke, 'gos', {
      title: `Onderhandelingsnotitie Knokke-Damme ${id}`,
      audience: 'selected',
      organisations: ['damme'],
    }),
    // A werkplan: the other tests upload 'overig' and 'verslag' to GOS, so the list filtered on this
    // kind keeps it on its first page however many documents they add during the run.
    gos: await uploadDocument(sluisMember, 'gos', {
      title: `Werkplan GOS voor iedereen ${id}`,
      type: 'werkplan',
    }),
    zvl: await uploadDocument(sluisMember, 'zeeuws-vlaanderen', {
      title: `Afspraken Sluis-Terneuzen ${id}`,
      audience: 'selected',
      organisations: ['terneuzen'],
    }),
  }
}
