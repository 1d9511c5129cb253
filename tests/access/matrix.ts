/**
 * The access matrix (SECURITY.md items 1–3): every route of app/routes.ts × every persona → the answer
 * the server must give. tests/access/access-matrix.spec.ts runs each row against the real server, for the
 * page and for its single-fetch loader data (`.data`), and fails when a route has no row: a new route is
 * not done until it is listed here.
 *
 * Conventions
 * - GET rows for every route; POST rows for every route with an action. A POST row sends an empty form
 *   unless it says otherwise: someone allowed in gets the validation answer (400, nothing written),
 *   anyone else the same 404 as for something that does not exist.
 * - Routes without an action are checked automatically: POST answers 405 for everyone.
 * - `hidden`: texts of the object that must not appear in a 404 page or its data (title, code, e-mail).
 */
import routes from '../../app/routes'

export const personas = [
  'anonymous',
  'member',
  'coordinator',
  'nonMember',
  'orgAdmin',
  'platformAdmin',
] as const
export type Persona = (typeof personas)[number]
export type SignedInPersona = Exclude<Persona, 'anonymous'>

/** Who each persona is, from prisma/demo-logins.ts and the seed. */
export const personaDescriptions: Record<Persona, string> = {
  anonymous: 'not signed in',
  member: 'lid.sluis@example.org — plain member: Sluis is in every network, no role',
  coordinator: 'coordinator.gos@example.org — GOS coordinator (Sluis)',
  nonMember: 'lid.dewolden@example.org — De Wolden: in P10, not in GOS',
  orgAdmin: 'orgbeheer.knokke-heist@example.org — organisation admin of Knokke-Heist (in GOS only)',
  platformAdmin: 'platformbeheer@example.org — platform admin (Sluis), no network role',
}

/**
 * - a number: that status
 * - 'login': 302 to /login?redirectTo=<the requested path> (no query for /)
 * - { redirect }: 302 to exactly that path
 */
export type Outcome = 200 | 400 | 404 | 405 | 'login' | { redirect: string }

/** Ids the rows need that only the seeded database knows. */
export type Fixtures = {
  /** lid.knokke-heist@example.org: in the org admin's own organisation. */
  knokkeMemberId: string
  /** lid.sluis@example.org: in another organisation than the org admin's. */
  sluisMemberId: string
}

export type MatrixRow = {
  /** The route's path exactly as in app/routes.ts, with a leading slash; '/' for the index route. */
  route: string
  method: 'GET' | 'POST'
  /** What this row asks for, in a few words (shown in the test name). */
  case: string
  url: (f: Fixtures) => string
  expect: Record<Persona, Outcome>
  /** Where the single-fetch data request (`.data`) answers differently from the page. */
  dataExpect?: Partial<Record<Persona, Outcome>>
  form?: Record<string, string>
  hidden?: (f: Fixtures) => string[]
  /** The request ends the session it carries: run it with a session of its own. */
  endsSession?: true
}

type Overrides = Partial<Record<Persona, Outcome>>

/** The same answer for everyone, anonymous included. */
const everyone = (outcome: Outcome, overrides: Overrides = {}): Record<Persona, Outcome> => ({
  anonymous: outcome,
  member: outcome,
  coordinator: outcome,
  nonMember: outcome,
  orgAdmin: outcome,
  platformAdmin: outcome,
  ...overrides,
})

/** Anonymous visitors go to the sign-in page; every signed-in persona gets `outcome` unless overridden. */
const signedIn = (outcome: Outcome, overrides: Overrides = {}) =>
  everyone(outcome, { anonymous: 'login', ...overrides })

const onlyPlatformAdmin = (outcome: Outcome) => signedIn(404, { platformAdmin: outcome })
const onlyAccountAdmins = (outcome: Outcome) =>
  signedIn(404, { orgAdmin: outcome, platformAdmin: outcome })

const GOS = ['Grensoverschrijdend', 'Landschapspark Zwinstreek']
const P10 = ['grote plattelandsgemeenten']
const UNKNOWN = 'bestaat-niet'
// Looks like a real token (43 base64url characters) but was never issued.
const UNKNOWN_TOKEN = 'q8Vb1mZ0tY3xR5wP7nL9kJ2hG4fD6sA8zX0cV1bN3m5'

