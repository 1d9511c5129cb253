/*
 * Logs, metrics and readiness at the server's edge (README, "Logs" and "Metrics and health"):
 * - one JSON line per request when its answer is done: request id (also the X-Request-Id header),
 *   route id, path without its query and without tokens, status, duration, bytes, user and
 *   organisation ids (filled in by the app's session lookup through the request context);
 * - the request duration histogram, by route id and status class, in the app's registry;
 * - /readyz, and /metrics behind a bearer token or on a port of its own.
 * The logger, the registry and the request context all come from the app (ServerEntry), so the app's
 * own counters and lines end up in the same place.
 */
import { randomUUID, timingSafeEqual, createHash } from 'node:crypto'
import http from 'node:http'
import type { NextFunction, Request, Response } from 'express'
import { log } from './log'
import type { ServerEntry } from './server-entry'
import type { RequestedRoute } from './routes'

// An incoming X-Request-Id (set by the reverse proxy) is kept only behind a trusted proxy, and only
// when it cannot forge anything in a log line.
const SAFE_REQUEST_ID = /^[\w-]{1,64}$/

// The requests a monitor asks every few seconds: in the log only when something is wrong.
const PROBES = new Set(['/healthz', '/readyz', '/metrics'])

// Second net under the route check in loggedPath: the token routes of app/routes.ts.
const TOKEN_PATHS = /^(\/wachtwoord-instellen|\/agenda\/feed)\/[^/]+/i

/**
 * The path as the log shows it: normalised as the router sees it, never the query string (a sign-in's
 * redirect, a search), and for a route with a token in its path (set-password links, calendar feeds)
 * the route's pattern instead of the token.
 */
export function loggedPath(originalUrl: string, requested: RequestedRoute | undefined): string {
  const route = requested?.route
  if (route?.path && /(^|\/):[^/]*token/i.test(route.path)) {
    return `/${route.path}${requested?.asData ? '.data' : ''}`
  }
  let pathname: string
  try {
    pathname = new URL(`http://zwin.invalid${originalUrl}`).pathname
  } catch {
    return '(malformed)'
  }
  return pathname.replace(TOKEN_PATHS, '$1/[redacted]').slice(0, 300)
}

/** The route label: a route id of the build, or one of a few fixed words; never the raw path. */
export function routeLabel(path: string, requested: RequestedRoute | undefined, status: number) {
  if (requested) return requested.route?.id ?? '(no route)'
  if (PROBES.has(path)) return path.slice(1)
  if (status >= 400) return '(refused)'
  return path.startsWith('/assets/') ? '(assets)' : '(static)'
}

function methodLabel(method: string): string {
  return method === 'GET' || method === 'HEAD' || method === 'POST' ? method : 'other'
}

/** First in the chain: every request gets an id, a context for the app, a log line and a timing. */
export function requestLogging(entry: ServerEntry, trustProxy: boolean) {
  const logger = entry.getLogger()
  const { requestDuration } = entry.metrics()
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint()
    const writtenBefore = req.socket.bytesWritten
    const incoming = req.get('x-request-id')
    const reqId = trustProxy && incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID()
    res.setHeader('X-Request-Id', reqId)
    res.locals.reqId = reqId
    const record: Parameters<ServerEntry['requestContext']['run']>[0] = { reqId }
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      const requested = res.locals.requestedRoute as RequestedRoute | undefined
      const path = loggedPath(req.originalUrl, requested)
      const route = routeLabel(path, requested, res.statusCode)
      const status = res.statusCode
      requestDuration.observe(
        { route, method: methodLabel(req.method), status_class: entry.statusClass(status) },
        seconds,
      )
      const line = {
        reqId,
        method: req.method,
        route,
        path,
        status,
        ms: Math.round(seconds * 10_000) / 10,
        // On the wire: headers included, after compression.
        bytes: req.socket ? req.socket.bytesWritten - writtenBefore : undefined,
        userId: record.userId,
        organisationId: record.organisationId,
        // The client left before the whole answer was sent.
        aborted: res.writableFinished ? undefined : true,
      }
      if (PROBES.has(path) && status < 400) logger.debug(line, 'request')
      else logger.info(line, 'request')
    })
    entry.requestContext.run(record, next)
  }
}

/** GET /readyz: 200 when the database answers, migrations are current and the data folder writable. */
export function readinessEndpoint(entry: ServerEntry) {
  return async (_req: Request, res: Response) => {
    const { ready, failed } = await entry.readiness()
    res.set('Cache-Control', 'no-store')
    res
      .status(ready ? 200 : 503)
      .json(ready ? { status: 'ready' } : { status: 'unavailable', failed })
  }
}

/** A constant-time comparison of `Authorization: Bearer <token>` with the configured token. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? ''
  // Hashed first, so that both sides have the same length whatever was sent.
  const digest = (s: string) => createHash('sha256').update(s).digest()
  return timingSafeEqual(digest(given), digest(token))
}

async function answerMetrics(
  entry: ServerEntry,
  token: string | undefined,
  authorization: string | undefined,
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  if (token && !bearerMatches(authorization, token)) {
    return {
      status: 401,
      headers: { 'WWW-Authenticate': 'Bearer', 'Content-Type': 'text/plain; charset=utf-8' },
      body: 'A bearer token is required.\n',
    }
  }
  const { contentType, body } = await entry.metricsText()
  return { status: 200, headers: { 'Content-Type': contentType }, body }
}

/** GET /metrics on the main port, with METRICS_TOKEN as its bearer token. */
export function metricsEndpoint(entry: ServerEntry, token: string) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const answer = await answerMetrics(entry, token, req.get('authorization'))
      res.status(answer.status).set({ ...answer.headers, 'Cache-Control': 'no-store' })
      res.send(answer.body)
    } catch (error) {
      next(error)
    }
  }
}

/**
 * /metrics alone on a port of its own (METRICS_PORT, on METRICS_HOST: 127.0.0.1 unless set), for a
 * scraper inside the machine or the cluster; the main port then does not serve it. METRICS_TOKEN,
 * when set as well, is asked here too.
 */
export function startMetricsServer(
  entry: ServerEntry,
  options: { port: number; host: string; token: string | undefined },
): http.Server {
  const server = http.createServer(
    { headersTimeout: 10_000, requestTimeout: 30_000 },
    (req, res) => {
      const path = (req.url ?? '').split('?')[0]
      if ((req.method !== 'GET' && req.method !== 'HEAD') || path !== '/metrics') {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found.\n')
        return
      }
      answerMetrics(entry, options.token, req.headers.authorization).then(
        (answer) => {
          res.writeHead(answer.status, { ...answer.headers, 'Cache-Control': 'no-store' })
          res.end(req.method === 'HEAD' ? undefined : answer.body)
        },
        (error: unknown) => {
          log().error({ err: error }, 'Serving /metrics failed')
          res.writeHead(500).end()
        },
      )
    },
  )
  server.on('error', (error: NodeJS.ErrnoException) => {
    const message =
      error.code === 'EADDRINUSE'
        ? `Zwin cannot start: METRICS_PORT ${options.port} is already in use. Stop the other program or set METRICS_PORT.`
        : 'Zwin cannot start the metrics server'
    log().fatal({ err: error }, message)
    process.exit(1)
  })
  server.listen(options.port, options.host)
  // The main server decides when the process ends.
  server.unref()
  return server
}
