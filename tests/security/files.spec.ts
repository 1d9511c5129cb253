/**
 * docs/security.md items 17–21 against the real server: uploads are limited while they stream,
 * checked by their bytes, stored under a generated name, and served back only as sandboxed
 * attachments; archives are never unpacked past a budget; a cross-site upload is refused before
 * anything is written.
 *
 * The uploader is a Knokke-Heist member sharing in GOS. Every file carries content of its own (a unique
 * line), so "nothing written" is checked for exactly that content even while other suites upload too.
 */
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { pdfWithText, tinyPng, zipBomb, docxWithText } from '../fixtures/documents'
import {
  documentFields,
  documentsTitled,
  downloadUrl,
  fetchBytes,
  multipart,
  postMultipart,
  storedPath,
  tempFiles,
  uploadDocument,
  type FilePart,
} from '../access/document-uploads'
import {
  all,
  baseURL,
  dataDir,
  one,
  origin,
  send,
  signIn,
  unique,
  visibleText,
  type Session,
} from '../access/support'

const NETWORK = 'gos'
const NEW = `/netwerken/${NETWORK}/documenten/nieuw`
const NEW_JSON = `${NEW}.json`
const MiB = 1024 * 1024

let knokke: Session
/** The server's upload limit, as the upload form states it ("Maximaal 100 MB."). */
let limitBytes: number

test.beforeAll(async () => {
  knokke = await signIn('lid.knokke-heist@example.org')
  const form = await send(NEW, { session: knokke })
  const mb = /Maximaal (\d+) MB/.exec(visibleText(form.body))?.[1]
  expect(mb, 'the upload form states the limit').toBeTruthy()
  limitBytes = Number(mb) * MiB
})

function title(label: string): string {
  return `Bestandstoets ${label} ${unique()}`
}

/** A small PDF nobody else uploads (Helvetica: the label must be Latin-1). */
function uniquePdf(label = 'bestand'): Promise<Uint8Array> {
  return pdfWithText([`Bestandstoets ${label}`, `Kenmerk ${unique()}`])
}

function uploadTo(
  url: string,
  file: FilePart | undefined,
  documentTitle: string,
  options: {
    headers?: Record<string, string>
    extraFields?: Array<[string, string]>
    noOrigin?: boolean
  } = {},
) {
  const fields = [...documentFields({ title: documentTitle }), ...(options.extraFields ?? [])]
  return postMultipart(url, multipart(fields, file), { session: knokke, ...options })
}

/** Nothing of this upload exists: no document with the title, no stored file with the content. */
function expectNothingWritten(documentTitle: string, content?: Uint8Array | string) {
  expect(documentsTitled(documentTitle), `a document titled ${documentTitle}`).toEqual([])
  if (content !== undefined) {
    expect(fs.existsSync(storedPath(content)), 'the refused file is not stored').toBe(false)
  }
}

/** The message the upload form shows at the file field (plain form) or in the JSON answer. */
function fileError(body: string): string {
  if (body.trimStart().startsWith('{')) {
    const json = JSON.parse(body) as { result?: { error?: Record<string, string[]> } }
    return (json.result?.error?.file ?? []).join(' ')
  }
  return visibleText(body)
}

type RawAnswer = { status: number; body: string; bytesSent: number }

/**
 * A POST through node:http, where a test controls the headers (a Content-Length that lies, chunked
 * encoding) and when body bytes go out. `write` is called with a function that sends a chunk and
 * resolves when the socket takes more; it should stop once `answered()` is true.
 */