export const matrix: readonly MatrixRow[] = [
  // --- public and session routes
  { route: '/', method: 'GET', case: 'dashboard', url: () => '/', expect: signedIn(200) },
  {
    route: '/login',
    method: 'GET',
    case: 'sign-in page',
    url: () => '/login',
    expect: signedIn({ redirect: '/' }, { anonymous: 200 }),
  },
  {
    route: '/login',
    method: 'POST',
    case: 'empty form',
    url: () => '/login',
    // The page request also runs the loader, which sends a signed-in person home; the data request
    // answers with the action's validation result alone.
    expect: signedIn({ redirect: '/' }, { anonymous: 400 }),
    dataExpect: everyone(400),
  },
  {
    route: '/logout',
    method: 'GET',
    case: 'GET only goes home',
    url: () => '/logout',
    expect: everyone({ redirect: '/' }),
  },
  {
    route: '/logout',
    method: 'POST',
    case: 'sign out',
    url: () => '/logout',
    expect: everyone({ redirect: '/login' }),
    endsSession: true,
  },
  {
    route: '/taal',
    method: 'GET',
    case: 'GET only goes home',
    url: () => '/taal',
    expect: everyone({ redirect: '/' }),
  },
  { route: '/taal', method: 'POST', case: 'empty form', url: () => '/taal', expect: everyone(400) },
  {
    route: '/wachtwoord-instellen/:token',
    method: 'GET',
    case: 'unknown token (page says the link no longer works)',
    url: () => `/wachtwoord-instellen/${UNKNOWN_TOKEN}`,
    expect: everyone(200),
  },
  {
    route: '/wachtwoord-instellen/:token',
    method: 'POST',
    case: 'unknown token, empty form',
    url: () => `/wachtwoord-instellen/${UNKNOWN_TOKEN}`,
    expect: everyone(400),
  },
  {
    route: '/profiel',
    method: 'GET',
    case: 'own profile',
    url: () => '/profiel',
    expect: signedIn(200),
  },
  {
    route: '/profiel',
    method: 'POST',
    case: 'empty form',
    url: () => '/profiel',
    expect: signedIn(400),
  },
  {
    route: '/toegankelijkheid',
    method: 'GET',
    case: 'accessibility statement',
    url: () => '/toegankelijkheid',
    expect: everyone(200),
  },
  {
    route: '/healthz',
    method: 'GET',
    case: 'health check',
    url: () => '/healthz',
    expect: everyone(200),
  },

  // --- networks: only for users of member organisations
  {
    route: '/netwerken/:network',
    method: 'GET',
    case: 'GOS',
    url: () => '/netwerken/gos',
    expect: signedIn(200, { nonMember: 404 }),
    hidden: () => GOS,
  },
  {
    route: '/netwerken/:network',
    method: 'GET',
    case: 'P10 (Knokke-Heist is not a member)',
    url: () => '/netwerken/p10',
    expect: signedIn(200, { orgAdmin: 404 }),
    hidden: () => P10,
  },
  {
    route: '/netwerken/:network',
    method: 'GET',
    case: 'unknown network',
    url: () => `/netwerken/${UNKNOWN}`,
    expect: signedIn(404),
  },
  {
    route: '/netwerken/:network/rollen',
    method: 'GET',
    case: 'GOS roles: coordinators only',
    url: () => '/netwerken/gos/rollen',
    expect: signedIn(404, { coordinator: 200 }),
    hidden: () => [...GOS, 'Lieve Zwinnaert'],
  },
  {
    route: '/netwerken/:network/rollen',
    method: 'GET',
    case: 'P10 roles: the GOS coordinator has no role in P10',
    url: () => '/netwerken/p10/rollen',
    expect: signedIn(404),
    hidden: () => [...P10, 'Daan Kroonweide'],
  },
  {
    route: '/netwerken/:network/rollen',
    method: 'GET',
    case: 'unknown network',
    url: () => `/netwerken/${UNKNOWN}/rollen`,
    expect: signedIn(404),
  },
  {
    route: '/netwerken/:network/rollen',
    method: 'POST',
    case: 'GOS roles, empty form',
    url: () => '/netwerken/gos/rollen',
    expect: signedIn(404, { coordinator: 400 }),
    hidden: () => GOS,
  },
  {
    route: '/netwerken/:network/rollen',
    method: 'POST',
    case: 'P10 roles, empty form',
    url: () => '/netwerken/p10/rollen',
    expect: signedIn(404),
    hidden: () => P10,
  },

  // --- administration
  {
    route: '/beheer',
    method: 'GET',
    case: 'admin index',
    url: () => '/beheer',
    expect: onlyAccountAdmins(200),
  },
  {
    route: '/beheer/organisaties',
    method: 'GET',
    case: 'list',
    url: () => '/beheer/organisaties',
    expect: onlyPlatformAdmin(200),
    hidden: () => ['GM1714', '31043'],
  },
  {
    route: '/beheer/organisaties/nieuw',
    method: 'GET',
    case: 'form',
    url: () => '/beheer/organisaties/nieuw',
    expect: onlyPlatformAdmin(200),
  },
  {
    route: '/beheer/organisaties/nieuw',
    method: 'POST',
    case: 'empty form',
    url: () => '/beheer/organisaties/nieuw',
    expect: onlyPlatformAdmin(400),
  },
  {
    route: '/beheer/organisaties/:organisation',
    method: 'GET',
    case: 'Sluis',
    url: () => '/beheer/organisaties/sluis',
    expect: onlyPlatformAdmin(200),
    hidden: () => ['GM1714'],
  },
  {
    route: '/beheer/organisaties/:organisation',
    method: 'GET',
    case: "Knokke-Heist (the org admin's own organisation)",
    url: () => '/beheer/organisaties/knokke-heist',
    expect: onlyPlatformAdmin(200),
    hidden: () => ['31043'],
  },
  {
    route: '/beheer/organisaties/:organisation',
    method: 'GET',
    case: 'unknown organisation',
    url: () => `/beheer/organisaties/${UNKNOWN}`,
    expect: signedIn(404),
  },
  {
    route: '/beheer/organisaties/:organisation',
    method: 'POST',
    case: 'Sluis, empty form',
    url: () => '/beheer/organisaties/sluis',
    expect: onlyPlatformAdmin(400),
    hidden: () => ['GM1714'],
  },
  {
    route: '/beheer/netwerken',
    method: 'GET',
    case: 'list',
    url: () => '/beheer/netwerken',
    expect: onlyPlatformAdmin(200),
    hidden: () => GOS,
  },
  {
    route: '/beheer/netwerken/nieuw',
    method: 'GET',
    case: 'form',
    url: () => '/beheer/netwerken/nieuw',
    expect: onlyPlatformAdmin(200),
  },
  {
    route: '/beheer/netwerken/nieuw',
    method: 'POST',
    case: 'empty form',
    url: () => '/beheer/netwerken/nieuw',
    expect: onlyPlatformAdmin(400),
  },
  {
    route: '/beheer/netwerken/:network',
    method: 'GET',
    case: 'GOS',
    url: () => '/beheer/netwerken/gos',
    expect: onlyPlatformAdmin(200),
    hidden: () => GOS,
  },
  {
    route: '/beheer/netwerken/:network',
    method: 'GET',
    case: 'unknown network',
    url: () => `/beheer/netwerken/${UNKNOWN}`,
    expect: signedIn(404),
  },
  {
    route: '/beheer/netwerken/:network',
    method: 'POST',
    case: 'GOS, empty form',
    url: () => '/beheer/netwerken/gos',
    expect: onlyPlatformAdmin(400),
    hidden: () => GOS,
  },
  {
    route: '/beheer/accounts',
    method: 'GET',
    case: 'list',
    url: () => '/beheer/accounts',
    expect: onlyAccountAdmins(200),
    hidden: () => ['lid.knokke-heist@example.org', 'lid.sluis@example.org'],
  },
  {
    route: '/beheer/accounts/nieuw',
    method: 'GET',
    case: 'form',
    url: () => '/beheer/accounts/nieuw',
    expect: onlyAccountAdmins(200),
  },
  {
    route: '/beheer/accounts/nieuw',
    method: 'POST',
    case: 'empty form',
    url: () => '/beheer/accounts/nieuw',
    expect: onlyAccountAdmins(400),
  },
  {
    route: '/beheer/accounts/:account',
    method: 'GET',
    case: "a person of the org admin's own organisation",
    url: (f) => `/beheer/accounts/${f.knokkeMemberId}`,
    expect: onlyAccountAdmins(200),
    hidden: () => ['lid.knokke-heist@example.org', 'Lieve Zwinnaert'],
  },
  {
    route: '/beheer/accounts/:account',
    method: 'GET',
    case: 'a person of another organisation',
    url: (f) => `/beheer/accounts/${f.sluisMemberId}`,
    expect: onlyPlatformAdmin(200),
    hidden: () => ['lid.sluis@example.org'],
  },
  {
    route: '/beheer/accounts/:account',
    method: 'GET',
    case: 'unknown account',
    url: () => `/beheer/accounts/${UNKNOWN}`,
    expect: signedIn(404),
  },
  {
    route: '/beheer/accounts/:account',
    method: 'POST',
    case: 'own organisation, empty form',
    url: (f) => `/beheer/accounts/${f.knokkeMemberId}`,
    expect: onlyAccountAdmins(400),
    hidden: () => ['lid.knokke-heist@example.org', 'Lieve Zwinnaert'],
  },
  {
    route: '/beheer/accounts/:account',
    method: 'POST',
    case: 'another organisation, empty form',
    url: (f) => `/beheer/accounts/${f.sluisMemberId}`,
    expect: onlyPlatformAdmin(400),
    hidden: () => ['lid.sluis@example.org'],
  },

  // --- everything else
  {
    route: '/*',
    method: 'GET',
    case: 'unknown URL',
    url: () => `/${UNKNOWN}/pagina`,
    expect: everyone(404),
  },
  {
    route: '/*',
    method: 'POST',
    case: 'unknown URL',
    url: () => `/${UNKNOWN}/pagina`,
    expect: everyone(404),
  },
]

export type RouteEntry = { route: string; file: string }

type RouteConfigEntry = {
  path?: string
  file: string
  index?: boolean
  children?: RouteConfigEntry[]
}

/** Every route of app/routes.ts with its full path ('/' for the index), nested routes included. */
export function routeEntries(): RouteEntry[] {
  const out: RouteEntry[] = []
  const walk = (entries: readonly RouteConfigEntry[], parent: string) => {
    for (const entry of entries) {
      const joined = [parent, entry.path ?? ''].filter(Boolean).join('/')
      out.push({ route: `/${joined}`, file: entry.file })
      if (entry.children) walk(entry.children, joined)
    }
  }
  walk(routes as readonly RouteConfigEntry[], '')
  return out
}
