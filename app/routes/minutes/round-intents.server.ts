/*
 * The written round's forms on the minutes page (routes/minutes/minutes.tsx): opening and closing are
 * for the meeting's preparers (404 for anyone else, as everywhere); answering is for anyone who may see
 * the meeting, and the module checks their organisation is invited. Not a route: app/routes.ts lists the
 * routes by hand.
 */
import { parseWithZod } from '@conform-to/zod/v4'
import { data } from '@remix-run/node'
import type { CurrentUser } from '~/modules/access/access.server'
import { requireMeetingAccess, requireMeetingPreparer } from '~/modules/access/meetings.server'
import { redirectWithFlash } from '~/modules/flash/flash.server'
import { isConfirmed } from '~/modules/forms/confirm'
import {
  answerMinutesRound,
  closeMinutesRound,
  openMinutesRound,
  roundTally,
} from '~/modules/minutes/round.server'
import { roundAnswerSchema, roundCloseSchema, roundOpenSchema } from '~/modules/minutes/schema'

const roundIntents = ['openRound', 'answerRound', 'closeRound'] as const

export function isRoundIntent(intent: unknown): boolean {
  return (roundIntents as readonly unknown[]).includes(intent)
}

export async function handleRoundIntent(
  formData: FormData,
  user: CurrentUser,
  params: { network: string; meeting: string },
) {
  const intent = formData.get('intent')
  const access =
    intent === 'answerRound'
      ? await requireMeetingAccess(user, params.network, params.meeting)
      : await requireMeetingPreparer(user, params.network, params.meeting)
  const self = `/netwerken/${access.network.slug}/vergaderingen/${access.meeting.id}/verslag`
  const schema =
    intent === 'openRound'
      ? roundOpenSchema
      : intent === 'answerRound'
        ? roundAnswerSchema
        : roundCloseSchema
  const submission = parseWithZod(formData, { schema })
  if (submission.status !== 'success') return data({ round: submission.reply() }, { status: 400 })
  const value = submission.value
  let result
  if (value.intent === 'openRound') {
    result = await openMinutesRound(user, access, value.deadline)
  } else if (value.intent === 'answerRound') {
    result = await answerMinutesRound(user, access, value)
  } else {
    if (!isConfirmed(formData)) {
      const tally = await roundTally(access, value.id)
      return { confirm: { intent: 'closeRound' as const, id: value.id, ...tally } }
    }
    result = await closeMinutesRound(user, access, value.id)
  }
  if (result !== 'ok') {
    return data({ round: submission.reply({ formErrors: [result] }) }, { status: 400 })
  }
  return redirectWithFlash(self, 'saved')
}
