import { z } from 'zod'
import { choice, dateField, formSchema, optionalText, requiredText } from '../forms/fields'
import { parseEuroAmount } from '../projects/budget'
import { goalDirections, goalUnits } from './progress'
import { reportingPeriods } from './reporting-period'

/**
 * A goal's value as people type it: "250.000", "250000", "12,5", "12.5", "-3". Read by the same rules as
 * budget amounts (a "." before exactly three digits groups thousands), at most two decimals.
 */
const value = z
  .string({ error: 'required' })
  .trim()
  .min(1, { error: 'required', abort: true })
  .transform((text, ctx) => {
    const negative = /^[-\u2212]/.test(text)
    const parsed = parseEuroAmount(negative ? text.replace(/^[-\u2212]\s*/, '') : text)
    if (!parsed.ok) {
      ctx.addIssue({
        code: 'custom',
        message: parsed.error === 'amountTooLarge' ? 'numberTooLarge' : 'number',
      })
      return z.NEVER
    }
    return ((negative ? -1 : 1) * parsed.cents) / 100
  })

export const goalSchema = formSchema({
  name: requiredText(200),
  unit: choice(goalUnits),
  customUnit: optionalText(40),
  direction: choice(goalDirections),
  baselineValue: value,
  baselineDate: dateField.optional(),
  targetValue: value,
  targetDate: dateField,
  /** Empty for a goal of the network itself. */
  projectId: z.string().max(40).optional(),
  /** Empty: no reporting period. */
  reportingPeriod: choice(reportingPeriods).optional(),
})
  .refine((v) => v.unit !== 'custom' || v.customUnit.length > 0, {
    path: ['customUnit'],
    message: 'customUnitRequired',
  })
  .refine((v) => !v.baselineDate || v.targetDate > v.baselineDate, {
    path: ['targetDate'],
    message: 'targetBeforeBaseline',
  })
  .refine(
    (v) =>
      v.targetValue === v.baselineValue ||
      (v.direction === 'higher'
        ? v.targetValue > v.baselineValue
        : v.targetValue < v.baselineValue),
    { path: ['targetValue'], message: 'targetWrongDirection' },
  )
export type GoalInput = z.output<typeof goalSchema>

export const measurementSchema = formSchema({
  intent: z.enum(['addMeasurement', 'save']).optional(),
  date: dateField,
  value,
  note: optionalText(500),
  /** A shared document of the network as evidence (optional). */
  evidenceDocumentId: z.string().max(40).optional(),
})
export type MeasurementInput = z.output<typeof measurementSchema>

/** Where a refused measurement's message goes: evidence at its field, anything else at the date. */
export function measurementProblem(problem: string) {
  return {
    fieldErrors: { [problem === 'evidenceNotFound' ? 'evidenceDocumentId' : 'date']: [problem] },
  }
}
