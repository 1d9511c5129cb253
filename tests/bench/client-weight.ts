/**
 * The client-weight bench of issue 15 (not a timed test): the JavaScript and CSS a first visit downloads.
 * The production build is started on the demo data and Chromium visits it with an empty cache, as a
 * reader would: every script and style sheet the browser fetches until React has taken over the page and
 * the network is quiet is counted, as the bytes on the wire (compressed as the server chose) and
 * decoded. That includes what the page loads by `import()` before it is ready, such as the reader's
 * language (entry.client.tsx). Three first visits: the sign-in page of a Dutch and of an English
 * visitor, and the dashboard of a Flemish member (nl-BE, with the nl-NL texts it falls back on).
 * Budgets: JavaScript under 150 KB and CSS under 15 KB gzipped, per visit.
 *
 *   npm run build && node --import tsx tests/bench/client-weight.ts   (part of npm run bench)
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { chromium, type Browser, type Response } from '@playwright/test'
import { agent, requireBuild, root, signIn, startServer } from './server'
import { chromiumLaunchOptions, requireChromium } from '../setup/chromium'
import { seedFreshDataDir } from '../setup/seeded-data-dir'

const MEMBER = 'lid.damme@example.org'
const KB = 1024
const BUDGET = { js: 150 * KB, css: 15 * KB }

/** `wire`: the bytes the browser got (brotli, as it accepts it); `gzip`: what a browser accepting gzip
 * only would get (the build's .gz copy, else compressed as the server does per request). */
type Asset = {
  url: string
  kind: 'js' | 'css'
  wire: number
  gzip: number
  raw: number
  encoding: string
}

async function assetOf(response: Response): Promise<Asset | undefined> {
  const type = response.request().resourceType()
  const kind = type === 'script' ? 'js' : type === 'stylesheet' ? 'css' : undefined
  if (!kind) return undefined
  if (response.status() !== 200) throw new Error(`${response.url()} answered ${response.status()}`)
  const [sizes, body] = await Promise.all([response.request().sizes(), response.body()])
  const gzipped = path.join(root, 'build/client', new URL(response.url()).pathname + '.gz')
  return {
    url: response.url(),
    kind,
    wire: sizes.responseBodySize,
    gzip: fs.existsSync(gzipped) ? fs.statSync(gzipped).size : zlib.gzipSync(body).length,
    raw: body.length,
    encoding: (await response.headerValue('content-encoding')) ?? 'none',
  }
}

/** A first visit to `target` in a fresh browser context (empty cache), signed in with `cookie` if given. */
async function visit(
  browser: Browser,
  port: number,
  target: string,
  locale: string,
  cookie?: string,
): Promise<Asset[]> {
  const context = await browser.newContext({ locale })
  try {
    if (cookie) {
      const [name, ...value] = cookie.split('=')
      await context.addCookies([
        { name: name!, value: value.join('='), url: `http://localhost:${port}` },
      ])
    }
    const page = await context.newPage()
    const assets: Promise<Asset | undefined>[] = []
    page.on('response', (response) => assets.push(assetOf(response)))
    const answer = await page.goto(`http://localhost:${port}${target}`)
    if (answer?.status() !== 200) throw new Error(`${target} answered ${answer?.status()}`)
    // React has taken over the page: everything it needed to get there has arrived.
    await page.waitForFunction(() =>
      Object.keys(document).some((key) => key.startsWith('__reactContainer')),
    )
    await page.waitForLoadState('networkidle')
    return (await Promise.all(assets)).filter((asset) => asset !== undefined)
  } finally {
    await context.close()
  }
}

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`.padStart(9)

function report(name: string, assets: Asset[]) {
  console.info(`${name}:`)
  for (const kind of ['js', 'css'] as const) {
    const ofKind = assets.filter((a) => a.kind === kind).sort((a, b) => b.wire - a.wire)
    const sum = (key: 'wire' | 'gzip' | 'raw') => ofKind.reduce((total, a) => total + a[key], 0)
    const budget = BUDGET[kind]
    console.info(
      `  ${kind.toUpperCase().padEnd(3)} ${kb(sum('gzip'))} gzipped, ${kb(sum('wire')).trim()} as sent ` +
        `(${kb(sum('raw')).trim()} decoded, ${ofKind.length} files) — budget under ${budget / KB} KB ` +
        `gzipped: ${sum('gzip') < budget ? 'met' : 'MISSED'}`,
    )
    for (const a of ofKind.slice(0, kind === 'js' ? 6 : ofKind.length)) {
      const note =
        a.encoding === 'br' ? '' : ` (sent ${a.encoding === 'none' ? 'uncompressed' : a.encoding})`
      console.info(
        `      ${kb(a.gzip)} ${kb(a.wire)}  ${path.basename(new URL(a.url).pathname)}${note}`,
      )
    }
    if (kind === 'js' && ofKind.length > 6) console.info(`      … and ${ofKind.length - 6} smaller`)
  }
}

async function main() {
  requireBuild()
  requireChromium()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwin-bench-client-weight-'))
  process.env.ZWIN_DATA_DIR = dataDir
  await seedFreshDataDir(dataDir)
  const server = await startServer(dataDir)
  const browser = await chromium.launch({ ...chromiumLaunchOptions, headless: true })
  try {
    console.info(
      'Client weight of a first visit (Chromium, empty cache); per file: gzipped, as sent (brotli unless noted):',
    )
    report('sign-in page, Dutch visitor', await visit(browser, server.port, '/login', 'nl-NL'))
    report('sign-in page, English visitor', await visit(browser, server.port, '/login', 'en-GB'))
    const cookie = await signIn(server.port, MEMBER)
    report('dashboard, Flemish member', await visit(browser, server.port, '/', 'nl-BE', cookie))
  } finally {
    await browser.close()
    agent.destroy()
    await server.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
