/**
 * Runs tests/access/matrix.ts against the real server: every row for every persona, as a page request and
 * as a single-fetch data request (`.data`, what the browser asks for on client-side navigation), and
 * fails when app/routes.ts has a route without rows.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from '@playwright/test'
import {
  matrix,
  personaDescriptions,
  personas,
  routeEntries,
  type Fixtures,
  type MatrixRow,
  type Outcome,
  type Persona,
  type SignedInPersona,
} from './matrix'
import { createMatrixDocuments } from './document-uploads'
import {
  createZvlGoals,
  createZvlProject,
  dataUrl,
  matrixPersonaEmails,
  send,
  signIn,
  userId,
  type Reply,
  type Session,
} from './support'

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../app')

function hasAction(file: string): boolean {
  const source = fs.readFileSync(path.join(appDir, file), 'utf8')
  return /export\s+(async\s+)?function\s+action\b|export\s+(const|let)\s+action\b|export\s*\{[^}]*\baction\b/.test(
    source,
  )
}

/** A resource route: no page (no default export), only a loader and/or an action. */
function isResourceRoute(file: string): boolean {
  const source = fs.readFileSync(path.join(appDir, file), 'utf8')
  return !/export\s+default\b/.test(source)
}

const entries = routeEntries()
/**
 * Routes whose loader data (`.data`) nobody may fetch: the server answers 404 to a GET of
 * `<url>.data` for a resource route, so a file never comes back as data without its download
 * headers (docs/security.md item 20).
 */
const resourceRoutes = new Set(entries.filter((e) => isResourceRoute(e.file)).map((e) => e.route))

test('every route in app/routes.ts has rows in the access matrix', () => {
  const known = new Set(entries.map((e) => e.route))
  for (const row of matrix) {
    expect(
      known.has(row.route),
      `matrix row for ${row.route}, which app/routes.ts does not have`,
    ).toBe(true)
  }
  for (const { route, file } of entries) {
    const rows = matrix.filter((r) => r.route === route)
    expect(
      rows.some((r) => r.method === 'GET'),
      `${route} (${file}) has no GET row in tests/access/matrix.ts`,
    ).toBe(true)
    if (hasAction(file)) {
      expect(
        rows.some((r) => r.method === 'POST'),
        `${route} (${file}) has an action but no POST row in tests/access/matrix.ts`,
      ).toBe(true)
    } else {
      expect(
        rows.filter((r) => r.method === 'POST'),
        `${route} (${file}) has no action; its POST rows expect something that cannot happen`,
      ).toEqual([])
    }
  }
})

let fixtures: Fixtures
const sessions = {} as Record<SignedInPersona, Session>

test.beforeAll(async () => {
  for (const persona of personas) {
    if (persona !== 'anonymous') sessions[persona] = await signIn(matrixPersonaEmails[persona])
  }
  // The seed has no projects, goals or documents: the rows' objects are made through the product's
  // own forms.
  const project = await createZvlProject(sessions.zvlCoordinator, 'matrix')
  fixtures = {
    knokkeMemberId: userId('lid.knokke-heist@example.org'),
    sluisMemberId: userId('lid.sluis@example.org'),
    project,
    goals: await createZvlGoals(sessions.zvlCoordinator, project),
    documents: await createMatrixDocuments(sessions.member),
  }
})

function loginTarget(url: string): string {
  const back = new URL(url, 'http://zwin.invalid')
  const pathAndQuery = back.pathname + back.search
  return pathAndQuery === '/'
    ? '/login'
    : `/login?${new URLSearchParams({ redirectTo: pathAndQuery })}`
}

function describe(outcome: Outcome): string {
  return typeof outcome === 'object' ? `302 → ${outcome.redirect}` : String(outcome)
}

