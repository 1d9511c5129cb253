import { activeMembershipWhere } from '../access/access.server'
import { auditBy, recordAudit } from '../audit/audit.server'
import { db } from '../db/db.server'
import {
  defaultDelivery,
  INHERIT,
  notificationKinds,
  type Delivery,
  type NotificationKind,
  type PreferenceRow,
  type PreferencesInput,
} from './preferences'

export {
  defaultDelivery,
  deliveries,
  deliveryFor,
  notificationKindFor,
  notificationKindOfEvent,
  notificationKinds,
  type Delivery,
  type NotificationKind,
} from './preferences'

export type LoadedPreferences = {
  /** The person's own rows; `deliveryFor(rows, kind, networkId)` decides. */
  rows: PreferenceRow[]
  digestHour: number
  digestWeekday: number
}

/** A person's stored choices and digest moment (defaults apply to whatever has no row). */
export async function loadPreferences(userId: string): Promise<LoadedPreferences> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      digestHour: true,
      digestWeekday: true,
      notificationPreferences: { select: { kind: true, networkId: true, delivery: true } },
    },
  })
  return {
    rows: user.notificationPreferences,
    digestHour: user.digestHour,
    digestWeekday: user.digestWeekday,
  }
}

/** The networks whose choices a person may set: those of their organisation now. */
export function preferenceNetworks(user: { organisation: { id: string } }) {
  return db.network.findMany({
    where: { memberships: { some: activeMembershipWhere(user.organisation.id) } },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, shortName: true },
  })
}

type Actor = { id: string; organisation: { id: string } }

/**
 * Replaces the person's choices by the form's. A choice for all networks equal to the default is not
 * stored, so a better default later reaches those who never chose; a network set to "as for all networks"
 * has no row. Choices for a network the person's organisation is not in are ignored (a stale or tampered
 * form). Audited, with the choices that differ from the defaults.
 */
export async function savePreferences(user: Actor, input: PreferencesInput) {
  const allowed = new Set((await preferenceNetworks(user)).map((n) => n.id))
  const rows: { kind: NotificationKind; networkId: string; delivery: Delivery }[] = []
  for (const kind of notificationKinds) {
    if (input.all[kind] !== defaultDelivery[kind])
      rows.push({ kind, networkId: '', delivery: input.all[kind] })
  }
  for (const [networkId, choices] of Object.entries(input.networks ?? {})) {
    if (!allowed.has(networkId)) continue
    for (const kind of notificationKinds) {
      const choice = choices[kind]
      if (choice !== INHERIT) rows.push({ kind, networkId, delivery: choice })
    }
  }
  await db.$transaction(async (tx) => {
    await tx.notificationPreference.deleteMany({ where: { userId: user.id } })
    await tx.notificationPreference.createMany({
      data: rows.map((r) => ({ userId: user.id, ...r })),
    })
    await tx.user.update({
      where: { id: user.id },
      data: { digestHour: input.digestHour, digestWeekday: input.digestWeekday },
    })
    await auditBy(
      user,
      'notifications.preferences_saved',
      { type: 'User', id: user.id },
      { digestHour: input.digestHour, digestWeekday: input.digestWeekday, choices: rows },
      tx,
    )
  })
}

/**
 * Turns one kind of mail off, for one network or (networkId "") for all: what an unsubscribe link does.
 * Turning off for all networks also drops the network's own choices of that kind, or a network set to
 * "immediately" would keep sending. Audited with the person as actor (the signed link is their say-so).
 */
export async function turnOff(
  user: { id: string; organisationId: string },
  kind: NotificationKind,
  networkId: string,
  via: string,
) {
  await db.$transaction(async (tx) => {
    if (networkId === '')
      await tx.notificationPreference.deleteMany({ where: { userId: user.id, kind } })
    await tx.notificationPreference.upsert({
      where: { userId_kind_networkId: { userId: user.id, kind, networkId } },
      create: { userId: user.id, kind, networkId, delivery: 'off' },
      update: { delivery: 'off' },
    })
    await recordAudit(
      {
        action: 'notifications.unsubscribed',
        result: 'success',
        actorUserId: user.id,
        actorOrganisationId: user.organisationId,
        objectType: 'User',
        objectId: user.id,
        details: { kind, networkId: networkId || null, via },
      },
      tx,
    )
  })
}
