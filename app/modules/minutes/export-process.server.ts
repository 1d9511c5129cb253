/*
 * Exported minutes are written in a child process (scripts/minutes-export.ts), as the agenda pack is
 * (docs/decisions/0007-meetings-calendars-agenda-pack.md): long minutes (100,000 characters of text, a
 * decision list and hundreds of decisions and action items) took 9 s of one core for the PDF and
 * stalled the event loop for close to a second. The child gets a heap limit, is killed when it takes
 * too long, sees none of the server's secrets and runs at a lower priority. At most two run at once and
 * eight wait; one more is told the server is busy. Whatever happens to the child, the caller gets a
 * result, never an exception.
 */
import { fork } from 'node:child_process'
import path from 'node:path'
import { QueueFull, taskLimit } from '../meetings/agenda-pack-limit.server'
import { childEnvironment, lowerPriority } from '../meetings/agenda-pack-process.server'
import { exportResultSchema, type ExportJob, type ExportResult } from './export-job.server'

export const exportLimits = { timeMs: 60_000, heapMb: 512, maxParallel: 2, maxWaiting: 8 }

const STDERR_KEPT = 2000
const queue = taskLimit(exportLimits.maxParallel, exportLimits.maxWaiting)

/** The job's file, or why not: `busy` when the queue is full. */
export async function runExport(
  job: ExportJob,
): Promise<ExportResult | { status: 'busy'; retryAfterSeconds: number }> {
  try {
    return await queue.run(() => runExportProcess(job))
  } catch (error) {
    if (error instanceof QueueFull) return { status: 'busy', retryAfterSeconds: 30 }
    throw error
  }
}

function runExportProcess(job: ExportJob): Promise<ExportResult> {
  // The server and the tests run from the project folder (npm start, npm test), as for the agenda pack.
  const script = path.resolve('scripts/minutes-export.ts')
  return new Promise((resolve) => {
    let answer: ExportResult | undefined
    let timedOut = false
    let stderr = ''
    let done = false
    const finish = (result: ExportResult) => {
      if (done) return
      done = true
      clearTimeout(timer)
      resolve(result)
    }
    const failed = (reason: string): ExportResult => ({
      status: 'failed',
      reason: [reason, stderr.trim() && `stderr: ${stderr.trim()}`].filter(Boolean).join('; '),
    })
    const child = fork(script, [], {
      cwd: process.cwd(),
      execArgv: [`--max-old-space-size=${exportLimits.heapMb}`, '--import', 'tsx'],
      env: childEnvironment(),
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
    })
    if (child.pid !== undefined) lowerPriority(child.pid)
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, exportLimits.timeMs)
    child.stderr?.setEncoding('utf8')
    child.stderr?.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_KEPT)
    })
    child.stderr?.on('error', () => {
      // The pipe breaks only when the child is gone, which 'close' reports.
    })
    child.on('message', (message: unknown) => {
      const parsed = exportResultSchema.safeParse(message)
      answer = parsed.success
        ? parsed.data
        : { status: 'failed', reason: 'the export process sent something that is not a result' }
    })
    child.on('error', (error) => {
      child.kill('SIGKILL')
      finish(failed(`export process: ${error.message}`))
    })
    child.on('close', (code, signal) => {
      if (timedOut) finish(failed(`export process killed after ${exportLimits.timeMs} ms`))
      else if (answer && (code === 0 || answer.status === 'failed')) finish(answer)
      else finish(failed(`export process ended (code ${code}, signal ${signal}) without a result`))
    })
    child.send(job, (error) => {
      if (error) {
        child.kill('SIGKILL')
        finish(failed(`export process: the job could not be sent: ${error.message}`))
      }
    })
  })
}
