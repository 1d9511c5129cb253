/*
 * Exported minutes are written in a child process (scripts/minutes-export.ts), as the agenda pack is
 * (docs/decisions/0007-meetings-calendars-agenda-pack.md): long minutes (100,000 characters of text, a
 * decision list and hundreds of decisions and action items) took 9 s of one core for the PDF and
 * stalled the event loop for close to a second. The child has the limits of every such child
 * (processes/child-job.server.ts). At most two run at once and eight wait; one more is told the server is
 * busy. Whatever happens to the child, the caller gets a result, never an exception.
 */
import { QueueFull, taskLimit } from '../meetings/agenda-pack-limit.server'
import { runChildJob } from '../processes/child-job.server'
import { exportResultSchema, type ExportJob, type ExportResult } from './export-job.server'

export const exportLimits = { timeMs: 60_000, heapMb: 512, maxParallel: 2, maxWaiting: 8 }

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
  return runChildJob({
    script: 'minutes-export',
    name: 'export process',
    job,
    limits: exportLimits,
    parse: (message) => exportResultSchema.safeParse(message),
  })
}
