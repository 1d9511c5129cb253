/**
 * Loaded into the server process by the agenda pack bench (`--import`), so the server's own event-loop
 * delay can be measured without a public endpoint for it: `perf_hooks.monitorEventLoopDelay` runs from
 * the start, and each SIGUSR2 writes what it saw since the previous one to ZWIN_BENCH_LOOP_DELAY_FILE
 * (milliseconds, as JSON) and starts afresh. Each sample is the time between two timer ticks meant to
 * be RESOLUTION_MS apart, so RESOLUTION_MS itself means no delay at all.
 */
import fs from 'node:fs'
import { monitorEventLoopDelay } from 'node:perf_hooks'

export const RESOLUTION_MS = 5

const file = process.env.ZWIN_BENCH_LOOP_DELAY_FILE
if (file) {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
  histogram.enable()
  process.on('SIGUSR2', () => {
    const ms = (ns: number) => ns / 1e6
    const figures = {
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
      samples: histogram.count,
    }
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(figures))
    fs.renameSync(`${file}.tmp`, file)
    histogram.reset()
  })
}
