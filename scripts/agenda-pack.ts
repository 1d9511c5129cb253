/**
 * Builds one agenda pack and writes it to a file. The server runs this in a child process
 * (app/modules/meetings/agenda-pack-process.server.ts), so that copying thousands of pages costs a
 * separate process's memory and time, never the event loop that answers requests.
 *
 *   node --import tsx scripts/agenda-pack.ts   (started with an IPC channel: fork)
 *
 * It receives one job (agenda-pack-job.server.ts) as a message, sends back one result and ends. When
 * the server goes away first (the channel closes), there is nobody left to send the pack to: it stops.
 */
import { buildPackFile } from '../app/modules/meetings/agenda-pack-build.server'
import type { PackBuildResult } from '../app/modules/meetings/agenda-pack-job.server'

if (!process.send) {
  console.error('agenda-pack.ts is started by the server, with an IPC channel (child_process.fork)')
  process.exit(2)
}

let answered = false
process.on('disconnect', () => {
  if (!answered) process.exit(1)
})
process.once('message', (job: unknown) => {
  buildPackFile(job)
    .catch((error: unknown): PackBuildResult => ({
      status: 'failed',
      reason: `the pack could not be built: ${String(error)}`.slice(0, 500),
    }))
    .then((result) => {
      answered = true
      process.send!(result, () => {
        if (process.connected) process.disconnect()
      })
    })
})
