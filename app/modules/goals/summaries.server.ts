import { db, getDb, isPostgres, type Db } from '../db/db.server'
import type { Prisma } from '../db/generated/client'
import { calendarDay } from '../projects/milestones'
import {
  goalStatus,
  progress,
  type Goal,
  type GoalDirection,
  type GoalStatusName,
  type GoalUnit,
} from './progress'

type GoalRow = {
  unit: string
  direction: string
  baselineValue: number
  baselineDate: Date | null
  targetValue: number
  targetDate: Date
}

export function asGoal(row: GoalRow): Goal {
  return {
    unit: row.unit as GoalUnit,
    direction: row.direction as GoalDirection,
    baselineValue: row.baselineValue,
    baselineDate: row.baselineDate,
    targetValue: row.targetValue,
    targetDate: row.targetDate,
  }
}

export type GoalSummary = {
  status: GoalStatusName
  latest: { date: string; value: number } | null
  percent: number
  expected: number | null
}

/** Where the progress of a goal stands, in plain data for a progress bar and a status badge. */
export function summarise(
  goal: Goal,
  measurements: { organisationId: string; date: Date; value: number }[],
): GoalSummary {
  const status = goalStatus(goal, measurements, new Date())
  return {
    status: status.status,
    latest: status.latest
      ? { date: status.latest.date.toISOString(), value: status.latest.value }
      : null,
    percent: status.latest ? progress(goal, status.latest.value).percent : 0,
    expected: status.expected ?? null,
  }
}

type LatestRow = { goalId: string; organisationId: string; date: string | Date; value: number }

/**
 * Each organisation's latest measurement per goal of the network (ties on a date: the one entered
 * last), and each goal's first measurement date, counting only measurements up to `today`. That is all
 * the status rule needs: the latest network total adds up each organisation's latest figure, and the
 * line starts at the baseline date or else at the first measurement. Aggregated in the database, so a network
 * with 50,000 measurements sends a few thousand rows to JavaScript instead of all of them.
 */
async function latestMeasurements(tx: Prisma.TransactionClient, networkId: string, today: string) {
  const [latest, firsts] = await (isPostgres(tx)
    ? latestMeasurementsPostgres(tx, networkId, today)
    : latestMeasurementsSqlite(tx, networkId, today))
  const byGoal = new Map<string, { organisationId: string; date: Date; value: number }[]>()
  for (const row of latest) {
    const list = byGoal.get(row.goalId) ?? []
    list.push({ organisationId: row.organisationId, date: new Date(row.date), value: row.value })
    byGoal.set(row.goalId, list)
  }
  return { byGoal, first: new Map(firsts.map((f) => [f.goalId, new Date(f.first)])) }
}

type FirstRow = { goalId: string; first: string | Date }

// SQLite keeps a DateTime as ISO text: its first ten characters are the UTC day, and MAX over
// "date|createdAt" picks the latest row of each group, whose bare columns SQLite then returns.
function latestMeasurementsSqlite(tx: Prisma.TransactionClient, networkId: string, today: string) {
  return Promise.all([
    tx.$queryRaw<LatestRow[]>`
      SELECT m.goalId AS goalId, m.organisationId AS organisationId,
             MAX(m.date || '|' || m.createdAt) AS latestKey, m.date AS date, m.value AS value
      FROM Measurement m JOIN Goal g ON g.id = m.goalId
      WHERE g.networkId = ${networkId} AND substr(m.date, 1, 10) <= ${today}
      GROUP BY m.goalId, m.organisationId`,
    tx.$queryRaw<FirstRow[]>`
      SELECT m.goalId AS goalId, MIN(m.date) AS first
      FROM Measurement m JOIN Goal g ON g.id = m.goalId
      WHERE g.networkId = ${networkId} AND g.baselineDate IS NULL
        AND substr(m.date, 1, 10) <= ${today}
      GROUP BY m.goalId`,
  ])
}

