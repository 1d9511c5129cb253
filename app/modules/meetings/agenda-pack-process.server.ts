/*
 * The agenda pack is built in a child process (scripts/agenda-pack.ts), with the limits and the answer
 * every such child has (processes/child-job.server.ts).
 */
import { runChildJob, type ChildLimits } from '../processes/child-job.server'
import { packBuildResultSchema, type PackBuildResult, type PackJob } from './agenda-pack-job.server'

export type PackProcessLimits = ChildLimits

export function runPackProcess(job: PackJob, limits: PackProcessLimits): Promise<PackBuildResult> {
  return runChildJob({
    script: 'agenda-pack',
    name: 'pack process',
    job,
    limits,
    parse: (message) => packBuildResultSchema.safeParse(message),
  })
}
