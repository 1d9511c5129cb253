import fs from 'node:fs'
import type { LaunchOptions } from '@playwright/test'

/**
 * Debian's Chromium, which the e2e journeys and the client-weight bench drive: Playwright's own browser
 * download is not reachable from this machine or from CI (only the npm registry and Debian packages are).
 */
export const chromiumPath = '/usr/bin/chromium'

export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: chromiumPath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
}

/** A missing browser is a broken machine, not a reason to skip: fail loudly and say how to fix it. */
export function requireChromium(): void {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath} — install it with: apt-get update && apt-get install -y chromium`,
    )
  }
}
