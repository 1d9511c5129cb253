import { z } from 'zod'
import { emailField, newPasswordField } from '../forms/fields'

export const loginSchema = z.object({
  email: emailField,
  password: z.string({ error: 'required' }).min(1, 'required').max(200, 'tooLong|200'),
  redirectTo: z.string().max(2000).optional(),
})

const samePasswords = (v: { newPassword: string; repeatPassword: string }) =>
  v.newPassword === v.repeatPassword
const mismatch = { path: ['repeatPassword'], message: 'passwordMismatch' }

export const setPasswordSchema = z
  .object({
    newPassword: newPasswordField,
    repeatPassword: z.string({ error: 'required' }).max(200),
  })
  .refine(samePasswords, mismatch)

export const changePasswordSchema = z
  .object({
    intent: z.literal('password'),
    currentPassword: z.string({ error: 'required' }).min(1, 'required').max(200, 'tooLong|200'),
    newPassword: newPasswordField,
    repeatPassword: z.string({ error: 'required' }).max(200),
    endOtherSessions: z.boolean().optional(),
  })
  .refine(samePasswords, mismatch)
