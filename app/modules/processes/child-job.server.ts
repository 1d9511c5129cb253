/*
 * Heavy work of one request in a child process of its own (the agenda pack, the minutes exports): pdf-lib
 * and docx build files in JavaScript, which for large inputs takes seconds of one core and hundreds of
 * megabytes, and in the server's own event loop would stall every other request meanwhile
 * (docs/security.md item 35). The child gets a heap limit, is killed (SIGKILL) when it takes too long,
 * sees none of the server's secrets (its environment is only what Node needs) and runs at a lower
 * priority (nice 10): on a machine of two cores, two builds would otherwise take the processor from the
 * requests the server answers meanwhile. Whatever happens to it, the caller gets an answer: the child's
 * result, or `failed` with the reason; never an exception.
 */
import { fork } from 'node:child_process'
import os from 'node:os'
import { childScript, type ChildScript } from './child-script.server'

export type ChildLimits = {
  /** The child is killed when it has not answered after this long. */
  timeMs: number
  /** V8's heap limit for the child (--max-old-space-size), in MB. */
  heapMb: number
  /**
   * V8's young generation per half (--max-semi-space-size), in MB: smaller collects short-lived
   * garbage sooner, for a child that makes a lot of it. V8's default when left out.
   */
  semiSpaceMb?: number
}

export type ChildFailure = { status: 'failed'; reason: string }

/** How much of the child's error output is kept for the log when it fails. */
const STDERR_KEPT = 2000

/**
 * Sends `job` to a new process running the child script `script` (child-script.server.ts) and
 * resolves with the one result it sends back, as `parse` reads it. `name` is how the
 * reasons of a failure speak of the process ("pack process").
 */
export function runChildJob<R extends { status: string }>(options: {
  script: ChildScript
  name: string
  job: unknown
  limits: ChildLimits
  parse: (message: unknown) => { success: true; data: R } | { success: false }
  /**
   * `minimal` (the default): only what Node needs, for children that read untrusted files. `app`: the
   * server's whole environment, for a child that runs the app's own work on its database (the
   * notifications' clock process signs unsubscribe links with the session secret).
   */
  environment?: 'minimal' | 'app'
}): Promise<R | ChildFailure> {
  const { name, limits } = options
  return new Promise((resolve) => {
    let answer: R | ChildFailure | undefined
    let timedOut = false
    let stderr = ''
    let done = false
    const finish = (result: R | ChildFailure) => {
      if (done) return
      done = true
      clearTimeout(timer)
      resolve(result)
    }
    const failed = (reason: string): ChildFailure => ({
      status: 'failed',
      reason: [reason, stderr.trim() && `stderr: ${stderr.trim()}`].filter(Boolean).join('; '),
    })

    const { script, nodeOptions } = childScript(options.script)
    const child = fork(script, [], {
      cwd: process.cwd(),
      execArgv: [
        `--max-old-space-size=${limits.heapMb}`,
        ...(limits.semiSpaceMb ? [`--max-semi-space-size=${limits.semiSpaceMb}`] : []),
        ...nodeOptions,
      ],
      env: options.environment === 'app' ? process.env : childEnvironment(),
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
      const parsed = options.parse(message)
      answer = parsed.success
        ? parsed.data
        : { status: 'failed', reason: `the ${name} sent something that is not a result` }
    })
    // 'error': the process could not be started, or a message could not be sent to it.
    child.on('error', (error) => {
      child.kill('SIGKILL')
      finish(failed(`${name}: ${error.message}`))
    })
    // 'close' comes after the process ended and its pipes (the IPC channel too) are drained, so a
    // result it sent has arrived by then.
    child.on('close', (code, signal) => {
      if (timedOut) finish(failed(`${name} killed after ${limits.timeMs} ms`))
      else if (answer && (code === 0 || answer.status === 'failed')) finish(answer)
      else finish(failed(`${name} ended (code ${code}, signal ${signal}) without a result`))
    })
    child.send(options.job as object, (error) => {
      if (error) {
        child.kill('SIGKILL')
        finish(failed(`${name}: the job could not be sent: ${error.message}`))
      }
    })
  })
}

/** Only what Node needs: no session secret, mail password or anything else of the server's. */
function childEnvironment(): NodeJS.ProcessEnv {
  const names = ['PATH', 'HOME', 'TMPDIR', 'TZ', 'NODE_ENV']
  return Object.fromEntries(
    names.flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]]])),
  ) as NodeJS.ProcessEnv
}

/** Niceness of the building process: it gives way to the server, which stays at its own. */
const BUILD_NICENESS = 10

function lowerPriority(pid: number): void {
  try {
    os.setPriority(pid, BUILD_NICENESS)
  } catch {
    // Gone already, or not allowed here: it then builds at the server's priority.
  }
}
