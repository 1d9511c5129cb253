import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { SMTPServer, type SMTPServerAddress } from 'smtp-server'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { loadConfig } from '../config/config.server'
import { deliverMail, MailDeliveryError, sendMail, setPasswordMail } from './mail.server'
import { getLogger } from '../observability/logger.server'

type Received = { from: string; to: string[]; raw: string }

/** A real SMTP listener on a random local port; `refuse` makes it turn every recipient away. */
async function startSmtpServer(options: { refuse?: boolean } = {}) {
  const received: Received[] = []
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    // Without a certificate smtp-server offers STARTTLS with a self-signed one, which nodemailer
    // rightly refuses; plain SMTP is enough to test on 127.0.0.1.
    disabledCommands: ['STARTTLS', 'AUTH'],
    onRcptTo(_address: SMTPServerAddress, _session, callback) {
      if (!options.refuse) return callback()
      callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }))
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

// Just enough RFC 2045/2047 decoding to read what nodemailer wrote, so the assertions look at the
// decoded text a mail program would show (mailparser is not a dependency).
function parseMessage(raw: string) {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/)
  const headers = new Map<string, string>()
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':')
    headers.set(line.slice(0, colon).toLowerCase(), decodeWords(line.slice(colon + 1).trim()))
  }
  return { headers, body: rest.join('\n\n') }
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replaceAll('_', ' ')),
    )
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = []
  const soft = text.replace(/=\r?\n/g, '')
  for (let i = 0; i < soft.length; i++) {
    const hex = soft[i] === '=' ? soft.slice(i + 1, i + 3) : ''
    if (/^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16))
      i += 2
    } else {
      bytes.push(...Buffer.from(soft[i] ?? '', 'utf8'))
    }
  }
  return Buffer.from(bytes).toString('utf8')
}

