import { z } from 'zod'
import { locales } from '~/i18n/config'
import { choice, emailField, formSchema, requiredText } from '../forms/fields'

export const profileSchema = formSchema({
  intent: z.literal('profile'),
  name: requiredText(120),
  locale: choice(locales),
})

export const newAccountSchema = formSchema({
  name: requiredText(120),
  email: emailField,
  isOrgAdmin: z.boolean().optional().default(false),
  organisationId: z.string().max(40).optional(),
})
