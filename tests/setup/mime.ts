/**
 * Just enough MIME to read what nodemailer wrote (mailparser is not a dependency): the headers, and the
 * decoded text of every leaf part, so assertions look at what a mail program shows.
 */
export type ReadMail = {
  headers: Map<string, string>
  subject: string
  /** The text/plain part, decoded. */
  text: string
  /** The text/html part, decoded. */
  html: string
}

export type MimePart = { headers: Map<string, string>; body: string }

function parsePart(raw: string): MimePart {
  const normalised = raw.replace(/\r\n/g, '\n')
  const split = normalised.indexOf('\n\n')
  const head = split === -1 ? normalised : normalised.slice(0, split)
  const body = split === -1 ? '' : normalised.slice(split + 2)
  const headers = new Map<string, string>()
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':')
    if (colon > 0) {
      headers.set(
        line.slice(0, colon).trim().toLowerCase(),
        decodeWords(line.slice(colon + 1).trim()),
      )
    }
  }
  return { headers, body }
}

/** RFC 2047 encoded words ("=?UTF-8?Q?…?=") in a header. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : quotedPrintable(text.replaceAll('_', ' ')),
    )
}

function quotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
  return Buffer.from(bytes, 'latin1').toString('utf8')
}

function leaves(part: MimePart): MimePart[] {
  const type = part.headers.get('content-type') ?? 'text/plain'
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1]
  if (/^multipart\//i.test(type) && boundary) {
    return part.body
      .split(`--${boundary}`)
      .slice(1)
      .filter((chunk) => !chunk.startsWith('--'))
      .flatMap((chunk) => leaves(parsePart(chunk.replace(/^\n/, ''))))
  }
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase()
  const body =
    encoding === 'base64'
      ? Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? quotedPrintable(part.body)
        : Buffer.from(part.body, 'latin1').toString('utf8')
  return [{ headers: part.headers, body }]
}

/** The message's headers, and the decoded body of every leaf part (texts and attachments), in order. */
export function mailParts(raw: string): { headers: Map<string, string>; parts: MimePart[] } {
  const message = parsePart(raw)
  return { headers: message.headers, parts: leaves(message) }
}

export function readMail(raw: string): ReadMail {
  const { headers, parts } = mailParts(raw)
  const message = { headers }
  const of = (type: string) =>
    parts.find((p) => (p.headers.get('content-type') ?? 'text/plain').startsWith(type))?.body ?? ''
  return {
    headers: message.headers,
    subject: message.headers.get('subject') ?? '',
    text: of('text/plain'),
    html: of('text/html'),
  }
}
