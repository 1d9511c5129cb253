import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { getConfig, type Config } from '../config/config.server'
import { log } from '../observability/logger.server'
import { metrics } from '../observability/metrics.server'

export {
  setPasswordMail,
  type MailLocale,
  type SetPasswordMailInput,
} from './set-password-mail.server'

/** A file sent with the mail, such as a meeting's `.ics`. */
export type MailAttachment = {
  filename: string
  content: string | Buffer
  /** The full Content-Type, parameters included (e.g. `text/calendar; charset=utf-8; method=PUBLISH`). */
  contentType: string
}

export type OutgoingMail = {
  to: string
  /** Where answers go instead of the portal's own (no-reply) sender address. */
  replyTo?: string
  subject: string
  text: string
  html?: string
  attachments?: MailAttachment[]
  /** Extra header lines (nodemailer `headers`), e.g. `List-Unsubscribe`. */
  headers?: Record<string, string>
  /**
   * The Message-ID, `<…@…>`; the outbox derives it from the mail's idempotency key, so a mail sent
   * again after a cut-off carries the same one (outbox.server.ts). Without it nodemailer makes one up.
   */
  messageId?: string
}

export type MailSettings = Pick<Config, 'smtpUrl' | 'mailDir' | 'mailFrom'>

export type MailReceipt =
  { via: 'smtp'; messageId: string } | { via: 'file'; messageId: string; file: string }

export class MailDeliveryError extends Error {
  override name = 'MailDeliveryError'
}

/** Sends a mail with the process configuration (SMTP when SMTP_URL is set, else an .eml file). */
export function sendMail(mail: OutgoingMail): Promise<MailReceipt> {
  return deliverMail(mail, getConfig())
}

/** Same as sendMail, with the settings passed in, so tests and scripts need not touch the cached config. */
export async function deliverMail(
  mail: OutgoingMail,
  settings: MailSettings,
): Promise<MailReceipt> {
  const via = settings.smtpUrl ? 'smtp' : 'file'
  try {
    const receipt = settings.smtpUrl
      ? await sendOverSmtp(mail, settings.smtpUrl, settings.mailFrom)
      : await saveToMailDir(mail, settings.mailDir, settings.mailFrom)
    metrics().mails.inc({ via, outcome: 'sent' })
    return receipt
  } catch (error) {
    metrics().mails.inc({ via, outcome: 'failed' })
    throw error
  }
}

/**
 * One way out for a run of the outbox: over SMTP a small pool of connections reused for every mail of the
 * run, instead of a connection per mail; else the mail folder. Close it when the run is done.
 */
export type Mailer = { send: (mail: OutgoingMail) => Promise<MailReceipt>; close: () => void }

export async function openMailer(
  settings: MailSettings,
  { connections = 4 }: { connections?: number } = {},
): Promise<Mailer> {
  const via = settings.smtpUrl ? 'smtp' : 'file'
  const smtpUrl = settings.smtpUrl
  const transport = smtpUrl
    ? (await loadNodemailer()).createTransport(smtpOptions(smtpUrl, connections))
    : undefined
  return {
    async send(mail) {
      try {
        const receipt = transport && smtpUrl
          ? await sendWith(transport, mail, smtpUrl, settings.mailFrom)
          : await saveToMailDir(mail, settings.mailDir, settings.mailFrom)
        metrics().mails.inc({ via, outcome: 'sent' })
        return receipt
      } catch (error) {
        metrics().mails.inc({ via, outcome: 'failed' })
        throw error
      }
    },
    close: () => transport?.close(),
  }
}

/** nodemailer (some 40 modules) is loaded with the first mail, not at every start of the server. */
async function loadNodemailer() {
  return (await import('nodemailer')).default
}

async function sendOverSmtp(
  mail: OutgoingMail,
  smtpUrl: string,
  from: string,
): Promise<MailReceipt> {
  // nodemailer's defaults wait up to 2 minutes for a connection and 10 for a silent socket; a request
  // that sends mail should fail well before a browser or proxy gives up. Query parameters in SMTP_URL
  // still win over these, so an operator can tune them.
  const nodemailer = await loadNodemailer()
  const transport = nodemailer.createTransport(smtpOptions(smtpUrl))
  try {
    return await sendWith(transport, mail, smtpUrl, from)
  } finally {
    transport.close()
  }
}

function smtpOptions(smtpUrl: string, pooled?: number) {
  return {
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    ...(pooled ? { pool: true, maxConnections: pooled } : {}),
  }
}

type Transport = Awaited<ReturnType<typeof loadNodemailer>> extends {
  createTransport: (...args: never[]) => infer T
}
  ? T
  : never

async function sendWith(
  transport: Transport,
  mail: OutgoingMail,
  smtpUrl: string,
  from: string,
): Promise<MailReceipt> {
  try {
    const info = await transport.sendMail({ from, ...mail })
    // With several recipients nodemailer resolves when only some were refused; for Zwin a mail that
    // did not reach everyone it was meant for has failed.
    if (info.rejected.length > 0) {
      throw new Error(`the server refused ${info.rejected.map(String).join(', ')}`)
    }
    return { via: 'smtp', messageId: info.messageId }
  } catch (error) {
    throw new MailDeliveryError(
      `Could not send the mail "${mail.subject}" through ${describeServer(smtpUrl)}: ${reason(error)}`,
      { cause: error },
    )
  }
}

async function saveToMailDir(
  mail: OutgoingMail,
  mailDir: string,
  from: string,
): Promise<MailReceipt> {
  // The stream transport composes exactly what SMTP would carry, so the file opens in any mail program.
  const nodemailer = await loadNodemailer()
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
  })
  const info = await transport.sendMail({ from, ...mail })
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const file = path.join(mailDir, `${stamp}-${randomBytes(4).toString('hex')}.eml`)
  try {
    await fs.mkdir(mailDir, { recursive: true })
    // The files hold set-password links, so only the server's own user may read them.
    await fs.writeFile(file, info.message as Buffer, { mode: 0o600, flag: 'wx' })
  } catch (error) {
    throw new MailDeliveryError(
      `Could not save the mail "${mail.subject}" in ${mailDir}: ${reason(error)}`,
      { cause: error },
    )
  }
  // Not the address: the log never holds e-mail addresses (docs/security.md, "Logs").
  log.info({ file: path.basename(file) }, 'Mail saved in the mail folder (SMTP_URL is not set)')
  return { via: 'file', messageId: info.messageId, file }
}

// Never repeat the credentials that SMTP_URL may carry.
function describeServer(smtpUrl: string): string {
  try {
    const url = new URL(smtpUrl)
    return `${url.protocol}//${url.host}`
  } catch {
    return 'the SMTP server'
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
