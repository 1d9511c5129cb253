import { z } from 'zod'
import { choice, dateField, formSchema, optionalText, requiredText } from '../forms/fields'
import { goalDirections, goalUnits } from './progress'

const value = z.number({ error: 'number' }).min(-1e12, 'number').max(1e12, 'number')

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
})
export type MeasurementInput = z.output<typeof measurementSchema>
