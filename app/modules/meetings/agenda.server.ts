/*
 * A meeting's agenda: items and sub-items in order, and the documents attached to them. The agenda can
 * be changed while the meeting is a draft or published; after that only decisions are recorded.
 */
import type { CurrentUser } from '../access/access.server'
import { visibleDocumentsWhere } from '../access/documents.server'
import {
  requireAgendaItem,
  requireMeetingPreparer,
  type MeetingAccess,
} from '../access/meetings.server'
import { recordActivity } from '../activity/record.server'
import { auditBy } from '../audit/audit.server'
import { db } from '../db/db.server'
import { documentChoices } from '../documents/queries.server'
import { Prisma } from '../db/generated/client'
import { isCurrentMember } from '../networks/networks.server'
import type { AgendaItemInput } from './schema'
import { agendaIsOpen, closingStandingItems } from './types'

export type AgendaProblem =
  | 'agendaClosed'
  | 'parentNotFound'
  | 'presenterNotInNetwork'
  | 'cannotMoveFurther'
  | 'documentNotFound'
  | 'alreadyAttached'
  | 'itemNotFound'
  | 'itemHasMinutes'
  | 'itemHasSubItems'

class AgendaRefusal extends Error {
  constructor(readonly problem: AgendaProblem) {
    super(problem)
  }
}

function checkPresenter(networkId: string, organisationId: string | undefined) {
  return organisationId ? isCurrentMember(networkId, organisationId) : true
}

function itemData(input: AgendaItemInput) {
  return {
    title: input.title,
    description: input.description,
    kind: input.kind,
    presenterOrganisationId: input.presenterOrganisationId || null,
    durationMinutes: input.durationMinutes,
  }
}

type Result = { id: string } | { problem: AgendaProblem }

const problemFields: Partial<Record<AgendaProblem, string>> = {
  parentNotFound: 'parentId',
  itemHasSubItems: 'parentId',
  presenterNotInNetwork: 'presenterOrganisationId',
}

/** A refusal of the item form, next to the field it concerns or else above the form. */
export function agendaItemFormErrors(problem: AgendaProblem) {
  const field = problemFields[problem]
  return field ? { fieldErrors: { [field]: [problem] } } : { formErrors: [problem] }
}

async function guarded(run: () => Promise<{ id: string }>): Promise<Result> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof AgendaRefusal) return { problem: error.problem }
    // Removed a moment ago in another tab or by a colleague: say so instead of failing.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025') {
      return { problem: 'itemNotFound' }
    }
    throw error
  }
}

/**
 * Adds an item at the end of the agenda, but before the closing standing items ("any other business",
 * "closing"); a sub-item goes at the end of its item.
 */
export function addAgendaItem(
  user: CurrentUser,
  access: MeetingAccess,
  input: AgendaItemInput,
): Promise<Result> {
  const meetingId = access.meeting.id
  return guarded(async () => {
    if (!agendaIsOpen(access.meeting.status)) throw new AgendaRefusal('agendaClosed')
    if (!(await checkPresenter(access.network.id, input.presenterOrganisationId))) {
      throw new AgendaRefusal('presenterNotInNetwork')
    }
    return db.$transaction(async (tx) => {
      const parentId = input.parentId || null
      if (parentId) {
        const parent = await tx.agendaItem.findFirst({
          where: { id: parentId, meetingId, parentId: null },
          select: { id: true },
        })
        if (!parent) throw new AgendaRefusal('parentNotFound')
      }
      const siblings = await tx.agendaItem.findMany({
        where: { meetingId, parentId },
        select: { id: true, standing: true },
        orderBy: { position: 'asc' },
      })
      let position = siblings.length
      if (!parentId) {
        while (
          position > 0 &&
          closingStandingItems.includes(siblings[position - 1]!.standing ?? '')
        ) {
          position -= 1
        }
        await tx.agendaItem.updateMany({
          where: { meetingId, parentId: null, position: { gte: position } },
          data: { position: { increment: 1 } },
        })
      }
      const item = await tx.agendaItem.create({
        data: { ...itemData(input), meetingId, parentId, position },
        select: { id: true },
      })
      await auditBy(
        user,
        'agenda.item_added',
        { type: 'AgendaItem', id: item.id },
        { meetingId },
        tx,
      )
      return item
    })
  })
}

/**
 * Saves an item's details. When `input.parentId` names another item (or is empty for the top level) the
 * item moves there: to the end of that item's sub-items, or back to the top level right after the item it
 * was under. Both levels renumber. An item with sub-items stays an item: the agenda has one level of
 * sub-items only.
 */
