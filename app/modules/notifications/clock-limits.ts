/*
 * The limits of the notifications' clock process (clock-process.server.ts). The heap limit makes V8
 * collect the garbage of composing (hundreds of megabytes of short-lived strings for two thousand
 * digests) as it goes, instead of letting the heap grow: measured with 2,000 people over 5,000 events
 * by tests/bench/notifications.ts. The time limit ends a run that hangs; the next minute starts anew.
 */
export const CLOCK_LIMITS = { timeMs: 10 * 60_000, heapMb: 96, semiSpaceMb: 2 } as const
