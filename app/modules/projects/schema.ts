import { z } from 'zod'
import { choice, dateField, formSchema, optionalText, requiredText } from '../forms/fields'
import { budgetCategories, euroAmountField, fundingSources } from './budget'

export const projectStatuses = ['idea', 'proposed', 'active', 'completed', 'stopped'] as const
export type ProjectStatus = (typeof projectStatuses)[number]

// Checkboxes named alike: conform turns nothing, one value or several into a list.
const idList = z.array(z.string().min(1).max(40)).max(200).default([])

export const projectSchema = formSchema({
  title: requiredText(200),
  description: optionalText(4000),
  status: choice(projectStatuses),
  stopReason: optionalText(1000),
  startDate: dateField.optional(),
  endDate: dateField.optional(),
  leadOrganisationId: z.string({ error: 'choose' }).min(1, 'choose').max(40),
  participantIds: idList,
  // conform turns the text of a number field into a number before zod sees it
  maxEuSharePercent: z
    .number({ error: 'number' })
    .int('wholeNumber')
    .min(0, 'percentRange')
    .max(100, 'percentRange'),
  /** Present on the edit form: the version the form was loaded at. */
  version: z.number().int().min(1).optional(),
})
  .refine((v) => v.status !== 'stopped' || v.stopReason.length > 0, {
    path: ['stopReason'],
    message: 'stopReasonRequired',
  })
  .refine((v) => !v.startDate || !v.endDate || v.endDate >= v.startDate, {
    path: ['endDate'],
    message: 'endBeforeStart',
  })
export type ProjectInput = z.output<typeof projectSchema>

export const milestoneSchema = formSchema({
  intent: z.literal('addMilestone'),
  title: requiredText(200),
  dueDate: dateField,
})

export const budgetLineSchema = formSchema({
  intent: z.literal('addLine'),
  year: z.number({ error: 'number' }).int('wholeNumber').min(1990, 'year').max(2100, 'year'),
  category: choice(budgetCategories),
  source: choice(fundingSources),
  amount: euroAmountField,
  note: optionalText(500),
})
