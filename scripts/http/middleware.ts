/*
 * The server's own layer in front of Remix (docs/decisions/0001-own-express-server.md): security
 * headers with a CSP nonce per request, the same-origin check on mutations, the requests Remix must
 * never see, and the one place where a refused or failed request gets its answer. A check that refuses
 * passes a RequestRefused to `next`; answerFailures answers it.
 */
import { randomBytes } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'
import { droppedAfterRefusal, hasBody, lingerBeforeClosing, RequestRefused } from './body'
import { log } from './log'
import { loggedPath } from './observability'
import { fetchHeaders, sendResponse } from './remix'
import { isOneClickUnsubscribe, requestedRoute } from './routes'
import type { ServerEntry } from './server-entry'

/**
 * First of all: a request that came in behind a refused one on the same connection is dropped, and
 * the client's address is taken while the connection is surely there (proxy headers only with
 * TRUST_PROXY), for the sign-in limits and the audit log.
 */
export function connectionGuard(trustProxy: boolean) {
  let warned = false
  return (req: Request, res: Response, next: NextFunction) => {
    if (droppedAfterRefusal(req) || !req.ip) {
      req.socket.destroy()
      return
    }
    res.locals.clientIp = req.ip
    if (!trustProxy && !warned && req.headers['x-forwarded-for']) {
      warned = true
      log().warn(
        'Requests carry X-Forwarded-For but TRUST_PROXY is off: every client behind the proxy counts ' +
          'as one address for the sign-in limits. Set TRUST_PROXY=true behind a reverse proxy.',
      )
    }
    next()
  }
}

/** Zwin's pages and forms use GET, HEAD and POST only; other methods get 405 before Remix. */
export function onlyKnownMethods(req: Request, _res: Response, next: NextFunction) {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'POST') return next()
  next(new RequestRefused(405, 'badRequest', { Allow: 'GET, HEAD, POST' }))
}

/** A read with a body would leave that body unread on the connection: refused. */
export function noBodyOnReads(req: Request, _res: Response, next: NextFunction) {
  if ((req.method === 'GET' || req.method === 'HEAD') && hasBody(req)) {
    return next(new RequestRefused(400, 'badRequest'))
  }
  next()
}

/**
 * `formTargets`: origins besides Zwin's own that a form's redirect may lead to (the organisations'
 * identity providers, app/modules/identity/form-targets.server.ts).
 */
export function securityHeaders(
  publicOrigin: string,
  formTargets: () => readonly string[] = () => [],
) {
  return (_req: Request, res: Response, next: NextFunction) => {
    // A response that brings its own policy (a download: "default-src 'none'; sandbox") replaces the
    // page policy below instead of being appended to it.
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
        ["form-action 'self'", ...formTargets()].join(' '),
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
    if (publicOrigin.startsWith('https:')) {
      res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
    }
    next()
  }
}

/** Cross-site requests never change data: a mutation must come from our own origin. */
export function sameOriginMutations(publicOrigin: string) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next()
    if (isOneClickUnsubscribe(req.method, req.originalUrl)) return next()
    const origin = req.get('origin')
    const site = req.get('sec-fetch-site')
    const crossSite = origin ? origin !== publicOrigin : Boolean(site && site !== 'same-origin')
    next(crossSite ? new RequestRefused(403, 'forbidden') : undefined)
  }
}

/**
 * Remix v1's `?_data=` requests: single fetch does not use them, and Remix logs a stack trace for each,
 * so anyone could fill the log. They get the 404 of an unknown address and one line in the log.
 */
export function noLegacyDataRequests(req: Request, _res: Response, next: NextFunction) {
  if (!new URLSearchParams(req.url.split('?')[1] ?? '').has('_data')) return next()
  log().warn(
    `Refused a legacy ?_data= request: ${req.method} ${loggedPath(req.originalUrl, undefined)}`,
  )
  next(new RequestRefused(404, 'notFound'))
}

/**
 * Single fetch answers `<url>.data` for every route, resource routes too: a file or CSV would come back
 * encoded as data, without its download headers. The app never reads a resource route's loader as
 * data (a form posting to one, such as /logout, does go through `.data`: POST stays), so such a GET
 * gets the 404 of an unknown address, whichever spelling of the path Remix would match.
 */
export function noResourceRoutesAsData(req: Request, res: Response, next: NextFunction) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return next()
  const { route, asData } = requestedRoute(res)
  next(asData && route && !route.module.default ? new RequestRefused(404, 'notFound') : undefined)
}

/**
 * The last handler. A refusal gets its status and a translated page; an error that Express or a
 * library marks as the client's (a malformed URL, say) gets the 400 page; anything else is a fault of
 * ours, logged, and answered with the translated 500 page. Whenever the request's body was not read to
 * its end, the answer says `Connection: close` and the connection lingers, then closes. The process
 * carries on.
 */
export function answerFailures(entry: ServerEntry) {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      // Half an answer cannot be turned into an error page: end the connection instead.
      log().warn(
        { err: error },
        `The answer to ${req.method} ${loggedPath(req.originalUrl, res.locals.requestedRoute)} broke off`,
      )
      res.destroy()
      return
    }
    const clientStatus = (error as { status?: unknown; statusCode?: unknown } | null)?.status
    const refusal =
      error instanceof RequestRefused
        ? error
        : typeof clientStatus === 'number' && clientStatus >= 400 && clientStatus < 500
          ? new RequestRefused(400, 'badRequest')
          : null
    if (!refusal)
      log().error(
        { err: error },
        `Request failed: ${req.method} ${loggedPath(req.originalUrl, res.locals.requestedRoute)}`,
      )
    const headers: Record<string, string> = { ...refusal?.headers }
    if (!req.complete) {
      headers.Connection = 'close'
      lingerBeforeClosing(req)
    }
    entry
      .refusalResponse(
        new globalThis.Request('http://zwin.invalid/', { headers: fetchHeaders(req.headers) }),
        refusal
          ? { status: refusal.status, reason: refusal.reason, headers }
          : { status: 500, reason: 'server', headers },
      )
      .then((response) => sendResponse(res, response))
      .catch((failure: unknown) => next(failure))
  }
}
