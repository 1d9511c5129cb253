import { db } from '../db/db.server'
import type { Prisma } from '../db/generated/client'

export type AuditInput = {
  action: string
  result: 'success' | 'failure' | 'denied'
  actorUserId?: string | null
  actorOrganisationId?: string | null
  objectType?: string
  objectId?: string
  subject?: string
  ip?: string
  /** Extra facts such as before/after values. Never a password or token. */
  details?: Record<string, unknown>
}

function toRow(input: AuditInput): Prisma.AuditEventCreateInput {
  return {
    action: input.action,
    result: input.result,
    actorUserId: input.actorUserId ?? null,
    actorOrganisationId: input.actorOrganisationId ?? null,
    objectType: input.objectType ?? null,
    objectId: input.objectId ?? null,
    subject: input.subject ?? null,
    ip: input.ip ?? null,
    details: input.details ? JSON.stringify(input.details) : null,
  }
}

export async function recordAudit(input: AuditInput, client: Prisma.TransactionClient = db) {
  await client.auditEvent.create({ data: toRow(input) })
}

/**
 * A successful change by a signed-in person, with actor and organisation filled in; inside the change's
 * own transaction when `client` is one.
 */
export function auditBy(
  user: { id: string; organisation: { id: string } },
  action: string,
  object: { type: string; id: string },
  details?: Record<string, unknown>,
  client: Prisma.TransactionClient = db,
) {
  return recordAudit(
    {
      action,
      result: 'success',
      actorUserId: user.id,
      actorOrganisationId: user.organisation.id,
      objectType: object.type,
      objectId: object.id,
      details,
    },
    client,
  )
}
