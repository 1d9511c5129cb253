/**
 * The upload half of the documents bench: a 200 MiB plain-text file streamed as multipart to the
 * running server (its progress-bar route, as the upload form sends it), while the server's resident
 * memory is sampled from /proc; and `cp` of the same file, for the throughput it is held against.
 *
 * Each of the UPLOAD_RUNS uploads sends different content (the first line changes), so the server
 * stores a new file every time rather than finding one with the same sha256. A `cp` runs before each
 * upload and after the last; after each upload the bench waits for the text extraction it started, so
 * that the next upload does not share the machine with it, then sends the same request to a bare Node
 * sink (body to file, fsync): the part of the time that any Node upload pays on this machine.
 */
import { execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import Database from 'better-sqlite3'
import { dutchWriter, random } from './dutch-text'

export const MiB = 1024 * 1024
export const UPLOAD_MIB = 200
export const UPLOAD_RUNS = 3
export const SAMPLE_MS = 20
const UPLOAD_NETWORK = 'zeeuws-vlaanderen' // Terneuzen, the bench user's organisation, is a member
const HEADER_BYTES = 64

// ---- The file ----

/** Distinct blocks of 1 MiB of Dutch text each (whole UTF-8 characters, padded with newlines). */
function textBlocks(count: number): Buffer[] {
  const rnd = random(42)
  return Array.from({ length: count }, (_, i) => {
    const writer = dutchWriter(rnd)
    // The first block starts with a line of its own, rewritten before each upload (headerLine).
    const parts: string[] = i === 0 ? [headerLine(0)] : []
    let length = 0
    while (length < MiB) {
      const paragraph = writer.text(400) + '\n\n'
      parts.push(paragraph)
      length += Buffer.byteLength(paragraph)
    }
    const text = Buffer.from(parts.join(''))
    let cut = MiB
    while ((text[cut]! & 0xc0) === 0x80) cut-- // never half a character
    const block = Buffer.alloc(MiB, '\n')
    text.copy(block, 0, 0, cut)
    return block
  })
}

function headerLine(run: number): string {
  return `Zwin bench upload ${run} ${Date.now()}`.padEnd(HEADER_BYTES - 1) + '\n'
}

export function writeTextFile(filePath: string, mib: number) {
  const blocks = textBlocks(Math.min(8, mib))
  const fd = fs.openSync(filePath, 'w')
  try {
    for (let i = 0; i < mib; i++) fs.writeSync(fd, blocks[i % blocks.length]!)
    // On disk before anything is timed: no write-back of the source competes with what is measured.
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

/** New content for the next run: only the first line changes. */
function rewriteHeader(filePath: string, run: number) {
  const fd = fs.openSync(filePath, 'r+')
  try {
    fs.writeSync(fd, Buffer.from(headerLine(run)), 0, HEADER_BYTES, 0)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

// ---- cp ----

export type CopyTime = { cpMs: number; cpSyncMs: number }

/** `cp` to a new file in the same folder, then `sync FILE` (an fsync of the copy): both times. */
function timeCopy(source: string): CopyTime {
  const target = path.join(path.dirname(source), 'copy.txt')
  fs.rmSync(target, { force: true })
  const started = performance.now()
  execFileSync('cp', [source, target])
  const copied = performance.now()
  execFileSync('sync', [target])
  const synced = performance.now()
  fs.rmSync(target)
  return { cpMs: copied - started, cpSyncMs: synced - started }
}

// ---- The server's memory ----

/** The process's VmRSS and VmHWM (its peak since the last reset), in MiB. */
function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1])
  return { rss: kib('VmRSS') / 1024, hwm: kib('VmHWM') / 1024 }
}

/** Sets VmHWM back to the current RSS (Linux: clear_refs "5"); false where that is not allowed. */
function resetPeak(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5')
    return true
  } catch {
    return false
  }
}

function sampleMemory(pid: number) {
  const samples: { at: number; rss: number }[] = []
  const take = () => samples.push({ at: performance.now(), rss: memoryOf(pid).rss })
  take()
  const timer = setInterval(take, SAMPLE_MS)
  return {
    stop() {
      clearInterval(timer)
      take()
      const gaps = samples.slice(1).map((s, i) => s.at - samples[i]!.at)
      return {
        peak: Math.max(...samples.map((s) => s.rss)),
        count: samples.length,
        maxGap: Math.max(0, ...gaps),
      }
    },
  }
}

// ---- The upload ----

/** Streams one file as the upload form's multipart request; never holds more than a chunk of it. */
function uploadFile(
  port: number,
  cookie: string,
  filePath: string,
  title: string,
  target = `/netwerken/${UPLOAD_NETWORK}/documenten/nieuw.json`,
): Promise<{ status: number; body: string; ms: number; sentMs: number }> {
  const boundary = `----zwinbench${randomBytes(12).toString('hex')}`
  const fields = { title, type: 'overig', language: 'nl', audience: 'network' }
  const head =
    Object.entries(fields)
      .map(
        ([name, value]) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      )
      .join('') +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${path.basename(filePath)}"\r\n` +
    'Content-Type: text/plain\r\n\r\n'
  const tail = `\r\n--${boundary}--\r\n`
  const length = Buffer.byteLength(head) + fs.statSync(filePath).size + Buffer.byteLength(tail)

  return new Promise((resolve, reject) => {
    const started = performance.now()
    let sentMs = NaN
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: target,
        method: 'POST',
        agent: false,
        headers: {
          Host: `localhost:${port}`,
          Origin: `http://localhost:${port}`,
          Cookie: cookie,
          Accept: 'application/json',
          'Content-Type': `multipart/form-data; boundary=${boundary}`,
          'Content-Length': String(length),
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
            sentMs,
          }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    // The last byte handed to the kernel: what follows is the server's work after the body.
    req.on('finish', () => (sentMs = performance.now() - started))
    req.write(head)
    const file = fs.createReadStream(filePath, { highWaterMark: MiB })
    file.on('error', reject)
    file.pipe(req, { end: false })
    file.on('end', () => req.end(tail))
  })
}

// A bare Node HTTP server that writes each request body to a file and fsyncs it: no multipart parsing,
// no hashing, no framework. What any upload through Node can reach on this machine, for comparison.
const bareSinkSource = `
import fs from 'node:fs'
import http from 'node:http'
import { pipeline } from 'node:stream/promises'
const [dir] = process.argv.slice(1)
let n = 0
const server = http.createServer(async (req, res) => {
  const file = dir + '/sink-' + n++
  await pipeline(req, fs.createWriteStream(file))
  const handle = await fs.promises.open(file, 'r+')
  await handle.sync()
  await handle.close()
  res.end('{}')
  await fs.promises.rm(file)
})
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'))
`

async function startBareSink(dir: string) {
  const child = spawn(process.execPath, ['--input-type=module', '-e', bareSinkSource, dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject)
    child.stdout.once('data', (data: Buffer) => resolve(Number(data.toString().trim())))
  })
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Waits until the server's job queue is empty (text extraction); the time it took, in ms. */
async function waitForJobs(databasePath: string, limitMs = 120_000): Promise<number> {
  const started = performance.now()
  const sqlite = new Database(databasePath, { readonly: true })
  try {
    const open = sqlite.prepare(
      "SELECT count(*) AS n FROM Job WHERE status IN ('queued', 'running')",
    )
    while ((open.get() as { n: number }).n > 0) {
      if (performance.now() - started > limitMs) throw new Error('The job queue did not empty')
      await pause(50)
    }
  } finally {
    sqlite.close()
  }
  return performance.now() - started
}

export type UploadRun = {
  ms: number
  /** Until the last byte was sent; the rest of `ms` is the server's work after the body. */
  sentMs: number
  rssBefore: number
  /** The highest VmRSS sampled from the request's start to its answer. */
  rssPeakSampled: number
  /** VmHWM at the answer, after a reset just before the request (NaN where not resettable). */
  rssPeakKernel: number
  samples: number
  maxGapMs: number
  /** After the answer, until the text extraction it started was done: its time and the RSS peak. */
  extractionMs: number
  rssPeakExtraction: number
}

export type UploadFigures = {
  mib: number
  runs: UploadRun[]
  copies: CopyTime[]
  /** The same file to the bare Node sink, after each upload. */
  bareSink: { ms: number; sentMs: number }[]
}

/**
 * Writes the file, uploads it UPLOAD_RUNS times to the running server (pid for its memory) as the
 * signed-in user, and times `cp` between the uploads.
 */
export async function benchUpload(options: {
  port: number
  pid: number
  cookie: string
  workDir: string
  databasePath: string
}): Promise<UploadFigures> {
  const { port, pid, cookie, workDir, databasePath } = options
  fs.rmSync(workDir, { recursive: true, force: true })
  fs.mkdirSync(workDir, { recursive: true })
  try {
    const bigFile = path.join(workDir, 'bench-upload.txt')
    const smallFile = path.join(workDir, 'bench-warmup.txt')
    writeTextFile(bigFile, UPLOAD_MIB)
    writeTextFile(smallFile, 1)

    // A first, small upload loads the code on the upload path (busboy, file-type), so the big ones
    // measure what an upload costs, not what the first request of its kind costs.
    const warmup = await uploadFile(port, cookie, smallFile, 'Bench: opwarmen')
    if (warmup.status !== 200) {
      throw new Error(`The warm-up upload answered ${warmup.status}: ${warmup.body}`)
    }
    await waitForJobs(databasePath)

    const runs: UploadRun[] = []
    const copies: CopyTime[] = []
    const bareSink: UploadFigures['bareSink'] = []
    const sink = await startBareSink(workDir)
    for (let run = 1; run <= UPLOAD_RUNS; run++) {
      rewriteHeader(bigFile, run)
      copies.push(timeCopy(bigFile))
      await pause(500)
      const peakReset = resetPeak(pid)
      const before = memoryOf(pid)
      const sampler = sampleMemory(pid)
      const answer = await uploadFile(port, cookie, bigFile, `Bench: tekstbestand ${run}`)
      const sampled = sampler.stop()
      const atAnswer = memoryOf(pid)
      if (answer.status !== 200) {
        throw new Error(`Upload ${run} answered ${answer.status}: ${answer.body.slice(0, 300)}`)
      }
      const extraction = sampleMemory(pid)
      const extractionMs = await waitForJobs(databasePath)
      const afterwards = extraction.stop()
      runs.push({
        ms: answer.ms,
        sentMs: answer.sentMs,
        rssBefore: before.rss,
        rssPeakSampled: sampled.peak,
        rssPeakKernel: peakReset ? atAnswer.hwm : NaN,
        samples: sampled.count,
        maxGapMs: sampled.maxGap,
        extractionMs,
        rssPeakExtraction: afterwards.peak,
      })
      const sunk = await uploadFile(sink.port, '', bigFile, 'sink', '/')
      bareSink.push({ ms: sunk.ms, sentMs: sunk.sentMs })
    }
    await sink.stop()
    copies.push(timeCopy(bigFile))
    return { mib: fs.statSync(bigFile).size / MiB, runs, copies, bareSink }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true })
  }
}
