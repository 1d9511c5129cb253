/**
 * Hostile transport against the real production server (docs/security.md, "Hostile transport"): bodies
 * that never end, that are far too large whatever their framing, that come one byte at a time, headers
 * that never end, legacy `?_data=` requests. Each was found by an attacker's review; before the fix a
 * truncated multipart body stopped the whole server. The server runs as its own process here, so a test
 * that kills it harms no other test.
 *
 *   npm run build && npm run test:server
 */
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../prisma/demo-logins'
import {
  prepareDataDir,
  request,
  signIn,
  startServer,
  type RunningServer,
} from '../setup/server-process'
import { postTruncatedUpload, truncatedUpload } from '../setup/hostile-bodies'

const MEMBER = 'lid.knokke-heist@example.org'
const MiB = 1024 * 1024
// Short, so that a test of an endlessly slow body does not wait the production default.
const BODY_TIMEOUT_SECONDS = 2

let dataDir = ''
let server: RunningServer
let cookie = ''

beforeAll(async () => {
  dataDir = await prepareDataDir()
  server = await startServer(dataDir, {
    env: { REQUEST_BODY_TIMEOUT_SECONDS: String(BODY_TIMEOUT_SECONDS) },
  })
  cookie = await signIn(server, MEMBER, DEMO_PASSWORD)
})

afterAll(async () => {
  await server?.stop()
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
})

async function expectAlive() {
  expect(server.alive(), `the server exited:\n${server.output()}`).toBe(true)
  expect((await request(server.port, '/healthz')).status).toBe(200)
}

function tempFiles(): string[] {
  const tmp = path.join(dataDir, 'files', 'tmp')
  return fs.existsSync(tmp) ? fs.readdirSync(tmp) : []
}

type RawAnswer = { status: number; headers: http.IncomingHttpHeaders; body: string }

/**
 * Sends `head` and then writes `chunk` again and again (chunked: no Content-Length) until the server
 * answers or closes, at most `totalBytes`. Returns the answer (if any) and how many body bytes the
 * client managed to hand to its socket: when the server stops reading, the writes stall.
 */
function flood(
  target: string,
  headers: Record<string, string>,
  totalBytes: number,
): Promise<{ answer: RawAnswer | null; written: number }> {
  return new Promise((resolve) => {
    let written = 0
    let answer: RawAnswer | null = null
    let done = false
    const finish = () => {
      if (done) return
      done = true
      req.destroy()
      resolve({ answer, written })
    }
    const req = http.request({
      host: '127.0.0.1',
      port: server.port,
      path: target,
      method: 'POST',
      agent: false,
      headers: { Host: `localhost:${server.port}`, Origin: server.origin, ...headers },
    })
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        answer = {
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }
        finish()
      })
      res.on('error', finish)
    })
    req.on('error', finish)
    req.on('close', () => setTimeout(finish, 200))
    const chunk = Buffer.alloc(64 * 1024, 'a')
    const pump = () => {
      while (!done && written < totalBytes) {
        written += chunk.length
        if (!req.write(chunk)) {
          req.once('drain', pump)
          return
        }
      }
      if (!done && written >= totalBytes) req.end()
    }
    pump()
    // A server that stops reading without answering would leave the writes stalled forever.
    setTimeout(finish, 30_000)
  })
}