/** The decoded text of the MIME part with this content type (or of the whole body if it is not multipart). */
function partText(raw: string, contentType: string): string {
  const { headers, body } = parseMessage(raw)
  const boundary = /boundary="?([^";]+)"?/.exec(headers.get('content-type') ?? '')?.[1]
  // The line break before a boundary belongs to the boundary (RFC 2046), not to the part.
  const delimiter =
    boundary && new RegExp(`\\r?\\n--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)
  const parts = delimiter ? raw.split(delimiter).slice(1, -1) : [raw]
  for (const part of parts) {
    const parsed = boundary ? parseMessage(part.replace(/^\r?\n/, '')) : { headers, body }
    if (!parsed.headers.get('content-type')?.startsWith(contentType)) continue
    const encoding = parsed.headers.get('content-transfer-encoding')?.toLowerCase()
    if (encoding === 'base64') return Buffer.from(parsed.body, 'base64').toString('utf8')
    if (encoding === 'quoted-printable') return decodeQuotedPrintable(parsed.body)
    return parsed.body
  }
  throw new Error(`No ${contentType} part in the message`)
}

const ics = {
  filename: 'vergadering.ics',
  content: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nSUMMARY:Één overleg\r\nEND:VCALENDAR\r\n',
  contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
}

/** The message holds the attachment as a part of its own: named, typed (parameters kept) and intact. */
function expectCalendarAttachment(raw: string) {
  expect(partText(raw, 'text/calendar')).toBe(ics.content)
  const { headers } = parseMessage(raw.slice(raw.search(/^Content-Type: text\/calendar/m)))
  expect(headers.get('content-type')).toBe(
    'text/calendar; charset=utf-8; method=PUBLISH; name=vergadering.ics',
  )
  expect(headers.get('content-disposition')).toBe('attachment; filename=vergadering.ics')
}

const subject = 'Welkom bij Zwin – stel uw wachtwoord in'
const text = 'Beste Lieve Zwinnaert,\n\nKies een wachtwoord. Één link, geldig tot 13 maart.'

let dataDir: string

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwin-mail-'))
})

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true })
})

afterEach(() => {
  vi.restoreAllMocks()
})

describe('over SMTP', () => {
  it('delivers To, Subject and a UTF-8 body to the SMTP server', async () => {
    const smtp = await startSmtpServer()
    try {
      const settings = loadConfig({ ZWIN_DATA_DIR: dataDir, SMTP_URL: smtp.url })
      const receipt = await deliverMail(
        { to: 'lid.knokke-heist@example.org', subject, text, html: '<p>Één link</p>' },
        settings,
      )

      expect(receipt.via).toBe('smtp')
      expect(smtp.received).toHaveLength(1)
      const [mail] = smtp.received
      expect(mail?.to).toEqual(['lid.knokke-heist@example.org'])
      expect(mail?.from).toBe('noreply@zwin.example.org')
      const { headers } = parseMessage(mail?.raw ?? '')
      expect(headers.get('to')).toBe('lid.knokke-heist@example.org')
      expect(headers.get('subject')).toBe(subject)
      expect(headers.get('message-id')).toBe(receipt.messageId)
      expect(partText(mail?.raw ?? '', 'text/plain').replace(/\r\n/g, '\n')).toBe(text)
      expect(partText(mail?.raw ?? '', 'text/html')).toBe('<p>Één link</p>')
      // Nothing is written to disk when SMTP is set.
      expect(fs.existsSync(settings.mailDir)).toBe(false)
    } finally {
      await smtp.close()
    }
  })

  it('carries attachments with their name and full content type', async () => {
    const smtp = await startSmtpServer()
    try {
      const settings = loadConfig({ ZWIN_DATA_DIR: dataDir, SMTP_URL: smtp.url })
      await deliverMail(
        { to: 'lid.damme@example.org', subject, text, attachments: [ics] },
        settings,
      )
      expect(smtp.received).toHaveLength(1)
      expectCalendarAttachment(smtp.received[0]?.raw ?? '')
    } finally {
      await smtp.close()
    }
  })

  it('sendMail reads SMTP_URL and the data folder from the environment', async () => {
    const smtp = await startSmtpServer()
    try {
      // getConfig caches on first use; nothing in this file calls it before this point.
      vi.stubEnv('ZWIN_DATA_DIR', dataDir)
      vi.stubEnv('SMTP_URL', smtp.url)
      await sendMail({ to: 'lid.sluis@example.org', subject, text })
      expect(smtp.received.map((m) => m.to)).toEqual([['lid.sluis@example.org']])
    } finally {
      vi.unstubAllEnvs()
      await smtp.close()
    }
  })

  it('throws a clear error when the server refuses the recipient', async () => {
    const smtp = await startSmtpServer({ refuse: true })
    try {
      const settings = loadConfig({ ZWIN_DATA_DIR: dataDir, SMTP_URL: smtp.url })
      const sending = deliverMail({ to: 'weg@example.org', subject, text }, settings)
      await expect(sending).rejects.toBeInstanceOf(MailDeliveryError)
      await expect(sending).rejects.toThrow(/through smtp:\/\/127\.0\.0\.1.*Mailbox unavailable/)
      expect(smtp.received).toHaveLength(0)
    } finally {
      await smtp.close()
    }
  })

  it('throws a clear error without the password when no server listens', async () => {
    const smtp = await startSmtpServer()
    await smtp.close()
    const url = smtp.url.replace('smtp://', 'smtp://zwin:geheim-wachtwoord@')
    const settings = loadConfig({ ZWIN_DATA_DIR: dataDir, SMTP_URL: url })
    const error = await deliverMail({ to: 'lid.sluis@example.org', subject, text }, settings).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(MailDeliveryError)
    expect(String(error)).toMatch(
      /Could not send the mail .* through smtp:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/,
    )
    expect(String(error)).not.toContain('geheim-wachtwoord')
  })
})

describe('without SMTP_URL', () => {
  it('writes the message as an .eml file in the mail folder and logs which file', async () => {
    const info = vi.spyOn(getLogger(), 'info').mockImplementation(() => {})
    const settings = loadConfig({ ZWIN_DATA_DIR: dataDir })
    const receipt = await deliverMail(
      { to: 'lid.damme@example.org', subject, text, html: '<p>Één link</p>' },
      settings,
    )

    if (receipt.via !== 'file') throw new Error('expected a file')
    expect(path.dirname(receipt.file)).toBe(settings.mailDir)
    expect(receipt.file).toMatch(/\.eml$/)
    // The file's name, never the address (the log holds no e-mail addresses).
    expect(info).toHaveBeenCalledWith({ file: path.basename(receipt.file) }, expect.any(String))
    expect(JSON.stringify(info.mock.calls)).not.toContain('@')
    expect(fs.statSync(receipt.file).mode & 0o077).toBe(0)

    const raw = fs.readFileSync(receipt.file, 'utf8')
    // A real RFC 822 message: CRLF lines, headers, a MIME body.
    expect(raw).toContain('\r\n')
    expect(raw).not.toMatch(/[^\r]\n/)
    const { headers } = parseMessage(raw)
    expect(headers.get('to')).toBe('lid.damme@example.org')
    expect(headers.get('from')).toBe('Zwin <noreply@zwin.example.org>')
    expect(headers.get('subject')).toBe(subject)
    expect(headers.get('mime-version')).toBe('1.0')
    expect(headers.get('date')).toBeTruthy()
    expect(partText(raw, 'text/plain').replace(/\r\n/g, '\n')).toBe(text)
    expect(partText(raw, 'text/html')).toBe('<p>Één link</p>')
  })

  it('keeps attachments in the .eml file', async () => {
    vi.spyOn(getLogger(), 'info').mockImplementation(() => {})
    const settings = loadConfig({ ZWIN_DATA_DIR: dataDir })
    const receipt = await deliverMail(
      { to: 'lid.damme@example.org', subject, text, html: '<p>Één link</p>', attachments: [ics] },
      settings,
    )
    if (receipt.via !== 'file') throw new Error('expected a file')
    expectCalendarAttachment(fs.readFileSync(receipt.file, 'utf8'))
  })

  it('gives every message its own file', async () => {
    vi.spyOn(getLogger(), 'info').mockImplementation(() => {})
    const settings = loadConfig({ ZWIN_DATA_DIR: dataDir })
    const [a, b] = await Promise.all([
      deliverMail({ to: 'a@example.org', subject: 'a', text: 'a' }, settings),
      deliverMail({ to: 'b@example.org', subject: 'b', text: 'b' }, settings),
    ])
    expect(a?.via === 'file' && b?.via === 'file' && a.file !== b.file).toBe(true)
  })
})

describe('setPasswordMail', () => {
  const base = {
    name: 'Lieve <Zwinnaert> & co',
    link: 'https://zwin.example.org/wachtwoord/abc?x=1&y="2"',
    organisationName: 'Gemeente Knokke-Heist',
    // 14:30 in Amsterdam and Brussels (CET).
    expiresAt: new Date('2026-03-13T13:30:00Z'),
  }

  it('writes nl-NL with "inloggen", the clock time and the link', () => {
    const mail = setPasswordMail({ ...base, locale: 'nl-NL' })
    expect(mail.subject).toBe('Welkom bij Zwin – stel uw wachtwoord in')
    expect(mail.text).toContain('Beste Lieve <Zwinnaert> & co,')
    expect(mail.text).toContain('Gemeente Knokke-Heist')
    expect(mail.text).toContain(base.link)
    expect(mail.text).toContain('13 maart 2026 om 14:30 uur')
    expect(mail.text).toContain('logt u in')
    expect(mail.text).not.toMatch(/aanmeld|meldt u zich aan/)
    expect(mail.html).toContain('<html lang="nl-NL">')
  })

  it('writes nl-BE with "aanmelden", not "inloggen"', () => {
    const mail = setPasswordMail({ ...base, locale: 'nl-BE' })
    expect(mail.subject).toBe('Welkom bij Zwin – stel uw wachtwoord in')
    expect(mail.text).toContain('meldt u zich aan')
    expect(mail.text).not.toMatch(/inlog|logt u in/)
    expect(mail.html).not.toMatch(/inlog|logt u in/)
    expect(mail.text).toContain('13 maart 2026 om 14:30 uur')
    expect(mail.html).toContain('<html lang="nl-BE">')
  })

  it('writes English for en', () => {
    const mail = setPasswordMail({ ...base, locale: 'en' })
    expect(mail.subject).toBe('Welcome to Zwin – set your password')
    expect(mail.text).toContain('Dear Lieve <Zwinnaert> & co,')
    expect(mail.text).toContain('13 March 2026 at 14:30')
    expect(mail.html).toContain('<html lang="en">')
  })

  it('has a reset variant', () => {
    expect(setPasswordMail({ ...base, locale: 'nl-NL', purpose: 'reset' }).subject).toBe(
      'Stel een nieuw wachtwoord in voor Zwin',
    )
    expect(setPasswordMail({ ...base, locale: 'nl-BE', purpose: 'reset' }).text).toContain(
      'meldt u zich aan',
    )
  })

  it('a reset (asked for by the person) is valid for an hour and says where to ask again, not the administrator', () => {
    const forgot = 'https://zwin.example.org/wachtwoord-vergeten'
    const nl = setPasswordMail({ ...base, locale: 'nl-NL', purpose: 'reset' })
    expect(nl.text).toContain(
      'De link werkt één keer en is 1 uur geldig: tot 13 maart 2026 om 14:30 uur.',
    )
    expect(nl.text).toContain(`Vraag dan zelf een nieuwe link aan op ${forgot}`)
    expect(nl.text).toContain('logt u in')
    const be = setPasswordMail({ ...base, locale: 'nl-BE', purpose: 'reset' })
    expect(be.text).toContain(forgot)
    expect(be.text).not.toMatch(/inlog|logt u in/)
    const en = setPasswordMail({ ...base, locale: 'en', purpose: 'reset' })
    expect(en.text).toContain('valid for 1 hour')
    expect(en.text).toContain(`ask for a new link yourself at ${forgot}`)
    for (const mail of [nl, be, en]) {
      expect(mail.text).not.toMatch(/beheerder|administrator/)
      expect(mail.html).toContain(forgot)
    }
    // An administrator's link still points to the administrator.
    expect(setPasswordMail({ ...base, locale: 'nl-NL' }).text).toContain('beheerder')
  })

  it('escapes HTML in every value it puts in the HTML part', () => {
    const mail = setPasswordMail({
      ...base,
      organisationName: '<script>x</script>',
      locale: 'nl-NL',
    })
    expect(mail.html).not.toContain('<Zwinnaert>')
    expect(mail.html).not.toContain('<script>')
    expect(mail.html).toContain('Beste Lieve &lt;Zwinnaert&gt; &amp; co,')
    expect(mail.html).toContain('&lt;script&gt;x&lt;/script&gt;')
    expect(mail.html).toContain(
      'href="https://zwin.example.org/wachtwoord/abc?x=1&amp;y=&quot;2&quot;"',
    )
  })

  it('refuses a link that is not a web address', () => {
    expect(() => setPasswordMail({ ...base, locale: 'en', link: 'javascript:alert(1)' })).toThrow()
  })
})
