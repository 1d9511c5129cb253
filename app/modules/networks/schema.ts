import { z } from 'zod'
import { choice, formSchema, optionalText, requiredText, slugField } from '../forms/fields'

export const networkLevels = ['regional', 'provincial', 'national', 'cross_border'] as const
export type NetworkLevel = (typeof networkLevels)[number]

export const networkSchema = formSchema({
  // The edit page posts its details form with intent=details beside the membership forms.
  intent: z.literal('details').optional(),
  name: requiredText(160),
  shortName: requiredText(40),
  slug: slugField,
  level: choice(networkLevels),
  description: optionalText(4000),
})
export type NetworkInput = z.output<typeof networkSchema>