describe('a multipart body cut off before its closing boundary', () => {
  for (const target of [
    '/netwerken/gos/documenten/nieuw',
    '/netwerken/gos/documenten/nieuw.json',
  ]) {
    it(`to ${target} gets 400 with Connection: close, three times, and the server keeps serving`, async () => {
      for (let attempt = 1; attempt <= 3; attempt++) {
        const answer = await postTruncatedUpload(server, cookie, target)
        expect(answer.status, `attempt ${attempt}: ${answer.body.slice(0, 200)}`).toBe(400)
        expect(answer.headers.connection).toBe('close')
        await expectAlive()
      }
      expect(tempFiles()).toEqual([])
    })
  }

  it('ten at once leave the server answering and no temp file behind', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => postTruncatedUpload(server, cookie)),
    )
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(400))
    await expectAlive()
    expect(tempFiles()).toEqual([])
  })

  it('a client that disconnects in the middle of the file leaves no temp file and a live server', async () => {
    await new Promise<void>((resolve) => {
      const socket = net.connect(server.port, '127.0.0.1', () => {
        const body = Buffer.concat([truncatedUpload(), Buffer.alloc(256 * 1024, 'b')])
        socket.write(
          `POST /netwerken/gos/documenten/nieuw HTTP/1.1\r\nHost: localhost:${server.port}\r\n` +
            `Origin: ${server.origin}\r\nCookie: ${cookie}\r\n` +
            `Content-Type: multipart/form-data; boundary=XB\r\nContent-Length: ${10 * MiB}\r\n\r\n`,
        )
        socket.write(body, () => setTimeout(() => socket.destroy(), 300))
      })
      socket.on('error', () => undefined)
      socket.on('close', () => resolve())
    })
    await expectAlive()
    // The server notices the closed connection and removes what it had received.
    for (let wait = 0; wait < 20 && tempFiles().length > 0; wait++) {
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(tempFiles()).toEqual([])
  })
})

describe('body limits count the bytes that arrive, whatever the framing', () => {
  it('a chunked 100 MB POST to /login is refused with 413 long before it is read', async () => {
    const { answer, written } = await flood(
      '/login',
      { 'Content-Type': 'application/x-www-form-urlencoded', 'Transfer-Encoding': 'chunked' },
      100 * MiB,
    )
    expect(answer?.status).toBe(413)
    expect(answer?.headers.connection).toBe('close')
    expect(answer?.body).toContain('Te veel gegevens')
    // The socket buffers of both ends hold a few MB at most; the server read about 1 MB.
    expect(written).toBeLessThan(24 * MiB)
    await expectAlive()
  })

  it('a multipart body to a page that takes no upload is refused before it is read', async () => {
    const { answer, written } = await flood(
      '/login',
      { 'Content-Type': 'multipart/form-data; boundary=XB', 'Transfer-Encoding': 'chunked' },
      100 * MiB,
    )
    expect(answer?.status).toBe(415)
    expect(answer?.headers.connection).toBe('close')
    expect(written).toBeLessThan(24 * MiB)
    await expectAlive()
  })

  it('a multipart body to an upload page without a session is sent to sign in, unread', async () => {
    const { answer, written } = await flood(
      '/netwerken/gos/documenten/nieuw',
      { 'Content-Type': 'multipart/form-data; boundary=XB', 'Transfer-Encoding': 'chunked' },
      100 * MiB,
    )
    expect(answer?.status).toBe(302)
    expect(answer?.headers.location).toBe(
      `/login?redirectTo=${encodeURIComponent('/netwerken/gos/documenten/nieuw')}`,
    )
    expect(written).toBeLessThan(24 * MiB)
    await expectAlive()
  })

  it('an honest Content-Length over 1 MB is refused at once', async () => {
    const answer = await request(server.port, '/login', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': String(2 * MiB),
        Origin: server.origin,
      },
      body: async (req) => {
        req.write('email=a')
        await new Promise((r) => setTimeout(r, 500))
        req.destroy()
      },
    }).catch((error: unknown) => error)
    expect(answer).toMatchObject({ status: 413 })
    await expectAlive()
  })

  it('JSON, text or no declared type instead of a form gets 415 and reaches no page', async () => {
    for (const type of ['application/json', 'text/plain', '']) {
      const answer = await request(server.port, '/login', {
        method: 'POST',
        headers: { ...(type ? { 'Content-Type': type } : {}), Origin: server.origin },
        body: '{"email":"a@example.org","password":"x"}',
      })
      expect(answer.status, type).toBe(415)
      expect(answer.body).toContain('Dit kan Zwin niet lezen')
    }
    await expectAlive()
  })
})

