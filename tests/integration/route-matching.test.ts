import { createRequire } from 'node:module'
import type { AgnosticRouteObject, matchRoutes as MatchRoutes } from '@remix-run/router'
import { afterEach, describe, expect, test } from 'vitest'

// Every request is matched against Zwin's route table (about a hundred routes) more than once: by the
// server runtime, by the data handler and by the render. @remix-run/router 1.23 flattened and ranked the
// whole table and compiled each route's pattern to a regular expression anew for each match; the page
// bench's profile put a fifth of a signed-in page's CPU time there (compilePath, flattenRoutes,
// computeScore). patches/@remix-run+router+1.23.3.patch keeps the compiled patterns and, per route
// table, its ranked branches. These tests hold what that must keep: the same matches, and no pattern
// compiled twice. The server loads the package's CommonJS build (the patched one), as here; the
// browser's bundle keeps the unpatched module build, whose route tables grow as routes are discovered.
const { matchRoutes } = createRequire(import.meta.url)('@remix-run/router') as {
  matchRoutes: typeof MatchRoutes
}

const routes: AgnosticRouteObject[] = [
  {
    id: 'root',
    path: '',
    children: [
      { id: 'dashboard', index: true },
      { id: 'login', path: 'login' },
      {
        id: 'network',
        path: 'netwerken/:network',
        children: [
          { id: 'network-index', index: true },
          { id: 'meetings', path: 'vergaderingen' },
          { id: 'meeting', path: 'vergaderingen/:meetingId' },
          { id: 'agenda', path: 'vergaderingen/:meetingId/agenda' },
          { id: 'documents', path: 'documenten/:page?' },
          { id: 'case', path: 'Hoofdletters', caseSensitive: true },
        ],
      },
      { id: 'files', path: 'bestanden/*' },
      { id: 'not-found', path: '*' },
    ],
  },
]

function ids(pathname: string, table = routes) {
  return matchRoutes(table, pathname)?.map((match) => match.route.id)
}

const RealRegExp = globalThis.RegExp
let compiled = 0
function countCompiledPatterns() {
  compiled = 0
  globalThis.RegExp = new Proxy(RealRegExp, {
    construct(target, args: [string | RegExp, string?]) {
      compiled++
      return new target(...args)
    },
  })
}

afterEach(() => {
  globalThis.RegExp = RealRegExp
})

describe('matching a URL against the route table', () => {
  test('finds the same routes and parameters as before, however often it runs', () => {
    for (let round = 0; round < 3; round++) {
      expect(ids('/')).toEqual(['root', 'dashboard'])
      expect(ids('/login')).toEqual(['root', 'login'])
      expect(ids('/netwerken/gos')).toEqual(['root', 'network', 'network-index'])
      expect(ids('/netwerken/gos/vergaderingen/m1/agenda')).toEqual(['root', 'network', 'agenda'])
      expect(ids('/netwerken/gos/documenten')).toEqual(['root', 'network', 'documents'])
      expect(ids('/netwerken/gos/hoofdletters')).toEqual(['root', 'not-found'])
      expect(ids('/netwerken/gos/Hoofdletters')).toEqual(['root', 'network', 'case'])
      expect(ids('/bestanden/a/b.pdf')).toEqual(['root', 'files'])
      expect(ids('/iets/anders')).toEqual(['root', 'not-found'])
      const meeting = matchRoutes(routes, '/netwerken/gos/vergaderingen/m%C3%A9%201')?.at(-1)
      expect(meeting?.params).toEqual({ network: 'gos', meetingId: 'mé 1' })
      expect(matchRoutes(routes, '/netwerken/p10/documenten/50')?.at(-1)?.params).toEqual({
        network: 'p10',
        page: '50',
      })
      expect(matchRoutes(routes, '/bestanden/a/b.pdf')?.at(-1)?.params['*']).toBe('a/b.pdf')
    }
  })

  test('compiles no pattern again once a URL has been matched', () => {
    ids('/netwerken/gos/vergaderingen/m1/agenda')
    countCompiledPatterns()
    expect(ids('/netwerken/gos/vergaderingen/m2/agenda')).toEqual(['root', 'network', 'agenda'])
    expect(ids('/netwerken/gos/vergaderingen/m3/agenda')).toEqual(['root', 'network', 'agenda'])
    expect(compiled).toBe(0)
  })

  test('a route table built anew for a render (same routes) compiles no pattern again either', () => {
    ids('/netwerken/gos/vergaderingen')
    countCompiledPatterns()
    const rebuilt = structuredClone(routes)
    expect(ids('/netwerken/gos/vergaderingen', rebuilt)).toEqual(['root', 'network', 'meetings'])
    expect(compiled).toBe(0)
  })
})
