/*
 * Reading an upload: the multipart body is parsed as it streams in (busboy), the file goes straight
 * to a temp file (storage.server.ts), and nothing is held in memory beyond a chunk. Limits apply
 * while streaming: size, number of parts and fields. Then the content is checked against what the
 * name says it is (docs/security.md items 17–19). @remix-run/form-data-parser, the library the
 * design named, keeps each file part whole in memory in every version the registry has
 * (docs/decisions/0006-documents-uploads-and-search.md).
 */
import { Readable } from 'node:stream'
import busboy from 'busboy'
import fsp from 'node:fs/promises'
import { cleanFileName } from './filename'
import { discardTemp, FileTooLarge, receiveToTemp, type ReceivedFile } from './storage.server'
import { fileKindOf } from './types'

export type UploadedFile = ReceivedFile & { originalName: string; mediaType: string }

/** The message for a file over the limit, with the limit in MB. */
function tooLarge(maxBytes: number): string {
  return `uploadTooLarge|${Math.floor(maxBytes / (1024 * 1024))}`
}

/** Why an upload is refused: the HTTP status and a validation message (`validation.` key). */
export class UploadRefused extends Error {
  constructor(
    readonly status: 400 | 408 | 413 | 415,
    readonly messageKey: string,
  ) {
    super(messageKey)
  }
}

/**
 * The refusal for a body that broke off. The server's transport (scripts/http/body.ts) ends a body
 * that stops arriving with a 408 error and one over its byte limit with a 413; anything else (cut off,
 * malformed, the client gone) is a malformed upload.
 */
function refusalFor(error: unknown): UploadRefused {
  const status = (error as { status?: unknown } | null)?.status
  if (status === 408) return new UploadRefused(408, 'uploadTimedOut')
  if (status === 413) return new UploadRefused(413, 'uploadBodyTooLarge')
  return new UploadRefused(400, 'uploadMalformed')
}

export type ReceivedUpload = {
  /** The text fields, as a browser would have sent them. */
  fields: FormData
  /** The file, on disk in the temp folder, content not yet checked; undefined when none was chosen. */
  file?: ReceivedFile & { originalName: string }
}

// The details, and one field per chosen partner (schema.ts allows 200).
const MAX_FIELDS = 230
const MAX_FIELD_BYTES = 16 * 1024
/** Room for the text fields and multipart framing next to the file itself. */
export const UPLOAD_FORM_OVERHEAD_BYTES = 256 * 1024

/**
 * Streams a multipart request: text fields into a FormData, the one field named `file` to a temp file.
 * Throws UploadRefused (and leaves no temp file) for a body that is too large, has too many parts or
 * is not multipart at all.
 */
