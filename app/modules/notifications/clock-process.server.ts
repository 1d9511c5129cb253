/*
 * The server's scheduler builds the digests and reminders due in a child process
 * (scripts/notifications-clock.ts): composing the daily digests of thousands of people makes hundreds of
 * megabytes of short-lived strings, which a heap limit of its own keeps in check, and seconds of CPU work
 * that would otherwise share the event loop with the requests (docs/decisions/0017-what-needs-me.md).
 * One at a time: a run still busy when the next minute comes is left to finish.
 */
import { getConfig } from '../config/config.server'
import { runOnOneInstance } from '../db/locks.server'
import { log } from '../observability/logger.server'
import { runChildJob, type ChildLimits } from '../processes/child-job.server'
import { clockResultSchema, type ClockResult } from './clock-job'
import { CLOCK_LIMITS } from './clock-limits'

/** A run's outcome: the child's, or `elsewhere` when another instance was doing this work. */
export type ClockRun = ClockResult | { status: 'elsewhere' }

let running: Promise<ClockRun> | undefined

/**
 * Starts the clock work at `now` unless a run is still under way; the run's promise either way. With
 * several instances (PostgreSQL), one does it at a time: the others leave it to that one until the next
 * minute (their mails would have the same keys, and so be queued once anyway, but composing them twice
 * costs a process and seconds of work).
 */
export function startClockWork(now: Date, limits = CLOCK_LIMITS): Promise<ClockRun> {
  running ??= runOnOneInstance(getConfig().database, 'clockWork', () =>
    runClockProcess(now, limits),
  )
    .then((outcome): ClockRun => (outcome.ran ? outcome.value : { status: 'elsewhere' }))
    // The scheduler does not wait for this run: it must never reject (the database may be away).
    .catch((error: unknown): ClockRun => {
      log.error({ err: error }, 'Digests and reminders could not be queued')
      return { status: 'failed', reason: String(error) }
    })
    .finally(() => {
      running = undefined
    })
  return running
}

/** For tests: the run under way, if any. */
export function clockWorkRunning(): Promise<ClockRun> | undefined {
  return running
}

async function runClockProcess(now: Date, limits: ChildLimits): Promise<ClockResult> {
  const result = await runChildJob({
    script: 'notifications-clock',
    name: 'notifications clock process',
    job: { now: now.toISOString() },
    limits,
    parse: (message) => clockResultSchema.safeParse(message),
    environment: 'app',
  })
  if (result.status === 'failed') {
    log.error({ reason: result.reason }, 'Digests and reminders could not be queued')
  } else {
    const { digests, reminders } = result
    if (digests.digests || reminders.actions || reminders.replies || reminders.measurements) {
      log.info(
        { digests, reminders, maxRssMb: Math.round(result.maxRssMb) },
        'Digests and reminders queued',
      )
    }
  }
  return result
}
