/*
 * How many agenda packs are built at the same time, and how many may wait. Each build is a process of
 * its own with up to a core and its heap; a burst of requests (a whole network opening the pack the
 * morning of the meeting) must not multiply that until the machine runs out. Those over the limit wait
 * their turn, in the order they came; when the waiting room is full too, the request is turned away at
 * once (503 with Retry-After) instead of waiting for minutes. The limits are per server process.
 */

/** Packs built at the same time in one server process. */
export const MAX_PARALLEL_PACK_BUILDS = 2
/** Packs waiting for their turn; one more is refused. */
export const MAX_WAITING_PACK_BUILDS = 8

/** Raised by TaskLimit.run when `maxWaiting` tasks already wait. */
export class QueueFull extends Error {
  constructor() {
    super('Too many tasks are waiting')
  }
}

export type TaskLimit = {
  /**
   * Runs `task` as soon as fewer than `max` tasks run, after those that came earlier; rejects with
   * QueueFull, without running it, when it would have to wait behind `maxWaiting` others.
   */
  run<T>(task: () => Promise<T>): Promise<T>
  /** Tasks running now. */
  readonly active: number
  /** Tasks waiting for their turn. */
  readonly waiting: number
}

export function taskLimit(max: number, maxWaiting = Infinity): TaskLimit {
  let active = 0
  const queue: (() => void)[] = []
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active >= max) {
        if (queue.length >= maxWaiting) throw new QueueFull()
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
