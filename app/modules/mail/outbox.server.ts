/*
 * The mail outbox: every mail Zwin sends is first a row (OutboxMail), written in the transaction of the
 * change that causes it, and sent afterwards by the sender below, in the server or by
 * `npm run notifications:send`. Why it is sent exactly once, also when the server is killed while it
 * sends, and the one window that remains: docs/decisions/0015-mail-outbox.md.
 */
import { createHash } from 'node:crypto'
import { getConfig } from '../config/config.server'
import { db, isPostgres } from '../db/db.server'
import type { Prisma } from '../db/generated/client'
import { log } from '../observability/logger.server'
import { requestContext } from '../observability/request-context.server'
import { openMailer, type MailSettings, type OutgoingMail } from './mail.server'

type Tx = Prisma.TransactionClient

/** What a caller queues: the mail without its recipient (given beside it), and its idempotency key. */
export type QueuedMailInput = {
  /**
   * The idempotency key: queuing the same key again does nothing. It names the change, so that a retry
   * of the same change is the same mail and a new change a new one (`invitation:<meeting>:<person>:<sequence>`).
   */
  key: string
  to: string
  /** For the administrator's overview: invitation | meeting_change | minutes_round | account | … */
  category: string
  mail: Omit<OutgoingMail, 'to' | 'messageId'> & { to?: string }
}

/** The composed mail as the row keeps it (attachments base64). */
type StoredMessage = {
  subject: string
  text: string
  html?: string
  replyTo?: string
  headers?: Record<string, string>
  attachments?: { filename: string; contentType: string; content: string }[]
}

/** Attempts before a mail is given up (failed, shown on /beheer/mails). */
export const MAX_MAIL_ATTEMPTS = 6
/** The wait after the 1st, 2nd, … failed attempt. */
const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000]
/**
 * A claimed row's runAfter is set this far ahead: a row still `sending` after that belongs to a process
 * that was killed (another process than the server, say `npm run notifications:send`). Far beyond what
 * one send may take (mail.server.ts: 10 s to connect, 10 s for the greeting, 30 s of silence at most).
 */
const LEASE_MS = 15 * 60_000
/** Mails sent at the same time: a network of a few dozen people goes out quickly, gently on SMTP. */
const PARALLEL = 4
const BATCH = 50

/**
 * Queues a mail in the caller's transaction: it exists exactly when the change that causes it does. The
 * same key queued again is a no-op (not an error). The server's sender is asked to look shortly after.
 */
export async function queueMail(tx: Tx, input: QueuedMailInput): Promise<void> {
  const { mail } = input
  const message: StoredMessage = {
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    replyTo: mail.replyTo,
    headers: mail.headers,
    attachments: mail.attachments?.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: Buffer.from(a.content).toString('base64'),
    })),
  }
  await tx.outboxMail.upsert({
    where: { key: input.key },
    create: {
      key: input.key,
      to: input.to,
      category: input.category,
      message: JSON.stringify(message),
    },
    update: {},
  })
  kickSoon()
}

/**
 * The Message-ID of the mail with this key: the same at every attempt, so that a receiver (or a person's
 * mail program) that got it twice can tell it is one mail. A hash: the key names people and meetings.
 */
export function messageIdFor(key: string, origin = getConfig().publicOrigin): string {
  const digest = createHash('sha256').update(key).digest('hex').slice(0, 32)
  let host = 'zwin.invalid'
  try {
    host = new URL(origin).hostname || host
  } catch {
    // keep the placeholder
  }
  return `<${digest}@${host}>`
}

export type OutboxRun = { sent: number; retrying: number; failed: number }

/**
 * Sends every mail due at `now`: claims a row (queued → sending, in a conditional update, so no two
 * senders take the same row), sends it, and marks it sent at once. A failure puts it back with a longer
 * wait, or gives it up after MAX_MAIL_ATTEMPTS. Each row is tried at most once per run.
 */
