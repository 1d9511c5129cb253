/*
 * The standing participants of a network's meetings: who of each member organisation attends them, with
 * their function. A new meeting invites these people by name (meetings.server.ts), so the invitation goes
 * to them instead of to every account of their organisation (invitation-mail.server.ts).
 */
import {
  activeMemberUsersWhere,
  type CurrentUser,
  type NetworkAccess,
} from '../access/access.server'
import { auditBy } from '../audit/audit.server'
import { db } from '../db/db.server'
import type { ParticipantFunction } from './participant-functions'

export type ParticipantProblem = 'personNotInNetwork'

/** The standing participants, by organisation (only current members, only active people). */
export async function standingParticipants(access: NetworkAccess) {
  const rows = await db.networkParticipant.findMany({
    where: { networkId: access.network.id, user: activeMemberUsersWhere(access.network.id) },
    select: {
      function: true,
      user: {
        select: { id: true, name: true, organisation: { select: { id: true, name: true } } },
      },
    },
    orderBy: [{ user: { organisation: { name: 'asc' } } }, { user: { name: 'asc' } }],
  })
  return rows.map((r) => ({
    userId: r.user.id,
    name: r.user.name,
    function: r.function,
    organisation: r.user.organisation,
  }))
}

/** The active people of the member organisations who are not standing participants yet. */
export function participantCandidates(access: NetworkAccess) {
  return db.user.findMany({
    where: {
      ...activeMemberUsersWhere(access.network.id),
      participations: { none: { networkId: access.network.id } },
    },
    select: { id: true, name: true, organisation: { select: { id: true, name: true } } },
    orderBy: [{ organisation: { name: 'asc' } }, { name: 'asc' }],
  })
}

/** Adds a person of a member organisation as a standing participant, or changes their function. */
export async function addParticipant(
  user: CurrentUser,
  access: NetworkAccess,
  input: { userId: string; function: ParticipantFunction },
): Promise<{ ok: true } | { problem: ParticipantProblem }> {
  const person = await db.user.findFirst({
    where: { id: input.userId, ...activeMemberUsersWhere(access.network.id) },
    select: { id: true },
  })
  if (!person) return { problem: 'personNotInNetwork' }
  const networkId = access.network.id
  await db.$transaction(async (tx) => {
    await tx.networkParticipant.upsert({
      where: { networkId_userId: { networkId, userId: person.id } },
      create: { networkId, userId: person.id, function: input.function },
      update: { function: input.function },
    })
    await auditBy(
      user,
      'network.participant_added',
      { type: 'Network', id: networkId },
      { userId: person.id, function: input.function },
      tx,
    )
  })
  return { ok: true }
}

/** Takes a person off the standing list; meetings they were already invited to keep them. */
export async function removeParticipant(user: CurrentUser, access: NetworkAccess, userId: string) {
  const networkId = access.network.id
  await db.$transaction(async (tx) => {
    const { count } = await tx.networkParticipant.deleteMany({ where: { networkId, userId } })
    if (count) {
      await auditBy(
        user,
        'network.participant_removed',
        { type: 'Network', id: networkId },
        { userId },
        tx,
      )
    }
  })
  return { ok: true as const }
}

/** Who a new meeting invites by name: the standing participants, with their organisations. */
export function participantsToInvite(networkId: string) {
  return db.networkParticipant.findMany({
    where: { networkId, user: activeMemberUsersWhere(networkId) },
    select: { userId: true, user: { select: { organisationId: true } } },
  })
}