export function updateAgendaItem(
  user: CurrentUser,
  access: MeetingAccess,
  itemId: string,
  input: AgendaItemInput,
): Promise<Result> {
  const meetingId = access.meeting.id
  return guarded(async () => {
    if (!agendaIsOpen(access.meeting.status)) throw new AgendaRefusal('agendaClosed')
    if (!(await checkPresenter(access.network.id, input.presenterOrganisationId))) {
      throw new AgendaRefusal('presenterNotInNetwork')
    }
    return db.$transaction(async (tx) => {
      const item = await tx.agendaItem.update({
        where: { id: itemId, meetingId },
        data: itemData(input),
        select: { parentId: true, position: true },
      })
      await auditBy(user, 'agenda.item_changed', { type: 'AgendaItem', id: itemId }, undefined, tx)
      const parentId = input.parentId || null
      if (parentId !== item.parentId) {
        await changeParent(tx, meetingId, { id: itemId, ...item }, parentId)
        await auditBy(
          user,
          'agenda.item_moved',
          { type: 'AgendaItem', id: itemId },
          { parentId },
          tx,
        )
      }
      return { id: itemId }
    })
  })
}

/** Moves an item under `parentId` (at the end of its sub-items) or, `null`, to the top level. */
async function changeParent(
  tx: Prisma.TransactionClient,
  meetingId: string,
  item: { id: string; parentId: string | null; position: number },
  parentId: string | null,
) {
  let position: number
  if (parentId) {
    const parent = await tx.agendaItem.findFirst({
      where: { id: parentId, meetingId, parentId: null, NOT: { id: item.id } },
      select: { id: true },
    })
    if (!parent) throw new AgendaRefusal('parentNotFound')
    if (await tx.agendaItem.count({ where: { parentId: item.id } })) {
      throw new AgendaRefusal('itemHasSubItems')
    }
    position = await tx.agendaItem.count({ where: { meetingId, parentId } })
  } else {
    const former = await tx.agendaItem.findUniqueOrThrow({
      where: { id: item.parentId! },
      select: { position: true },
    })
    position = former.position + 1
    await tx.agendaItem.updateMany({
      where: { meetingId, parentId: null, position: { gte: position } },
      data: { position: { increment: 1 } },
    })
  }
  await tx.agendaItem.updateMany({
    where: { meetingId, parentId: item.parentId, position: { gt: item.position } },
    data: { position: { decrement: 1 } },
  })
  await tx.agendaItem.update({ where: { id: item.id }, data: { parentId, position } })
}

/** Swaps an item with its neighbour among the items of the same level; refused at either end. */
export function moveAgendaItem(
  user: CurrentUser,
  access: MeetingAccess,
  itemId: string,
  direction: 'up' | 'down',
): Promise<Result> {
  const meetingId = access.meeting.id
  return guarded(async () => {
    if (!agendaIsOpen(access.meeting.status)) throw new AgendaRefusal('agendaClosed')
    return db.$transaction(async (tx) => {
      const item = await tx.agendaItem.findFirstOrThrow({
        where: { id: itemId, meetingId },
        select: { id: true, parentId: true, position: true },
      })
      const neighbour = await tx.agendaItem.findFirst({
        where: {
          meetingId,
          parentId: item.parentId,
          position: direction === 'up' ? { lt: item.position } : { gt: item.position },
        },
        orderBy: { position: direction === 'up' ? 'desc' : 'asc' },
        select: { id: true, position: true },
      })
      if (!neighbour) throw new AgendaRefusal('cannotMoveFurther')
      await tx.agendaItem.update({ where: { id: item.id }, data: { position: neighbour.position } })
      await tx.agendaItem.update({ where: { id: neighbour.id }, data: { position: item.position } })
      await auditBy(
        user,
        'agenda.item_moved',
        { type: 'AgendaItem', id: itemId },
        { direction },
        tx,
      )
      return { id: itemId }
    })
  })
}

/**
 * Removes an item with its sub-items and attachments (the documents themselves stay). An item with a
 * decision or action items (on it or a sub-item) is kept: those are the meeting's record.
 */
