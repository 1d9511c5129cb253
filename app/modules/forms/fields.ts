import { z } from 'zod'

/*
 * Field schemas shared by server actions and browser forms (through conform). Messages are translation
 * keys under `validation.` in the locales common.json files; a number after "|" is passed as {{max}} / {{min}}
 * and as {{count}}, which picks the plural form (`key_one`, `key_other`) where a key has them.
 */

// C0/C1 control characters and bidirectional overrides: invisible, and a classic way to disguise text.
const forbiddenCharacters =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/

export const requiredText = (max: number) =>
  z
    .string({ error: 'required' })
    .trim()
    .min(1, { error: 'required', abort: true })
    .max(max, { error: `tooLong|${max}`, abort: true })
    .refine((v) => !forbiddenCharacters.test(v), 'invalidCharacters')

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `tooLong|${max}`, abort: true })
    .refine((v) => !forbiddenCharacters.test(v.replace(/[\r\n\t]/g, '')), 'invalidCharacters')
    .optional()
    .transform((v) => v ?? '')

export const emailField = z
  .string({ error: 'required' })
  .trim()
  .min(1, { error: 'required', abort: true })
  .max(254, { error: 'tooLong|254', abort: true })
  .toLowerCase()
  .pipe(z.email('email'))

export const slugField = z
  .string({ error: 'required' })
  .trim()
  .min(2, { error: 'tooShort|2', abort: true })
  .max(60, { error: 'tooLong|60', abort: true })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug')

export const PASSWORD_MIN = 12

const commonPasswords = new Set([
  'welkom123456',
  'wachtwoord12',
  'wachtwoord123',
  'password1234',
  'password12345',
  '123456789012',
  'qwertyuiop12',
  'zomer2026zomer',
])

export const newPasswordField = z
  .string({ error: 'required' })
  .min(1, { error: 'required', abort: true })
  .min(PASSWORD_MIN, { error: `passwordTooShort|${PASSWORD_MIN}`, abort: true })
  .max(200, { error: 'tooLong|200', abort: true })
  .refine((v) => new Set(v).size >= 5 && !commonPasswords.has(v.toLowerCase()), 'passwordWeak')

/**
 * A form's schema: unknown fields are refused (item 16 of docs/security.md), so a tampered form
 * never passes quietly. Hidden fields a form really sends must be declared.
 */
export function formSchema<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject(shape, { error: 'unexpectedField' })
}

export function choice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: 'choose' })
}

// Years 1900–2099: enough for any municipal plan, and every day sorts as text.
const isoDay = /^(19|20)\d{2}-\d{2}-\d{2}$/

/** A calendar day from `<input type="date">` (YYYY-MM-DD), stored as midnight UTC. */
export const dateField = z
  .string({ error: 'required' })
  .regex(isoDay, { error: 'date', abort: true })
  .transform((v, ctx) => {
    const date = new Date(`${v}T00:00:00.000Z`)
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== v) {
      ctx.addIssue({ code: 'custom', message: 'date' })
      return z.NEVER
    }
    return date
  })

/**
 * A day from a URL (`?van=2026-03-01`): the same day when it is a real date of 1900–2099, else undefined,
 * so a hand-typed "2026-13-45" is ignored instead of failing.
 */
export function isoDayParam(value: string | null): string | undefined {
  const parsed = dateField.safeParse(value ?? '')
  return parsed.success ? toIsoDay(parsed.data) : undefined
}

/** A page number from a URL (`?pagina=3`): a whole number from 1 up to `max`; 1 for anything else. */
export function pageParam(value: string | null, max = 10_000): number {
  const page = Number(value ?? '1')
  return Number.isInteger(page) && page >= 1 ? Math.min(page, max) : 1
}

/** The day part of a stored date, for `<input type="date">` and comparisons by calendar day. */
export function toIsoDay(date: Date | string | null | undefined): string {
  return date ? new Date(date).toISOString().slice(0, 10) : ''
}