function rawPost(
  target: string,
  headers: Record<string, string>,
  write: (send: (chunk: Buffer) => Promise<void>, answered: () => boolean) => Promise<void>,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let bytesSent = 0
    let answer: { status: number; chunks: Buffer[] } | null = null
    const request = http.request(new URL(target, baseURL()), { method: 'POST', headers })
    request.on('response', (response) => {
      answer = { status: response.statusCode ?? 0, chunks: [] }
      const sentWhenAnswered = bytesSent
      response.on('data', (chunk: Buffer) => answer!.chunks.push(chunk))
      response.on('end', () => {
        resolve({
          status: answer!.status,
          body: Buffer.concat(answer!.chunks).toString('utf8'),
          bytesSent: sentWhenAnswered,
        })
        request.destroy()
      })
    })
    // The server may close the connection once it has answered; that is not a failure.
    request.on('error', (error) => {
      if (!answer) reject(error)
    })
    request.flushHeaders()
    const sendChunk = (chunk: Buffer) =>
      new Promise<void>((done) => {
        if (answer || request.destroyed) return done()
        bytesSent += chunk.length
        if (request.write(chunk)) return done()
        // Wait for the socket to drain, or for the answer that makes waiting pointless.
        const timer = setInterval(() => {
          if (answer || request.destroyed) {
            clearInterval(timer)
            done()
          }
        }, 20)
        request.once('drain', () => {
          clearInterval(timer)
          done()
        })
      })
    write(sendChunk, () => answer !== null).catch(reject)
  })
}

function uploadHeaders(contentType: string, extra: Record<string, string> = {}) {
  return {
    Cookie: knokke.cookie,
    Origin: origin(),
    'Accept-Language': 'nl-NL',
    'Content-Type': contentType,
    ...extra,
  }
}

