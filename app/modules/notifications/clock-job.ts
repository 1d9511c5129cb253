/*
 * What the server sends the notifications' clock process (scripts/notifications-clock.ts) and what it
 * answers: the moment to work out what is due at, and what it queued.
 */
import { z } from 'zod'

export const clockJobSchema = z.object({ now: z.string().datetime() })
export type ClockJob = z.infer<typeof clockJobSchema>

const count = z.number().int().nonnegative()

export const clockResultSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('done'),
    digests: z.object({ people: count, digests: count }),
    reminders: z.object({ actions: count, replies: count, measurements: count }),
    /** How long the digests took, for the log and the bench. */
    digestsSeconds: z.number().nonnegative(),
    /**
     * The process's RSS at rest (before any work), its peak when the digests were queued, and its peak
     * at the end (after the reminders).
     */
    startRssMb: z.number().nonnegative(),
    digestsMaxRssMb: z.number().nonnegative(),
    maxRssMb: z.number().nonnegative(),
  }),
  z.object({ status: z.literal('failed'), reason: z.string() }),
])
export type ClockResult = z.infer<typeof clockResultSchema>
