/*
 * The minutes part of an agenda item's page: its decision and its action items. The page's loader calls
 * itemMinutesData; its forms are handled in routes/minutes/item-intents.server.ts.
 */
import type { CurrentUser } from '../access/access.server'
import { requireAgendaItem, type MeetingAccess } from '../access/meetings.server'
import { db } from '../db/db.server'
import { actionsForItem, assignableOrganisations } from './actions.server'
import { isRecording } from './decisions.server'

/** The item's decision, its action items, and (for preparers while recording) the form's choices. */
export async function itemMinutesData(user: CurrentUser, access: MeetingAccess, itemId: string) {
  const item = await requireAgendaItem(user, access, itemId)
  const canRecord = access.canPrepare && isRecording(access)
  const [decision, actions, organisations] = await Promise.all([
    db.agendaItem.findUniqueOrThrow({
      where: { id: item.id },
      select: { decisionText: true, decisionOutcome: true },
    }),
    actionsForItem(user, access, item.id),
    canRecord ? assignableOrganisations(access) : [],
  ])
  return { itemId: item.id, decision, actions, organisations, canRecord }
}
export type ItemMinutesData = Awaited<ReturnType<typeof itemMinutesData>>
