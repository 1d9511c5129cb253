/**
 * Calls route loaders and actions in-process, the way Remix does, against the test database: for
 * integration tests of forms (bad input, what gets written) without a browser.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '../../app/modules/access/access.server'
import { commitSessionCookie, createSession } from '../../app/modules/auth/session.server'
import { db } from '../../app/modules/db/db.server'
import { sendDueMails } from '../../app/modules/mail/outbox.server'

export type Outcome = { status: number; data: unknown; location: string | null; headers: Headers }

/** A Cookie header for a fresh session of the user with this e-mail address. */
export async function cookieFor(email: string): Promise<string> {
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })
  // A session as after a complete sign-in: with the second factor for those who have one.
  const token = await createSession(user.id, 'vitest', { secondFactor: true })
  return (await commitSessionCookie(token)).split(';')[0]!
}

/** cookieFor, kept per e-mail address: one session per person for a whole test file. */
export function sessionCookies(): (email: string) => Promise<string> {
  const cookies = new Map<string, Promise<string>>()
  return (email) => {
    let cookie = cookies.get(email)
    if (!cookie) {
      cookie = cookieFor(email)
      cookies.set(email, cookie)
    }
    return cookie
  }
}

/** The signed-in user behind a Cookie header, as the routes see them. */
export function userFor(cookie: string) {
  return requireUser(new Request('http://localhost/', { headers: { Cookie: cookie } }))
}

type Handler = (args: LoaderFunctionArgs & ActionFunctionArgs) => unknown

async function settle(run: () => unknown): Promise<Outcome> {
  let result: unknown
  try {
    result = await run()
  } catch (thrown) {
    result = thrown
  }
  if (result instanceof Response) {
    const data = result.headers.get('Content-Type')?.includes('json')
      ? await result.json()
      : await result.text()
    return {
      status: result.status,
      data,
      location: result.headers.get('Location'),
      headers: result.headers,
    }
  }
  // data(value, init) from @remix-run/node
  if (
    result &&
    typeof result === 'object' &&
    'type' in result &&
    result.type === 'DataWithResponseInit'
  ) {
    const { data, init } = result as unknown as { data: unknown; init?: ResponseInit }
    return {
      status: init?.status ?? 200,
      data,
      location: null,
      headers: new Headers(init?.headers),
    }
  }
  return { status: 200, data: result, location: null, headers: new Headers() }
}

export function callAction(
  action: unknown,
  path: string,
  fields: Record<string, string | string[]>,
  options: {
    cookie?: string
    params?: Record<string, string>
    ip?: string
    /** false: leave queued mail in the outbox (a test that sends it itself, with smtp.deliver()). */
    sendMail?: boolean
  } = {},
): Promise<Outcome> {
  const body = new URLSearchParams()
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one)
  const request = new Request(`http://localhost${path}`, {
    method: 'POST',
    body,
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      ...(options.cookie ? { Cookie: options.cookie } : {}),
    },
  })
  return settle(() =>
    (action as Handler)({
      request,
      params: options.params ?? {},
      context: { clientIp: options.ip ?? '127.0.0.1' },
    }),
  ).then(async (outcome) => {
    // As the server's mail sender does right after a change queued mail (outbox.server.ts): what the
    // action queued has arrived when it returns, at the SMTP listener (tests/setup/smtp-listener.ts) or,
    // without SMTP_URL, as a file in the test's mail folder.
    if (options.sendMail !== false) await sendDueMails()
    return outcome
  })
}

/** Runs a loader or action with a request of the test's own making, such as a multipart upload. */
export function callWithRequest(
  handler: unknown,
  request: Request,
  params: Record<string, string> = {},
): Promise<Outcome> {
  return settle(() => (handler as Handler)({ request, params, context: {} }))
}

export function callLoader(
  loader: unknown,
  path: string,
  options: { cookie?: string; params?: Record<string, string> } = {},
): Promise<Outcome> {
  const request = new Request(`http://localhost${path}`, {
    headers: options.cookie ? { Cookie: options.cookie } : {},
  })
  return settle(() => (loader as Handler)({ request, params: options.params ?? {}, context: {} }))
}

/** The per-field messages of a conform reply (`submission.reply()`), keyed by field name. */
export function fieldErrors(data: unknown): Record<string, string[]> {
  // A route that answers with more than the form's reply (the sign-in page's step) nests it as `reply`.
  const nested = (data as { reply?: unknown } | undefined)?.reply
  const reply = (nested ?? data) as { error?: Record<string, string[] | null> } | undefined
  const out: Record<string, string[]> = {}
  for (const [k, v] of Object.entries(reply?.error ?? {})) if (v?.length) out[k] = v
  return out
}

export type ResourceOutcome = { status: number; headers: Headers; bytes: Uint8Array }

/**
 * Calls a resource route's loader (a download) and keeps the body as bytes: `Response.text()` would
 * drop a leading UTF-8 byte order mark, which is exactly what a CSV test needs to see.
 */
export async function callResource(
  loader: unknown,
  path: string,
  options: { cookie?: string; params?: Record<string, string> } = {},
): Promise<ResourceOutcome> {
  const request = new Request(`http://localhost${path}`, {
    headers: options.cookie ? { Cookie: options.cookie } : {},
  })
  let result: unknown
  try {
    result = await (loader as Handler)({ request, params: options.params ?? {}, context: {} })
  } catch (thrown) {
    result = thrown
  }
  if (!(result instanceof Response)) throw new Error(`Expected a Response, got ${String(result)}`)
  return {
    status: result.status,
    headers: result.headers,
    bytes: new Uint8Array(await result.arrayBuffer()),
  }
}