export async function sendDueMails(
  now = new Date(),
  options: { settings?: MailSettings; shouldStop?: () => boolean } = {},
): Promise<OutboxRun> {
  const run: OutboxRun = { sent: 0, retrying: 0, failed: 0 }
  const stop = options.shouldStop ?? (() => false)
  // Each due row is looked at once per run, walking them in (createdAt, id) order: a row whose claim
  // went to another sender stays due, and must not be read again and again. (An id list of the rows
  // tried grew past SQLite's parameter limit in a morning of a thousand reminders.)
  let after: { createdAt: Date; id: string } | undefined
  const config = getConfig()
  let mailer: Awaited<ReturnType<typeof openMailer>> | undefined
  try {
    while (!stop()) {
      const due = await db.outboxMail.findMany({
        where: {
          runAfter: { lte: now },
          // A row still `sending` after its lease was cut off (LEASE_MS).
          status: { in: ['queued', 'sending'] },
          ...(after && {
            OR: [
              { createdAt: { gt: after.createdAt } },
              { createdAt: after.createdAt, id: { gt: after.id } },
            ],
          }),
        },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: BATCH,
        select: { id: true, createdAt: true },
      })
      if (due.length === 0) break
      after = due[due.length - 1]
      mailer ??= await openMailer(options.settings ?? config, { connections: PARALLEL })
      const queue = due.map((row) => row.id)
      const worker = async () => {
        for (let id = queue.shift(); id && !stop(); id = queue.shift()) {
          const outcome = await sendOne(id, now, mailer!, config.publicOrigin)
          if (outcome) run[outcome]++
        }
      }
      await Promise.all(Array.from({ length: PARALLEL }, worker))
    }
  } finally {
    mailer?.close()
  }
  return run
}

async function sendOne(
  id: string,
  now: Date,
  mailer: Awaited<ReturnType<typeof openMailer>>,
  origin: string,
): Promise<keyof OutboxRun | undefined> {
  const row = await db.outboxMail.findUnique({ where: { id } })
  if (!row || !(row.status === 'queued' || row.status === 'sending') || row.runAfter > now) return
  // Conditional on what was read: of two senders, one claims it.
  const claimed = await db.outboxMail.updateMany({
    where: { id, status: row.status, attempts: row.attempts },
    data: {
      status: 'sending',
      attempts: { increment: 1 },
      runAfter: new Date(now.getTime() + LEASE_MS),
    },
  })
  if (claimed.count !== 1) return
  const attempts = row.attempts + 1
  let message: StoredMessage
  try {
    message = JSON.parse(row.message) as StoredMessage
  } catch {
    await giveUp(id, 'The stored mail could not be read')
    return 'failed'
  }
  try {
    await mailer.send({
      to: row.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      replyTo: message.replyTo,
      headers: message.headers,
      messageId: messageIdFor(row.key, origin),
      attachments: message.attachments?.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: Buffer.from(a.content, 'base64'),
      })),
    })
  } catch (error) {
    const final = attempts >= MAX_MAIL_ATTEMPTS
    const reason = withoutAddresses(error).slice(0, 1000)
    await db.outboxMail.update({
      where: { id },
      data: final
        ? { status: 'failed', lastError: reason }
        : {
            status: 'queued',
            lastError: reason,
            runAfter: new Date(
              now.getTime() + BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1]!,
            ),
          },
    })
    log.warn(
      { mailId: id, category: row.category, attempts, final },
      `A mail could not be sent: ${reason}`,
    )
    return final ? 'failed' : 'retrying'
  }
  // Nothing between the server's 250 and this write: it is the one window in which a kill sends the
  // mail twice (docs/decisions/0015-mail-outbox.md).
  await db.outboxMail.update({
    where: { id },
    data: { status: 'sent', sentAt: new Date(), lastError: null },
  })
  return 'sent'
}

async function giveUp(id: string, reason: string) {
  await db.outboxMail.update({ where: { id }, data: { status: 'failed', lastError: reason } })
}

