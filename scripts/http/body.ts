/*
 * What the server accepts as a request body, decided before Remix sees the request
 * (docs/security.md, "Hostile transport"). Limits count the bytes that actually arrive, whatever the
 * framing (Content-Length or chunked), and a body that stops arriving is given up on:
 *
 * - an ordinary form (`application/x-www-form-urlencoded`) is read whole, within the body time-out: at
 *   most 1 MB with a live session and 64 kB without one (signing in, choosing a language and setting a
 *   password are small forms), and while all forms being read together hold no more than 64 MB;
 * - `multipart/form-data` only on the upload routes (route modules with `handle.upload`) and only for
 *   a signed-in user; it streams on to the upload code, counted against the upload limit, and stops
 *   with 408 when no byte arrives for the length of the body time-out;
 * - anything else (JSON, text, compressed bodies, a body without a type) is refused with 415.
 */
import { Transform, type Readable } from 'node:stream'
import type { Request } from 'express'
import getRawBody from 'raw-body'

export const FORM_MAX_BYTES = 1024 * 1024
export const ANONYMOUS_FORM_MAX_BYTES = 64 * 1024
/** What all form bodies being read at the same moment may hold together, in the worst case. */
export const FORMS_IN_FLIGHT_MAX_BYTES = 64 * 1024 * 1024

export type BodyRules = {
  /** The most an upload's body may hold (the file limit plus room for the fields). */
  uploadMaxBytes: number
  timeoutMs: number
  isUploadRoute: boolean
  isSignedIn: () => Promise<boolean>
}

export type AcceptedBody =
  { kind: 'form'; bytes: Buffer } | { kind: 'upload'; stream: Readable } | { kind: 'signInFirst' }

export type RefusalReason =
  'badRequest' | 'timeout' | 'tooLarge' | 'unsupportedType' | 'busy' | 'notFound' | 'forbidden'

/** A request the server answers itself, before Remix: `status` and `reason` say with what. */
export class RequestRefused extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 405 | 408 | 413 | 415 | 503,
    readonly reason: RefusalReason,
    readonly headers: Record<string, string> = {},
  ) {
    super(`Request refused: ${status} ${reason}`)
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
  if (encoding !== 'identity') throw new RequestRefused(415, 'unsupportedType')
  if (!hasBody(req)) return { kind: 'form', bytes: Buffer.alloc(0) }
  const type = mediaType(req)
  if (type === 'application/x-www-form-urlencoded') {
    const limit = (await rules.isSignedIn()) ? FORM_MAX_BYTES : ANONYMOUS_FORM_MAX_BYTES
    return { kind: 'form', bytes: await readForm(req, limit, rules.timeoutMs) }
  }
  if (type === 'multipart/form-data' && rules.isUploadRoute) {
    if (!(await rules.isSignedIn())) return { kind: 'signInFirst' }
    return { kind: 'upload', stream: meteredUpload(req, rules) }
  }
  throw new RequestRefused(415, 'unsupportedType')
}

let formsInFlight = 0

/** The whole form body, or a refusal: too large (413), too slow (408), cut off (400), too many (503). */
async function readForm(req: Request, limit: number, timeoutMs: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'])
  const chunked = req.headers['transfer-encoding'] !== undefined
  if (!chunked && declared > limit) throw new RequestRefused(413, 'tooLarge')
  // The most this body can come to; reserved for the whole read, so that many slow clients together
  // cannot make the server hold more than FORMS_IN_FLIGHT_MAX_BYTES.
  const reserved = chunked ? limit : declared
  if (formsInFlight + reserved > FORMS_IN_FLIGHT_MAX_BYTES) {
    throw new RequestRefused(503, 'busy', { 'Retry-After': '10' })
  }
  formsInFlight += reserved
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RequestRefused(408, 'timeout')), timeoutMs)
  })
  // raw-body counts what arrives, checks it against an honest Content-Length, and stops reading at
  // the limit (it unpipes and pauses the request).
  const reading = getRawBody(req, { length: chunked ? undefined : declared, limit }).catch(
    (error: unknown) => {
      const status = (error as { status?: number }).status
      throw status === 413
        ? new RequestRefused(413, 'tooLarge')
        : new RequestRefused(400, 'badRequest')
    },
  )
  try {
    return await Promise.race([reading, deadline])
  } finally {
    clearTimeout(timer)
    // The loser of the race must not become an unhandled rejection; the reservation ends with the read.
    reading.then(
      () => (formsInFlight -= reserved),
      () => (formsInFlight -= reserved),
    )
  }
}

/**
 * After a refusal (or an answer given without reading the whole body) the client may still be sending.
 * Closing the socket at once, with that data unread, makes the kernel reset the connection, and a
 * client still writing then loses the answer too. So the rest is read and thrown away (never kept) for
 * a moment, then the connection closes. Nothing more on it is served: a request that a client sent
 * behind the refused one (pipelined) is dropped (see `droppedAfterRefusal`).
 */
export function lingerBeforeClosing(req: Request) {
  const socket = req.socket as Request['socket'] & { zwinClosing?: boolean }
  if (socket.zwinClosing) return
  socket.zwinClosing = true
  const close = () => socket.destroy()
  socket.destroySoon = function closeSoon(this: typeof socket) {
    this.end()
    setTimeout(close, LINGER_MS).unref()
    return this
  }
  req.resume()
  // Should the answer never end the connection itself: at the latest after the answer and the linger.
  setTimeout(close, LINGER_MS * 5).unref()
}

/** True for a request that arrived on a connection closing after a refusal. */
export function droppedAfterRefusal(req: Request): boolean {
  return Boolean((req.socket as { zwinClosing?: boolean }).zwinClosing)
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
  meter.on('close', () => clearTimeout(idle))
  req.on('error', () => stop(400))
  req.on('aborted', () => stop(400))
  restartIdle()
  req.pipe(meter)
  return meter
}
