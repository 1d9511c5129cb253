import { z } from 'zod'
import { choice, optionalText, requiredText, slugField } from '../forms/fields'

export const networkLevels = ['regional', 'provincial', 'national', 'cross_border'] as const
export type NetworkLevel = (typeof networkLevels)[number]

export const networkSchema = z.object({
  name: requiredText(160),
  shortName: requiredText(40),
  slug: slugField,
  level: choice(networkLevels),
  description: optionalText(4000),
})
export type NetworkInput = z.output<typeof networkSchema>
