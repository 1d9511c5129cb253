import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig, type Project } from '@playwright/test'
import { chromiumLaunchOptions, requireChromium } from './setup/chromium'

// ZWIN_E2E_PORT lets a second checkout run its own test server beside this one.
const port = Number(process.env.ZWIN_E2E_PORT ?? 3210)
const baseURL = `http://localhost:${port}`

requireChromium()

const debianChromium: Project['use'] = {
  browserName: 'chromium',
  headless: true,
  launchOptions: chromiumLaunchOptions,
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export default defineConfig({
  testDir: 'e2e',
  outputDir: path.join(root, 'tests/.output/e2e-results'),
  // Two cores: the server and one browser per worker fit; more workers only slow each other down.
  workers: 2,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // A journey runs axe on a dozen pages; on a busy 2-core machine the longest took just over a minute.
  // Signing in as a demo administrator waits for a code step no other test used (one per 30 s per
  // account, tests/setup/totp-codes.ts); in a burst of such sign-ins a hook can wait a few minutes.
  timeout: 300_000,
  expect: { timeout: 10_000 },
  // CI reads the plain output.
  reporter: 'list',
  use: {
    baseURL,
    // First visits follow Accept-Language; the journeys read the Netherlands Dutch texts.
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    trace: 'retain-on-failure',
  },
  projects: [
    // The access matrix and the security tests talk HTTP to the same server; they get the same browser
    // settings only so that a test there that does open a page cannot reach for Playwright's download.
    { name: 'access', testDir: 'access', use: debianChromium },
    { name: 'security', testDir: 'security', use: debianChromium },
    { name: 'e2e', use: debianChromium },
    // Last: the server's log of everything above must hold no secret (tests/log/server-log.spec.ts).
    {
      name: 'server-log',
      testDir: 'log',
      dependencies: ['access', 'security', 'e2e'],
      use: debianChromium,
    },
  ],
  webServer: {
    command: 'node --import tsx tests/e2e/test-server.ts',
    cwd: root,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
  },
})
