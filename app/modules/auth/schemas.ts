import { z } from 'zod'
import { emailField, formSchema, newPasswordField } from '../forms/fields'

/** The sign-in page's first step: only the address, to find the organisation's own provider. */
export const emailStepSchema = formSchema({
  intent: z.literal('email'),
  email: emailField,
  redirectTo: z.string().max(2000).optional(),
})

export const loginSchema = formSchema({
  intent: z.literal('password').optional(),
  email: emailField,
  password: z.string({ error: 'required' }).min(1, 'required').max(200, 'tooLong|200'),
  redirectTo: z.string().max(2000).optional(),
})

export const forgotPasswordSchema = formSchema({ email: emailField })

const samePasswords = (v: { newPassword: string; repeatPassword: string }) =>
  v.newPassword === v.repeatPassword
const mismatch = { path: ['repeatPassword'], message: 'passwordMismatch' }

export const setPasswordSchema = formSchema({
  newPassword: newPasswordField,
  repeatPassword: z.string({ error: 'required' }).max(200),
  // Sent only so that password managers file the new password under the right account.
  username: z.string().max(254).optional(),
}).refine(samePasswords, mismatch)

export const changePasswordSchema = formSchema({
  intent: z.literal('password'),
  currentPassword: z.string({ error: 'required' }).min(1, 'required').max(200, 'tooLong|200'),
  newPassword: newPasswordField,
  repeatPassword: z.string({ error: 'required' }).max(200),
  endOtherSessions: z.boolean().optional(),
}).refine(samePasswords, mismatch)

const codeField = z.string({ error: 'required' }).trim().min(1, 'required').max(40, 'tooLong|40')

/** The second step of signing in: the app's code or a recovery code. */
export const secondStepSchema = formSchema({
  code: codeField,
  redirectTo: z.string().max(2000).optional(),
})

/** Confirming an enrolment with the first code of the app. */
export const enrolmentSchema = formSchema({
  intent: z.literal('confirm'),
  code: codeField,
  redirectTo: z.string().max(2000).optional(),
})

/** Profile: new recovery codes, or switching the second factor off; both after a current code. */
export const secondFactorChangeSchema = formSchema({
  intent: z.enum(['renewRecoveryCodes', 'turnOffSecondFactor']),
  code: codeField,
})
