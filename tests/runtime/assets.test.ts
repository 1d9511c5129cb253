/**
 * The production build's scripts and style sheets are compressed once, at build time, at the highest
 * levels (brotli 11, gzip 9), and served from those files: no compression per request for what never
 * changes, and fewer bytes than on-the-fly compression gives (issue 15, client weight).
 *
 *   npm run build && npx vitest run --config tests/setup/vitest.server.config.ts tests/runtime/assets.test.ts
 */
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  prepareDataDir,
  request,
  root,
  startServer,
  type RunningServer,
} from '../setup/server-process'

const assetsDir = path.join(root, 'build/client/assets')
let server: RunningServer
let dataDir: string

beforeAll(async () => {
  dataDir = await prepareDataDir()
  server = await startServer(dataDir)
})

afterAll(async () => {
  await server?.kill()
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
})

function fetchBytes(target: string, acceptEncoding?: string) {
  const headers: Record<string, string> =
    acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding }
  return request(server.port, target, { headers }).then((answer) => ({
    ...answer,
    body: answer.bytes,
  }))
}

/** The largest built file of a kind: the one where compression matters most. */
function largest(extension: '.js' | '.css'): string {
  const files = fs.readdirSync(assetsDir).filter((file) => file.endsWith(extension))
  const sizes = files.map((file) => [file, fs.statSync(path.join(assetsDir, file)).size] as const)
  return sizes.sort((a, b) => b[1] - a[1])[0]![0]
}

describe('built scripts and style sheets', () => {
  it('every one has a brotli and a gzip copy beside it, smaller than itself', () => {
    const built = fs
      .readdirSync(assetsDir)
      .filter((file) => /\.(js|css)$/.test(file))
      .filter((file) => fs.statSync(path.join(assetsDir, file)).size >= 1024)
      // Remix writes its route manifest after the bundle, and a browser never loads it: with lazy
      // route discovery each page carries the routes it needs, and asks for more as it goes.
      .filter((file) => !file.startsWith('manifest-'))
    expect(built.length).toBeGreaterThan(20)
    for (const file of built) {
      const original = fs.readFileSync(path.join(assetsDir, file))
      const br = fs.readFileSync(path.join(assetsDir, `${file}.br`))
      const gz = fs.readFileSync(path.join(assetsDir, `${file}.gz`))
      expect(zlib.brotliDecompressSync(br).equals(original), `${file}.br`).toBe(true)
      expect(zlib.gunzipSync(gz).equals(original), `${file}.gz`).toBe(true)
      expect(br.length, `${file}.br`).toBeLessThan(original.length)
    }
  })

  for (const [extension, type] of [
    ['.js', 'text/javascript'],
    ['.css', 'text/css'],
  ] as const) {
    it(`${extension}: served from the file compressed at build time, in the encoding the browser accepts`, async () => {
      const file = largest(extension)
      const original = fs.readFileSync(path.join(assetsDir, file))
      const target = `/assets/${file}`

      const brotli = await fetchBytes(target, 'gzip, deflate, br, zstd')
      expect(brotli.status).toBe(200)
      expect(brotli.headers['content-encoding']).toBe('br')
      expect(brotli.body.equals(fs.readFileSync(path.join(assetsDir, `${file}.br`)))).toBe(true)
      expect(zlib.brotliDecompressSync(brotli.body).equals(original)).toBe(true)
      expect(brotli.headers['content-type']).toContain(type)
      expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable')
      expect(brotli.headers['vary']).toMatch(/Accept-Encoding/i)
      // Level 11 gives fewer bytes than the per-request compression (brotli level 4) did.
      const onTheFly = zlib.brotliCompressSync(original, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 },
      })
      expect(brotli.body.length).toBeLessThan(onTheFly.length)

      const gzip = await fetchBytes(target, 'gzip')
      expect(gzip.headers['content-encoding']).toBe('gzip')
      expect(gzip.body.equals(fs.readFileSync(path.join(assetsDir, `${file}.gz`)))).toBe(true)
      expect(zlib.gunzipSync(gzip.body).equals(original)).toBe(true)
      expect(gzip.headers['content-type']).toContain(type)

      const plain = await fetchBytes(target)
      expect(plain.headers['content-encoding']).toBeUndefined()
      expect(plain.body.equals(original)).toBe(true)
      expect(plain.headers['content-type']).toContain(type)
    })
  }

  it('an asset that does not exist is still a 404, whatever the encoding', async () => {
    for (const encoding of ['br', 'gzip', undefined]) {
      expect((await fetchBytes('/assets/nothing-here.js', encoding)).status).toBe(404)
    }
  })
})
