/*
 * Express → Remix, with the body the server accepted (body.ts) instead of the raw request stream: what
 * `@remix-run/express`'s createRequestHandler does (a package that exports no parts to build on),
 * except that
 * - Remix never reads a body the server did not let through;
 * - the request's URL and Host are those of PUBLIC_ORIGIN (whose Origin check already passed), never a
 *   Host or X-Forwarded-Host a client made up;
 * - every answer that does not say otherwise carries `Cache-Control: private, no-store` (a page holds
 *   the reader's own data and a one-time CSP nonce);
 * - an answer given before the body was read to its end closes the connection (after a linger).
 */
import type { IncomingHttpHeaders } from 'node:http'
import { once } from 'node:events'
import {
  createReadableStreamFromReadable,
  createRequestHandler,
  type AppLoadContext,
  type ServerBuild,
} from '@remix-run/node'
import type { NextFunction, Request, Response } from 'express'
import {
  acceptBody,
  lingerBeforeClosing,
  RequestRefused,
  type AcceptedBody,
  type BodyRules,
} from './body'
import { isOneClickUnsubscribe, requestedRoute } from './routes'

type Options = {
  /** The Remix build: the same object for ever in production, a new one after a change in development. */
  loadBuild: () => Promise<ServerBuild>
  mode: 'production' | 'development'
  publicOrigin: string
  rules: Omit<BodyRules, 'isUploadRoute' | 'isSignedIn'> & {
    isSignedIn: (cookieHeader: string | undefined) => Promise<boolean>
  }
  getLoadContext: (req: Request, res: Response) => AppLoadContext
}

type RemixRequestHandler = ReturnType<typeof createRequestHandler>

/**
 * Remix's request handler for the current build, made once per build. Remix derives the route table,
 * its data routes and the data handler when it is given a build; given a function that loads one, it
 * derives them anew at every request (a ranking of the whole route table among them: about a
 * millisecond of every page in the dashboard's CPU profile, issue 15).
 */
export function handlerPerBuild(
  loadBuild: () => Promise<ServerBuild>,
  mode: Options['mode'],
  create: (build: ServerBuild, mode: Options['mode']) => RemixRequestHandler = createRequestHandler,
): () => Promise<RemixRequestHandler> {
  let current: { build: ServerBuild; handle: RemixRequestHandler } | undefined
  return async () => {
    const build = await loadBuild()
    if (current?.build !== build) current = { build, handle: create(build, mode) }
    return current.handle
  }
}

export function remixHandler({ loadBuild, mode, publicOrigin, rules, getLoadContext }: Options) {
  const handlerForBuild = handlerPerBuild(loadBuild, mode)
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const { route } = requestedRoute(res)
      const upload = (route?.module.handle as { upload?: boolean } | undefined)?.upload === true
      const body =
        req.method === 'GET' || req.method === 'HEAD'
          ? null
          : await acceptBody(req, {
              ...rules,
              isUploadRoute: upload,
              isSignedIn: () => rules.isSignedIn(req.headers.cookie),
            })
      if (body?.kind === 'signInFirst') {
        // As requireUser would answer, but before a byte of the upload is read.
        const page = req.path.replace(/\.(json|data)$/, '')
        lingerBeforeClosing(req)
        res.set({ Connection: 'close', 'Cache-Control': 'no-store' })
        res.redirect(302, `/login?${new URLSearchParams({ redirectTo: page })}`)
        return
      }
      const handleRequest = await handlerForBuild()
      const response = await handleRequest(
        fetchRequest(req, res, body, publicOrigin),
        getLoadContext(req, res),
      )
      if (!response.headers.has('Cache-Control')) res.set('Cache-Control', 'private, no-store')
      // Answered without reading all of the body (an upload to an unknown network, say).
      if (!req.complete) {
        res.set('Connection', 'close')
        lingerBeforeClosing(req)
      }
      await sendResponse(res, response)
    } catch (error) {
      next(error)
    }
  }
}

