/**
 * Writes one exported minutes or decision list (PDF or Word). The server runs this in a child process
 * (app/modules/minutes/export-process.server.ts): laying out long minutes takes seconds of one core,
 * which in the server's own event loop would stall every other request meanwhile.
 *
 *   node --import tsx scripts/minutes-export.ts   (started with an IPC channel: fork)
 *
 * It receives one job (app/modules/minutes/export-job.server.ts) as a message, sends back one result
 * and ends; when the server goes away first (the channel closes), it stops.
 */
import { writeExport, type ExportResult } from '../app/modules/minutes/export-job.server'

if (!process.send) {
  console.error(
    'minutes-export.ts is started by the server, with an IPC channel (child_process.fork)',
  )
  process.exit(2)
}

let answered = false
process.on('disconnect', () => {
  if (!answered) process.exit(1)
})
process.once('message', (job: unknown) => {
  writeExport(job)
    .catch((error: unknown): ExportResult => ({
      status: 'failed',
      reason: `the export could not be written: ${String(error)}`.slice(0, 500),
    }))
    .then((result) => {
      answered = true
      process.send!(result, () => {
        if (process.connected) process.disconnect()
      })
    })
})
