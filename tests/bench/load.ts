/**
 * Load for the page bench (tests/bench/pages.ts): autocannon at a number of connections for a few
 * seconds against one page, as a browser asks for it (the session cookie, gzip accepted), and what the
 * server process spent meanwhile (its CPU time, from /proc). An answer that is not 2xx, a socket error
 * or a time-out fails the load: a refused page is never counted as a fast one. A page that gives no
 * answer at all within the time is reported with infinite latency, not left out.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import autocannon from 'autocannon'
import { percentile } from './server'

export type LoadTarget = { port: number; path: string; headers: Record<string, string> }

export type LoadFigures = {
  requests: number
  seconds: number
  requestsPerSecond: number
  latencyMs: { p50: number; p95: number; p99: number }
  /** The server process's CPU time (user + system) per answered request. */
  cpuMsPerRequest: number
}

// The kernel's clock ticks per second, the unit of utime and stime in /proc/<pid>/stat.
const clockTicks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim())

/** CPU time (user + system) a process has used so far, in ms. */
export function processCpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  // After "pid (name) ": state is field 3, utime field 14, stime field 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks
}

/**
 * A process's memory from /proc/<pid>/status, in MB: VmRSS is what it holds now, VmHWM the most it
 * has held at once since it started.
 */
export function memoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const kB = Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1])
  if (!kB) throw new Error(`No ${field} for process ${pid}`)
  return kB / 1024
}

async function cannon(target: LoadTarget, seconds: number, connections: number, label: string) {
  const latencies: number[] = []
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${target.port}${target.path}`,
        connections,
        duration: seconds,
        headers: target.headers,
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    )
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime)
    })
  })
  const refused = Object.entries(result.statusCodeStats ?? {})
    .filter(([status]) => !status.startsWith('2'))
    .map(([status, { count }]) => `${count} × ${status}`)
  if (result.non2xx || result.errors || result.timeouts) {
    throw new Error(
      `${label} (${target.path}) failed under load: ${refused.join(', ') || 'no'} answers not 2xx, ` +
        `${result.errors} errors, ${result.timeouts} time-outs, ${latencies.length} answers`,
    )
  }
  return { result, latencies }
}

/**
 * `warmupSeconds` of load that is not counted, then `seconds` that are; `pid` is the server's process.
 */
export async function loadPage(
  target: LoadTarget,
  options: {
    pid: number
    seconds: number
    warmupSeconds: number
    connections: number
    label: string
  },
): Promise<LoadFigures> {
  if (options.warmupSeconds > 0) {
    await cannon(target, options.warmupSeconds, options.connections, options.label)
  }
  const cpuBefore = processCpuMs(options.pid)
  const { result, latencies } = await cannon(
    target,
    options.seconds,
    options.connections,
    options.label,
  )
  const cpu = processCpuMs(options.pid) - cpuBefore
  // No answer within the whole time: slower than can be measured here, which the figures say
  // (Infinity fails every budget; JSON writes it as null).
  const sorted = latencies.length ? latencies.sort((a, b) => a - b) : [Infinity]
  return {
    requests: latencies.length,
    seconds: result.duration,
    requestsPerSecond: latencies.length / result.duration,
    latencyMs: {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
    },
    cpuMsPerRequest: latencies.length ? cpu / latencies.length : Infinity,
  }
}