/** Neither the log nor the administrator's page should become a list of addresses. */
export function withoutAddresses(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.replace(/[^\s<>"',;:()[\]]+@[^\s<>"',;:()[\]]+/g, '[address]')
}

// The server's sender: a tick every few seconds, and a kick shortly after a mail was queued.

let timer: NodeJS.Timeout | undefined
let running: Promise<unknown> = Promise.resolve()
let pending = false
/** Set when the server stops: the sender claims no other mail and finishes those it has. */
let stopping = false

/**
 * Asks the sender to look now. Runs coalesce: a kick while a run is under way or waiting adds nothing.
 * `tick`: the scheduled run, which also composes what is due (notifications/send.server.ts).
 */
export function kickMailOutbox(): void {
  if (!timer || pending) return
  pending = true
  // Outside the request that kicked it: the sender's log lines are not that request's.
  requestContext.exit(() => {
    running = running
      .then(async () => {
        pending = false
        if (stopping) return
        await sendDueMails(new Date(), { shouldStop: () => stopping })
      })
      .catch((error: unknown) => {
        log.error({ err: error }, 'The mail outbox failed')
      })
  })
}

/**
 * After a queueMail: the transaction that queued it has usually committed a moment later. Should it
 * take longer, the next tick sends it.
 */
function kickSoon() {
  if (!timer) return
  setTimeout(kickMailOutbox, 200).unref()
}

/**
 * Starts the server's sender. On SQLite (one server) a row found `sending` was cut off by a stop of the
 * server before the receiving server's 250 (and a message without its 250 is discarded there, RFC 5321
 * §4.1.1.4): it is queued again, with its attempt counted. On PostgreSQL another instance may be sending
 * it right now, so it is left to its lease (LEASE_MS), after which any sender takes it. Then it looks
 * every `intervalMs`.
 */
export async function startMailOutbox(
  intervalMs = 5_000,
  tick: (shouldStop: () => boolean) => Promise<unknown> = (shouldStop) =>
    sendDueMails(new Date(), { shouldStop }),
): Promise<void> {
  const cutOff = await db.outboxMail.updateMany({
    where: { status: 'sending', ...(isPostgres(db) && { runAfter: { lte: new Date() } }) },
    data: { status: 'queued', runAfter: new Date() },
  })
  if (cutOff.count > 0) log.info(`${cutOff.count} mail(s) cut off by a stop are sent again`)
  if (timer) return
  stopping = false
  timer = setInterval(() => {
    requestContext.exit(() => {
      running = running
        .then(() => (stopping ? undefined : tick(() => stopping)))
        .catch((error: unknown) => log.error({ err: error }, 'The mail outbox failed'))
    })
  }, intervalMs)
  timer.unref()
  kickMailOutbox()
}

/**
 * Stops the sender at a safe point: no mail is claimed any more, and those under way may finish within
 * `graceMs`. One still under way after that stays `sending`: it is sent again at the next start (SQLite),
 * or by any instance once its lease has run out (PostgreSQL).
 */
export async function stopMailOutbox(graceMs = 0): Promise<void> {
  if (timer) clearInterval(timer)
  timer = undefined
  stopping = true
  let waited: NodeJS.Timeout | undefined
  await Promise.race([running, new Promise((resolve) => (waited = setTimeout(resolve, graceMs)))])
  clearTimeout(waited)
}

// For the administrator (/beheer/mails).

/** Mails that failed or wait for another try, newest first. */
export function mailsNeedingAttention() {
  return db.outboxMail.findMany({
    where: {
      // Not a mail on its first try right now: only those that failed at least once.
      OR: [
        { status: 'failed' },
        { status: 'queued', attempts: { gt: 0 } },
        { status: 'sending', attempts: { gt: 1 } },
      ],
    },
    orderBy: { createdAt: 'desc' },
    take: 200,
    select: {
      id: true,
      to: true,
      category: true,
      status: true,
      attempts: true,
      runAfter: true,
      lastError: true,
      createdAt: true,
      message: true,
    },
  })
}

/**
 * Queues a failed mail again, due now; it gets one more attempt (its attempts stay counted, so another
 * failure gives it up at once). False when it was not failed (tried again meanwhile).
 */
export async function retryFailedMail(id: string, tx: Tx = db): Promise<boolean> {
  const { count } = await tx.outboxMail.updateMany({
    where: { id, status: 'failed' },
    data: { status: 'queued', runAfter: new Date() },
  })
  if (count === 1) kickSoon()
  return count === 1
}