// The same on PostgreSQL: DISTINCT ON keeps the first row of each group in the order given.
function latestMeasurementsPostgres(
  tx: Prisma.TransactionClient,
  networkId: string,
  today: string,
) {
  return Promise.all([
    tx.$queryRaw<LatestRow[]>`
      SELECT DISTINCT ON (m."goalId", m."organisationId") m."goalId" AS "goalId",
             m."organisationId" AS "organisationId", m."date" AS "date", m."value" AS "value"
      FROM "Measurement" m JOIN "Goal" g ON g."id" = m."goalId"
      WHERE g."networkId" = ${networkId} AND (m."date" AT TIME ZONE 'UTC')::date <= ${today}::date
      ORDER BY m."goalId", m."organisationId", m."date" DESC, m."createdAt" DESC`,
    tx.$queryRaw<FirstRow[]>`
      SELECT m."goalId" AS "goalId", MIN(m."date") AS "first"
      FROM "Measurement" m JOIN "Goal" g ON g."id" = m."goalId"
      WHERE g."networkId" = ${networkId} AND g."baselineDate" IS NULL
        AND (m."date" AT TIME ZONE 'UTC')::date <= ${today}::date
      GROUP BY m."goalId"`,
  ])
}

async function workOut(
  tx: Prisma.TransactionClient,
  networkId: string,
  today: string,
): Promise<Map<string, GoalSummary>> {
  const [goals, measured] = await Promise.all([
    tx.goal.findMany({
      where: { networkId },
      select: {
        id: true,
        unit: true,
        direction: true,
        baselineValue: true,
        baselineDate: true,
        targetValue: true,
        targetDate: true,
      },
    }),
    latestMeasurements(tx, networkId, today),
  ])
  return new Map(
    goals.map((g) => {
      // Starting the line at the first measurement when there is no baseline date, as the full series
      // would.
      const rule = {
        ...asGoal(g),
        baselineDate: g.baselineDate ?? measured.first.get(g.id) ?? null,
      }
      return [g.id, summarise(rule, measured.byGoal.get(g.id) ?? [])]
    }),
  )
}

type Worked = { version: number; day: string; summaries: Promise<Map<string, GoalSummary>> }

/** Per database (the tests open several in one process), per network: the last statuses worked out. */
const worked = new WeakMap<Db, Map<string, Worked>>()
/** A bound on the memory: the networks read most recently keep theirs. */
const NETWORKS_KEPT = 500

function keptFor(client: Db): Map<string, Worked> {
  const kept = worked.get(client) ?? new Map<string, Worked>()
  worked.set(client, kept)
  return kept
}

/**
 * The status of every goal of a network, by goal id. Working it out reads every measurement of the
 * network (17,000 for a large network in the bench, about 25 ms), so it is done once per change:
 * triggers move `GoalsVersion` at every change to any goal or measurement, and a network's statuses
 * are kept while it and the day (measurements dated later count from their day) stay the same. Several
 * server processes each keep their own, all checked against the one database.
 *
 * The version and the goals are read in one transaction. The server has one database connection, and
 * a read outside a transaction sees what another request's open transaction has written: statuses
 * worked out from a measurement that is then rolled back would be kept under the version from before.
 * Transactions take turns on the connection, so one sees only what others committed.
 */
export async function goalSummaries(networkId: string): Promise<Map<string, GoalSummary>> {
  const kept = keptFor(getDb())
  const day = calendarDay(new Date())
  const known = kept.get(networkId)
  if (known && known.day === day && (await currentVersion(db)) === known.version) {
    // Most recently used last, so the oldest is the first to go.
    kept.delete(networkId)
    kept.set(networkId, known)
    return known.summaries
  }
  const work = db.$transaction(async (tx) => {
    const version = await currentVersion(tx)
    return { version, summaries: await workOut(tx, networkId, day) }
  })
  const summaries = work.then((done) => done.summaries)
  // Kept once known to be whole; a failed read is not kept, and the next request tries again.
  void work.then(
    ({ version }) => {
      if (version === NO_VERSION) return
      kept.delete(networkId)
      kept.set(networkId, { version, day, summaries })
      if (kept.size > NETWORKS_KEPT) kept.delete(kept.keys().next().value!)
    },
    () => {},
  )
  return summaries
}

/** Without the row (a database the migration did not make) nothing is kept. */
const NO_VERSION = -1

async function currentVersion(reader: Prisma.TransactionClient): Promise<number> {
  const row = await reader.goalsVersion.findUnique({ where: { id: 1 }, select: { version: true } })
  return row?.version ?? NO_VERSION
}
