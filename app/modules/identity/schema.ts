import { z } from 'zod'
import { formSchema, optionalText, requiredText } from '../forms/fields'

const idList = z.array(z.string().min(1).max(40)).max(500).default([])

/** Lines of a textarea, trimmed, lower case, without empty ones or duplicates. */
export function lines(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[\s,;]+/)
        .map((l) => l.trim().toLowerCase())
        .filter(Boolean),
    ),
  ]
}

const tenantId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const domain = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/

/** The identity provider form: the client secret may stay empty on edit (then the stored one stays). */
export const identityProviderSchema = formSchema({
  intent: z.literal('save').optional(),
  name: requiredText(120),
  issuer: requiredText(300).pipe(
    z
      .url({ protocol: /^https?$/, error: 'issuerUrl' })
      .refine((v) => !new URL(v).search, 'issuerUrl'),
  ),
  clientId: requiredText(200),
  clientSecret: optionalText(500),
  scopes: optionalText(300).refine(
    (v) => v === '' || /^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/.test(v),
    'scopes',
  ),
  allowedTenants: optionalText(4000).refine(
    (v) => lines(v).every((t) => tenantId.test(t)),
    'tenantIds',
  ),
  organisationIds: idList,
  enabled: z.boolean().optional(),
})
export type IdentityProviderInput = z.output<typeof identityProviderSchema>

/** How an organisation's people sign in (the platform administrator sets it). */
export const signInSettingsSchema = formSchema({
  emailDomains: optionalText(2000).refine((v) => lines(v).every((d) => domain.test(d)), 'domains'),
  passwordSignIn: z.boolean().optional(),
  provisionAccounts: z.boolean().optional(),
})
export type SignInSettingsInput = z.output<typeof signInSettingsSchema>
