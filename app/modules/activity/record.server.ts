/*
 * Recording what happened in a network, for the activity feed (feed.server.ts) and, later, the
 * notifications. Always called inside the transaction of the change itself: the event exists exactly
 * when the change does, and a change that rolls back leaves none. Who may read an event is not stored:
 * app/modules/access/activity.server.ts decides it from the event's subject when it is read.
 */
import type { Prisma } from '../db/generated/client'
import type { ActivityData, ActivityKind } from './types'

export {
  activityKinds,
  isActivityKind,
  type ActivityChange,
  type ActivityData,
  type ActivityKind,
} from './types'

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
