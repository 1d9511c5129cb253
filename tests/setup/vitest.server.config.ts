// The tests that start the production build as a process of their own (`npm run test:server`): the
// durability test kills it, the hostile-input tests try to stop or starve it. They run one at a time,
// with room for several server starts per test.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import tsconfigPaths from 'vite-tsconfig-paths'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export default defineConfig({
  root,
  plugins: [tsconfigPaths()],
  test: {
    include: [
      'tests/durability/**/*.test.ts',
      'tests/hostile/**/*.test.ts',
      'tests/runtime/**/*.test.ts',
      'tests/observability/**/*.test.ts',
    ],
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 60_000,
  },
})
