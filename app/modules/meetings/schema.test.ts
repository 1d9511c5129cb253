import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, it } from 'vitest'
import { attendanceSchema } from './schema'

describe('attendanceSchema', () => {
  it('takes the form of a large meeting: every person listed sends a presence and a reason field', () => {
    // The form lists everyone of the invited organisations, each with an (often empty) reason field.
    const form = new FormData()
    form.append('intent', 'saveAttendance')
    for (let i = 0; i < 400; i++) {
      form.append(`presence.person${i}`, i % 2 ? 'present' : 'absent')
      form.append(`reason.person${i}`, '')
    }
    const submission = parseWithZod(form, { schema: attendanceSchema })
    expect(submission.status).toBe('success')
  })

  it('still has a ceiling, far above any meeting of partners', () => {
    const form = new FormData()
    form.append('intent', 'saveAttendance')
    for (let i = 0; i < 3001; i++) form.append(`presence.person${i}`, 'present')
    expect(parseWithZod(form, { schema: attendanceSchema }).status).toBe('error')
  })
})
