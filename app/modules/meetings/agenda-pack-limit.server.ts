/*
 * How many agenda packs are built at the same time. A pack holds its own PDF and one source document
 * in memory while it is built; a burst of requests (a whole network opening the pack the morning of the
 * meeting) must not multiply that until the server runs out. Those over the limit wait their turn, in
 * the order they came; the limit is per server process.
 */

/** Packs built at the same time in one server process. */
export const MAX_PARALLEL_PACK_BUILDS = 2

export type TaskLimit = {
  /** Runs `task` as soon as fewer than `max` tasks run, after those that came earlier. */
  run<T>(task: () => Promise<T>): Promise<T>
  /** Tasks running now. */
  readonly active: number
  /** Tasks waiting for their turn. */
  readonly waiting: number
}

export function taskLimit(max: number): TaskLimit {
  let active = 0
  const queue: (() => void)[] = []
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active >= max) {
        // A finishing task hands its place straight to the next (see finally), so `active` stays
        // what really runs and nobody can slip in between.
        await new Promise<void>((resolve) => queue.push(resolve))
      } else {
        active++
      }
      try {
        return await task()
      } finally {
        if (queue.length > 0) queue.shift()!()
        else active--
      }
    },
    get active() {
      return active
    },
    get waiting() {
      return queue.length
    },
  }
}

/** The one limit every agenda pack of this process goes through. */
export const packBuilds = taskLimit(MAX_PARALLEL_PACK_BUILDS)
