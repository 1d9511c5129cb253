/**
 * The client-weight bench of issue 15 (not a timed test): the JavaScript and CSS a first visit downloads,
 * with an empty cache, gzip accepted as a browser does. The production build is started on the demo data;
 * for two visits — the sign-in page of an anonymous visitor and the dashboard of a signed-in member — the
 * served HTML is read for what it links (style sheets, module preloads, the modules its inline script
 * imports), the static imports of those modules are followed (a dynamic `import()` is not part of the
 * first visit), and every asset is fetched from the server and its bytes on the wire counted.
 * Budgets: JavaScript under 150 KB and CSS under 15 KB gzipped, per visit.
 *
 *   npm run build && node --import tsx tests/bench/client-weight.ts   (part of npm run bench)
 */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { agent, request, requireBuild, signIn, startServer } from './server'
import { seedFreshDataDir } from '../setup/seeded-data-dir'

const MEMBER = 'lid.damme@example.org'
const KB = 1024
const BUDGET = { js: 150 * KB, css: 15 * KB }

type Asset = { url: string; kind: 'js' | 'css'; wire: number; raw: number; encoding: string }

/** The bytes the server sends for an asset (compressed as it chooses), and their decoded size. */
function download(port: number, url: string): Promise<{ wire: Buffer; encoding: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      {
        host: '127.0.0.1',
        port,
        path: url,
        headers: { Host: `localhost:${port}`, 'Accept-Encoding': 'gzip' },
        agent,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`${url} answered ${res.statusCode}`))
          resolve({ wire: Buffer.concat(chunks), encoding: res.headers['content-encoding'] ?? '' })
        })
        res.on('error', reject)
      },
    )
    req.on('error', reject)
  })
}

/** What a page's HTML makes the browser fetch at once: its style sheets and module scripts. */
function linkedAssets(html: string): { css: string[]; js: string[] } {
  const css: string[] = []
  const js: string[] = []
  for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
    const rel = tag.match(/\brel="([^"]*)"/)?.[1]
    const href = tag.match(/\bhref="([^"]*)"/)?.[1]
    if (!href) continue
    if (rel === 'stylesheet') css.push(href)
    if (rel === 'modulepreload') js.push(href)
  }
  for (const [, body] of html.matchAll(/<script\b[^>]*type="module"[^>]*>([\s\S]*?)<\/script>/g)) {
    for (const [, specifier] of body!.matchAll(/import\s*(?:[^"'()]*?from\s*)?["']([^"']+)["']/g)) {
      js.push(specifier!)
    }
  }
  return { css: [...new Set(css)], js: [...new Set(js)] }
}

/** The modules a built chunk imports statically (`import … from "./x.js"`, `import "./x.js"`). */
function staticImports(code: string, from: string): string[] {
  const found = code.matchAll(
    /\b(?:import|export)\s*(?:[\w*${}\s,]*?\bfrom\s*)?["']([^"']+\.js)["']/g,
  )
  return [...found].map(([, specifier]) => new URL(specifier!, `http://x${from}`).pathname)
}

async function visit(port: number, target: string, cookie?: string) {
  const answer = await request(port, target, { headers: cookie ? { Cookie: cookie } : {} })
  if (answer.status !== 200) throw new Error(`${target} answered ${answer.status}`)
  const linked = linkedAssets(answer.body)
  const assets: Asset[] = []
  const seen = new Set<string>()
  const fetchAsset = async (url: string, kind: Asset['kind']) => {
    if (seen.has(url)) return
    seen.add(url)
    const { wire, encoding } = await download(port, url)
    const raw = encoding === 'gzip' ? zlib.gunzipSync(wire) : wire
    assets.push({ url, kind, wire: wire.length, raw: raw.length, encoding: encoding || 'none' })
    if (kind === 'js') {
      for (const imported of staticImports(raw.toString('utf8'), url)) {
        await fetchAsset(imported, 'js')
      }
    }
  }
  for (const url of linked.css) await fetchAsset(url, 'css')
  for (const url of linked.js) await fetchAsset(url, 'js')
  const beyondHtml = assets.filter((a) => a.kind === 'js' && !linked.js.includes(a.url))
  return { assets, beyondHtml }
}

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`.padStart(9)

function report(name: string, assets: Asset[], beyondHtml: Asset[]) {
  console.info(`${name}:`)
  for (const kind of ['js', 'css'] as const) {
    const ofKind = assets.filter((a) => a.kind === kind).sort((a, b) => b.wire - a.wire)
    const wire = ofKind.reduce((sum, a) => sum + a.wire, 0)
    const raw = ofKind.reduce((sum, a) => sum + a.raw, 0)
    const budget = BUDGET[kind]
    console.info(
      `  ${kind.toUpperCase().padEnd(3)} ${kb(wire)} gzipped (${kb(raw).trim()} decoded, ${ofKind.length} files) ` +
        `— budget under ${budget / KB} KB: ${wire < budget ? 'met' : 'MISSED'}`,
    )
    for (const a of ofKind.slice(0, kind === 'js' ? 5 : ofKind.length)) {
      const note =
        a.encoding === 'gzip'
          ? ''
          : ` (sent ${a.encoding === 'none' ? 'uncompressed' : a.encoding})`
      console.info(`      ${kb(a.wire)}  ${path.basename(a.url)}${note}`)
    }
    if (kind === 'js' && ofKind.length > 5) console.info(`      … and ${ofKind.length - 5} smaller`)
  }
  if (beyondHtml.length) {
    console.info(
      `  (${beyondHtml.length} module(s) reached only through static imports, not preloaded by the HTML: ` +
        `${beyondHtml.map((a) => path.basename(a.url)).join(', ')})`,
    )
  }
}

async function main() {
  requireBuild()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwin-bench-client-weight-'))
  process.env.ZWIN_DATA_DIR = dataDir
  await seedFreshDataDir(dataDir)
  const server = await startServer(dataDir)
  try {
    console.info('Client weight of a first visit (empty cache, gzip accepted):')
    const signInPage = await visit(server.port, '/login')
    report('sign-in page, anonymous', signInPage.assets, signInPage.beyondHtml)
    const cookie = await signIn(server.port, MEMBER)
    const dashboard = await visit(server.port, '/', cookie)
    report('dashboard, signed in', dashboard.assets, dashboard.beyondHtml)
  } finally {
    agent.destroy()
    await server.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