describe('slow clients', () => {
  it('a body sent one byte a second gets a translated 408 with Connection: close', async () => {
    const answer = await request(server.port, '/login', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': '1000',
        Origin: server.origin,
        'Accept-Language': 'nl-BE',
      },
      body: async (req) => {
        for (let sent = 0; sent < 1000 && !req.destroyed; sent++) {
          req.write('a')
          await new Promise((r) => setTimeout(r, 1000))
        }
      },
    })
    expect(answer.status).toBe(408)
    expect(answer.headers.connection).toBe('close')
    expect(answer.body).toContain('Het versturen duurde te lang')
    await expectAlive()
  })

  it('an upload that stops arriving halfway gets a translated 408 and leaves no temp file', async () => {
    const answer = await request(server.port, '/netwerken/gos/documenten/nieuw', {
      method: 'POST',
      headers: {
        'Content-Type': 'multipart/form-data; boundary=XB',
        'Content-Length': String(MiB),
        Origin: server.origin,
        Cookie: cookie,
      },
      body: async (req) => {
        req.write(truncatedUpload())
        // Then nothing more, for longer than the body time-out.
      },
    })
    expect(answer.status).toBe(408)
    expect(answer.headers.connection).toBe('close')
    expect(answer.body).toContain('Het bestand kwam te langzaam binnen')
    await expectAlive()
    expect(tempFiles()).toEqual([])
  })

  it('headers that never end: the server closes the connection', async () => {
    const started = Date.now()
    const closedAfter = await new Promise<number>((resolve) => {
      const socket = net.connect(server.port, '127.0.0.1', () => {
        socket.write(`GET / HTTP/1.1\r\nHost: localhost:${server.port}\r\n`)
        const timer = setInterval(() => socket.write(`X-Slow-${Date.now()}: 1\r\n`), 1000)
        socket.on('close', () => {
          clearInterval(timer)
          resolve(Date.now() - started)
        })
      })
      socket.on('error', () => undefined)
    })
    // headersTimeout is 10 s, checked every second.
    expect(closedAfter).toBeLessThan(20_000)
    await expectAlive()
  }, 40_000)
})

describe('a download to a client that reads slowly', () => {
  it('is sent as the client takes it, not piled up in the server’s memory', async () => {
    // A 60 MB text file, uploaded as any member would.
    const content = Buffer.alloc(60 * MiB, 'Zwin grensoverleg notulen. ')
    const boundary = 'ZwinSlowDownload'
    const head = Buffer.from(
      [
        ['title', 'Groot tekstbestand'],
        ['description', ''],
        ['type', 'overig'],
        ['language', 'nl'],
        ['tags', ''],
        ['audience', 'network'],
      ]
        .map(
          ([name, value]) =>
            `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
        )
        .join('') +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="groot.txt"\r\nContent-Type: text/plain\r\n\r\n`,
    )
    const uploaded = await request(server.port, '/netwerken/gos/documenten/nieuw.json', {
      method: 'POST',
      headers: {
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        Origin: server.origin,
        Cookie: cookie,
        Accept: 'application/json',
      },
      body: async (req) => {
        req.write(head)
        req.write(content)
        req.end(`\r\n--${boundary}--\r\n`)
      },
    })
    expect(uploaded.status, uploaded.body).toBe(200)
    const documentPath = (JSON.parse(uploaded.body) as { redirectTo: string }).redirectTo
    const db = new Database(path.join(dataDir, 'zwin.sqlite'), { readonly: true })
    const version = db
      .prepare('SELECT id FROM DocumentVersion WHERE documentId = ?')
      .get(documentPath.split('/').at(-1)) as { id: string }
    // Its text extraction (a child process, then the index) would weigh on the server's memory too.
    const busy = db.prepare("SELECT count(*) AS n FROM Job WHERE status IN ('queued', 'running')")
    for (let wait = 0; wait < 300 && (busy.get() as { n: number }).n > 0; wait++) {
      await new Promise((r) => setTimeout(r, 100))
    }
    db.close()

    const rss = () =>
      Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1]) *
      1024
    const before = rss()
    let peak = before
    // The client takes its first bytes, then nothing for three seconds: a server that writes on
    // regardless holds the whole file in memory by then.
    await new Promise<void>((resolve) => {
      const socket = net.connect(server.port, '127.0.0.1', () => {
        socket.write(
          `GET ${documentPath}/versies/${version.id}/download HTTP/1.1\r\n` +
            `Host: localhost:${server.port}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`,
        )
      })
      socket.on('error', () => undefined)
      socket.once('data', (first: Buffer) => {
        expect(first.toString('latin1')).toMatch(/^HTTP\/1\.1 200/)
        socket.pause()
        const sampler = setInterval(() => (peak = Math.max(peak, rss())), 50)
        setTimeout(() => {
          clearInterval(sampler)
          socket.destroy()
          resolve()
        }, 3000)
      })
    })
    expect(peak - before).toBeLessThan(10 * MiB)
    await expectAlive()
  }, 60_000)
})