export async function receiveUpload(
  request: Request,
  options: { maxBytes: number },
): Promise<ReceivedUpload> {
  const contentType = request.headers.get('content-type') ?? ''
  if (!contentType.toLowerCase().startsWith('multipart/form-data') || !request.body) {
    throw new UploadRefused(400, 'uploadMalformed')
  }
  // An honest Content-Length already says too much: refuse before reading a byte.
  const declared = Number(request.headers.get('content-length') ?? NaN)
  if (declared > options.maxBytes + UPLOAD_FORM_OVERHEAD_BYTES) {
    throw new UploadRefused(413, tooLarge(options.maxBytes))
  }

  return new Promise((resolve, reject) => {
    const fields = new FormData()
    let filePromise: Promise<ReceivedUpload['file']> | undefined
    // Aborted on refusal: a file still arriving then stops at once and its temp file goes.
    const stop = new AbortController()
    let settled = false
    const source = Readable.fromWeb(request.body as import('node:stream/web').ReadableStream)

    let parser: busboy.Busboy
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        defParamCharset: 'utf8',
        limits: {
          fileSize: options.maxBytes + 1,
          files: 1,
          fields: MAX_FIELDS,
          parts: MAX_FIELDS + 1,
          fieldSize: MAX_FIELD_BYTES,
          fieldNameSize: 100,
        },
      })
    } catch {
      throw new UploadRefused(400, 'uploadMalformed')
    }

    const fail = (refusal: UploadRefused) => {
      if (settled) return
      settled = true
      // Stop reading: the rest of the body is never parsed (and never stored).
      source.unpipe(parser)
      source.pause()
      // A file part cut off here would never end, and the upload would hang with its temp file.
      stop.abort()
      void (filePromise ?? Promise.resolve(undefined))
        .then(
          (file) => discardTemp(file),
          () => undefined,
        )
        .finally(() => reject(refusal))
    }

    parser.on('field', (name, value, info) => {
      if (info.valueTruncated || info.nameTruncated)
        return fail(new UploadRefused(400, 'uploadFieldTooLong'))
      fields.append(name, value)
    })
    parser.on('file', (name, stream, info) => {
      // At once, before anything is awaited: a body cut off before its closing boundary makes busboy
      // emit 'error' on this stream, and an 'error' without a listener ends the whole server.
      stream.on('error', (error) => fail(refusalFor(error)))
      if (name !== 'file' || filePromise) {
        stream.resume()
        return fail(new UploadRefused(400, 'uploadMalformed'))
      }
      if (!info.filename) {
        // The form was sent without choosing a file: browsers still send an empty part.
        stream.resume()
        return
      }
      const originalName = cleanFileName(info.filename)
      filePromise = receiveToTemp(stream, options.maxBytes, stop.signal).then((f) => ({
        ...f,
        originalName,
      }))
      // Past the limit busboy throws the rest of the file away as fast as it arrives, so without
      // this the whole body would be read before the refusal (docs/security.md item 17): stop
      // reading now.
      stream.on('limit', () => fail(new UploadRefused(413, tooLarge(options.maxBytes))))
      filePromise.catch((error: unknown) => {
        stream.resume()
        fail(
          error instanceof FileTooLarge
            ? new UploadRefused(413, tooLarge(options.maxBytes))
            : new UploadRefused(400, 'uploadMalformed'),
        )
      })
    })
    parser.on('partsLimit', () => fail(new UploadRefused(413, 'uploadTooManyParts')))
    parser.on('filesLimit', () => fail(new UploadRefused(413, 'uploadTooManyParts')))
    parser.on('fieldsLimit', () => fail(new UploadRefused(413, 'uploadTooManyParts')))
    parser.on('error', (error) => fail(refusalFor(error)))
    source.on('error', (error) => fail(refusalFor(error)))
    parser.on('close', () => {
      if (settled) return
      ;(filePromise ?? Promise.resolve(undefined)).then(
        (file) => {
          if (settled) return void discardTemp(file)
          settled = true
          resolve({ fields, file })
        },
        () => undefined, // already refused above
      )
    })
    source.pipe(parser)
  })
}

/**
 * Checks a received file: an accepted extension, not empty, and bytes that are what the extension says
 * (magic bytes via file-type; plain text must hold no NUL bytes and must not be a web page or SVG in
 * disguise). Returns the media type Zwin will serve it as.
 */
export async function checkContent(file: ReceivedFile & { originalName: string }): Promise<string> {
  const kind = fileKindOf(file.originalName)
  if (!kind) throw new UploadRefused(415, 'uploadTypeNotAccepted')
  if (file.size === 0) throw new UploadRefused(400, 'uploadEmpty')
  // A file too damaged to read is not what its name says either.
  // Loaded with the first upload, not at every start of the server (file-type is some 30 modules).
  const { fileTypeFromFile } = await import('file-type')
  const detected = await fileTypeFromFile(file.tempPath).catch(() => {
    throw new UploadRefused(415, 'uploadContentMismatch')
  })
  if (kind.detectedAs === null) {
    const text = await readPlainText(file.tempPath)
    // file-type reads the byte order mark of UTF-16 text as an MP1 audio frame: a file with a BOM is
    // judged by its decoded text alone.
    if (!text || (detected && !text.utf16) || markup.test(text.head)) {
      throw new UploadRefused(415, 'uploadContentMismatch')
    }
  } else if (detected?.ext !== kind.detectedAs) {
    throw new UploadRefused(415, 'uploadContentMismatch')
  }
  return kind.mediaType
}

const markup = /^\s*<(?:!doctype\s+html|html|head|body|script|svg|\?xml|iframe|object)\b/i

/** The start of a text file, decoded; null when it is not text (NUL bytes outside UTF-16). */
async function readPlainText(filePath: string): Promise<{ head: string; utf16: boolean } | null> {
  const handle = await fsp.open(filePath, 'r')
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0)
    const head = buffer.subarray(0, bytesRead)
    // Windows "Unicode" text (UTF-16 with its byte order mark) has NUL bytes by nature.
    const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)
    if (utf16) {
      const decoded = new TextDecoder(head[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(head)
      return { head: decoded.replace(/^\uFEFF/, ''), utf16 }
    }
    if (head.includes(0)) return null
    return { head: head.toString('utf8').replace(/^\uFEFF/, ''), utf16 }
  } finally {
    await handle.close()
  }
}
