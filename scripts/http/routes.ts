/*
 * Which route of the build a request is for, decided the way Remix decides it: on the path as the URL
 * parser normalises it (dot segments and `%2E` resolved), without a single-fetch `.data` suffix,
 * matched with React Router's own matchRoutes (case-insensitive, trailing slash optional). The server's
 * rules about resource routes and uploads must apply to the route Remix will run, whatever the
 * spelling of the path (docs/security.md items 20 and 29).
 */
import { matchRoutes, type AgnosticRouteObject } from '@remix-run/router'
import type { ServerBuild } from '@remix-run/node'
import type { NextFunction, Request, Response } from 'express'

type ServerRoute = ServerBuild['routes'][string]

export type RequestedRoute = {
  route: ServerRoute | undefined
  /** A single-fetch data request (`<path>.data`). */
  asData: boolean
}

function routeFinder(build: ServerBuild): (originalUrl: string) => RequestedRoute {
  const routes = Object.values(build.routes).filter((r): r is ServerRoute => Boolean(r))
  const tree = (parentId: string | undefined): AgnosticRouteObject[] =>
    routes
      .filter((r) => r.parentId === parentId)
      .map((r) =>
        r.index
          ? { id: r.id, index: true, caseSensitive: r.caseSensitive }
          : { id: r.id, path: r.path, caseSensitive: r.caseSensitive, children: tree(r.id) },
      )
  const top = tree(undefined)
  return (originalUrl) => {
    // As @remix-run/express builds the request's URL: the path exactly as sent, on a fixed origin.
    let pathname: string
    try {
      pathname = new URL(`http://zwin.invalid${originalUrl}`).pathname
    } catch {
      return { route: undefined, asData: false }
    }
    const asData = pathname.endsWith('.data')
    const path = asData ? pathname.replace(/\.data$/, '').replace(/^\/_root$/, '/') : pathname
    const matches = matchRoutes(top, path)
    return { route: matches ? build.routes[matches.at(-1)!.route.id!] : undefined, asData }
  }
}

/**
 * Finds the request's route once (after the static files, which need none) for the checks that follow
 * and for the Remix handler: `requestedRoute(res)` reads it. The build is the one the Remix handler
 * gets: the same object for ever in production, a new one after a change in development.
 */
export function findRequestedRoute(loadBuild: () => Promise<ServerBuild>) {
  const finders = new WeakMap<ServerBuild, ReturnType<typeof routeFinder>>()
  return (req: Request, res: Response, next: NextFunction) => {
    loadBuild().then((build) => {
      let find = finders.get(build)
      if (!find) finders.set(build, (find = routeFinder(build)))
      res.locals.requestedRoute = find(req.originalUrl)
      next()
    }, next)
  }
}

export function requestedRoute(res: Response): RequestedRoute {
  return res.locals.requestedRoute as RequestedRoute
}

/**
 * The one exception to the same-origin rule: the one-click unsubscribe of a notification mail
 * (`POST /uitschrijven/<token>`, RFC 8058), which a mail program sends from wherever it runs, without
 * cookies. Safe without the check: the signed token in the path is the whole authorisation (no session
 * is read), and all it can do is turn one kind of mail off for the person it names
 * (app/modules/notifications/unsubscribe.server.ts). Only that exact path shape, only POST.
 */
export function isOneClickUnsubscribe(method: string, originalUrl: string): boolean {
  return method === 'POST' && /^\/uitschrijven\/[A-Za-z0-9_.-]{1,300}$/.test(originalUrl)
}
