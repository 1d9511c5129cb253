/*
 * A small job queue in the database, run in the server process: work that must not slow the request
 * that caused it (text extraction), and that must survive a restart (a job found `running` at start was
 * cut off by a crash and runs again).
 */
import { db } from '../db/db.server'
import type { Prisma } from '../db/generated/client'
import { log } from '../observability/logger.server'
import { requestContext } from '../observability/request-context.server'
import { metrics } from '../observability/metrics.server'

type Tx = Prisma.TransactionClient

export type JobKind = 'extract_text'
type Payload = Record<string, unknown>
type Handler = {
  run: (payload: Payload) => Promise<void>
  /** Called once when the job is given up after its last attempt. */
  giveUp?: (payload: Payload) => Promise<void>
}

const handlers = new Map<JobKind, Handler>()
const MAX_ATTEMPTS = 3

export function registerJobHandler(kind: JobKind, handler: Handler): void {
  handlers.set(kind, handler)
}

/** Adds a job in the caller's transaction, so it exists exactly when the change that needs it does. */
export async function enqueueJob(tx: Tx, kind: JobKind, payload: Record<string, unknown>) {
  await tx.job.create({ data: { kind, payload: JSON.stringify(payload) } })
}

/** Claims and runs one due job; false when there was none. */
export async function runNextJob(now = new Date()): Promise<boolean> {
  const next = await db.job.findFirst({
    where: { status: 'queued', runAfter: { lte: now } },
    orderBy: { createdAt: 'asc' },
    select: { id: true, kind: true, payload: true, attempts: true },
  })
  if (!next) return false
  const claimed = await db.job.updateMany({
    where: { id: next.id, status: 'queued' },
    data: { status: 'running', attempts: { increment: 1 } },
  })
  if (claimed.count === 0) return true
  const handler = handlers.get(next.kind as JobKind)
  try {
    if (!handler) throw new Error(`No handler for job kind ${next.kind}`)
    await handler.run(JSON.parse(next.payload) as Payload)
    await db.job.update({ where: { id: next.id }, data: { status: 'done', lastError: null } })
  } catch (error) {
    const attempts = next.attempts + 1
    const message = error instanceof Error ? error.message : String(error)
    await db.job.update({
      where: { id: next.id },
      data: {
        status: attempts >= MAX_ATTEMPTS ? 'failed' : 'queued',
        lastError: message.slice(0, 1000),
        runAfter: new Date(Date.now() + attempts * 30_000),
      },
    })
    const final = attempts >= MAX_ATTEMPTS
    metrics().jobFailures.inc({ kind: next.kind, final: String(final) })
    log.warn({ jobId: next.id, kind: next.kind, attempts, final }, 'Background job attempt failed')
    if (final) await giveUp(next)
  }
  return true
}

async function giveUp(job: { kind: string; payload: string }): Promise<void> {
  await handlers.get(job.kind as JobKind)?.giveUp?.(JSON.parse(job.payload) as Payload)
}

let timer: NodeJS.Timeout | undefined
let running: Promise<unknown> = Promise.resolve()
/** Set when the server stops: the worker finishes the job it has and claims no other. */
let stopping = false

/** Runs due jobs until none is left (the tests run the queue this way). */
export async function runJobsUntilIdle(): Promise<number> {
  let ran = 0
  while (await runNextJob()) ran++
  return ran
}

/** The worker after a kick: as runJobsUntilIdle, but it claims no job once the server stops. */
async function workUntilIdleOrStopped(): Promise<void> {
  while (!stopping && (await runNextJob())) {
    // one job after the other
  }
}

/** Asks the worker to look for work now rather than at its next tick. */
export function kickJobWorker(): void {
  if (!timer) return
  // Outside the request that kicked it: the jobs' log lines are not that request's.
  requestContext.exit(() => {
    running = running.then(workUntilIdleOrStopped).catch((error: unknown) => {
      log.error({ err: error }, 'Background job worker failed')
    })
  })
}

/** Starts the worker: jobs cut off by a crash are queued again, then it polls every few seconds. */
export async function startJobWorker(intervalMs = 5_000): Promise<void> {
  // Unless it already had all its attempts: a job that brings the server down must not do so at
  // every start (its attempts were counted when it was claimed).
  const exhausted = { status: 'running', attempts: { gte: MAX_ATTEMPTS } }
  const cutOff = await db.job.findMany({ where: exhausted, select: { kind: true, payload: true } })
  await db.job.updateMany({
    where: exhausted,
    data: { status: 'failed', lastError: 'Cut off by a stop of the server on its last attempt' },
  })
  for (const job of cutOff) await giveUp(job)
  await db.job.updateMany({ where: { status: 'running' }, data: { status: 'queued' } })
  if (timer) return
  stopping = false
  timer = setInterval(kickJobWorker, intervalMs)
  timer.unref()
  kickJobWorker()
}

/**
 * Stops the worker at a safe point: no new job is claimed, and the one under way may finish within
 * `graceMs`. A job still running after that is cut off with the process, and queued again at the next
 * start (startJobWorker).
 */
export async function stopJobWorker(graceMs = 0): Promise<void> {
  if (timer) clearInterval(timer)
  timer = undefined
  stopping = true
  let waited: NodeJS.Timeout | undefined
  await Promise.race([running, new Promise((resolve) => (waited = setTimeout(resolve, graceMs)))])
  clearTimeout(waited)
}
