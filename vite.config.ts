import { vitePlugin as remix } from '@remix-run/dev'
import { compression } from 'vite-plugin-compression2'
import { configDefaults, defineConfig } from 'vitest/config'
import tsconfigPaths from 'vite-tsconfig-paths'
import { sqliteOnlyTestFiles } from './tests/setup/sqlite-only'

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

// Vitest reads its settings from here too (the top level keeps to the files the product card names).
const isVitest = Boolean(process.env.VITEST)

export default defineConfig({
  // The dependency scan of `npm run dev` follows route modules into .server files; argon2's browser
  // build points at a WebAssembly package that is not installed (the server uses the native one).
  optimizeDeps: { exclude: ['@node-rs/argon2'] },
  plugins: [
    !isVitest &&
      remix({
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_lazyRouteDiscovery: true,
          v3_singleFetch: true,
          v3_routeConfig: true,
        },
      }),
    tsconfigPaths(),
    // The browser's scripts and style sheets, compressed once at the highest levels (brotli 11, gzip 9)
    // beside each file; the server sends these instead of compressing per request (scripts/server.ts).
    {
      ...compression({ include: /\.(js|css|svg|json|txt)$/, threshold: 1024 }),
      apply: (_config, env) => env.command === 'build' && !env.isSsrBuild,
    },
  ],
  test: {
    include: [
      'app/**/*.test.ts',
      'tests/integration/**/*.test.ts',
      'tests/access/**/*.test.ts',
      'scripts/**/*.test.ts',
      'locales/**/*.test.ts',
    ],
    // A PostgreSQL run leaves out the tests of SQLite itself (tests/setup/sqlite-only.ts).
    exclude: [
      ...configDefaults.exclude,
      ...(process.env.ZWIN_TEST_DATABASE === 'postgresql' ? Object.keys(sqliteOnlyTestFiles) : []),
    ],
    globalSetup: ['tests/setup/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
