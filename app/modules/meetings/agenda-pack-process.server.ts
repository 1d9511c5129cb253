/*
 * The agenda pack is built in a child process (scripts/agenda-pack.ts): pdf-lib parses and copies every
 * page in JavaScript, which for a document of thousands of pages takes seconds of one core and hundreds
 * of megabytes, and in the server's own event loop would stall every other request meanwhile. The
 * child gets a heap limit, is killed (SIGKILL) when it takes too long, and sees none of the server's
 * secrets (its environment is only what Node needs). It runs at a lower priority (nice 10): on a
 * machine of two cores, two builds would otherwise take the processor from the requests the server
 * answers meanwhile. Whatever happens to it, the server gets an answer: the child's result, or
 * `failed` with the reason; never an exception.
 */
import { fork } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { packBuildResultSchema, type PackBuildResult, type PackJob } from './agenda-pack-job.server'

export type PackProcessLimits = {
  /** The child is killed when it has not answered after this long. */
  timeMs: number
  /** V8's heap limit for the child (--max-old-space-size), in MB. */
  heapMb: number
}

/** How much of the child's error output is kept for the log when it fails. */
const STDERR_KEPT = 2000

export function runPackProcess(job: PackJob, limits: PackProcessLimits): Promise<PackBuildResult> {
  // The server and the tests run from the project folder (npm start, npm test), as for extraction.
  const script = path.resolve('scripts/agenda-pack.ts')
  return new Promise((resolve) => {
    let answer: PackBuildResult | undefined
    let timedOut = false
    let stderr = ''
    let done = false
    const finish = (result: PackBuildResult) => {
      if (done) return
      done = true
      clearTimeout(timer)
      resolve(result)
    }
    const failed = (reason: string): PackBuildResult => ({
      status: 'failed',
      reason: [reason, stderr.trim() && `stderr: ${stderr.trim()}`].filter(Boolean).join('; '),
    })

    const child = fork(script, [], {
      cwd: process.cwd(),
      execArgv: [`--max-old-space-size=${limits.heapMb}`, '--import', 'tsx'],
      env: childEnvironment(),
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
    })
    if (child.pid !== undefined) lowerPriority(child.pid)
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, limits.timeMs)

    child.stderr?.setEncoding('utf8')
    child.stderr?.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_KEPT)
    })
    child.stderr?.on('error', () => {
      // The pipe breaks only when the child is gone, which 'close' reports.
    })
    child.on('message', (message: unknown) => {
      const parsed = packBuildResultSchema.safeParse(message)
      answer = parsed.success
        ? parsed.data
        : { status: 'failed', reason: 'the pack process sent something that is not a result' }
    })
    // 'error': the process could not be started, or a message could not be sent to it.
    child.on('error', (error) => {
      child.kill('SIGKILL')
      finish(failed(`pack process: ${error.message}`))
    })
    // 'close' comes after the process ended and its pipes (the IPC channel too) are drained, so a
    // result it sent has arrived by then.
    child.on('close', (code, signal) => {
      if (timedOut) finish(failed(`pack process killed after ${limits.timeMs} ms`))
      else if (answer && code === 0) finish(answer)
      else if (answer?.status === 'failed') finish(answer)
      else finish(failed(`pack process ended (code ${code}, signal ${signal}) without a result`))
    })
    child.send(job, (error) => {
      if (error) {
        child.kill('SIGKILL')
        finish(failed(`pack process: the job could not be sent: ${error.message}`))
      }
    })
  })
}

/** Only what Node and tsx need: no session secret, mail password or anything else of the server's. */
export function childEnvironment(): NodeJS.ProcessEnv {
  const names = ['PATH', 'HOME', 'TMPDIR', 'TZ', 'NODE_ENV']
  return Object.fromEntries(
    names.flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]]])),
  ) as NodeJS.ProcessEnv
}

/** Niceness of the building process: it gives way to the server, which stays at its own. */
const BUILD_NICENESS = 10

export function lowerPriority(pid: number): void {
  try {
    os.setPriority(pid, BUILD_NICENESS)
  } catch {
    // Gone already, or not allowed here: it then builds at the server's priority.
  }
}
