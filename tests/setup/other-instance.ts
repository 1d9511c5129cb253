/**
 * Another Zwin instance on the same PostgreSQL database, as far as periodic work goes: it is in the
 * middle of `work` (app/modules/db/locks.server.ts) until released.
 */
import type { PeriodicOutcome, PeriodicWork } from '../../app/modules/db/locks.server'

export type BusyInstance = {
  /** Lets the other instance finish its work; resolves when it has (its lock is then released). */
  release: () => Promise<PeriodicOutcome<void>>
}

/** Resolves once the other instance has taken `work`'s lock and is busy with it. */
export async function otherInstanceBusyWith(
  url: string,
  work: PeriodicWork,
): Promise<BusyInstance> {
  const { runOnOneInstance } = await import('../../app/modules/db/locks.server')
  let finish = () => {}
  const finished = new Promise<void>((resolve) => (finish = resolve))
  let started = () => {}
  const busy = new Promise<void>((resolve) => (started = resolve))
  const running = runOnOneInstance({ provider: 'postgresql', url, poolSize: 1 }, work, async () => {
    started()
    await finished
  })
  const outcome = await Promise.race([busy.then(() => undefined), running])
  if (outcome)
    throw new Error(`The other instance could not take ${work}: ${JSON.stringify(outcome)}`)
  return {
    release: () => {
      finish()
      return running
    },
  }
}
