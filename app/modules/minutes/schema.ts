import type { SubmissionResult } from '@conform-to/react'
import { z } from 'zod'
import { choice, dateField, formSchema, optionalText, requiredText } from '../forms/fields'
import { actionStatuses, decisionOutcomes } from '../meetings/types'

const id = z.string({ error: 'choose' }).trim().min(1, { error: 'choose', abort: true }).max(40)
const optionalId = z.string().trim().max(40).optional()

/** The decision on one agenda item. Both empty clears it; a decision text needs an outcome. */
export const decisionSchema = formSchema({
  intent: z.literal('saveDecision'),
  decisionText: optionalText(5000),
  decisionOutcome: choice(decisionOutcomes).optional(),
}).refine((v) => v.decisionText === '' || v.decisionOutcome !== undefined, {
  path: ['decisionOutcome'],
  message: 'choose',
})
export type DecisionInput = z.output<typeof decisionSchema>

export const actionItemSchema = formSchema({
  intent: z.literal('addActionItem'),
  description: requiredText(1000),
  organisationId: id,
  /** Optional: a person of the chosen organisation. */
  assigneeUserId: optionalId,
  dueDate: dateField.optional(),
})
export type ActionItemInput = z.output<typeof actionItemSchema>

export const actionStatusSchema = formSchema({
  intent: z.literal('setActionStatus'),
  actionItemId: id,
  status: choice(actionStatuses),
  /** Where to go back to afterwards (a page of our own site; checked with safeRedirectPath). */
  redirectTo: z.string().max(2000).optional(),
})

/** The version of the meeting the page showed, so a stale form is refused instead of overwriting. */
const version = z.number({ error: 'required' }).int().min(1)

export const minutesSchema = formSchema({
  intent: z.literal('saveMinutes'),
  version,
  decisionList: optionalText(50_000),
  minutesText: optionalText(100_000),
  /** A document of the network as the minutes; empty for none. */
  minutesDocumentId: optionalId,
})
export type MinutesInput = z.output<typeof minutesSchema>

/**
 * Approving the minutes: two steps (ConfirmPanel). The first step sends the page's `version`; the
 * confirmation sends it back as ConfirmPanel's `id`.
 */
export const minutesStepSchema = formSchema({
  intent: z.literal('approveMinutes'),
  version: version.optional(),
  id: z.string().max(20).optional(),
  confirmed: z.literal('yes').optional(),
})

/** Opening a written round on the minutes: the last day to answer. */
export const roundOpenSchema = formSchema({
  intent: z.literal('openRound'),
  deadline: dateField,
})

/** An organisation's answer in a written round: agree, or comments (which then need a text). */
export const roundAnswerSchema = formSchema({
  intent: z.literal('answerRound'),
  reply: choice(['agree', 'comment']),
  comment: optionalText(5000),
}).refine((v) => v.reply !== 'comment' || v.comment !== '', {
  path: ['comment'],
  message: 'required',
})
export type RoundAnswerInput = z.output<typeof roundAnswerSchema>

/** Closing a round (which approves the minutes): two steps, the round's id in both. */
export const roundCloseSchema = formSchema({
  intent: z.literal('closeRound'),
  id: id,
  confirmed: z.literal('yes').optional(),
})

/** The refusals of this module: shown through the `minutes` namespace (problems.*). */
export const minutesProblems = [
  'meetingNotOpen',
  'organisationNotInNetwork',
  'assigneeNotInOrganisation',
  'minutesNotOpen',
  'minutesConflict',
  'minutesDocumentNotFound',
  'approveOnlyHeld',
  'approveAtNextMeeting',
  'minutesEmpty',
  'roundOpen',
  'roundDeadlinePast',
  'roundDeadlineTooFar',
  'roundNotInvited',
  'roundDeadlinePassed',
  'roundClosed',
] as const
export type MinutesProblem = (typeof minutesProblems)[number]

/** Which of an agenda item page's minutes forms (decision, action item, status) a reply belongs to. */
export type MinutesFormName = 'decision' | 'action' | 'status'
/** How the item page answers a refused minutes form: the form's name and conform's reply. */
export type ItemMinutesReply = {
  minutes: { form: MinutesFormName; reply: SubmissionResult<string[]> }
}
