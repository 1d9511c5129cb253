import { createRequire } from 'node:module'
import type { AgnosticRouteObject, matchRoutes as MatchRoutes } from '@remix-run/router'
import type { ServerBuild } from '@remix-run/node'
import { afterEach, describe, expect, test } from 'vitest'
import { handlerPerBuild } from '../../scripts/http/remix'

// Every request is matched against Zwin's route table (about a hundred routes) more than once: by the
// server runtime, by the data handler and by the render. @remix-run/router 1.23 flattened and ranked the
// whole table and compiled each route's pattern to a regular expression anew for each match; the page
// bench's profile put a fifth of a signed-in page's CPU time there (compilePath, flattenRoutes,
// computeScore). patches/@remix-run+router+1.23.3.patch keeps the compiled patterns and, per route
// table, its ranked branches. These tests hold what that must keep: the same matches, and no pattern
// compiled twice. The server loads the package's CommonJS build (the patched one), as here; the
// browser's bundle keeps the unpatched module build, whose route tables grow as routes are discovered.
const require = createRequire(import.meta.url)
const { matchRoutes } = require('@remix-run/router') as {
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

// Ranking a route table is the expensive part of matching (patterns aside), so each table must be one
// the next request reuses. Remix derives its tables from the build it is given: the server hands it the
// build itself, one handler per build (scripts/http/remix.ts), never a function that loads it, with
// which Remix derives every table anew at every request. The render builds its own tables from the
// build's manifest; patches/@remix-run+react+2.17.5.patch and patches/react-router-dom+6.30.4.patch
// keep them per build.
describe('the route tables of a build are made once', () => {
  const build = (name: string) => ({ name }) as unknown as ServerBuild

  test('one Remix request handler per build, a new one after a rebuild', async () => {
    const made: string[] = []
    let current = build('first')
    const handlerFor = handlerPerBuild(
      () => Promise.resolve(current),
      'production',
      (b) => {
        made.push((b as unknown as { name: string }).name)
        return () => Promise.resolve(new Response(null))
      },
    )
    const first = await handlerFor()
    expect(await handlerFor()).toBe(first)
    expect(await handlerFor()).toBe(first)
    current = build('rebuilt')
    expect(await handlerFor()).not.toBe(first)
    expect(made).toEqual(['first', 'rebuilt'])
  })

  test("the render's static router reuses the data routes of the same route table", () => {
    const { createStaticRouter } = require('react-router-dom/server') as {
      createStaticRouter: (routes: unknown[], context: unknown) => { routes: unknown[] }
    }
    const context = { matches: [], location: { pathname: '/' }, loaderData: {}, basename: '/' }
    const table = [{ id: 'root', path: '/', children: [{ id: 'page', path: 'a' }] }]
    const first = createStaticRouter(table, context).routes
    expect(createStaticRouter(table, context).routes).toBe(first)
    expect(first[0]).toMatchObject({ id: 'root', path: '/' })
    const other = [{ id: 'root', path: '/', children: [{ id: 'page', path: 'b' }] }]
    const second = createStaticRouter(other, context).routes as { children: { path: string }[] }[]
    expect(second).not.toBe(first)
    expect(second[0]!.children[0]!.path).toBe('b')
  })

  test("RemixServer renders every request of a build with the same route table, a rebuild's own", () => {
    const { RemixServer } = require('@remix-run/react') as {
      RemixServer: (props: object) => unknown
    }
    const manifestRoutes = {
      root: { id: 'root', path: '', hasLoader: true, module: 'root.js' },
      'routes/page': { id: 'routes/page', parentId: 'root', path: 'a', module: 'page.js' },
    }
    const future = {}
    const entryContext = (routeModules: Record<string, object>) => ({
      manifest: {
        routes: manifestRoutes,
        entry: { module: '', imports: [] },
        url: '',
        version: '',
      },
      routeModules,
      future,
      isSpaMode: false,
      staticHandlerContext: {
        matches: [],
        loaderData: {},
        location: { pathname: '/a', search: '', hash: '', state: null, key: 'default' },
        basename: '/',
      },
    })
    const modules = { root: { default: () => null }, 'routes/page': { default: () => null } }
    const tableOf = (routeModules: Record<string, object>) =>
      renderedRouter(RemixServer({ context: entryContext(routeModules), url: 'http://x/a' })).routes
    const first = tableOf(modules)
    // Remix makes the route modules' object anew for each request: the same modules are the same build.
    expect(tableOf({ ...modules })).toBe(first)
    const changed = { ...modules, 'routes/page': { default: () => 'changed' } }
    expect(tableOf(changed)).not.toBe(first)
  })
})

/** The router that RemixServer's element tree hands to React Router's StaticRouterProvider. */
function renderedRouter(element: unknown): { routes: unknown[] } {
  const queue = [element]
  while (queue.length) {
    const node = queue.shift() as { props?: { router?: { routes: unknown[] }; children?: unknown } }
    if (node?.props?.router) return node.props.router
    const children = node?.props?.children
    if (children) queue.push(...(Array.isArray(children) ? children : [children]))
  }
  throw new Error('RemixServer rendered no StaticRouterProvider')
}