test.describe('size and parts limits while streaming (item 17)', () => {
  for (const url of [NEW, NEW_JSON]) {
    test(`${url}: a Content-Length over the limit gets 413 before a byte of the body is sent`, async () => {
      const documentTitle = title('content-length')
      const { contentType } = multipart(documentFields({ title: documentTitle }))
      const answer = await rawPost(
        url,
        uploadHeaders(contentType, { 'Content-Length': String(limitBytes + 2 * MiB) }),
        async () => {
          // Send nothing: the answer must come from the headers alone.
        },
      )
      expect(answer.status).toBe(413)
      expect(answer.bytesSent).toBe(0)
      expect(fileError(answer.body)).toMatch(
        url === NEW_JSON ? /^uploadTooLarge\|\d+$/ : /Dit bestand is te groot/,
      )
      expectNothingWritten(documentTitle)
    })
  }

  test('a chunked body that grows past the limit gets 413 as soon as it does, and leaves no file', async () => {
    test.slow()
    const documentTitle = title('chunked')
    const body = multipart(documentFields({ title: documentTitle }), {
      name: 'groot.pdf',
      content: '',
      type: 'application/pdf',
    })
    // Everything up to the (empty) file content, then the content streams in.
    const text = body.body.toString('latin1')
    const head = Buffer.from(text.slice(0, text.lastIndexOf('\r\n--')), 'latin1')
    const planned = limitBytes + 64 * MiB
    const zeros = Buffer.alloc(MiB)
    const answer = await rawPost(
      NEW,
      uploadHeaders(body.contentType, { 'Transfer-Encoding': 'chunked' }),
      async (sendChunk, answered) => {
        await sendChunk(head)
        for (let sent = 0; sent < planned && !answered(); sent += zeros.length) {
          await sendChunk(zeros)
        }
      },
    )
    expect(answer.status).toBe(413)
    expect(visibleText(answer.body)).toContain('Dit bestand is te groot')
    // Answered once the file passed the limit, long before the body would have ended.
    expect(answer.bytesSent).toBeGreaterThan(limitBytes)
    expect(answer.bytesSent).toBeLessThan(planned)
    expectNothingWritten(documentTitle)
    // The temp file that held the part so far is removed.
    await expect
      .poll(() => tempFiles().filter((f) => f.size >= limitBytes / 2), { timeout: 10_000 })
      .toEqual([])
  })

  test('an ordinary form body over 1 MB gets 413: only uploads may be large', async () => {
    const reply = await send('/profiel', {
      session: knokke,
      form: { intent: 'profile', name: 'x'.repeat(1_200_000) },
    })
    expect(reply.status).toBe(413)
  })

  test('more parts than the form has get 413 and nothing is written', async () => {
    const documentTitle = title('parts')
    const pdf = await uniquePdf('parts')
    const padding: Array<[string, string]> = Array.from({ length: 300 }, (_, i) => [
      `extra${i}`,
      'x',
    ])
    for (const url of [NEW, NEW_JSON]) {
      const reply = await uploadTo(url, { name: 'veel.pdf', content: pdf }, documentTitle, {
        extraFields: padding,
      })
      expect(reply.status, url).toBe(413)
      expect(fileError(reply.body), url).toMatch(/uploadTooManyParts|te veel onderdelen/)
    }
    expectNothingWritten(documentTitle, pdf)
  })

  test('a second file part is refused and nothing is written', async () => {
    const documentTitle = title('two-files')
    const first = await uniquePdf('first')
    const second = await uniquePdf('second')
    const one = multipart(documentFields({ title: documentTitle }), {
      name: 'een.pdf',
      content: first,
    })
    const boundary = /boundary=(.+)$/.exec(one.contentType)![1]!
    const extra = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="twee.pdf"\r\n` +
          'Content-Type: application/pdf\r\n\r\n',
      ),
      Buffer.from(second),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ])
    const body = Buffer.concat([
      one.body.subarray(0, one.body.length - `--${boundary}--\r\n`.length),
      extra,
    ])
    const reply = await postMultipart(
      NEW,
      { body, contentType: one.contentType },
      { session: knokke },
    )
    expect([400, 413]).toContain(reply.status)
    expectNothingWritten(documentTitle, first)
    expectNothingWritten(documentTitle, second)
  })
})

test.describe('content must match its type (item 18)', () => {
  const html = (label: string) =>
    `<!DOCTYPE html><html><body><script>alert('${label} ${unique()}')</script></body></html>`
  const svg = (label: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" onload="alert('${label} ${unique()}')"><circle r="5"/></svg>`
  const executable = () =>
    Buffer.concat([
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00'),
      Buffer.from(unique()),
      Buffer.alloc(512, 0x41),
    ])

  const cases: { label: string; file: () => FilePart; status: number; message: RegExp }[] = [
    {
      label: 'HTML renamed .pdf',
      file: () => ({ name: 'begroting.pdf', content: html('pdf'), type: 'application/pdf' }),
      status: 415,
      message: /past niet bij de bestandsnaam|uploadContentMismatch/,
    },
    {
      label: 'a Windows executable renamed .pdf',
      file: () => ({ name: 'factuur.pdf', content: executable(), type: 'application/pdf' }),
      status: 415,
      message: /past niet bij de bestandsnaam|uploadContentMismatch/,
    },
    {
      label: 'an HTML page',
      file: () => ({ name: 'pagina.html', content: html('html'), type: 'text/html' }),
      status: 415,
      message: /kan niet worden gedeeld|uploadTypeNotAccepted/,
    },
    {
      label: 'HTML renamed .txt',
      file: () => ({ name: 'notitie.txt', content: html('txt'), type: 'text/plain' }),
      status: 415,
      message: /past niet bij de bestandsnaam|uploadContentMismatch/,
    },
    {
      label: 'an SVG image',
      file: () => ({ name: 'kaart.svg', content: svg('svg'), type: 'image/svg+xml' }),
      status: 415,
      message: /kan niet worden gedeeld|uploadTypeNotAccepted/,
    },
    {
      label: 'SVG renamed .png',
      file: () => ({ name: 'kaart.png', content: svg('png'), type: 'image/png' }),
      status: 415,
      message: /past niet bij de bestandsnaam|uploadContentMismatch/,
    },
    {
      label: 'SVG renamed .txt',
      file: () => ({ name: 'kaart.txt', content: `\n  ${svg('txt')}`, type: 'text/plain' }),
      status: 415,
      message: /past niet bij de bestandsnaam|uploadContentMismatch/,
    },
    {
      label: 'an empty PDF',
      file: () => ({ name: 'leeg.pdf', content: '', type: 'application/pdf' }),
      status: 400,
      message: /Dit bestand is leeg|uploadEmpty/,
    },
  ]

  for (const c of cases) {
    test(`${c.label} → ${c.status}, nothing written`, async () => {
      for (const url of [NEW, NEW_JSON]) {
        const documentTitle = title(c.label)
        const file = c.file()
        const reply = await uploadTo(url, file, documentTitle)
        expect(reply.status, url).toBe(c.status)
        expect(fileError(reply.body), url).toMatch(c.message)
        if (url === NEW) expect(reply.headers.get('content-type')).toContain('text/html')
        expectNothingWritten(documentTitle, file.content)
      }
    })
  }

  test('no file chosen → 400 with the message at the file field', async () => {
    const documentTitle = title('no-file')
    const reply = await uploadTo(NEW, { name: '', content: '' }, documentTitle)
    expect(reply.status).toBe(400)
    expect(visibleText(reply.body)).toContain('Kies een bestand.')
    expectNothingWritten(documentTitle)
  })
})

test.describe('stored under a generated name (item 19)', () => {
  const names = [
    '../../../../etc/passwd.txt',
    '..\\..\\..\\Windows\\win.ini.txt',
    '/var/lib/zwin/overschreven.txt',
    'CON.txt',
    '.htaccess.txt',
    `${'lange naam '.repeat(40)}.txt`,
    'rapport\u202Etxt.exe\u202C.txt',
  ]

  test('path traversal, device and very long names are only metadata', async () => {
    const dataRoot = dataDir()
    for (const name of names) {
      const content = `Opgeslagen onder een eigen naam ${unique()}\n`
      const documentTitle = title('name')
      const document = await uploadDocument(
        knokke,
        NETWORK,
        { title: documentTitle },
        { name, content, type: 'text/plain' },
      )
      const version = one<{ originalName: string; sha256: string }>(
        'SELECT originalName, sha256 FROM DocumentVersion WHERE id = ?',
        document.versionId,
      )!
      const label = JSON.stringify(name)
      expect(version.originalName, label).not.toMatch(/[/\\]/)
      // eslint-disable-next-line no-control-regex
      expect(version.originalName, label).not.toMatch(/[\u0000-\u001f\u202a-\u202e\u2066-\u2069]/)
      expect(version.originalName.length, label).toBeLessThanOrEqual(180)
      expect(version.originalName, label).toMatch(/\.txt$/)
      expect(version.originalName, label).not.toMatch(/^\./)
      // The file lives under its hash in the files folder, with exactly the bytes sent.
      expect(fs.readFileSync(storedPath(content), 'utf8'), label).toBe(content)
      // Nothing appeared where the name pointed.
      for (const base of [
        dataRoot,
        path.join(dataRoot, 'files'),
        path.join(dataRoot, 'files', 'tmp'),
      ]) {
        const target = path.resolve(base, name.replace(/\\/g, '/'))
        if (!target.startsWith(path.join(dataRoot, 'files') + path.sep)) {
          expect(fs.existsSync(target), `${label} → ${target}`).toBe(false)
        }
      }
      // And the download offers the tidied name, not the path.
      const download = await fetchBytes(downloadUrl(document, document.versionId), knokke)
      expect(download.status, label).toBe(200)
      expect(download.bytes.toString('utf8'), label).toBe(content)
      const disposition = download.headers.get('content-disposition') ?? ''
      expect(disposition, label).not.toMatch(/[/\\]|\.\./)
    }
    // A NUL byte in the part header is refused as a malformed upload.
    const content = `NUL in de naam ${unique()}`
    const documentTitle = title('nul')
    const refused = await uploadTo(
      NEW_JSON,
      { name: 'nul\u0000byte.txt', content, type: 'text/plain' },
      documentTitle,
    )
    expect(refused.status).toBe(400)
    expectNothingWritten(documentTitle, content)
    // Nothing outside the files folder was created by these uploads.
    expect(fs.existsSync(path.join(dataRoot, 'etc'))).toBe(false)
    expect(fs.existsSync('/var/lib/zwin/overschreven.txt')).toBe(false)
  })
})

test('HTML in a file name or title is shown as text on the document page, the list and search', async () => {
  const marker = unique()
  const name = `<img src=x onerror=alert('${marker}')>.txt`
  const documentTitle = `<script>alert('${marker}')</script> Begroting ${marker}`
  const document = await uploadDocument(
    knokke,
    NETWORK,
    { title: documentTitle },
    { name, content: `Inhoud ${marker}\n`, type: 'text/plain' },
  )
  for (const url of [
    document.url,
    `/netwerken/${NETWORK}/documenten`,
    `/zoeken?${new URLSearchParams({ q: `Begroting ${marker}` })}`,
    `/zoeken?${new URLSearchParams({ q: `<script>alert('${marker}')</script>` })}`,
  ]) {
    const reply = await send(url, { session: knokke })
    expect(reply.status, url).toBe(200)
    expect(reply.body, url).not.toContain(`<script>alert('${marker}')`)
    expect(reply.body, url).not.toContain('<img src=x')
  }
  const page = await send(document.url, { session: knokke })
  expect(visibleText(page.body)).toContain(`<script>alert('${marker}')</script> Begroting`)
  expect(visibleText(page.body)).toContain(name)
})

/**
 * Content-Disposition split into its parameters the way a careful client does: at semicolons outside
 * quoted strings.
 */
function dispositionParams(header: string): { type: string; params: [string, string][] } {
  const parts: string[] = []
  let current = ''
  let quoted = false
  for (let i = 0; i < header.length; i++) {
    const c = header[i]!
    if (c === '\\' && quoted) {
      current += c + (header[i + 1] ?? '')
      i++
      continue
    }
    if (c === '"') quoted = !quoted
    if (c === ';' && !quoted) {
      parts.push(current.trim())
      current = ''
      continue
    }
    current += c
  }
  parts.push(current.trim())
  const [type = '', ...rest] = parts
  return {
    type,
    params: rest.map((p) => {
      const eq = p.indexOf('=')
      return [p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim()] as [string, string]
    }),
  }
}

test.describe('downloads are sandboxed attachments (item 20)', () => {
  const names: { sent: string; expected: string }[] = [
    { sent: 'Begroting – Sint-Laureins.pdf', expected: 'Begroting – Sint-Laureins.pdf' },
    { sent: 'café.pdf', expected: 'café.pdf' },
    { sent: 'Verslag 📄 grensoverleg 🇧🇪🇳🇱.pdf', expected: 'Verslag 📄 grensoverleg 🇧🇪🇳🇱.pdf' },
    // Quotes, the semicolon and the slash cannot reach the header; the rest of the name stays.
    { sent: 'a"; filename="x.html.pdf', expected: 'a filename=x.html.pdf' },
    { sent: "b.pdf\"\r\nX-Injected: ja; filename*=UTF-8''evil.html", expected: '' },
  ]

  test('a name that would end in .html after the header quote is refused at upload (415)', async () => {
    const documentTitle = title('html-name')
    const pdf = await uniquePdf('html-name')
    const reply = await uploadTo(NEW, { name: 'a"; filename="x.html', content: pdf }, documentTitle)
    expect(reply.status).toBe(415)
    expectNothingWritten(documentTitle, pdf)
  })

  for (const { sent, expected } of names) {
    test(`download of ${JSON.stringify(sent)}: one filename, one filename*, nothing injected`, async () => {
      const pdf = await uniquePdf()
      const reply = await uploadTo(NEW, { name: sent, content: pdf }, title('download'))
      if (expected === '') {
        // A CR/LF in a part header ends that header line: the server either refuses the part or stores
        // a name without it. Either way nothing reaches a response header.
        expect([302, 400, 415]).toContain(reply.status)
        if (reply.status !== 302) return
      } else {
        expect(reply.status, reply.body.slice(0, 300)).toBe(302)
      }
      const documentUrl = reply.location!
      const versionId = one<{ id: string }>(
        'SELECT id FROM DocumentVersion WHERE documentId = ? AND number = 1',
        documentUrl.split('/').pop(),
      )!.id
      const download = await fetchBytes(downloadUrl({ url: documentUrl }, versionId), knokke)
      expect(download.status).toBe(200)
      expect(Buffer.compare(download.bytes, Buffer.from(pdf))).toBe(0)
      expect(download.headers.get('content-type')).toBe('application/pdf')
      expect(download.headers.get('x-content-type-options')).toBe('nosniff')
      expect(download.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox")
      expect(download.headers.get('cache-control')).toBe('private, no-store')
      expect(download.headers.get('x-injected')).toBeNull()

      const header = download.headers.get('content-disposition') ?? ''
      expect(header).not.toMatch(/[\r\n]/)
      const { type, params } = dispositionParams(header)
      expect(type).toBe('attachment')
      const filenames = params.filter(([n]) => n === 'filename')
      const extended = params.filter(([n]) => n === 'filename*')
      expect(
        params.map(([n]) => n),
        header,
      ).toEqual(['filename', 'filename*'])
      expect(filenames).toHaveLength(1)
      expect(extended).toHaveLength(1)
      // The ASCII fallback: one quoted string of printable ASCII, no quote or backslash inside.
      const fallback = filenames[0]![1]
      expect(fallback, header).toMatch(/^"[\x20-\x21\x23-\x5b\x5d-\x7e]+"$/)
      expect(fallback).toMatch(/\.pdf"$/)
      // The exact name, percent-encoded UTF-8 (RFC 8187).
      const value = extended[0]![1]
      expect(value, header).toMatch(/^UTF-8''[A-Za-z0-9!#$&+\-.^_`|~%]+$/)
      const decoded = decodeURIComponent(value.slice("UTF-8''".length))
      if (expected) expect(decoded).toBe(expected)
      expect(decoded).toMatch(/\.pdf$/)
      if (sent.startsWith('Begroting')) expect(fallback).toBe('"Begroting - Sint-Laureins.pdf"')
      if (sent === 'café.pdf') expect(fallback).toBe('"cafe.pdf"')
    })
  }

  test('a file asked for as loader data (`.data`) gets 404, never the file without its headers', async () => {
    const pdf = await uniquePdf('as-data')
    const reply = await uploadTo(NEW, { name: 'als-data.pdf', content: pdf }, title('as-data'))
    expect(reply.status).toBe(302)
    const documentId = reply.location!.split('/').pop()
    const versionId = one<{ id: string }>(
      'SELECT id FROM DocumentVersion WHERE documentId = ? AND number = 1',
      documentId,
    )!.id
    const download = downloadUrl({ url: reply.location! }, versionId)
    expect((await fetchBytes(download, knokke)).status).toBe(200)
    const project = one<{ id: string }>(
      "SELECT p.id FROM Project p JOIN Network n ON n.id = p.networkId WHERE n.slug = 'gos' LIMIT 1",
    )!.id
    const csv = `/netwerken/gos/projecten/${project}/begroting.csv`
    expect((await send(csv, { session: knokke })).status).toBe(200)
    for (const url of [`${download}.data`, `${csv}.data`]) {
      const asData = await send(url, { session: knokke })
      expect(asData.status, url).toBe(404)
      expect(asData.body).not.toContain('%PDF')
    }
  })

  test('Chromium saves the downloads under the intended names', async ({ browser }) => {
    const context = await browser.newContext({ baseURL: baseURL() })
    const [name, value] = knokke.cookie.split(/=(.*)/s) as [string, string]
    await context.addCookies([{ name, value, url: baseURL() }])
    const page = await context.newPage()
    for (const { sent, expected } of names.filter((n) => n.expected)) {
      const document = await uploadDocument(
        knokke,
        NETWORK,
        { title: title('chromium') },
        { name: sent, content: await uniquePdf('chromium'), type: 'application/pdf' },
      )
      await page.goto(document.url)
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /^Downloaden:/ }).click(),
      ])
      expect(download.suggestedFilename()).toBe(expected)
      await download.cancel()
    }
    await context.close()
  })

  test('an uploaded PNG viewed inline keeps the sandbox; other kinds are never inline', async () => {
    const png = await uploadDocument(
      knokke,
      NETWORK,
      { title: title('png') },
      { name: 'plattegrond.png', content: tinyPng, type: 'image/png' },
    )
    const inline = await fetchBytes(`${downloadUrl(png, png.versionId)}?weergave=inline`, knokke)
    expect(inline.status).toBe(200)
    expect(inline.headers.get('content-type')).toBe('image/png')
    expect(inline.headers.get('content-disposition')).toMatch(
      /^inline; filename="plattegrond\.png"/,
    )
    const csp = inline.headers.get('content-security-policy') ?? ''
    const directives = csp.split(';').map((d) => d.trim())
    expect(directives).toContain("default-src 'none'")
    expect(directives).toContain('sandbox')
    expect(csp).not.toMatch(/script-src|'unsafe-eval'/)
    expect(inline.headers.get('x-content-type-options')).toBe('nosniff')
    expect(inline.headers.get('cache-control')).toBe('private, no-store')
    expect(Buffer.compare(inline.bytes, Buffer.from(tinyPng))).toBe(0)

    const attached = await fetchBytes(downloadUrl(png, png.versionId), knokke)
    expect(attached.headers.get('content-disposition')).toMatch(/^attachment;/)

    const text = await uploadDocument(knokke, NETWORK, { title: title('txt-inline') })
    const notInline = await fetchBytes(
      `${downloadUrl(text, text.versionId)}?weergave=inline`,
      knokke,
    )
    expect(notInline.status).toBe(200)
    expect(notInline.headers.get('content-disposition')).toMatch(/^attachment;/)
    expect(notInline.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox")
  })
})

test.describe('archives are unpacked only within a budget (item 21)', () => {
  function textStatus(versionId: string): string | undefined {
    return one<{ textStatus: string }>(
      'SELECT textStatus FROM DocumentVersion WHERE id = ?',
      versionId,
    )?.textStatus
  }

  test('zip bombs in DOCX and ODT are accepted as files but never inflated: text extraction fails safely', async () => {
    test.slow()
    const bombs: { label: string; name: string; content: Uint8Array }[] = [
      {
        label: 'many large entries',
        name: 'bom.docx',
        content: zipBomb({ format: 'docx', entries: 40, entryBytes: 8 * MiB }),
      },
      {
        label: 'headers that lie about the size',
        name: 'leugen.docx',
        content: zipBomb({
          format: 'docx',
          entries: 1,
          entryBytes: 80 * MiB,
          declaredEntryBytes: 1000,
        }),
      },
      {
        label: 'an ODT bomb',
        name: 'bom.odt',
        content: zipBomb({ format: 'odt', entries: 3, entryBytes: 60 * MiB }),
      },
    ]
    const uploaded = []
    for (const bomb of bombs) {
      expect(bomb.content.length, `${bomb.label} stays small on disk`).toBeLessThan(2 * MiB)
      const document = await uploadDocument(
        knokke,
        NETWORK,
        { title: title(`zip ${bomb.label}`) },
        { name: bomb.name, content: bomb.content },
      )
      uploaded.push({ ...bomb, document })
    }
    for (const { label, document } of uploaded) {
      await expect
        .poll(() => textStatus(document.versionId), { message: label, timeout: 30_000 })
        .toBe('failed')
    }
    // The server is fine and the queue keeps working: an honest DOCX after the bombs is read.
    expect((await send('/healthz')).status).toBe(200)
    const word = `grensbrug${unique()}`
    const honest = await uploadDocument(
      knokke,
      NETWORK,
      { title: title('honest docx') },
      { name: 'eerlijk.docx', content: docxWithText([`Het woord ${word} staat hierin.`]) },
    )
    await expect.poll(() => textStatus(honest.versionId), { timeout: 30_000 }).toBe('done')
    const page = await send(uploaded[0]!.document.url, { session: knokke })
    expect(visibleText(page.body)).toContain('inhoud niet leesbaar')
  })
})

test.describe('cross-site uploads (item 13)', () => {
  test('a POST with Origin evil to each upload URL gets 403 and writes nothing', async () => {
    const existing = await uploadDocument(knokke, NETWORK, { title: title('cross-site target') })
    const urls = [
      NEW,
      NEW_JSON,
      `${existing.url}/nieuwe-versie`,
      `${existing.url}/nieuwe-versie.json`,
    ]
    for (const url of urls) {
      for (const [headers, noOrigin] of [
        [{ Origin: 'https://evil.example' }, false],
        [{ 'Sec-Fetch-Site': 'cross-site' }, true],
      ] as const) {
        const documentTitle = title('cross-site')
        const pdf = await uniquePdf('cross-site')
        const reply = await uploadTo(url, { name: 'overname.pdf', content: pdf }, documentTitle, {
          headers,
          noOrigin,
        })
        expect(reply.status, url).toBe(403)
        expectNothingWritten(documentTitle, pdf)
      }
    }
    const versions = all('SELECT id FROM DocumentVersion WHERE documentId = ?', existing.id)
    expect(versions).toHaveLength(1)
  })
})
