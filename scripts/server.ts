// Zwin's production server: our own small Express server around the Remix build, because the portal
// needs per-request CSP nonces, an Origin check on every mutation, body limits that count what arrives,
// and the client address for the sign-in rate limit (see docs/decisions/0001-own-express-server.md).
//
// `npm run build` compiles it to build/runtime/server.js, which runs on plain Node; everything it needs
// from the app (configuration, database, migrations, background work) comes from the Remix build's
// server entry, so the process holds one copy of the app and one database connection. `npm run dev`
// runs the same server from source, with the app from Vite instead of the build (appBuild below).
import http from 'node:http'
import module from 'node:module'
import path from 'node:path'
import v8 from 'node:v8'
import { projectRoot } from './project-root'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import expressStaticGzip from 'express-static-gzip'
import express from 'express'
import { DEMO_PASSWORD, demoLogins } from '../prisma/demo-logins'
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
} from './http/middleware'
import { log, setLogger } from './http/log'
import {
  metricsEndpoint,
  readinessEndpoint,
  requestLogging,
  startMetricsServer,
} from './http/observability'
import { remixHandler } from './http/remix'
import { findRequestedRoute } from './http/routes'
import type { ServerEntry } from './http/server-entry'

// build/runtime/server.js → the project folder.
const root = projectRoot(import.meta.dirname)

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

// `node build/runtime/server.js` is the production server: without NODE_ENV it runs as one (Secure
// cookies, the demo-account check), never as a development server by accident.
process.env.NODE_ENV ??= 'production'

// Node 22.1+ keeps the compiled code of the modules it loads in a cache (in the system's temp folder), so
// that the next start of the server skips most of that work; Node 20 has no such cache.
;(module as { enableCompileCache?: () => unknown }).enableCompileCache?.()

// Prisma's query compiler is WebAssembly. V8 compiles it quickly (Liftoff) and then once more, optimised
// (TurboFan), for the functions it runs often: that second copy cost the server about 40 MB of memory and
// made Zwin's queries no faster in the runtime bench (tests/bench/runtime.ts). Set before the app, and
// with it Prisma, is loaded.
v8.setFlagsFromString('--liftoff-only')

/** At most this long for the requests under way when the server is told to stop. */
const SHUTDOWN_GRACE_MS = 10_000

// One request never ends the server (every stream's errors are handled, and a request's failure is
// answered in answerFailures). What still escapes is a fault that leaves the process in an unknown
// state: it is logged, and the process ends so that its supervisor (scripts/supervise.ts, systemd)
// starts a fresh one. The database survives that (WAL, docs/decisions/0003-sessions-and-sign-in.md).
process.on('uncaughtException', (error) => {
  log().fatal(
    { err: error },
    'Zwin stops after an uncaught exception; its supervisor starts it again.',
  )
  process.exit(1)
})
process.on('unhandledRejection', (reason) => {
  log().fatal(
    { err: reason },
    'Zwin stops after an unhandled rejection; its supervisor starts it again.',
  )
  process.exit(1)
})

/**
 * The Remix build: in production the compiled one (build/server), loaded once; in development (`npm run
 * dev`) the sources, through Vite in middleware mode, loaded again after every change. Either way the
 * same Express app below serves it, with the same security headers, Origin check and body limits.
 */
async function appBuild(server: http.Server) {
  if (process.env.NODE_ENV !== 'development') {
    const build = (await import(path.join(root, 'build/server/index.js'))) as ServerBuild
    return { loadBuild: () => Promise.resolve(build), vite: undefined }
  }
  // Only in development: vite is a development dependency, absent from a production installation.
  const { createServer } = await import('vite')
  const vite = await createServer({
    root,
    appType: 'custom',
    server: {
      // The page's script loads and hot updates come over the portal's own port, which its CSP allows.
      middlewareMode: true,
      hmr: { server },
      // Vite serves files of the project folder by their path: only the app's own, never the data
      // folder (./data by default: the database, the session secret, the stored documents).
      fs: {
        allow: ['app', 'locales', 'public', 'node_modules'].map((dir) => path.join(root, dir)),
      },
    },
  })
  const loadBuild = () => vite.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
  return { loadBuild, vite }
}

/** A reason not to start that is a message for the operator, not a stack trace. */
class CannotStart extends Error {}

