/*
 * A small job queue in the database, run in the server process: work that must not slow the request
 * that caused it (text extraction), and that must survive a restart (a job found `running` at start was
 * cut off by a crash and runs again).
 */
import { db, isPostgres } from '../db/db.server'
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

/**
 * How long a claim holds without news from its instance. The instance running the job extends it every
 * third of that time; a job still `running` past it was cut off with its instance.
 */
export const JOB_LEASE_MS = 5 * 60_000

type Claimed = { id: string; kind: string; payload: string; attempts: number }

/**
 * Claims the oldest due job for this instance: `running`, one more attempt, under a lease. Null when
 * none is due. On PostgreSQL the row is taken with FOR UPDATE SKIP LOCKED, so instances claiming at
 * once each get another job; on SQLite the single writer does the same for the conditional update.
 */
async function claimNextJob(now: Date): Promise<Claimed | null> {
  const leaseUntil = new Date(Date.now() + JOB_LEASE_MS)
  if (isPostgres(db)) {
    const [claimed] = await db.$queryRaw<Claimed[]>`
      UPDATE "Job" SET "status" = 'running', "attempts" = "attempts" + 1,
        "leaseUntil" = ${leaseUntil}, "updatedAt" = now()
      WHERE "id" = (
        SELECT "id" FROM "Job" WHERE "status" = 'queued' AND "runAfter" <= ${now}
        ORDER BY "createdAt" LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING "id", "kind", "payload", "attempts"`
    return claimed ?? null
  }
  for (;;) {
    const next = await db.job.findFirst({
      where: { status: 'queued', runAfter: { lte: now } },
      orderBy: { createdAt: 'asc' },
      select: { id: true, kind: true, payload: true, attempts: true },
    })
    if (!next) return null
    const claimed = await db.job.updateMany({
      where: { id: next.id, status: 'queued' },
      data: { status: 'running', attempts: { increment: 1 }, leaseUntil },
    })
    // Another worker took it between the two statements: look again.
    if (claimed.count === 1) return { ...next, attempts: next.attempts + 1 }
  }
}

/** Extends the lease of a running job while its handler works. */
function keepLease(id: string): () => void {
  const timer = setInterval(() => {
    db.job
      .updateMany({
        where: { id, status: 'running' },
        data: { leaseUntil: new Date(Date.now() + JOB_LEASE_MS) },
      })
      .catch((error: unknown) => log.warn({ err: error, jobId: id }, 'Job lease not extended'))
  }, JOB_LEASE_MS / 3)
  timer.unref()
  return () => clearInterval(timer)
}

/** Claims and runs one due job; false when there was none. */
export async function runNextJob(now = new Date()): Promise<boolean> {
  const next = await claimNextJob(now)
  if (!next) return false
  const handler = handlers.get(next.kind as JobKind)
  const release = keepLease(next.id)
  try {
    if (!handler) throw new Error(`No handler for job kind ${next.kind}`)
    await handler.run(JSON.parse(next.payload) as Payload)
    await db.job.update({
      where: { id: next.id },
      data: { status: 'done', lastError: null, leaseUntil: null },
    })
  } catch (error) {
    const attempts = next.attempts
    const message = error instanceof Error ? error.message : String(error)
    await db.job.update({
      where: { id: next.id },
      data: {
        status: attempts >= MAX_ATTEMPTS ? 'failed' : 'queued',
        lastError: message.slice(0, 1000),
        runAfter: new Date(Date.now() + attempts * 30_000),
        leaseUntil: null,
      },
    })
    const final = attempts >= MAX_ATTEMPTS
    metrics().jobFailures.inc({ kind: next.kind, final: String(final) })
    log.warn({ jobId: next.id, kind: next.kind, attempts, final }, 'Background job attempt failed')
    if (final) await giveUp(next)
  } finally {
    release()
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

/**
 * Jobs cut off by a crash are queued again: on SQLite (one process) every running job at start; on
 * PostgreSQL, where other instances may be running theirs, those whose lease ran out (or that have
 * none). A job cut off on its last attempt is given up instead: a job that brings a server down must
 * not do so at every start (its attempts were counted when it was claimed).
 */
async function requeueCutOffJobs(): Promise<void> {
  const cutOffWhere = isPostgres(db)
    ? { status: 'running', OR: [{ leaseUntil: null }, { leaseUntil: { lt: new Date() } }] }
    : { status: 'running' }
  const exhausted = { ...cutOffWhere, attempts: { gte: MAX_ATTEMPTS } }
  const cutOff = await db.job.findMany({ where: exhausted, select: { kind: true, payload: true } })
  await db.job.updateMany({
    where: exhausted,
    data: { status: 'failed', lastError: 'Cut off by a stop of the server on its last attempt' },
  })
  for (const job of cutOff) await giveUp(job)
  await db.job.updateMany({ where: cutOffWhere, data: { status: 'queued', leaseUntil: null } })
}

/**
 * Starts the worker: jobs cut off by a crash are queued again, then it polls every few seconds (and on
 * PostgreSQL picks up, at each poll, the jobs of an instance that stopped meanwhile).
 */
export async function startJobWorker(intervalMs = 5_000): Promise<void> {
  await requeueCutOffJobs()
  if (timer) return
  stopping = false
  timer = setInterval(() => {
    if (isPostgres(db)) {
      requeueCutOffJobs().catch((error: unknown) =>
        log.warn({ err: error }, 'Cut-off jobs not queued again'),
      )
    }
    kickJobWorker()
  }, intervalMs)
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
