import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** Where the bench builds the ceiling app (vite.config.ts) and serves it from (serve.ts). */
export const ceilingBuildDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../.output/bench-ceiling/build',
)
