/*
 * The form handling of the minutes part of an agenda item's page (routes/meetings/item.tsx) and of the
 * status buttons on the open actions page. Not a route: app/routes.ts lists the routes by hand.
 */
import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data } from '@remix-run/node'
import { deny, type CurrentUser } from '~/modules/access/access.server'
import {
  requireActionItemUpdater,
  requireAgendaItem,
  type MeetingAccess,
} from '~/modules/access/meetings.server'
import { safeRedirectPath } from '~/modules/access/redirect'
import { getConfig } from '~/modules/config/config.server'
import { redirectWithFlash } from '~/modules/flash/flash.server'
import { addActionItem, setActionItemStatus } from '~/modules/minutes/actions.server'
import { saveDecision } from '~/modules/minutes/decisions.server'
import {
  actionItemSchema,
  actionStatusSchema,
  decisionSchema,
  type ItemMinutesReply,
  type MinutesFormName,
} from '~/modules/minutes/schema'

function refuse(form: MinutesFormName, reply: SubmissionResult<string[]>) {
  return data<ItemMinutesReply>({ minutes: { form, reply } }, { status: 400 })
}

/**
 * Closes or reopens an action item of the network (intent setActionStatus): for the preparers and the
 * assigned organisation (404 for anyone else), then back to `redirectTo` on our own site or `fallback`.
 */
export async function changeActionStatus(
  formData: FormData,
  user: CurrentUser,
  networkSlug: string,
  fallback: string,
) {
  const submission = parseWithZod(formData, { schema: actionStatusSchema })
  if (submission.status !== 'success') return refuse('status', submission.reply())
  const access = await requireActionItemUpdater(user, networkSlug, submission.value.actionItemId)
  await setActionItemStatus(user, access, submission.value.status)
  return redirectWithFlash(
    safeRedirectPath(submission.value.redirectTo, fallback, getConfig().publicOrigin),
    'saved',
  )
}

/**
 * Handles the intents saveDecision, addActionItem and setActionStatus of an agenda item's page; null
 * for any other intent, so the page handles those itself. Recording is for preparers only (404 for
 * others, as everywhere); bad input answers 400 with the form's messages and writes nothing.
 */
export async function handleItemMinutesIntent(
  formData: FormData,
  user: CurrentUser,
  access: MeetingAccess,
  itemId: string,
  options: {
    /** Where to go after a save; the item's page when left out. */
    back?: string
    /** Answer a save with data instead of a redirect (meeting mode's fetchers stay on the page). */
    stay?: boolean
  } = {},
) {
  const intent = formData.get('intent')
  if (intent !== 'saveDecision' && intent !== 'addActionItem' && intent !== 'setActionStatus') {
    return null
  }
  await requireAgendaItem(user, access, itemId)
  const back =
    options.back ??
    `/netwerken/${access.network.slug}/vergaderingen/${access.meeting.id}/agenda/${itemId}`
  const saved = (form: MinutesFormName) =>
    options.stay ? data({ saved: { form, itemId } }) : redirectWithFlash(back, 'saved')
  if (intent === 'setActionStatus') {
    return changeActionStatus(formData, user, access.network.slug, back)
  }
  if (!access.canPrepare) {
    throw await deny(user, 'Meeting', access.meeting.id, { needed: 'preparer' })
  }
  if (intent === 'saveDecision') {
    const submission = parseWithZod(formData, { schema: decisionSchema })
    if (submission.status !== 'success') return refuse('decision', submission.reply())
    const result = await saveDecision(user, access, itemId, submission.value)
    if (result !== 'ok') return refuse('decision', submission.reply({ formErrors: [result] }))
    return saved('decision')
  }
  const submission = parseWithZod(formData, { schema: actionItemSchema })
  if (submission.status !== 'success') return refuse('action', submission.reply())
  const result = await addActionItem(user, access, itemId, submission.value)
  if ('problem' in result) {
    return refuse('action', submission.reply({ formErrors: [result.problem] }))
  }
  return saved('action')
}
