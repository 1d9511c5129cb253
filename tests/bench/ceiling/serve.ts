/*
 * The two ceilings of the page bench (tests/bench/pages.ts), each in a process of its own on PORT:
 *
 * - `remix`: the bare Remix app of this folder, built by the bench, served as remix-serve would serve it
 *   (express, @remix-run/express's request handler, the build's assets as static files), with the same
 *   `compression()` as Zwin's server (scripts/server.ts) and in production mode;
 * - `node-http`: a plain node:http handler answering a small HTML page, without compression: what Node
 *   itself can do on this machine.
 *
 *   node --import tsx tests/bench/ceiling/serve.ts remix|node-http
 */
import http from 'node:http'
import path from 'node:path'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { ceilingBuildDir } from './build-dir'

const port = Number(process.env.PORT)
const kind = process.argv[2]

const smallPage =
  '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Plafond</title></head>' +
  '<body><h1>Vergaderingen</h1><p>Een kleine pagina, rechtstreeks van node:http.</p></body></html>'

async function remixServer() {
  const build = (await import(path.join(ceilingBuildDir, 'server/index.js'))) as ServerBuild
  const app = express()
  app.disable('x-powered-by')
  app.use(compression())
  app.use(
    '/assets',
    express.static(path.join(ceilingBuildDir, 'client/assets'), { immutable: true, maxAge: '1y' }),
  )
  app.use(express.static(path.join(ceilingBuildDir, 'client'), { maxAge: '1h' }))
  app.all('*', createRequestHandler({ build, mode: 'production' }))
  return http.createServer(app)
}

function nodeHttpServer() {
  return http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    res.end(smallPage)
  })
}

async function main() {
  if (process.env.NODE_ENV !== 'production')
    throw new Error('The ceiling runs with NODE_ENV=production')
  if (!port) throw new Error('PORT is not set')
  const server =
    kind === 'remix' ? await remixServer() : kind === 'node-http' ? nodeHttpServer() : null
  if (!server) throw new Error(`Unknown ceiling "${kind}": remix or node-http`)
  server.listen(port, '127.0.0.1')
  process.on('SIGTERM', () => server.close(() => process.exit(0)))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
