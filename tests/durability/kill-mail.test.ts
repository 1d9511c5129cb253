/**
 * The mail outbox (issue 14, item 5; docs/decisions/0015-mail-outbox.md): the server is killed
 * (SIGKILL, as `kill -9`) while it sends, and after a restart every queued mail has arrived exactly
 * once. A real SMTP listener receives each message whole but holds its reply to the end of DATA (the
 * 250) until the test has killed the server: those messages were never accepted, and a real mail server
 * discards them (RFC 5321 §4.1.1.4). The restarted server finds them `sending` and sends them again.
 * Arrivals are counted by Message-ID, which the outbox derives from each mail's key.
 *
 *   npm run build && npx vitest run --config tests/setup/vitest.server.config.ts tests/durability/kill-mail.test.ts
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import Database from 'better-sqlite3'
import { SMTPServer } from 'smtp-server'
import { afterAll, describe, expect, it } from 'vitest'
import {
  prepareDataDir,
  request,
  root,
  startServer,
  type RunningServer,
} from '../setup/server-process'

// Demo accounts of organisations that use Zwin passwords: each may ask for a reset link.
const PEOPLE = [
  'lid.sluis@example.org',
  'lid.knokke-heist@example.org',
  'coordinator.gos@example.org',
  'lid.dewolden@example.org',
  'coordinator.zvl@example.org',
  'lid.terneuzen@example.org',
]

type Arrival = { messageId: string; to: string[] }

/** An SMTP listener that holds the 250 after DATA while `holding`, and records what it accepted. */
function holdingListener() {
  const accepted: Arrival[] = []
  /** Received whole, never answered: the sender was killed before our 250. */
  const unanswered: Arrival[] = []
  let holding = true
  let url: string | undefined
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        const arrival = {
          messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? '(none)',
          to: session.envelope.rcptTo.map((r) => r.address),
        }
        if (holding) {
          // No callback: the client waits for the reply to DATA until it is killed.
          unanswered.push(arrival)
          return
        }
        accepted.push(arrival)
        callback()
      })
    },
  })
  return {
    accepted,
    unanswered,
    release() {
      holding = false
    },
    /** Listens (once) and returns the SMTP_URL to reach it. */
    async start(): Promise<string> {
      if (url) return url
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
      url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`
      return url
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

type Row = { key: string; status: string; attempts: number }

function outboxRows(dataDir: string): Row[] {
  const db = new Database(path.join(dataDir, 'zwin.sqlite'), { readonly: true })
  try {
    return db.prepare('SELECT key, status, attempts FROM OutboxMail ORDER BY key').all() as Row[]
  } finally {
    db.close()
  }
}

/** outbox.server.ts, messageIdFor: the key's SHA-256, at the public origin's host (localhost here). */
const messageIdFor = (key: string) =>
  `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@localhost>`

async function until(what: string, check: () => boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs / 1000} s for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

const servers = new Set<RunningServer>()
const dataDirs: string[] = []
const smtp = holdingListener()

afterAll(async () => {
  for (const server of servers) await server.kill()
  await smtp.stop()
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true })
})

describe('kill -9 while mail is being sent', () => {
  it('sends every queued mail exactly once after a restart', async () => {
    const smtpUrl = await smtp.start()
    const dataDir = await prepareDataDir()
    const start = async () => {
      const server = await startServer(dataDir, { env: { SMTP_URL: smtpUrl } })
      servers.add(server)
      return server
    }
    const before = outboxRows(dataDir).length

    const first = await start()
    // Anyone may ask for a reset link (/wachtwoord-vergeten): each queues one mail with its change.
    for (const email of PEOPLE) {
      const answer = await request(first.port, '/wachtwoord-vergeten', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: first.origin },
        body: new URLSearchParams({ email }).toString(),
      })
      expect(answer.status, answer.body.slice(0, 300)).toBe(200)
    }
    await until('the queued mails', () => outboxRows(dataDir).length >= before + PEOPLE.length)
    // The sender sends several at once: kill it while the listener holds the 250 of at least one.
    await until('a message waiting for its 250', () => smtp.unanswered.length > 0)
    await new Promise((resolve) => setTimeout(resolve, 300))
    await first.kill()
    expect(smtp.accepted).toEqual([])

    const cutOff = outboxRows(dataDir)
    expect(cutOff.filter((row) => row.status === 'sending').length).toBeGreaterThan(0)
    expect(cutOff.filter((row) => row.status === 'sent')).toEqual([])

    smtp.release()
    const second = await start()
    await until('every mail sent', () => outboxRows(dataDir).every((row) => row.status === 'sent'))
    await second.stop()

    const rows = outboxRows(dataDir)
    expect(rows.length).toBe(before + PEOPLE.length)
    const arrived = smtp.accepted.map((a) => a.messageId).sort()
    // Exactly one complete, accepted mail per queued mail: none lost, none twice.
    expect(arrived).toEqual(rows.map((row) => messageIdFor(row.key)).sort())
    expect(new Set(arrived).size).toBe(rows.length)
    expect(smtp.accepted.flatMap((a) => a.to).sort()).toEqual(
      expect.arrayContaining([...PEOPLE].sort()),
    )
    // The ones cut off were sent again with the same Message-ID.
    for (const held of smtp.unanswered) expect(arrived).toContain(held.messageId)
    dataDirs.push(dataDir)
  })
})

/** As prisma/schema.prisma's DateTime columns hold a time in SQLite here (db.server.ts, sqlTimestamp). */
const stamp = (date: Date) => date.toISOString().replace('Z', '+00:00')

describe('npm run notifications:send', () => {
  it('sends what is due now from the built runtime, and says how many', async () => {
    const smtpUrl = await smtp.start()
    const dataDir = await prepareDataDir()
    const db = new Database(path.join(dataDir, 'zwin.sqlite'))
    const insert = db.prepare(
      `INSERT INTO OutboxMail (id, key, "to", category, message, status, attempts, runAfter, createdAt, updatedAt)
       VALUES (?, ?, ?, 'account', ?, 'queued', 0, ?, ?, ?)`,
    )
    const now = new Date()
    const due = new Date(now.getTime() - 60_000)
    const later = new Date(now.getTime() + 3_600_000)
    for (const [n, runAfter] of [due, due, due, later].entries()) {
      const message = JSON.stringify({ subject: `Bericht ${n}`, text: `Tekst ${n}` })
      insert.run(
        `mail${n}`,
        `command:${n}`,
        `persoon${n}@example.org`,
        message,
        stamp(runAfter),
        stamp(due),
        stamp(due),
      )
    }
    db.close()
    smtp.release()
    const before = smtp.accepted.length

    const child = spawn(process.execPath, ['scripts/built.js', 'notifications-send'], {
      cwd: root,
      env: {
        ...process.env,
        ZWIN_DATA_DIR: dataDir,
        SMTP_URL: smtpUrl,
        PUBLIC_ORIGIN: 'http://localhost:3000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    expect(output).toContain('Mails sent: 3; to be tried again: 0; failed: 0')
    expect(code, output).toBe(0)
    const arrived = smtp.accepted
      .slice(before)
      .map((a) => a.messageId)
      .sort()
    expect(arrived).toEqual([0, 1, 2].map((n) => messageIdFor(`command:${n}`)).sort())
    expect(outboxRows(dataDir).map((row) => row.status)).toEqual(['sent', 'sent', 'sent', 'queued'])
    dataDirs.push(dataDir)
  })
})
