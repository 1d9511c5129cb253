import type { Submission } from '@conform-to/react'

/** Turns "this value is taken" from the database into a message next to the right field. */
export function replyWithTaken<T>(
  submission: Submission<T>,
  field: string,
  fieldsByColumn: Record<string, string>,
) {
  const name = Object.entries(fieldsByColumn).find(([column]) => field.includes(column))?.[1]
  return submission.reply(name ? { fieldErrors: { [name]: ['taken'] } } : { formErrors: ['taken'] })
}
