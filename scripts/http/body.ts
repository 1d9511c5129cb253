/*
 * What the server accepts as a request body, decided before Remix sees the request
 * (docs/security.md, "Hostile transport"). Limits count the bytes that actually arrive, whatever the
 * framing (Content-Length or chunked), and a body that stops arriving is given up on:
 *
 * - an ordinary form (`application/x-www-form-urlencoded`) is read whole, at most 1 MB, within the body
 *   time-out: Remix keeps such a body in memory anyway;
 * - `multipart/form-data` only on the upload routes (route modules with `handle.upload`) and only for
 *   a signed-in user; it streams on to the upload code, counted against the upload limit, and stops
 *   with 408 when no byte arrives for the length of the body time-out;
 * - anything else (JSON, text, compressed bodies, no type at all) is refused with 415.
 */
import { Transform, type Readable } from 'node:stream'
import type { Request } from 'express'
import getRawBody from 'raw-body'

export const FORM_MAX_BYTES = 1024 * 1024

export type BodyRules = {
  /** The most an upload's body may hold (the file limit plus room for the fields). */
  uploadMaxBytes: number
  timeoutMs: number
  isUploadPath: (path: string) => boolean
  isSignedIn: (cookieHeader: string | undefined) => Promise<boolean>
}

export type AcceptedBody =
  { kind: 'form'; bytes: Buffer } | { kind: 'upload'; stream: Readable } | { kind: 'signInFirst' }

/** A body the server will not pass on; `status` and `reason` say what to answer. */
export class BodyRefused extends Error {
  constructor(
    readonly status: 400 | 408 | 413 | 415,
    readonly reason: 'badRequest' | 'timeout' | 'tooLarge' | 'unsupportedType',
  ) {
    super(`Request body refused: ${status} ${reason}`)
  }
}

/** Whether the request says it carries a body (a length above 0, or chunks). */
export function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0
}

function mediaType(req: Request): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
}

export async function acceptBody(req: Request, rules: BodyRules): Promise<AcceptedBody> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase()
  if (encoding !== 'identity') throw new BodyRefused(415, 'unsupportedType')
  const type = mediaType(req)
  if (!hasBody(req)) return { kind: 'form', bytes: Buffer.alloc(0) }
  if (type === 'application/x-www-form-urlencoded') {
    return { kind: 'form', bytes: await readForm(req, rules.timeoutMs) }
  }
  if (type === 'multipart/form-data' && rules.isUploadPath(req.path)) {
    if (!(await rules.isSignedIn(req.headers.cookie))) return { kind: 'signInFirst' }
    return { kind: 'upload', stream: meteredUpload(req, rules) }
  }
  throw new BodyRefused(415, 'unsupportedType')
}

/** The whole form body, or a refusal: over 1 MB (413), too slow (408), cut off (400). */
async function readForm(req: Request, timeoutMs: number): Promise<Buffer> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BodyRefused(408, 'timeout')), timeoutMs)
  })
  // raw-body counts what arrives, checks it against an honest Content-Length, and stops reading at
  // the limit (it unpipes and pauses the request).
  const reading = getRawBody(req, {
    length: req.headers['transfer-encoding'] ? undefined : req.headers['content-length'],
    limit: FORM_MAX_BYTES,
  }).catch((error: unknown) => {
    const status = (error as { status?: number }).status
    throw status === 413 ? new BodyRefused(413, 'tooLarge') : new BodyRefused(400, 'badRequest')
  })
  try {
    return await Promise.race([reading, deadline])
  } finally {
    clearTimeout(timer)
    // The loser of the race must not become an unhandled rejection.
    reading.catch(() => undefined)
  }
}

/**
 * After a refusal the client may still be sending the body it was refused for. Closing the socket at
 * once, with that data unread, makes the kernel reset the connection, and a client still writing then
 * loses the answer too. So the rest is read and thrown away (never kept) for a moment after the answer
 * went out, then the connection closes.
 */
export function lingerBeforeClosing(req: Request) {
  const socket = req.socket
  socket.destroySoon = function closeSoon(this: typeof socket) {
    this.end()
    setTimeout(() => this.destroy(), LINGER_MS).unref()
    return this
  }
  req.resume()
}

const LINGER_MS = 1_000

/** An error the upload code maps to its own 408 or 413 message (see upload.server.ts). */
class UploadBodyStopped extends Error {
  constructor(readonly status: 400 | 408 | 413) {
    super(`Upload body stopped: ${status}`)
  }
}

/**
 * The upload's body as it arrives, counted: over the limit it ends with a 413 error, after the time-out
 * without a byte with a 408 error, and when the client goes away with a 400 error. The upload code
 * (app/modules/documents/upload.server.ts) turns these into its refusals and removes its temp file.
 */
function meteredUpload(req: Request, rules: BodyRules): Readable {
  let received = 0
  let idle: NodeJS.Timeout | undefined
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length
      if (received > rules.uploadMaxBytes) return done(new UploadBodyStopped(413))
      restartIdle()
      done(null, chunk)
    },
    flush(done) {
      clearTimeout(idle)
      done()
    },
  })
  const stop = (status: 400 | 408 | 413) => {
    clearTimeout(idle)
    req.unpipe(meter)
    req.pause()
    if (!meter.destroyed) meter.destroy(new UploadBodyStopped(status))
  }
  const restartIdle = () => {
    clearTimeout(idle)
    idle = setTimeout(() => stop(408), rules.timeoutMs)
  }
  meter.on('error', () => {
    clearTimeout(idle)
    req.unpipe(meter)
    req.pause()
  })
  req.on('error', () => stop(400))
  req.on('aborted', () => stop(400))
  restartIdle()
  req.pipe(meter)
  return meter
}
