/*
 * The server's own layer in front of Remix (docs/decisions/0001-own-express-server.md): security
 * headers with a CSP nonce per request, the same-origin check on mutations, the requests Remix must
 * never see, and the one place where a refused or failed request gets its answer.
 */
import { randomBytes } from 'node:crypto'
import type { ServerBuild } from '@remix-run/node'
import type { NextFunction, Request, Response } from 'express'
import { BodyRefused, lingerBeforeClosing } from './body'
import { fetchHeaders, sendResponse } from './remix'

/** What the app's build gives the server: app/modules/runtime/server.server.ts, via the server entry. */
export type ServerEntry = typeof import('../../app/modules/runtime/server.server')

export function securityHeaders(publicOrigin: string) {
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
    if (publicOrigin.startsWith('https:')) {
      res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
    }
    next()
  }
}

/** Cross-site requests never change data: a mutation must come from our own origin. */
export function sameOriginMutations(publicOrigin: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next()
    const origin = req.get('origin')
    const site = req.get('sec-fetch-site')
    const crossSite = origin ? origin !== publicOrigin : Boolean(site && site !== 'same-origin')
    if (crossSite) {
      res
        .status(403)
        .set('Connection', 'close')
        .type('text/plain')
        .send('Forbidden: cross-site request')
      return
    }
    next()
  }
}

/** A route path such as `netwerken/:network/begroting.csv` as a regular expression for a URL path. */
export function routePattern(routePath: string): RegExp {
  const parts = routePath
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
  return new RegExp(`^/${parts.join('/')}(?:\\.data)?/?$`)
}

/** The URL patterns of the build's routes whose module matches `test`. */
export function routesWhere(
  build: ServerBuild,
  test: (module: ServerBuild['routes'][string]['module']) => boolean,
): RegExp[] {
  return Object.values(build.routes)
    .filter((route) => route?.path && test(route.module))
    .map((route) => routePattern(route!.path!))
}

/**
 * Single fetch answers `<url>.data` for every route, resource routes too: a file or CSV would come back
 * encoded as data, without its download headers. The app never reads a resource route's loader as
 * data (a form posting to one, such as /logout, does go through `.data`: POST stays), so such a GET
 * gets the 404 of an unknown address.
 */
export function noResourceRoutesAsData(build: ServerBuild, entry: ServerEntry) {
  const resourceRoutes = routesWhere(build, (module) => !module.default)
  return async (req: Request, res: Response, next: NextFunction) => {
    const read = req.method === 'GET' || req.method === 'HEAD'
    if (read && req.path.endsWith('.data') && resourceRoutes.some((p) => p.test(req.path))) {
      return send(res, await entry.refusalResponse(asFetchRequest(req), notFound))
    }
    next()
  }
}

/**
 * Remix v1's `?_data=` requests: single fetch does not use them, and Remix logs a stack trace for each,
 * so anyone could fill the log. They get the 404 of an unknown address and one line in the log.
 */
export function noLegacyDataRequests(entry: ServerEntry) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!new URLSearchParams(req.url.split('?')[1] ?? '').has('_data')) return next()
    console.warn(`Refused a legacy ?_data= request: ${req.method} ${req.path}`)
    send(res, await entry.refusalResponse(asFetchRequest(req), notFound))
  }
}

const notFound = { status: 404, reason: 'notFound' } as const

/**
 * The last handler: a refused body gets its status and a translated page, with `Connection: close` (the
 * rest of the body is never read, so the connection cannot carry another request); anything else is a
 * fault of ours, logged, and answered with the translated 500 page. The process carries on.
 */
export function answerFailures(entry: ServerEntry) {
  return async (error: unknown, req: Request, res: Response, next: NextFunction) => {
    const refused = error instanceof BodyRefused
    if (res.headersSent) {
      // Half an answer cannot be turned into an error page: end the connection instead. Mostly the
      // client went away during a download; one line, so that leaving many downloads fills no log.
      console.warn(`The answer to ${req.method} ${req.path} broke off: ${String(error)}`)
      res.destroy()
      return
    }
    if (!refused) console.error(`Request failed: ${req.method} ${req.path}`, error)
    if (refused) lingerBeforeClosing(req)
    try {
      const refusal = refused
        ? { status: error.status, reason: error.reason }
        : ({ status: 500, reason: 'server' } as const)
      const response = await entry.refusalResponse(asFetchRequest(req), {
        ...refusal,
        headers: { Connection: 'close' },
      })
      send(res, response)
    } catch (failure) {
      next(failure)
    }
  }
}

function send(res: Response, response: globalThis.Response) {
  void sendResponse(res, response).catch(() => res.destroy())
}

/** Enough of the request for the refusal page: its headers (locale, Accept); never its body. */
function asFetchRequest(req: Request): globalThis.Request {
  return new globalThis.Request('http://zwin.invalid/', { headers: fetchHeaders(req.headers) })
}
