// The durability tests on their own (`npm run test:durability`): they start the production build as a
// child process and kill it, so they run one at a time, with room for several server starts per test.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import tsconfigPaths from 'vite-tsconfig-paths'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export default defineConfig({
  root,
  plugins: [tsconfigPaths()],
  test: {
    include: ['tests/durability/**/*.test.ts'],
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 60_000,
  },
})