/** The Fetch API request Remix handles, on the public origin. */
function fetchRequest(
  req: Request,
  res: Response,
  body: AcceptedBody | null,
  publicOrigin: string,
): globalThis.Request {
  // The path exactly as sent (as @remix-run/express does it), on our own origin.
  let url: URL
  try {
    url = new URL(`${publicOrigin}${req.originalUrl}`)
  } catch {
    throw new RequestRefused(400, 'badRequest')
  }
  const controller = new AbortController()
  // The client went away before the answer was complete: loaders and actions may stop.
  res.on('close', () => {
    if (!res.writableFinished) controller.abort()
  })
  const headers = fetchHeaders(req.headers)
  // Remix compares Origin with these; the server's own check (sameOriginMutations) compared it with
  // PUBLIC_ORIGIN already.
  headers.set('Host', url.host)
  headers.delete('X-Forwarded-Host')
  // A mail program's one-click unsubscribe may come from any origin (see isOneClickUnsubscribe); Remix's
  // own Origin comparison would answer it with a 500.
  if (isOneClickUnsubscribe(req.method, req.originalUrl)) headers.delete('Origin')
  const init: RequestInit & { duplex?: 'half' } = {
    method: req.method,
    headers,
    signal: controller.signal,
  }
  if (body?.kind === 'form') {
    // What the server read is a form, whatever type an empty body claimed; empty, it is an empty form.
    headers.set('Content-Type', 'application/x-www-form-urlencoded')
    headers.delete('Transfer-Encoding')
    headers.delete('Content-Length')
    init.body = new Uint8Array(body.bytes)
  } else if (body?.kind === 'upload') {
    init.body = createReadableStreamFromReadable(body.stream)
    init.duplex = 'half'
  }
  return new globalThis.Request(url.href, init)
}

/** The request's headers as Fetch API Headers (repeated ones appended). */
export function fetchHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined) continue
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one)
  }
  return headers
}

/**
 * Writes a Fetch API response to Express: status, headers (Set-Cookie may repeat), body streamed at the
 * pace the client takes it. Remix's writeReadableStreamToWritable writes on without waiting, so a slow
 * client made the server hold a whole download in memory; and when the client leaves, the body is
 * cancelled without a reason, because @remix-run/node's stream wrapper turns a reason into an 'error'
 * on the file stream after it stopped listening for one (an uncaught exception).
 */
export async function sendResponse(res: Response, response: globalThis.Response): Promise<void> {
  res.statusMessage = response.statusText
  res.status(response.status)
  for (const [name, value] of response.headers.entries()) res.append(name, value)
  if (!response.body) {
    res.end()
    return
  }
  const reader = response.body.getReader()
  const gone = new Promise<'gone'>((resolve) => res.once('close', () => resolve('gone')))
  // Compression holds small writes back; what has been written goes out once the chunks at hand are
  // written, as a page streams. Once per turn of the event loop, not per chunk: a flush per chunk made
  // a gzip block of every few hundred bytes a page is rendered in (more CPU, a worse ratio), and each
  // flush waiting for 'drain' added a listener to the compressor.
  const flushNow = (res as Response & { flush?: () => void }).flush?.bind(res)
  let flushing = false
  const flush =
    flushNow &&
    (() => {
      if (flushing) return
      flushing = true
      setImmediate(() => {
        flushing = false
        if (!res.writableEnded) flushNow()
      })
    })
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), gone])
      if (next === 'gone') return
      if (next.done) {
        res.end()
        return
      }
      const room = res.write(next.value)
      flush?.()
      if (!room) {
        const drained = once(res, 'drain').then(
          () => 'drained' as const,
          () => 'gone' as const,
        )
        if ((await Promise.race([drained, gone])) === 'gone') return
      }
    }
  } finally {
    if (!res.writableEnded) void reader.cancel().catch(() => undefined)
  }
}
