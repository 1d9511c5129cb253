// Zwin's production server: our own small Express server around the Remix build, because the portal
// needs per-request CSP nonces, an Origin check on every mutation and the client address for the
// sign-in rate limit (see docs/decisions/0001-own-express-server.md).
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express, { type NextFunction, type Request, type Response } from 'express'
import { ConfigError, loadConfig } from '../app/modules/config/config.server'
import { createDb, prepareDb } from '../app/modules/db/db.server'
import { applyMigrations } from '../app/modules/db/migrate.server'
import { printDemoLogins } from './demo-banner'

const root = path.resolve(import.meta.dirname, '..')

/** A route path such as `netwerken/:network/begroting.csv` as a regular expression for a URL path. */
function routePattern(routePath: string): RegExp {
  const parts = routePath
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
  return new RegExp(`^/${parts.join('/')}/?$`)
}

async function main() {
  const config = loadConfig()
  // Migrations run before the server listens: it never serves a database it does not understand.
  const applied = await applyMigrations({
    databasePath: config.databasePath,
    migrationsDir: path.join(root, 'prisma', 'migrations'),
  })
  if (applied.length) console.info(`Applied migrations: ${applied.join(', ')}`)
  const db = createDb(config.databasePath)
  await prepareDb(db)

  const build = (await import(path.join(root, 'build/server/index.js'))) as ServerBuild
  // Before listening, so that no upload is under way while stray temp files are removed.
  const entry = build.entry.module as { startDocumentMaintenance?: () => Promise<void> }
  await entry.startDocumentMaintenance?.()
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', config.trustProxy ? 1 : false)
  app.use(compression())

  app.use((req: Request, res: Response, next: NextFunction) => {
    // A response that brings its own policy (a download: "default-src 'none'; sandbox") replaces the page
    // policy below instead of being appended to it.
    const append = res.append.bind(res)
    res.append = (field: string, value?: string[] | string) =>
      field.toLowerCase() === 'content-security-policy'
        ? res.setHeader(field, value ?? '')
        : append(field, value)
    const nonce = randomBytes(16).toString('base64')
    res.locals.cspNonce = nonce
    res.setHeader(
      'Content-Security-Policy',
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'none'",
      ].join('; '),
    )
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
    res.setHeader('X-Frame-Options', 'DENY')
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()')
    if (config.publicOrigin.startsWith('https:')) {
      res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
    }
    next()
  })

  // Cross-site requests never change data: a mutation must come from our own origin.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next()
    const origin = req.get('origin')
    const site = req.get('sec-fetch-site')
    const crossSite = origin
      ? origin !== config.publicOrigin
      : Boolean(site && site !== 'same-origin')
    if (crossSite) {
      res.status(403).type('text/plain').send('Forbidden: cross-site request')
      return
    }
    next()
  })

  // Forms other than uploads are small; Remix reads such a body whole into memory, so a large one is
  // refused before that (uploads stream and have their own limits).
  app.use((req: Request, res: Response, next: NextFunction) => {
    const type = req.get('content-type') ?? ''
    const length = Number(req.get('content-length') ?? 0)
    if (!type.startsWith('multipart/form-data') && length > 1024 * 1024) {
      res.status(413).set('Connection', 'close').type('text/plain').send('Payload Too Large')
      return
    }
    next()
  })

  // Single fetch answers `<url>.data` for every route, resource routes too: a file or CSV would come back
  // encoded as data, without its download headers (SECURITY.md item 20). The app never reads a resource
  // route's loader as data (a form posting to one, such as /logout, does go through `.data`: POST stays),
  // so such a GET gets the 404 of an unknown address.
  const resourceRoutes = Object.values(build.routes)
    .filter((r) => r?.path && !r.module.default)
    .map((r) => routePattern(r!.path!))
  app.use((req: Request, res: Response, next: NextFunction) => {
    const read = req.method === 'GET' || req.method === 'HEAD'
    const asData = read && req.path.endsWith('.data') ? req.path.slice(0, -'.data'.length) : null
    if (asData && resourceRoutes.some((pattern) => pattern.test(asData))) {
      res.status(404).type('text/plain').send('Not Found')
      return
    }
    next()
  })

  app.use(
    '/assets',
    express.static(path.join(root, 'build/client/assets'), { immutable: true, maxAge: '1y' }),
  )
  app.use(express.static(path.join(root, 'build/client'), { maxAge: '1h' }))
  app.all(
    '*',
    createRequestHandler({
      build,
      mode: 'production',
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        clientIp: req.ip ?? 'unknown',
      }),
    }),
  )

  const server = app.listen(config.port, () => {
    console.info(
      `\nZwin is running at ${config.publicOrigin}/  (port ${config.port}, data in ${config.dataDir})`,
    )
    void printDemoLogins(db)
  })
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === 'EADDRINUSE'
        ? `Zwin cannot start: port ${config.port} is already in use. Stop the other program or set PORT.`
        : error,
    )
    process.exit(1)
  })
  const stop = () => server.close(() => void db.$disconnect().then(() => process.exit(0)))
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error)
  process.exit(1)
})