describe('answers to a signed-in user are not cached', () => {
  it('pages, their data and resource routes carry Cache-Control: private, no-store', async () => {
    const db = new Database(path.join(dataDir, 'zwin.sqlite'), { readonly: true })
    const meeting = db
      .prepare(
        "SELECT m.id FROM Meeting m JOIN Network n ON n.id = m.networkId WHERE n.slug = 'gos' AND m.status = 'published'",
      )
      .get() as { id: string }
    db.close()
    const calendar = `/netwerken/gos/vergaderingen/${meeting.id}/vergadering.ics`
    for (const target of [
      '/',
      '/_root.data',
      '/netwerken/gos',
      '/netwerken/gos.data',
      '/agenda',
      calendar,
    ]) {
      const answer = await request(server.port, target, { headers: { Cookie: cookie } })
      expect(answer.status, target).toBe(200)
      expect(answer.headers['cache-control'], target).toBe('private, no-store')
    }
  })

  it('hashed assets are public and immutable', async () => {
    const page = await request(server.port, '/login')
    const asset = /\/assets\/[^"]+\.js/.exec(page.body)?.[0]
    expect(asset).toBeTruthy()
    const answer = await request(server.port, asset!)
    expect(answer.status).toBe(200)
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable')
  })
})

describe('legacy ?_data= requests', () => {
  it('get 404 and their own request line in the log, without a stack trace', async () => {
    const before = server.output().length
    for (const target of [
      '/?_data=root',
      '/netwerken/gos?_data=routes%2Fnetwork',
      '/login?_data',
    ]) {
      const answer = await request(server.port, target, { headers: { Cookie: cookie } })
      expect(answer.status, target).toBe(404)
    }
    await new Promise((r) => setTimeout(r, 200))
    const logged = server.output().slice(before)
    expect(logged).not.toMatch(/^\s+at /m)
    // Each request's own record (status 404), and at most one line more for each.
    const lines = logged.split('\n').filter(Boolean)
    const statuses = lines
      .filter((line) => line.includes('"msg":"request"'))
      .map((line) => (JSON.parse(line) as { status: number }).status)
    expect(statuses.filter((status) => status === 404)).toHaveLength(3)
    expect(statuses.filter((status) => status >= 500)).toEqual([])
    expect(lines.length - statuses.length, lines.join('\n')).toBeLessThanOrEqual(3)
  })
})

/** Sends raw bytes on one connection and collects everything that comes back until it closes. */
function rawExchange(bytes: string, waitMs = 3000): Promise<{ text: string; closedAfter: number }> {
  return new Promise((resolve) => {
    const started = Date.now()
    const chunks: Buffer[] = []
    const socket = net.connect(server.port, '127.0.0.1', () => socket.write(bytes))
    const timer = setTimeout(() => socket.destroy(), waitMs)
    socket.on('data', (c: Buffer) => chunks.push(c))
    socket.on('error', () => undefined)
    socket.on('close', () => {
      clearTimeout(timer)
      resolve({ text: Buffer.concat(chunks).toString('latin1'), closedAfter: Date.now() - started })
    })
  })
}

/** The truncated upload as raw bytes of a signed-in POST to `target`. */
function rawTruncatedUpload(target: string): string {
  const body = truncatedUpload().toString('latin1')
  return (
    `POST ${target} HTTP/1.1\r\nHost: localhost:${server.port}\r\nOrigin: ${server.origin}\r\n` +
    `Cookie: ${cookie}\r\nContent-Type: multipart/form-data; boundary=XB\r\n` +
    `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`
  )
}

describe('found by the attack review', () => {
  const data = (sessionCookie: string, target: string) =>
    request(server.port, target, { headers: { Cookie: sessionCookie } })

  it('a resource route cannot be read as .data under another spelling of its path', async () => {
    const db = new Database(path.join(dataDir, 'zwin.sqlite'), { readonly: true })
    const meeting = db
      .prepare(
        "SELECT m.id FROM Meeting m JOIN Network n ON n.id = m.networkId WHERE n.slug = 'gos' AND m.status = 'published'",
      )
      .get() as { id: string }
    db.close()
    const ics = `/netwerken/gos/vergaderingen/${meeting.id}/vergadering.ics`
    for (const target of [
      `${ics}.data`,
      `${ics}/.data`,
      ics.replace('vergadering.ics', './vergadering.ics.data'),
      ics.replace('vergadering.ics', 'vergadering%2Eics.data'),
      ics.replace('/netwerken/', '/NETWERKEN/') + '.data',
    ]) {
      const answer = await rawExchange(
        `GET ${target} HTTP/1.1\r\nHost: localhost:${server.port}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`,
      )
      expect(answer.text.split('\r\n')[0], target).toBe('HTTP/1.1 404 Not Found')
      expect(answer.text, target).not.toContain('BEGIN:VCALENDAR')
    }
    expect((await data(cookie, ics)).status).toBe(200)
  })

  it('multipart reaches no page route under another spelling of an upload path', async () => {
    for (const target of [
      '/netwerken/gos/documenten/./nieuwe-versie',
      '/netwerken/gos/documenten/%6eieuwe-versie',
    ]) {
      const answer = await rawExchange(rawTruncatedUpload(target))
      expect(answer.text.split('\r\n')[0], target).toBe('HTTP/1.1 415 Unsupported Media Type')
    }
    // The upload route itself, spelled in capitals, is still the upload route.
    const capitals = await rawExchange(rawTruncatedUpload('/NETWERKEN/gos/documenten/nieuw'))
    expect(capitals.text.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request')
  })

  it('a GET with a body, or an answer given without reading the body, closes the connection soon', async () => {
    for (const head of [
      `GET /healthz HTTP/1.1\r\nHost: localhost:${server.port}\r\nContent-Length: 1000000\r\n\r\n`,
      `POST /login?_data=x HTTP/1.1\r\nHost: localhost:${server.port}\r\nOrigin: ${server.origin}\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000000\r\n\r\n`,
      `POST /netwerken/bestaat-niet/documenten/nieuw HTTP/1.1\r\nHost: localhost:${server.port}\r\n` +
        `Origin: ${server.origin}\r\nCookie: ${cookie}\r\nContent-Type: multipart/form-data; boundary=XB\r\n` +
        `Content-Length: 1000000\r\n\r\n`,
    ]) {
      const answer = await rawExchange(head, 8000)
      expect(answer.text, head).toMatch(/^HTTP\/1\.1 [45]\d\d /)
      expect(answer.text, head).not.toMatch(/^HTTP\/1\.1 5/)
      expect(answer.closedAfter, head).toBeLessThan(5000)
    }
  })

  it('a request sent behind a refused body on the same connection is never run', async () => {
    const guess = new URLSearchParams({
      email: 'pijplijn@example.org',
      password: 'x',
      redirectTo: '/',
    }).toString()
    const login =
      `POST /login HTTP/1.1\r\nHost: localhost:${server.port}\r\nOrigin: ${server.origin}\r\n` +
      `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${guess.length}\r\n\r\n${guess}`
    // Over the limit for a form: refused, and the rest of it read and thrown away.
    const tooLarge = 'a'.repeat(1200 * 1024)
    const refused =
      `POST /login HTTP/1.1\r\nHost: localhost:${server.port}\r\nOrigin: ${server.origin}\r\n` +
      `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${tooLarge.length}\r\n\r\n${tooLarge}`
    await rawExchange(refused + login + login, 3000)
    const db = new Database(path.join(dataDir, 'zwin.sqlite'), { readonly: true })
    const attempts = db
      .prepare("SELECT count(*) AS n FROM AuditEvent WHERE subject = 'pijplijn@example.org'")
      .get() as { n: number }
    db.close()
    expect(attempts.n).toBe(0)
  })

  it('odd requests get a 4xx, never a 500', async () => {
    const cases = [
      `GET /% HTTP/1.1\r\nHost: localhost:${server.port}\r\nConnection: close\r\n\r\n`,
      `GET /%E0%A4%A HTTP/1.1\r\nHost: localhost:${server.port}\r\nConnection: close\r\n\r\n`,
      `POST /login HTTP/1.1\r\nHost: localhost:${server.port}\r\nX-Forwarded-Host: evil.example\r\n` +
        `Origin: ${server.origin}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 15\r\n` +
        `Connection: close\r\n\r\nemail=a&passw=b`,
      `POST /login HTTP/1.1\r\nHost: elders.example\r\nOrigin: ${server.origin}\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 15\r\nConnection: close\r\n\r\nemail=a&passw=b`,
      ...['text/plain', 'application/json', 'multipart/form-data; boundary=XB'].map(
        (type) =>
          `POST /login HTTP/1.1\r\nHost: localhost:${server.port}\r\nOrigin: ${server.origin}\r\n` +
          `Content-Type: ${type}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      ),
      `TRACE /login HTTP/1.1\r\nHost: localhost:${server.port}\r\nConnection: close\r\n\r\n`,
    ]
    for (const raw of cases) {
      const answer = await rawExchange(raw)
      expect(answer.text, raw).toMatch(/^HTTP\/1\.1 4\d\d /)
    }
    await expectAlive()
  })

  it('a cross-site POST gets a translated 403 page', async () => {
    const answer = await request(server.port, '/login', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: 'https://evil.example',
        'Accept-Language': 'en',
      },
      body: 'email=a&password=b',
    })
    expect(answer.status).toBe(403)
    expect(answer.body).toContain('No access')
    expect(answer.headers['cache-control']).toContain('no-store')
  })

  it('anonymous form bodies are small: 64 kB is the most a form without a session may hold', async () => {
    const answer = await request(server.port, '/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.origin },
      body: `email=a%40example.org&password=${'x'.repeat(100 * 1024)}`,
    }).catch((error: unknown) => error)
    expect(answer).toMatchObject({ status: 413 })
    // A signed-in user may still send a larger form (a long description, say): it reaches the page.
    const profile = await request(server.port, '/profiel', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: server.origin,
        Cookie: cookie,
      },
      body: `intent=profile&name=${'x'.repeat(100 * 1024)}&locale=nl-NL`,
    })
    expect(profile.status).toBe(400)
  })

  it('forms that arrive slowly hold at most 64 MB together: beyond that, 503 with Retry-After', async () => {
    // Each chunked form of a signed-in user may grow to 1 MB, so each holds a 1 MB place while it
    // arrives. 64 such places are all there is.
    const head =
      `POST /profiel HTTP/1.1\r\nHost: localhost:${server.port}\r\nOrigin: ${server.origin}\r\n` +
      `Cookie: ${cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
      `Transfer-Encoding: chunked\r\n\r\n1\r\na\r\n`
    const answers = await Promise.all(Array.from({ length: 70 }, () => rawExchange(head, 6000)))
    const statuses = answers.map((a) => /^HTTP\/1\.1 (\d{3}) /.exec(a.text)?.[1])
    // Those that got a place run into the body time-out; the rest are told to come back.
    expect(statuses.filter((s) => s !== '408' && s !== '503')).toEqual([])
    expect(statuses.filter((s) => s === '408').length).toBeLessThanOrEqual(64)
    expect(statuses.filter((s) => s === '503').length).toBeGreaterThanOrEqual(6)
    const busy = answers.find((a) => a.text.startsWith('HTTP/1.1 503'))!
    expect(busy.text).toMatch(/Retry-After: 10/i)
    expect(busy.text).toContain('Even geduld')
    await expectAlive()
  })
})