async function main() {
  const app = express()
  const server = http.createServer(serverTimeouts, app)
  const { loadBuild, vite } = await appBuild(server)
  const build = await loadBuild()
  const entry = (build.entry.module as unknown as { runtime: ServerEntry }).runtime
  // One logger for the app's lines and the server's (app/modules/observability/logger.server.ts).
  setLogger(entry.getLogger())
  let config: ReturnType<ServerEntry['getConfig']>
  try {
    config = entry.getConfig()
  } catch (error) {
    throw error instanceof entry.ConfigError ? new CannotStart(error.message) : error
  }
  const applied = await entry.openDatabase(root)
  if (applied.length) log().info({ migrations: applied }, 'Applied migrations')
  if (config.env === 'production' && config.demoData !== true) {
    const demoAccount = await entry.firstAccountWithPassword(
      demoLogins.map((login) => login.email),
      DEMO_PASSWORD,
    )
    if (demoAccount) {
      throw new CannotStart(
        `Zwin does not start in production while demo accounts with the published password can sign ` +
          `in (${demoAccount}, among others). Set ZWIN_DEMO_DATA=true if this is a demo; on a real ` +
          `installation, disable the demo accounts or start from an empty data folder with ` +
          `ZWIN_DEMO_DATA=false.`,
      )
    }
  }
  // Before listening, so that no upload is under way while stray temp files are removed.
  await entry.startDocumentMaintenance()
  await entry.startMailOutbox()
  entry.startBackupSchedule()
  entry.startProviderFormTargets()

  app.disable('x-powered-by')
  app.set('trust proxy', config.trustProxy ? 1 : false)
  app.use(requestLogging(entry, config.trustProxy))
  app.use(connectionGuard(config.trustProxy))
  app.use(compression())
  app.use(securityHeaders(config.publicOrigin, entry.providerFormTargets))
  app.use(onlyKnownMethods)
  app.use(noBodyOnReads)
  app.use(sameOriginMutations(config.publicOrigin))
  app.use(noLegacyDataRequests)
  app.get('/readyz', readinessEndpoint(entry))
  // Without METRICS_TOKEN or METRICS_PORT there is no /metrics: the app's 404 answers it.
  if (config.metricsToken && !config.metricsPort) {
    app.get('/metrics', metricsEndpoint(entry, config.metricsToken))
  }
  if (vite) {
    app.use(vite.middlewares)
  } else {
    // The build wrote a brotli and a gzip copy of each script and style sheet (vite.config.ts): those
    // are sent as they are, in the encoding the browser accepts, and compression() leaves them be.
    app.use(
      '/assets',
      expressStaticGzip(path.join(root, 'build/client/assets'), {
        enableBrotli: true,
        orderPreference: ['br', 'gz'],
        index: false,
        serveStatic: { immutable: true, maxAge: '1y' },
      }),
    )
    app.use(express.static(path.join(root, 'build/client'), { maxAge: '1h' }))
  }
  app.use(findRequestedRoute(loadBuild))
  app.use(noResourceRoutesAsData)
  app.use(
    remixHandler({
      loadBuild,
      mode: vite ? 'development' : 'production',
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

  if (config.metricsPort) {
    startMetricsServer(entry, {
      port: config.metricsPort,
      host: config.metricsHost,
      token: config.metricsToken,
    })
  }
  server.on('error', (error: NodeJS.ErrnoException) => {
    log().fatal(
      { err: error },
      error.code === 'EADDRINUSE'
        ? `Zwin cannot start: port ${config.port} is already in use. Stop the other program or set PORT.`
        : 'Zwin cannot start its server',
    )
    process.exit(1)
  })
  // The development server answers this machine only: it serves the sources to whoever asks.
  server.listen(config.port, vite ? '127.0.0.1' : undefined, () => {
    log().info(
      { port: config.port, dataDir: config.dataDir },
      `Zwin is running at ${config.publicOrigin}/`,
    )
    // The supervisor (scripts/supervise.ts) restarts only a server that got this far.
    process.send?.('ready')
    // The demo logins (a published password) for a person at a terminal, and for the demo of `npm start`
    // (under the supervisor, on demo data), whatever it prints to; never into the log of an installation
    // or a test server (README, "Logs").
    if (process.stdout.isTTY || (process.send && config.demoData === true)) {
      void printDemoLogins(config.publicOrigin, entry.activeEmails)
    }
  })

  // SIGTERM (systemd, docker stop) or Ctrl-C: no new connections; the requests under way (an upload,
  // say) may finish within SHUTDOWN_GRACE_MS; the job worker claims no new job and may finish the one
  // it has; then the database closes and the process ends.
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    log().info('Zwin stops: it finishes the requests under way (10 s at most)')
    entry.stopBackupSchedule()
    entry.stopProviderFormTargets()
    const background = Promise.all([
      entry.stopDocumentMaintenance(SHUTDOWN_GRACE_MS),
      entry.stopMailOutbox(SHUTDOWN_GRACE_MS),
    ])
    void vite?.close()
    server.close(() => {
      void background.then(() => entry.closeDatabase()).then(() => process.exit(0))
    })
    server.closeIdleConnections()
    setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref()
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main().catch((error: unknown) => {
  // A configuration or migration error is a message for the operator, not a stack trace.
  if (
    error instanceof CannotStart ||
    (error instanceof Error && !error.stack?.includes('\n    at '))
  )
    log().fatal(error.message)
  else log().fatal({ err: error }, 'Zwin cannot start')
  process.exit(1)
})