/** Checks one answer; soft, so that one run lists every persona and variant that is wrong. */
function check(
  row: MatrixRow,
  persona: Persona,
  variant: 'page' | 'data',
  url: string,
  reply: Reply,
) {
  const dataOfResource = variant === 'data' && row.method === 'GET' && resourceRoutes.has(row.route)
  const outcome = dataOfResource
    ? 404
    : ((variant === 'data' ? row.dataExpect?.[persona] : undefined) ?? row.expect[persona])
  const who = `${row.method} ${url} as ${persona} (${personaDescriptions[persona]})`
  const where = `${who}: expected ${describe(outcome)}, got ${reply.status} ${reply.location ?? ''}`
  const redirectTarget =
    outcome === 'login'
      ? loginTarget(row.url(fixtures))
      : typeof outcome === 'object'
        ? outcome.redirect
        : null
  if (redirectTarget !== null) {
    if (variant === 'page') {
      expect.soft(reply.status, where).toBe(302)
      expect.soft(reply.location, where).toBe(redirectTarget)
    } else {
      // Single fetch answers a redirect with 202 and the target in the body.
      expect.soft(reply.status, where).toBe(202)
      expect.soft(reply.body, where).toContain(`"redirect","${redirectTarget}"`)
    }
    return
  }
  expect.soft(reply.status, where).toBe(outcome)
  const hidden = row.hidden?.(fixtures) ?? []
  if (outcome === 404) {
    for (const secret of hidden) {
      expect.soft(reply.body, `${who}: the 404 must not mention "${secret}"`).not.toContain(secret)
    }
  }
  if (outcome === 200 && row.method === 'GET' && variant === 'page' && hidden.length) {
    // A hidden text that even an allowed persona never sees would prove nothing about the 404s.
    expect
      .soft(
        hidden.some((secret) => reply.body.includes(secret)),
        `${who}: the allowed answer should show one of ${hidden.join(', ')}`,
      )
      .toBe(true)
  }
}

/**
 * A session of its own for each persona and variant, for a row that ends the session it is sent with.
 * All are signed in at once: an administrator's sign-in needs a code of a time step no other sign-in
 * used (tests/setup/totp-codes.ts), so the second one of the same account waits up to 30 seconds, and
 * one after the other they would take minutes.
 */
async function ownSessions(): Promise<Map<string, Session>> {
  const wanted = personas.flatMap((persona) =>
    persona === 'anonymous' ? [] : (['page', 'data'] as const).map((v) => ({ persona, v })),
  )
  const signedIn = await Promise.all(
    wanted.map(async ({ persona, v }) => {
      const session = await signIn(matrixPersonaEmails[persona])
      return [`${persona}/${v}`, session] as const
    }),
  )
  return new Map(signedIn)
}

for (const row of matrix) {
  test(`${row.method} ${row.route} — ${row.case}`, async () => {
    // Waiting for fresh codes (above) can take a minute and more on a busy machine.
    if (row.endsSession) test.setTimeout(300_000)
    const own = row.endsSession ? await ownSessions() : null
    for (const persona of personas) {
      for (const variant of ['page', 'data'] as const) {
        let session: Session | null = null
        if (persona !== 'anonymous') {
          session = own ? own.get(`${persona}/${variant}`)! : sessions[persona]
        }
        const pageUrl = row.url(fixtures)
        const url = variant === 'page' ? pageUrl : dataUrl(pageUrl)
        const reply = await send(url, { method: row.method, session, form: row.form })
        check(row, persona, variant, url, reply)
      }
    }
  })
}

for (const { route, file } of entries.filter((e) => !hasAction(e.file))) {
  test(`POST ${route} — no action: 405 for everyone`, async () => {
    const row = matrix.find((r) => r.route === route && r.method === 'GET')
    test.skip(!row, `${route} has no GET row (reported by the coverage test)`)
    const url = row!.url(fixtures)
    for (const persona of personas) {
      const session = persona === 'anonymous' ? null : sessions[persona]
      for (const target of [url, dataUrl(url)]) {
        const reply = await send(target, { method: 'POST', session })
        expect.soft(reply.status, `POST ${target} (${file}) as ${persona}`).toBe(405)
      }
    }
  })
}
