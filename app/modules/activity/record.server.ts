/*
 * Recording what happened in a network, for the activity feed (feed.server.ts) and, later, the
 * notifications. Always called inside the transaction of the change itself: the event exists exactly
 * when the change does, and a change that rolls back leaves none. Who may read an event is not stored:
 * app/modules/access/activity.server.ts decides it from the event's subject when it is read.
 */
import type { Prisma } from '../db/generated/client'

export const activityKinds = [
  'document_shared',
  'document_version',
  'meeting_published',
  'meeting_changed',
  'meeting_cancelled',
  'meeting_document_added',
  'decision_recorded',
  'minutes_approved',
  'action_assigned',
  'action_done',
  'measurement_recorded',
  'project_status_changed',
] as const

export type ActivityKind = (typeof activityKinds)[number]

export function isActivityKind(value: string): value is ActivityKind {
  return (activityKinds as readonly string[]).includes(value)
}

/** A changed field: what it was and what it became (dates as ISO strings). */
export type ActivityChange = { field: string; from: string; to: string }

/**
 * The details shown with an event, as they were at the time: a later rename does not rewrite history.
 * Every field is optional; each kind fills the ones it shows.
 */
export type ActivityData = {
  /** The title of the document, meeting, project or goal at the time. */
  title?: string
  /** The meeting a document was added to, or a decision or action item belongs to. */
  meetingTitle?: string
  /** An agenda item's title (decisions, documents added to the agenda). */
  itemTitle?: string
  /** A document's version number. */
  version?: number
  /** Old → new of the fields that changed (meeting time, place or title; project status). */
  changes?: ActivityChange[]
  /** A decision's outcome (adopted | amended | rejected | postponed | noted). */
  outcome?: string
  /** The organisation an action item is assigned to, and its description. */
  organisationName?: string
  description?: string
  /** A measurement's value, with the goal's unit. */
  value?: number
  unit?: string
  /** Why a meeting was cancelled. */
  reason?: string
  /** How minutes were approved: at a meeting or by a written round. */
  via?: 'meeting' | 'round'
}

export type ActivityInput = {
  networkId: string
  kind: ActivityKind
  /** The person who acted; null for something the system did. */
  actor: { id: string; organisation: { id: string } } | null
  documentId?: string
  documentVersionId?: string
  meetingId?: string
  projectId?: string
  goalId?: string
  actionItemId?: string
  data?: ActivityData
}

export async function recordActivity(
  tx: Prisma.TransactionClient,
  event: ActivityInput,
): Promise<void> {
  await tx.activityEvent.create({
    data: {
      networkId: event.networkId,
      kind: event.kind,
      actorId: event.actor?.id ?? null,
      actorOrganisationId: event.actor?.organisation.id ?? null,
      documentId: event.documentId ?? null,
      documentVersionId: event.documentVersionId ?? null,
      meetingId: event.meetingId ?? null,
      projectId: event.projectId ?? null,
      goalId: event.goalId ?? null,
      actionItemId: event.actionItemId ?? null,
      data: JSON.stringify(event.data ?? {}),
    },
  })
}
