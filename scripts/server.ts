// Zwin's production server: our own small Express server around the Remix build, because the portal
// needs per-request CSP nonces, an Origin check on every mutation, body limits that count what arrives,
// and the client address for the sign-in rate limit (see docs/decisions/0001-own-express-server.md).
//
// `npm run build` compiles it to build/runtime/server.js, which runs on plain Node; everything it needs
// from the app (configuration, database, migrations, background work) comes from the Remix build's
// server entry, so the process holds one copy of the app and one database connection.
import http from 'node:http'
import path from 'node:path'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { printDemoLogins } from './demo-banner'
import {
  answerFailures,
  connectionGuard,
  noBodyOnReads,
  noLegacyDataRequests,
  noResourceRoutesAsData,
  onlyKnownMethods,
  sameOriginMutations,
  securityHeaders,
  type ServerEntry,
} from './http/middleware'
import { remixHandler } from './http/remix'
import { findRequestedRoute } from './http/routes'

// build/runtime/server.js → the project folder.
const root = path.resolve(import.meta.dirname, '..', '..')

/**
 * The Node server's own time limits (docs/security.md, "Hostile transport"): a client that sends its
 * headers slowly, or keeps an idle connection open, does not hold a socket for long. Bodies have their
 * own limits (scripts/http/body.ts); the request time-out is only a last resort for the longest upload.
 */
const serverTimeouts: http.ServerOptions = {
  headersTimeout: 10_000,
  requestTimeout: 3_600_000,
  keepAliveTimeout: 5_000,
  // How often Node checks the two time-outs above (its default is every 30 s).
  connectionsCheckingInterval: 1_000,
}

/** At most this long for the requests under way when the server is told to stop. */
const SHUTDOWN_GRACE_MS = 10_000

// One request never ends the server (every stream's errors are handled, and a request's failure is
// answered in answerFailures). What still escapes is a fault that leaves the process in an unknown
// state: it is logged, and the process ends so that its supervisor (scripts/supervise.ts, systemd)
// starts a fresh one. The database survives that (WAL, docs/decisions/0003-sessions-and-sign-in.md).
process.on('uncaughtException', (error) => {
  console.error('Zwin stops after an uncaught exception; its supervisor starts it again.', error)
  process.exit(1)
})
process.on('unhandledRejection', (reason) => {
  console.error('Zwin stops after an unhandled rejection; its supervisor starts it again.', reason)
  process.exit(1)
})

async function main() {
  const build = (await import(path.join(root, 'build/server/index.js'))) as ServerBuild
  const entry = (build.entry.module as unknown as { runtime: ServerEntry }).runtime
  let config: ReturnType<ServerEntry['getConfig']>
  try {
    config = entry.getConfig()
  } catch (error) {
    throw error instanceof entry.ConfigError ? new Error(error.message) : error
  }
  const applied = await entry.openDatabase(root)
  if (applied.length) console.info(`Applied migrations: ${applied.join(', ')}`)
  // Before listening, so that no upload is under way while stray temp files are removed.
  await entry.startDocumentMaintenance()
  entry.startBackupSchedule()

  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', config.trustProxy ? 1 : false)
  app.use(connectionGuard(config.trustProxy))
  app.use(compression())
  app.use(securityHeaders(config.publicOrigin))
  app.use(onlyKnownMethods)
  app.use(noBodyOnReads)
  app.use(sameOriginMutations(config.publicOrigin))
  app.use(noLegacyDataRequests)
  app.use(
    '/assets',
    express.static(path.join(root, 'build/client/assets'), { immutable: true, maxAge: '1y' }),
  )
  app.use(express.static(path.join(root, 'build/client'), { maxAge: '1h' }))
  app.use(findRequestedRoute(build))
  app.use(noResourceRoutesAsData)
  app.use(
    remixHandler({
      build,
      publicOrigin: config.publicOrigin,
      rules: {
        uploadMaxBytes: entry.uploadBodyLimit(),
        timeoutMs: config.requestBodyTimeoutMs,
        isSignedIn: entry.hasSession,
      },
      getLoadContext: (_req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        clientIp: res.locals.clientIp as string,
      }),
    }),
  )
  app.use(answerFailures(entry))

  const server = http.createServer(serverTimeouts, app)
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === 'EADDRINUSE'
        ? `Zwin cannot start: port ${config.port} is already in use. Stop the other program or set PORT.`
        : error,
    )
    process.exit(1)
  })
  server.listen(config.port, () => {
    console.info(
      `\nZwin is running at ${config.publicOrigin}/  (port ${config.port}, data in ${config.dataDir})`,
    )
    // The supervisor (scripts/supervise.ts) restarts only a server that got this far.
    process.send?.('ready')
    void printDemoLogins(entry.activeEmails)
  })

  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    entry.stopBackupSchedule()
    server.close(() => void entry.closeDatabase().then(() => process.exit(0)))
    server.closeIdleConnections()
    setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref()
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main().catch((error: unknown) => {
  console.error(
    error instanceof Error && !error.stack?.includes('\n    at ') ? error.message : error,
  )
  process.exit(1)
})
