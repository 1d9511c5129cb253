/*
 * Measurements: each organisation enters, changes and removes only its own. A measurement may point at a
 * shared document as evidence; that link is shown only to people who may see the document.
 */
import type { CurrentUser, GoalAccess } from '../access/access.server'
import { visibleDocumentsWhere } from '../access/documents.server'
import { recordActivity } from '../activity/record.server'
import { auditBy } from '../audit/audit.server'
import { db } from '../db/db.server'
import { documentChoices } from '../documents/queries.server'
import { calendarDay } from '../projects/milestones'
import type { MeasurementInput } from './schema'

type Problem = 'dateInFuture' | 'evidenceNotFound' | 'notAllowed'

/**
 * The documents of the goal's network the user may see, newest first, to choose evidence from; the
 * current evidence (`current`) is always among them when the user may see it.
 */
export function evidenceOptions(user: CurrentUser, access: GoalAccess, current?: string | null) {
  return documentChoices(user, access.network.id, { take: 200, current })
}

/** The input's problem, if any: a future date, or evidence the user cannot see in this network. */
async function check(
  user: CurrentUser,
  access: GoalAccess,
  input: MeasurementInput,
): Promise<Problem | null> {
  if (calendarDay(input.date) > calendarDay(new Date())) return 'dateInFuture'
  if (!input.evidenceDocumentId) return null
  const evidence = await db.document.findFirst({
    where: {
      id: input.evidenceDocumentId,
      networkId: access.network.id,
      ...visibleDocumentsWhere(user),
    },
    select: { id: true },
  })
  return evidence ? null : 'evidenceNotFound'
}

function fields(input: MeasurementInput) {
  return {
    date: input.date,
    value: input.value,
    note: input.note,
    evidenceDocumentId: input.evidenceDocumentId || null,
  }
}

/** A measurement of the caller's own organisation; never dated in the future. */
export async function addMeasurement(
  user: CurrentUser,
  access: GoalAccess,
  input: MeasurementInput,
): Promise<'ok' | Problem> {
  const problem = await check(user, access, input)
  if (problem) return problem
  await db.$transaction(async (tx) => {
    const created = await tx.measurement.create({
      data: {
        ...fields(input),
        goalId: access.goal.id,
        organisationId: user.organisation.id,
        createdById: user.id,
      },
      select: { id: true, goal: { select: { name: true, unit: true, customUnit: true } } },
    })
    // The figure only: its evidence document has an audience of its own and stays on the goal's page.
    await recordActivity(tx, {
      networkId: access.network.id,
      kind: 'measurement_recorded',
      actor: user,
      goalId: access.goal.id,
      data: {
        title: created.goal.name,
        value: input.value,
        unit: created.goal.unit === 'custom' ? (created.goal.customUnit ?? '') : created.goal.unit,
      },
    })
    await auditBy(
      user,
      'goal.measurement_added',
      { type: 'Measurement', id: created.id },
      { goalId: access.goal.id, after: input },
      tx,
    )
  })
  return 'ok'
}

/**
 * One of the caller's own organisation's measurements of this goal; null for anyone else's. Its evidence
 * shows only when the caller may (still) see that document.
 */
export async function findOwnMeasurement(user: CurrentUser, access: GoalAccess, id: string) {
  const row = await db.measurement.findFirst({
    where: { id, goalId: access.goal.id, organisationId: user.organisation.id },
    select: { id: true, date: true, value: true, note: true, evidenceDocumentId: true },
  })
  if (!row) return null
  const visible = await visibleEvidence(user, [row.evidenceDocumentId])
  return {
    ...row,
    date: row.date.toISOString(),
    evidenceDocumentId:
      row.evidenceDocumentId && visible.has(row.evidenceDocumentId) ? row.evidenceDocumentId : null,
  }
}

export async function updateMeasurement(
  user: CurrentUser,
  access: GoalAccess,
  id: string,
  input: MeasurementInput,
): Promise<'ok' | Problem> {
  const before = await findOwnMeasurement(user, access, id)
  if (!before) return 'notAllowed'
  const problem = await check(user, access, input)
  if (problem) return problem
  // Evidence the user can no longer see (its audience changed) was not offered in the form, so an
  // empty choice keeps it rather than dropping it unseen.
  const stored = await db.measurement.findUniqueOrThrow({
    where: { id },
    select: { evidenceDocumentId: true },
  })
  const keepHidden = !input.evidenceDocumentId && !before.evidenceDocumentId
  await db.measurement.update({
    where: { id },
    data: {
      ...fields(input),
      ...(keepHidden ? { evidenceDocumentId: stored.evidenceDocumentId } : {}),
    },
  })
  await auditBy(
    user,
    'goal.measurement_updated',
    { type: 'Measurement', id },
    { goalId: access.goal.id, before, after: input },
  )
  return 'ok'
}

export async function removeMeasurement(user: CurrentUser, access: GoalAccess, id: string) {
  const before = await findOwnMeasurement(user, access, id)
  if (!before) return 'notAllowed' as const
  await db.measurement.delete({ where: { id } })
  await auditBy(
    user,
    'goal.measurement_removed',
    { type: 'Measurement', id },
    { goalId: access.goal.id, before },
  )
  return 'ok' as const
}

/**
 * Of the evidence documents these measurements name, the ones this user may see (id → title). Others are
 * left out entirely, so not even their existence shows.
 */
export async function visibleEvidence(user: CurrentUser, documentIds: (string | null)[]) {
  const ids = [...new Set(documentIds.filter((id): id is string => Boolean(id)))]
  if (ids.length === 0) return new Map<string, string>()
  const documents = await db.document.findMany({
    where: { id: { in: ids }, ...visibleDocumentsWhere(user) },
    select: { id: true, title: true },
  })
  return new Map(documents.map((d) => [d.id, d.title]))
}
