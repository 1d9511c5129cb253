import { z } from 'zod'
import { locales } from '~/i18n/config'
import { choice, formSchema, optionalText, requiredText, slugField } from '../forms/fields'

export const organisationKinds = [
  'municipality',
  'province',
  'water_board',
  'association',
  'business',
] as const
export const countries = ['NL', 'BE'] as const

export const organisationSchema = formSchema({
  name: requiredText(120),
  slug: slugField,
  kind: choice(organisationKinds),
  country: choice(countries),
  officialCode: optionalText(20).refine(
    (v) => v === '' || /^(GM\d{4}|\d{5})$/.test(v),
    'officialCode',
  ),
  defaultLocale: choice(locales),
  // A checkbox sends nothing when it is off.
  totpRequired: z.boolean().optional().default(false),
  totpForProvider: z.boolean().optional().default(false),
})
export type OrganisationInput = z.output<typeof organisationSchema>
