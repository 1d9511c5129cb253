/*
 * The ceiling of the page bench (tests/bench/pages.ts): a bare Remix app, built by the bench with this
 * configuration on the same node_modules as Zwin and with the same v3 future flags as the app's
 * vite.config.ts, so the difference in speed is Zwin's own work. Its build goes to tests/.output.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vite'
import { ceilingBuildDir } from './build-dir'

const here = path.dirname(fileURLToPath(import.meta.url))

export default defineConfig({
  root: here,
  // Not the shared node_modules/.vite: the bench writes only under tests/.output.
  cacheDir: path.resolve(here, '../../.output/bench-ceiling/.vite'),
  logLevel: 'warn',
  // The build folder is outside this root: Vite empties it only when told.
  build: { emptyOutDir: true },
  plugins: [
    remix({
      appDirectory: path.join(here, 'app'),
      buildDirectory: ceilingBuildDir,
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_lazyRouteDiscovery: true,
        v3_singleFetch: true,
        v3_routeConfig: true,
      },
    }),
  ],
})