export function removeAgendaItem(
  user: CurrentUser,
  access: MeetingAccess,
  itemId: string,
): Promise<Result> {
  const meetingId = access.meeting.id
  return guarded(async () => {
    if (!agendaIsOpen(access.meeting.status)) throw new AgendaRefusal('agendaClosed')
    return db.$transaction(async (tx) => {
      const recorded = await tx.agendaItem.count({
        where: {
          meetingId,
          OR: [{ id: itemId }, { parentId: itemId }],
          AND: [
            {
              OR: [
                { decisionText: { not: '' } },
                { decisionOutcome: { not: null } },
                { actionItems: { some: {} } },
              ],
            },
          ],
        },
      })
      if (recorded > 0) throw new AgendaRefusal('itemHasMinutes')
      const item = await tx.agendaItem.delete({
        where: { id: itemId, meetingId },
        select: { id: true, parentId: true, position: true, title: true },
      })
      await tx.agendaItem.updateMany({
        where: { meetingId, parentId: item.parentId, position: { gt: item.position } },
        data: { position: { decrement: 1 } },
      })
      await auditBy(
        user,
        'agenda.item_removed',
        { type: 'AgendaItem', id: itemId },
        { meetingId, title: item.title },
        tx,
      )
      return { id: itemId }
    })
  })
}

/**
 * Attaches a document of the meeting's network to an item (or to the meeting itself, `itemId` null).
 * Only a document the preparer may see; it keeps its own audience.
 */
export function attachDocument(
  user: CurrentUser,
  access: MeetingAccess,
  itemId: string | null,
  documentId: string,
): Promise<Result> {
  const meetingId = access.meeting.id
  return guarded(async () => {
    if (!agendaIsOpen(access.meeting.status)) throw new AgendaRefusal('agendaClosed')
    return db.$transaction(async (tx) => {
      const document = await tx.document.findFirst({
        where: { id: documentId, networkId: access.network.id, ...visibleDocumentsWhere(user) },
        select: { id: true, title: true },
      })
      if (!document) throw new AgendaRefusal('documentNotFound')
      const existing = await tx.meetingDocument.findFirst({
        where: { meetingId, agendaItemId: itemId, documentId },
        select: { id: true },
      })
      if (existing) throw new AgendaRefusal('alreadyAttached')
      const link = await tx.meetingDocument.create({
        data: { meetingId, agendaItemId: itemId, documentId },
        select: { id: true },
      })
      // Stukken added after publication are news to the partners; while a draft, it is preparation.
      const meeting = await tx.meeting.findUniqueOrThrow({
        where: { id: meetingId },
        select: { status: true, title: true },
      })
      if (meeting.status === 'published') {
        const item = itemId
          ? await tx.agendaItem.findUnique({ where: { id: itemId }, select: { title: true } })
          : null
        await recordActivity(tx, {
          networkId: access.network.id,
          kind: 'meeting_document_added',
          actor: user,
          meetingId,
          documentId,
          data: {
            title: document.title,
            meetingTitle: meeting.title,
            ...(item ? { itemTitle: item.title } : {}),
          },
        })
      }
      await auditBy(
        user,
        'agenda.document_attached',
        { type: 'Meeting', id: meetingId },
        { itemId, documentId },
        tx,
      )
      return link
    })
  })
}

/** Detaches a document from the item it hangs on (or from the meeting itself, `itemId` null). */
export function detachDocument(
  user: CurrentUser,
  access: MeetingAccess,
  itemId: string | null,
  linkId: string,
): Promise<Result> {
  const meetingId = access.meeting.id
  return guarded(async () => {
    if (!agendaIsOpen(access.meeting.status)) throw new AgendaRefusal('agendaClosed')
    return db.$transaction(async (tx) => {
      const { count } = await tx.meetingDocument.deleteMany({
        where: { id: linkId, meetingId, agendaItemId: itemId },
      })
      if (count !== 1) throw new AgendaRefusal('documentNotFound')
      await auditBy(
        user,
        'agenda.document_detached',
        { type: 'Meeting', id: meetingId },
        { itemId, linkId },
        tx,
      )
      return { id: linkId }
    })
  })
}

/** Documents of the network the preparer may attach, newest first. */
export function attachableDocuments(user: CurrentUser, access: MeetingAccess) {
  return documentChoices(user, access.network.id, { take: 300 })
}

/**
 * Where a document shared "for this agenda item" goes: the item of a meeting the user prepares, in the
 * network the document is shared in; 404 (logged) otherwise, and a refusal once the agenda is closed.
 */
export async function agendaUploadTarget(
  user: CurrentUser,
  networkSlug: string,
  meetingId: string,
  itemId: string,
) {
  const access = await requireMeetingPreparer(user, networkSlug, meetingId)
  const item = await requireAgendaItem(user, access, itemId)
  if (!agendaIsOpen(access.meeting.status)) return { open: false as const }
  return {
    open: true as const,
    access,
    itemId: item.id,
    title: item.title,
    itemUrl: `/netwerken/${networkSlug}/vergaderingen/${meetingId}/agenda/${item.id}`,
  }
}
