/**
 * A real SMTP listener for tests that send mail through the app's mail module: it keeps every mail it
 * receives (envelope recipients and raw message) and can refuse chosen addresses with a 550, as a mail
 * server refuses an unknown mailbox.
 *
 * ```ts
 * const smtp = smtpListener()
 * beforeAll(async () => {
 *   await smtp.start() // sets SMTP_URL: call it before anything reads the configuration
 *   t = await createTestDatabase()
 * })
 * afterAll(() => smtp.stop())
 * afterEach(() => smtp.clear())
 * ```
 */
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

export type ReceivedMail = { to: string[]; raw: string }

/** The Message-ID header of a received mail (the outbox derives it from the mail's key). */
export function messageIdOf(mail: ReceivedMail): string | undefined {
  return /^Message-ID:\s*(<[^>]+>)/im.exec(mail.raw)?.[1]
}

export function smtpListener() {
  const received: ReceivedMail[] = []
  const refused = new Set<string>()
  // Messages still to answer with a 451 (a mail server that is busy), counted down.
  let busy = 0
  // While held, a received message is not acknowledged: the sender waits, as on a slow mail server.
  let held: Promise<void> | null = null
  let release = () => {}
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onRcptTo(address, _session, callback) {
      if (!refused.has(address.address)) return callback()
      callback(
        Object.assign(new Error(`Mailbox ${address.address} unavailable`), { responseCode: 550 }),
      )
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        if (busy > 0) {
          busy--
          return callback(
            Object.assign(new Error('Too busy, try again later'), { responseCode: 451 }),
          )
        }
        void (held ?? Promise.resolve()).then(() => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          })
          callback()
        })
      })
    },
  })
  return {
    /** Every mail received since the last clear(), oldest first. */
    received,
    /** Addresses the listener answers with 550 (kept until removed). */
    refused,
    async start() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
      // Read once by getConfig(): so the mail module talks to this listener.
      process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`
    },
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      delete process.env.SMTP_URL
    },
    /** Holds every message until the returned function is called (for mail sent off the request path). */
    hold(): () => void {
      held ??= new Promise<void>((resolve) => {
        release = () => {
          held = null
          resolve()
        }
      })
      return () => release()
    },
    /** Answers the next `count` messages with 451 (try again later), after receiving them whole. */
    refuseNext(count: number) {
      busy = count
    },
    /**
     * Sends what the outbox holds (app/modules/mail/outbox.server.ts) to this listener, as the server's
     * sender would, and returns every mail received since the last clear().
     */
    async deliver(now = new Date()): Promise<ReceivedMail[]> {
      const { sendDueMails } = await import('../../app/modules/mail/outbox.server')
      await sendDueMails(now)
      return received
    },
    /** Forgets the mails received and the refused addresses (between tests). */
    clear() {
      received.length = 0
      refused.clear()
      busy = 0
    },
  }
}
