/**
 * The access matrix (docs/security.md items 1–3): every route of app/routes.ts × every persona →
 * the answer the server must give. tests/access/access-matrix.spec.ts runs each row against the
 * real server, for the page and for its single-fetch loader data (`.data`), and fails when a route
 * has no row: a new route is not done until it is listed here.
 *
 * Conventions
 * - GET rows for every route; POST rows for every route with an action. A POST row sends an empty form
 *   unless it says otherwise: someone allowed in gets the validation answer (400, nothing written),
 *   anyone else the same 404 as for something that does not exist.
 * - Routes without an action are checked automatically: POST answers 405 for everyone.
 * - `hidden`: texts of the object that must not appear in a 404 page or its data (title, code, e-mail).
 */
import routes from '../../app/routes'
import type { MatrixDocuments } from './document-uploads'
import {
  actionItemId,
  agendaItemId,
  dammeOpenAction,
  meetingUrl,
  seededItems,
  seededMeetings,
} from './meetings-fixtures'
import type { GoalFixture, ProjectFixture } from './support'

export const personas = [
  'anonymous',
  'member',
  'coordinator',
  'nonMember',
  'orgAdmin',
  'platformAdmin',
  'zvlCoordinator',
  'hulstMember',
] as const
export type Persona = (typeof personas)[number]
export type SignedInPersona = Exclude<Persona, 'anonymous'>

/** Who each persona is, from prisma/demo-logins.ts and the seed. */
export const personaDescriptions: Record<Persona, string> = {
  anonymous: 'not signed in',
  member: 'lid.sluis@example.org — plain member: Sluis is in every network, no role',
  coordinator: 'coordinator.gos@example.org — GOS coordinator (Sluis)',
  nonMember: 'lid.dewolden@example.org — De Wolden: in P10 only (not in GOS or Zeeuws-Vlaanderen)',
  orgAdmin: 'orgbeheer.knokke-heist@example.org — organisation admin of Knokke-Heist (in GOS only)',
  platformAdmin: 'platformbeheer@example.org — platform admin (Sluis), no network role',
  zvlCoordinator:
    'coordinator.zvl@example.org — Zeeuws-Vlaanderen coordinator (Terneuzen: not in GOS or P10); ' +
    "the matrix project's lead organisation",
  hulstMember:
    'lid.hulst@example.org — Hulst, no role (not in GOS or P10); takes part in the matrix project, ' +
    'does not lead it',
}

/**
 * - a number: that status
 * - 'login': 302 to /login?redirectTo=<the requested path> (no query for /)
 * - { redirect }: 302 to exactly that path
 */
export type Outcome = 200 | 400 | 403 | 404 | 405 | 'login' | { redirect: string }

/** Ids the rows need that only the seeded database knows. */
export type Fixtures = {
  /** lid.knokke-heist@example.org: in the org admin's own organisation. */
  knokkeMemberId: string
  /** lid.sluis@example.org: in another organisation than the org admin's. */
  sluisMemberId: string
  /**
   * A Zeeuws-Vlaanderen project made through the product's forms before the rows run (see
   * createZvlProject in support.ts): led by Terneuzen, Hulst takes part, Sluis (the third member) does
   * not; one budget line of Terneuzen's.
   */
  project: ProjectFixture
  /**
   * Made the same way (createZvlGoals): a goal of the matrix project, a goal of the network itself, and a
   * measurement of the project goal by Terneuzen.
   */
  goals: GoalFixture
  /**
   * Documents uploaded through the plain form (createMatrixDocuments in document-uploads.ts): one in GOS
   * for Knokke-Heist and Damme only, one in GOS for every partner (by Sluis), one in Zeeuws-Vlaanderen
   * for Sluis and Terneuzen (Hulst left out). Each is a text file with a sentence of its own.
   */
  documents: MatrixDocuments
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
  zvlCoordinator: outcome,
  hulstMember: outcome,
  ...overrides,
})

/** Anonymous visitors go to the sign-in page; every signed-in persona gets `outcome` unless overridden. */
const signedIn = (outcome: Outcome, overrides: Overrides = {}) =>
  everyone(outcome, { anonymous: 'login', ...overrides })

/** Network membership of the personas' organisations (seed): Sluis is in every network. */
const notInGos = { nonMember: 404, zvlCoordinator: 404, hulstMember: 404 } as const
const notInP10 = { orgAdmin: 404, zvlCoordinator: 404, hulstMember: 404 } as const
const notInZvl = { nonMember: 404, orgAdmin: 404 } as const
const inGos = (outcome: Outcome, overrides: Overrides = {}) =>
  signedIn(outcome, { ...notInGos, ...overrides })
const inP10 = (outcome: Outcome) => signedIn(outcome, notInP10)
const inZvl = (outcome: Outcome, overrides: Overrides = {}) =>
  signedIn(outcome, { ...notInZvl, ...overrides })

/** For the matrix project: everyone signed in gets 404 except these. */
const only = (allowed: Overrides) => signedIn(404, allowed)

/** The GOS meetings' preparers among the personas: the coordinator (the secretary: meetings.spec.ts). */
const gosPreparers = (outcome: Outcome) => only({ coordinator: outcome })

const onlyPlatformAdmin = (outcome: Outcome) => signedIn(404, { platformAdmin: outcome })
const onlyAccountAdmins = (outcome: Outcome) =>
  signedIn(404, { orgAdmin: outcome, platformAdmin: outcome })

const GOS = ['Grensoverschrijdend', 'Landschapspark Zwinstreek']
const P10 = ['grote plattelandsgemeenten']
const ZVL = ['Zeeuws-Vlaamse gemeenten']
const UNKNOWN = 'bestaat-niet'
// Looks like a real token (43 base64url characters) but was never issued.
const UNKNOWN_TOKEN = 'q8Vb1mZ0tY3xR5wP7nL9kJ2hG4fD6sA8zX0cV1bN3m5'

/**
 * A form with fields that only the seeded database knows (`lazy`: name → how to read it). They are read
 * when the request is sent: the rows are built before the server has seeded its data folder.
 */
function lazyForm(
  fields: Record<string, string>,
  lazy: Record<string, () => string>,
): Record<string, string> {
  const form = { ...fields }
  for (const [name, read] of Object.entries(lazy)) {
    Object.defineProperty(form, name, { enumerable: true, get: read })
  }
  return form
}

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
    route: '/login/oidc/callback',
    method: 'GET',
    case: 'an answer no sign-in in this browser began',
    url: () => '/login/oidc/callback?code=forged&state=forged',
    // Refused whoever asks, and never a session: the same page for everyone.
    expect: everyone(403),
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
    route: '/login/tweede-stap',
    method: 'GET',
    case: 'second step without a pending sign-in',
    url: () => '/login/tweede-stap',
    // Nobody has a sign-in waiting for a code: the sign-in page, or home for the signed-in (the
    // administrators gave their code at sign-in).
    expect: signedIn({ redirect: '/' }, { anonymous: { redirect: '/login' } }),
  },
  {
    route: '/login/tweede-stap',
    method: 'POST',
    case: 'empty form',
    url: () => '/login/tweede-stap',
    expect: signedIn({ redirect: '/' }, { anonymous: { redirect: '/login' } }),
    dataExpect: everyone(400),
  },
  {
    route: '/profiel/tweestapsverificatie',
    method: 'GET',
    case: 'enrolment page (the administrators see that theirs is on)',
    url: () => '/profiel/tweestapsverificatie',
    expect: signedIn(200),
  },
  {
    route: '/profiel/tweestapsverificatie',
    method: 'POST',
    case: 'empty form',
    url: () => '/profiel/tweestapsverificatie',
    expect: signedIn(400),
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
    route: '/wachtwoord-vergeten',
    method: 'GET',
    case: 'forgotten password form',
    url: () => '/wachtwoord-vergeten',
    expect: everyone(200),
  },
  {
    route: '/wachtwoord-vergeten',
    method: 'POST',
    // Refused before the limit counts it or anything is looked up.
    case: 'empty form',
    url: () => '/wachtwoord-vergeten',
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
    route: '/profiel/meldingen',
    method: 'GET',
    case: 'own notification preferences',
    url: () => '/profiel/meldingen',
    expect: signedIn(200),
  },
  {
    route: '/profiel/meldingen',
    method: 'POST',
    case: 'empty form',
    url: () => '/profiel/meldingen',
    expect: signedIn(400),
  },
  {
    route: '/uitschrijven/:token',
    method: 'GET',
    case: 'a token that was never signed (public page: the token is the authorisation)',
    url: () => `/uitschrijven/${UNKNOWN_TOKEN}`,
    expect: everyone(404),
  },
  {
    route: '/uitschrijven/:token',
    method: 'POST',
    case: 'a token that was never signed: nothing changes',
    url: () => `/uitschrijven/${UNKNOWN_TOKEN}`,
    expect: everyone(404),
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
    expect: inGos(200),
    hidden: () => GOS,
  },
  {
    route: '/netwerken/:network',
    method: 'GET',
    case: 'P10 (Knokke-Heist is not a member)',
    url: () => '/netwerken/p10',
    expect: inP10(200),
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
    route: '/netwerken/:network',
    method: 'POST',
    case: 'GOS, inviting an unknown partner to the coming meetings: its preparers only',
    url: () => '/netwerken/gos',
    form: { intent: 'inviteToUpcoming', organisationId: UNKNOWN },
    expect: gosPreparers(400),
  },
  {
    route: '/netwerken/:network/vaste-deelnemers',
    method: 'GET',
    case: 'GOS: every member sees who attends',
    url: () => '/netwerken/gos/vaste-deelnemers',
    expect: inGos(200),
    hidden: () => [...GOS],
  },
  {
    route: '/netwerken/:network/vaste-deelnemers',
    method: 'GET',
    case: 'unknown network',
    url: () => `/netwerken/${UNKNOWN}/vaste-deelnemers`,
    expect: signedIn(404),
  },
  {
    route: '/netwerken/:network/vaste-deelnemers',
    method: 'POST',
    case: 'GOS, empty form: its preparers only',
    url: () => '/netwerken/gos/vaste-deelnemers',
    expect: gosPreparers(400),
  },
  {
    route: '/netwerken/:network/vaste-deelnemers',
    method: 'POST',
    case: 'P10, adding a person: none of the personas prepares P10 meetings',
    url: () => '/netwerken/p10/vaste-deelnemers',
    form: { intent: 'add', userId: UNKNOWN, function: 'mayor' },
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

  // --- joint projects (issue 5), around the matrix project (Fixtures.project) in Zeeuws-Vlaanderen:
  // members of the network read it; its editors (coordinators, the lead organisation) change it; its
  // participating organisations post budget lines; De Wolden (P10) and Knokke-Heist (GOS) get the 404 of
  // an unknown address for every URL of it, the CSV export included.
  {
    route: '/projecten',
    method: 'GET',
    case: 'projects of my organisation',
    url: () => '/projecten',
    expect: signedIn(200),
  },
  {
    route: '/netwerken/:network/projecten',
    method: 'GET',
    case: 'Zeeuws-Vlaanderen, with the matrix project',
    url: (f) => `/netwerken/${f.project.network}/projecten`,
    expect: inZvl(200),
    hidden: (f) => [f.project.title],
  },
  {
    route: '/netwerken/:network/projecten',
    method: 'GET',
    case: 'GOS',
    url: () => '/netwerken/gos/projecten',
    expect: inGos(200),
    hidden: () => GOS,
  },
  {
    route: '/netwerken/:network/projecten',
    method: 'GET',
    case: 'unknown network',
    url: () => `/netwerken/${UNKNOWN}/projecten`,
    expect: signedIn(404),
  },
  {
    route: '/netwerken/:network/projecten/nieuw',
    method: 'GET',
    case: 'Zeeuws-Vlaanderen: its coordinator only',
    url: (f) => `/netwerken/${f.project.network}/projecten/nieuw`,
    expect: only({ zvlCoordinator: 200 }),
  },
  {
    route: '/netwerken/:network/projecten/nieuw',
    method: 'GET',
    case: 'GOS: its coordinator only',
    url: () => '/netwerken/gos/projecten/nieuw',
    expect: only({ coordinator: 200 }),
  },
  {
    route: '/netwerken/:network/projecten/nieuw',
    method: 'POST',
    case: 'Zeeuws-Vlaanderen, empty form',
    url: (f) => `/netwerken/${f.project.network}/projecten/nieuw`,
    expect: only({ zvlCoordinator: 400 }),
  },
  {
    route: '/netwerken/:network/projecten/nieuw',
    method: 'POST',
    case: 'GOS, empty form',
    url: () => '/netwerken/gos/projecten/nieuw',
    expect: only({ coordinator: 400 }),
  },
  {
    route: '/netwerken/:network/projecten/:project',
    method: 'GET',
    case: 'the matrix project',
    url: (f) => `/netwerken/${f.project.network}/projecten/${f.project.id}`,
    expect: inZvl(200),
    hidden: (f) => [f.project.title],
  },
  {
    route: '/netwerken/:network/projecten/:project',
    method: 'GET',
    case: 'the matrix project under the GOS address',
    url: (f) => `/netwerken/gos/projecten/${f.project.id}`,
    expect: signedIn(404),
    hidden: (f) => [f.project.title],
  },
  {
    route: '/netwerken/:network/projecten/:project',
    method: 'GET',
    case: 'unknown project',
    url: (f) => `/netwerken/${f.project.network}/projecten/${UNKNOWN}`,
    expect: signedIn(404),
  },
  {
    route: '/netwerken/:network/projecten/:project',
    method: 'POST',
    case: 'milestones, empty form: editors only',
    url: (f) => `/netwerken/${f.project.network}/projecten/${f.project.id}`,
    expect: only({ zvlCoordinator: 400 }),
    hidden: (f) => [f.project.title],
  },
  {
    route: '/netwerken/:network/projecten/:project',
    method: 'POST',
    case: 'own contact person, unknown person: participating organisations only',
    url: (f) => `/netwerken/${f.project.network}/projecten/${f.project.id}`,
    form: { intent: 'setContact', contactUserId: UNKNOWN },
    expect: only({ zvlCoordinator: 400, hulstMember: 400 }),
    hidden: (f) => [f.project.title],
  },
  {
    route: '/netwerken/:network/projecten/:project',
    method: 'POST',
    case: 'the matrix project under the GOS address, empty form',
    url: (f) => `/netwerken/gos/projecten/${f.project.id}`,
    expect: signedIn(404),
    hidden: (f) => [f.project.title],
  },
  {
    route: '/netwerken/:network/projecten/:project/bewerken',
    method: 'GET',
    case: 'editors only (coordinator, lead organisation)',
    url: (f) => `/netwerken/${f.project.network}/projecten/${f.project.id}/bewerken`,
    expect: only({ zvlCoordinator: 200 }),
    hidden: (f) => [f.project.title],
  },
  {
    route: '/netwerken/:network/projecten/:project/bewerken',
    method: 'GET',
    case: 'unknown project',
    url: (f) => `/netwerken/${f.project.network}/projecten/${UNKNOWN}/bewerken`,
    expect: signedIn(404),
  },
  {
    route: '/netwerken/:network/projecten/:project/bewerken',
    method: 'POST',
    case: 'empty form: editors only',
    url: (f) => `/netwerken/${f.project.network}/projecten/${f.project.id}/bewerken`,
    expect: only({ zvlCoordinator: 400 }),
    hidden: (f) => [f.project.title],
  },
  {
    route: '/netwerken/:network/projecten/:project/begroting',
    method: 'GET',
    case: 'the matrix project',
    url: (f) => `/netwerken/${f.project.network}/projecten/${f.project.id}/begroting`,
    expect: inZvl(200),
    hidden: (f) => [f.project.title, f.project.budgetNote],
  },
  {
    route: '/netwerken/:network/projecten/:project/begroting',
    method: 'GET',
    case: 'the matrix project under the GOS address',
    url: (f) => `/netwerken/gos/projecten/${f.project.id}/begroting`,
    expect: signedIn(404),
    hidden: (f) => [f.project.title, f.project.budgetNote],
  },
  {
    route: '/netwerken/:network/projecten/:project/begroting',
    method: 'POST',
    case: 'empty form: participating organisations only',
    url: (f) => `/netwerken/${f.project.network}/projecten/${f.project.id}/begroting`,
    expect: only({ zvlCoordinator: 400, hulstMember: 400 }),
    hidden: (f) => [f.project.title, f.project.budgetNote],
  },
  {
    route: '/netwerken/:network/projecten/:project/begroting.csv',
    method: 'GET',
    case: 'CSV export of the matrix project',
    url: (f) => `/netwerken/${f.project.network}/projecten/${f.project.id}/begroting.csv`,
    expect: inZvl(200),
    hidden: (f) => [f.project.budgetNote],
  },
  {
    route: '/netwerken/:network/projecten/:project/begroting.csv',
    method: 'GET',
    case: 'CSV export under the GOS address',
    url: (f) => `/netwerken/gos/projecten/${f.project.id}/begroting.csv`,
    expect: signedIn(404),
    hidden: (f) => [f.project.budgetNote],
  },
  {
    route: '/netwerken/:network/projecten/:project/begroting.csv',
    method: 'GET',
    case: 'CSV export of an unknown project',
    url: (f) => `/netwerken/${f.project.network}/projecten/${UNKNOWN}/begroting.csv`,
    expect: signedIn(404),
  },

  // --- shared goals, measurements and the programme overview (issue 5). Reading follows the network;
  // a project goal takes measurements from the project's participating organisations, a network goal
  // from every member; a measurement is opened and changed only by the organisation that entered it.
  // "New goal" is for coordinators and for people of an organisation that leads a project in the
  // network: in the seed (prisma/seed-projects.ts) Sluis and Knokke-Heist lead GOS projects, and in
  // Zeeuws-Vlaanderen only Terneuzen leads one.
  {
    route: '/netwerken/:network/doelen',
    method: 'GET',
    case: 'Zeeuws-Vlaanderen, with the matrix goals',
    url: (f) => `/netwerken/${f.project.network}/doelen`,
    expect: inZvl(200),
    hidden: (f) => [f.goals.projectGoal.name, f.goals.networkGoal.name],
  },
  {
    route: '/netwerken/:network/doelen',
    method: 'GET',
    case: 'GOS',
    url: () => '/netwerken/gos/doelen',
    expect: inGos(200),
  },
  {
    route: '/netwerken/:network/doelen',
    method: 'GET',
    case: 'unknown network',
    url: () => `/netwerken/${UNKNOWN}/doelen`,
    expect: signedIn(404),
  },
  {
    route: '/netwerken/:network/doelen/nieuw',
    method: 'GET',
    case: 'Zeeuws-Vlaanderen: its coordinator (whose organisation also leads the matrix project)',
    url: (f) => `/netwerken/${f.project.network}/doelen/nieuw`,
    expect: only({ zvlCoordinator: 200 }),
  },
  {
    route: '/netwerken/:network/doelen/nieuw',
    method: 'GET',
    case: 'GOS: its coordinator, and Sluis and Knokke-Heist, which lead a seeded GOS project',
    url: () => '/netwerken/gos/doelen/nieuw',
    expect: inGos(200),
  },
  {
    route: '/netwerken/:network/doelen/nieuw',
    method: 'POST',
    case: 'Zeeuws-Vlaanderen, empty form',
    url: (f) => `/netwerken/${f.project.network}/doelen/nieuw`,
    expect: only({ zvlCoordinator: 400 }),
  },
  {
    route: '/netwerken/:network/doelen/nieuw',
    method: 'POST',
    case: 'GOS, empty form: its coordinator, Sluis and Knokke-Heist (they lead seeded projects)',
    url: () => '/netwerken/gos/doelen/nieuw',
    expect: inGos(400),
  },
  {
    route: '/netwerken/:network/doelen/:goal',
    method: 'GET',
    case: 'a goal of the matrix project',
    url: (f) => `/netwerken/${f.project.network}/doelen/${f.goals.projectGoal.id}`,
    expect: inZvl(200),
    hidden: (f) => [f.goals.projectGoal.name, f.goals.measurement.note],
  },
  {
    route: '/netwerken/:network/doelen/:goal',
    method: 'GET',
    case: 'a goal of the network itself',
    url: (f) => `/netwerken/${f.project.network}/doelen/${f.goals.networkGoal.id}`,
    expect: inZvl(200),
    hidden: (f) => [f.goals.networkGoal.name],
  },
  {
    route: '/netwerken/:network/doelen/:goal',
    method: 'GET',
    case: 'the project goal under the GOS address',
    url: (f) => `/netwerken/gos/doelen/${f.goals.projectGoal.id}`,
    expect: signedIn(404),
    hidden: (f) => [f.goals.projectGoal.name, f.goals.measurement.note],
  },
  {
    route: '/netwerken/:network/doelen/:goal',
    method: 'GET',
    case: 'unknown goal',
    url: (f) => `/netwerken/${f.project.network}/doelen/${UNKNOWN}`,
    expect: signedIn(404),
  },
  {
    route: '/netwerken/:network/doelen/:goal',
    method: 'POST',
    case: "project goal, empty measurement: the project's participants only",
    url: (f) => `/netwerken/${f.project.network}/doelen/${f.goals.projectGoal.id}`,
    expect: only({ zvlCoordinator: 400, hulstMember: 400 }),
    hidden: (f) => [f.goals.projectGoal.name, f.goals.measurement.note],
  },
  {
    route: '/netwerken/:network/doelen/:goal',
    method: 'POST',
    case: 'network goal, empty measurement: every member',
    url: (f) => `/netwerken/${f.project.network}/doelen/${f.goals.networkGoal.id}`,
    expect: inZvl(400),
    hidden: (f) => [f.goals.networkGoal.name],
  },
  {
    route: '/netwerken/:network/doelen/:goal',
    method: 'POST',
    case: 'the project goal under the GOS address, empty form',
    url: (f) => `/netwerken/gos/doelen/${f.goals.projectGoal.id}`,
    expect: signedIn(404),
    hidden: (f) => [f.goals.projectGoal.name],
  },
  {
    route: '/netwerken/:network/doelen/:goal/bewerken',
    method: 'GET',
    case: 'the project goal: its editors (the coordinator, of the lead organisation)',
    url: (f) => `/netwerken/${f.project.network}/doelen/${f.goals.projectGoal.id}/bewerken`,
    expect: only({ zvlCoordinator: 200 }),
    hidden: (f) => [f.goals.projectGoal.name],
  },
  {
    route: '/netwerken/:network/doelen/:goal/bewerken',
    method: 'GET',
    case: 'the network goal: its coordinator',
    url: (f) => `/netwerken/${f.project.network}/doelen/${f.goals.networkGoal.id}/bewerken`,
    expect: only({ zvlCoordinator: 200 }),
    hidden: (f) => [f.goals.networkGoal.name],
  },
  {
    route: '/netwerken/:network/doelen/:goal/bewerken',
    method: 'GET',
    case: 'the project goal under the GOS address',
    url: (f) => `/netwerken/gos/doelen/${f.goals.projectGoal.id}/bewerken`,
    expect: signedIn(404),
    hidden: (f) => [f.goals.projectGoal.name],
  },
  {
    route: '/netwerken/:network/doelen/:goal/bewerken',
    method: 'POST',
    case: 'the project goal, empty form: its editors only',
    url: (f) => `/netwerken/${f.project.network}/doelen/${f.goals.projectGoal.id}/bewerken`,
    expect: only({ zvlCoordinator: 400 }),
    hidden: (f) => [f.goals.projectGoal.name],
  },
  {
    route: '/netwerken/:network/doelen/:goal/metingen/:measurement',
    method: 'GET',
    case: "Terneuzen's measurement: Terneuzen only",
    url: (f) =>
      `/netwerken/${f.project.network}/doelen/${f.goals.projectGoal.id}/metingen/${f.goals.measurement.id}`,
    expect: only({ zvlCoordinator: 200 }),
    hidden: (f) => [f.goals.measurement.note],
  },
  {
    route: '/netwerken/:network/doelen/:goal/metingen/:measurement',
    method: 'GET',
    case: 'the measurement under the network goal',
    url: (f) =>
      `/netwerken/${f.project.network}/doelen/${f.goals.networkGoal.id}/metingen/${f.goals.measurement.id}`,
    expect: signedIn(404),
    hidden: (f) => [f.goals.measurement.note],
  },
  {
    route: '/netwerken/:network/doelen/:goal/metingen/:measurement',
    method: 'GET',
    case: 'unknown measurement',
    url: (f) =>
      `/netwerken/${f.project.network}/doelen/${f.goals.projectGoal.id}/metingen/${UNKNOWN}`,
    expect: signedIn(404),
  },
  {
    route: '/netwerken/:network/doelen/:goal/metingen/:measurement',
    method: 'POST',
    case: "Terneuzen's measurement, empty form: Terneuzen only",
    url: (f) =>
      `/netwerken/${f.project.network}/doelen/${f.goals.projectGoal.id}/metingen/${f.goals.measurement.id}`,
    expect: only({ zvlCoordinator: 400 }),
    hidden: (f) => [f.goals.measurement.note],
  },
  {
    route: '/netwerken/:network/programma',
    method: 'GET',
    case: 'Zeeuws-Vlaanderen',
    url: (f) => `/netwerken/${f.project.network}/programma`,
    expect: inZvl(200),
    hidden: () => ZVL,
  },
  {
    route: '/netwerken/:network/programma',
    method: 'GET',
    case: 'GOS',
    url: () => '/netwerken/gos/programma',
    expect: inGos(200),
    hidden: () => GOS,
  },
  {
    route: '/netwerken/:network/programma',
    method: 'GET',
    case: 'unknown network',
    url: () => `/netwerken/${UNKNOWN}/programma`,
    expect: signedIn(404),
  },

  // --- shared documents (docs/security.md items 2–3): reading follows the network and the
  // audience; the owner organisation's people and the network's coordinators manage a document
  // (details, versions, bin). A persona outside the audience gets, for the page, its data and the
  // download, the same 404 as for an id that does not exist, without the title or the file's text.
  // Of the personas, only the org admin (Knokke-Heist) is in the restricted GOS document's
  // audience: Sluis, and with it the GOS coordinator, is not.
  {
    route: '/netwerken/:network/documenten',
    method: 'GET',
    case: 'GOS, with the document for every partner',
    // Filtered on its kind: unfiltered, the uploads of tests running beside this one can push it to page 2.
    url: () => '/netwerken/gos/documenten?soort=werkplan',
    expect: inGos(200),
    hidden: (f) => [f.documents.gos.title],
  },
  {
    route: '/netwerken/:network/documenten',
    method: 'GET',
    case: 'Zeeuws-Vlaanderen',
    url: () => '/netwerken/zeeuws-vlaanderen/documenten',
    expect: inZvl(200),
  },
  {
    route: '/netwerken/:network/documenten',
    method: 'GET',
    case: 'unknown network',
    url: () => `/netwerken/${UNKNOWN}/documenten`,
    expect: signedIn(404),
  },
  {
    route: '/netwerken/:network/documenten/nieuw',
    method: 'GET',
    case: 'GOS: every member shares documents',
    url: () => '/netwerken/gos/documenten/nieuw',
    expect: inGos(200),
  },
  {
    route: '/netwerken/:network/documenten/nieuw',
    method: 'GET',
    case: 'unknown network',
    url: () => `/netwerken/${UNKNOWN}/documenten/nieuw`,
    expect: signedIn(404),
  },
  {
    route: '/netwerken/:network/documenten/nieuw',
    method: 'POST',
    case: 'GOS, empty form (not multipart)',
    url: () => '/netwerken/gos/documenten/nieuw',
    expect: inGos(400),
  },
  {
    route: '/netwerken/:network/documenten/nieuw',
    method: 'POST',
    case: 'unknown network, empty form',
    url: () => `/netwerken/${UNKNOWN}/documenten/nieuw`,
    expect: signedIn(404),
  },
  {
    route: '/netwerken/:network/documenten/nieuw.json',
    method: 'GET',
    case: 'the upload endpoint has nothing to show',
    url: () => '/netwerken/gos/documenten/nieuw.json',
    expect: everyone(404),
  },
  {
    route: '/netwerken/:network/documenten/nieuw.json',
    method: 'POST',
    case: 'GOS, empty form (not multipart)',
    url: () => '/netwerken/gos/documenten/nieuw.json',
    expect: inGos(400),
  },
  {
    route: '/netwerken/:network/documenten/nieuw.json',
    method: 'POST',
    case: 'P10, empty form: Knokke-Heist is not a member',
    url: () => '/netwerken/p10/documenten/nieuw.json',
    expect: inP10(400),
  },
  {
    route: '/netwerken/:network/documenten/:document',
    method: 'GET',
    case: 'GOS document for Knokke-Heist and Damme only',
    url: (f) => f.documents.restricted.url,
    expect: only({ orgAdmin: 200 }),
    hidden: (f) => [f.documents.restricted.title],
  },
  {
    route: '/netwerken/:network/documenten/:document',
    method: 'GET',
    case: 'GOS document for every partner',
    url: (f) => f.documents.gos.url,
    expect: inGos(200),
    hidden: (f) => [f.documents.gos.title],
  },
  {
    route: '/netwerken/:network/documenten/:document',
    method: 'GET',
    case: 'Zeeuws-Vlaanderen document for Sluis and Terneuzen (Hulst left out)',
    url: (f) => f.documents.zvl.url,
    expect: inZvl(200, { hulstMember: 404 }),
    hidden: (f) => [f.documents.zvl.title],
  },
  {
    route: '/netwerken/:network/documenten/:document',
    method: 'GET',
    case: 'the restricted GOS document under the Zeeuws-Vlaanderen address',
    url: (f) => `/netwerken/zeeuws-vlaanderen/documenten/${f.documents.restricted.id}`,
    expect: signedIn(404),
    hidden: (f) => [f.documents.restricted.title],
  },
  {
    route: '/netwerken/:network/documenten/:document',
    method: 'GET',
    case: 'unknown document',
    url: () => `/netwerken/gos/documenten/${UNKNOWN}`,
    expect: signedIn(404),
  },
  {
    route: '/netwerken/:network/documenten/:document',
    method: 'POST',
    case: 'restricted GOS document, empty form: its owner organisation only',
    url: (f) => f.documents.restricted.url,
    expect: only({ orgAdmin: 400 }),
    hidden: (f) => [f.documents.restricted.title],
  },
  {
    route: '/netwerken/:network/documenten/:document',
    method: 'POST',
    case: "GOS document of Sluis's, empty form: Sluis's people and the GOS coordinator",
    url: (f) => f.documents.gos.url,
    expect: only({ member: 400, coordinator: 400, platformAdmin: 400 }),
    hidden: (f) => [f.documents.gos.title],
  },
  {
    route: '/netwerken/:network/documenten/:document',
    method: 'POST',
    case: "Zeeuws-Vlaanderen document of Sluis's, empty form: Sluis's people and the coordinator",
    url: (f) => f.documents.zvl.url,
    expect: only({ member: 400, coordinator: 400, platformAdmin: 400, zvlCoordinator: 400 }),
    hidden: (f) => [f.documents.zvl.title],
  },
  {
    route: '/netwerken/:network/documenten/:document/bewerken',
    method: 'GET',
    case: 'restricted GOS document: its owner organisation only',
    url: (f) => `${f.documents.restricted.url}/bewerken`,
    expect: only({ orgAdmin: 200 }),
    hidden: (f) => [f.documents.restricted.title],
  },
  {
    route: '/netwerken/:network/documenten/:document/bewerken',
    method: 'GET',
    case: "GOS document of Sluis's: Sluis's people and the GOS coordinator",
    url: (f) => `${f.documents.gos.url}/bewerken`,
    expect: only({ member: 200, coordinator: 200, platformAdmin: 200 }),
    hidden: (f) => [f.documents.gos.title],
  },
  {
    route: '/netwerken/:network/documenten/:document/bewerken',
    method: 'GET',
    case: 'unknown document',
    url: () => `/netwerken/gos/documenten/${UNKNOWN}/bewerken`,
    expect: signedIn(404),
  },
  {
    route: '/netwerken/:network/documenten/:document/bewerken',
    method: 'POST',
    case: 'restricted GOS document, empty form: its owner organisation only',
    url: (f) => `${f.documents.restricted.url}/bewerken`,
    expect: only({ orgAdmin: 400 }),
    hidden: (f) => [f.documents.restricted.title],
  },
  {
    route: '/netwerken/:network/documenten/:document/bewerken',
    method: 'POST',
    case: "Zeeuws-Vlaanderen document of Sluis's, empty form: Sluis's people and the coordinator",
    url: (f) => `${f.documents.zvl.url}/bewerken`,
    expect: only({ member: 400, coordinator: 400, platformAdmin: 400, zvlCoordinator: 400 }),
    hidden: (f) => [f.documents.zvl.title],
  },
  {
    route: '/netwerken/:network/documenten/:document/nieuwe-versie',
    method: 'GET',
    case: 'restricted GOS document: its owner organisation only',
    url: (f) => `${f.documents.restricted.url}/nieuwe-versie`,
    expect: only({ orgAdmin: 200 }),
    hidden: (f) => [f.documents.restricted.title],
  },
  {
    route: '/netwerken/:network/documenten/:document/nieuwe-versie',
    method: 'GET',
    case: "GOS document of Sluis's: Sluis's people and the GOS coordinator",
    url: (f) => `${f.documents.gos.url}/nieuwe-versie`,
    expect: only({ member: 200, coordinator: 200, platformAdmin: 200 }),
    hidden: (f) => [f.documents.gos.title],
  },
  {
    route: '/netwerken/:network/documenten/:document/nieuwe-versie',
    method: 'POST',
    case: 'restricted GOS document, empty form: its owner organisation only',
    url: (f) => `${f.documents.restricted.url}/nieuwe-versie`,
    expect: only({ orgAdmin: 400 }),
    hidden: (f) => [f.documents.restricted.title],
  },
  {
    route: '/netwerken/:network/documenten/:document/nieuwe-versie',
    method: 'POST',
    case: "GOS document of Sluis's, empty form: Sluis's people and the GOS coordinator",
    url: (f) => `${f.documents.gos.url}/nieuwe-versie`,
    expect: only({ member: 400, coordinator: 400, platformAdmin: 400 }),
    hidden: (f) => [f.documents.gos.title],
  },
  {
    route: '/netwerken/:network/documenten/:document/nieuwe-versie.json',
    method: 'GET',
    case: 'the upload endpoint has nothing to show',
    url: (f) => `${f.documents.gos.url}/nieuwe-versie.json`,
    expect: everyone(404),
    hidden: (f) => [f.documents.gos.title],
  },
  {
    route: '/netwerken/:network/documenten/:document/nieuwe-versie.json',
    method: 'POST',
    case: 'restricted GOS document, empty form: its owner organisation only',
    url: (f) => `${f.documents.restricted.url}/nieuwe-versie.json`,
    expect: only({ orgAdmin: 400 }),
    hidden: (f) => [f.documents.restricted.title],
  },
  {
    route: '/netwerken/:network/documenten/:document/nieuwe-versie.json',
    method: 'POST',
    case: "Zeeuws-Vlaanderen document of Sluis's, empty form: Sluis's people and the coordinator",
    url: (f) => `${f.documents.zvl.url}/nieuwe-versie.json`,
    expect: only({ member: 400, coordinator: 400, platformAdmin: 400, zvlCoordinator: 400 }),
    hidden: (f) => [f.documents.zvl.title],
  },
  {
    route: '/netwerken/:network/documenten/:document/versies/:version/download',
    method: 'GET',
    case: 'the restricted GOS document: Knokke-Heist and Damme only',
    url: (f) =>
      `${f.documents.restricted.url}/versies/${f.documents.restricted.versionId}/download`,
    expect: only({ orgAdmin: 200 }),
    hidden: (f) => [f.documents.restricted.secret],
  },
  {
    route: '/netwerken/:network/documenten/:document/versies/:version/download',
    method: 'GET',
    case: 'the GOS document for every partner',
    url: (f) => `${f.documents.gos.url}/versies/${f.documents.gos.versionId}/download`,
    expect: inGos(200),
    hidden: (f) => [f.documents.gos.secret],
  },
  {
    route: '/netwerken/:network/documenten/:document/versies/:version/download',
    method: 'GET',
    case: 'the Zeeuws-Vlaanderen document (Hulst left out)',
    url: (f) => `${f.documents.zvl.url}/versies/${f.documents.zvl.versionId}/download`,
    expect: inZvl(200, { hulstMember: 404 }),
    hidden: (f) => [f.documents.zvl.secret],
  },
  {
    route: '/netwerken/:network/documenten/:document/versies/:version/download',
    method: 'GET',
    case: "the restricted document's version under the open GOS document",
    url: (f) => `${f.documents.gos.url}/versies/${f.documents.restricted.versionId}/download`,
    expect: signedIn(404),
    hidden: (f) => [f.documents.restricted.secret],
  },
  {
    route: '/netwerken/:network/documenten/:document/versies/:version/download',
    method: 'GET',
    case: 'unknown version',
    url: (f) => `${f.documents.gos.url}/versies/${UNKNOWN}/download`,
    expect: signedIn(404),
  },
  {
    route: '/netwerken/:network/prullenbak',
    method: 'GET',
    case: 'GOS',
    url: () => '/netwerken/gos/prullenbak',
    expect: inGos(200),
  },
  {
    route: '/netwerken/:network/prullenbak',
    method: 'GET',
    case: 'unknown network',
    url: () => `/netwerken/${UNKNOWN}/prullenbak`,
    expect: signedIn(404),
  },
  {
    route: '/netwerken/:network/prullenbak',
    method: 'POST',
    case: 'GOS, empty form',
    url: () => '/netwerken/gos/prullenbak',
    expect: inGos(400),
  },
  {
    route: '/netwerken/:network/prullenbak',
    method: 'POST',
    case: 'GOS, restore a document that is not in the bin',
    url: () => '/netwerken/gos/prullenbak',
    form: { intent: 'restore', id: UNKNOWN },
    expect: signedIn(404),
  },
  {
    route: '/zoeken',
    method: 'GET',
    case: 'search page',
    url: () => '/zoeken',
    expect: signedIn(200),
  },
  {
    route: '/zoeken',
    method: 'GET',
    case: 'the restricted document by its title: hits only where it may be seen (documents.spec.ts)',
    url: (f) => `/zoeken?${new URLSearchParams({ q: f.documents.restricted.title })}`,
    expect: signedIn(200),
  },

  // --- joint meetings (issue 4), around the seeded GOS meetings (tests/access/meetings-fixtures.ts): a
  // published and a held meeting are read by every member of the network; the draft only by its
  // preparers (coordinators and secretaries: of the personas, the coordinator; the secretary is checked
  // against these same rows in meetings.spec.ts). Preparing (new, edit, agenda, agenda items) is for the
  // preparers only; attendance, minutes, .ics and agenda pack follow the meeting. Everyone else, and
  // every address of a meeting under another network, gets the 404 of an unknown address.
  {
    route: '/netwerken/:network/vergaderingen',
    method: 'GET',
    case: 'GOS, upcoming: the published meeting',
    url: () => '/netwerken/gos/vergaderingen',
    expect: inGos(200),
    hidden: () => [seededMeetings.published],
  },
  {
    route: '/netwerken/:network/vergaderingen',
    method: 'GET',
    case: 'GOS, past: the held meeting',
    url: () => '/netwerken/gos/vergaderingen?wanneer=eerder',
    expect: inGos(200),
    hidden: () => [seededMeetings.held],
  },
  {
    route: '/netwerken/:network/vergaderingen',
    method: 'GET',
    case: 'P10',
    url: () => '/netwerken/p10/vergaderingen',
    expect: inP10(200),
    hidden: () => P10,
  },
  {
    route: '/netwerken/:network/vergaderingen',
    method: 'GET',
    case: 'unknown network',
    url: () => `/netwerken/${UNKNOWN}/vergaderingen`,
    expect: signedIn(404),
  },
  {
    route: '/netwerken/:network/vergaderingen/nieuw',
    method: 'GET',
    case: 'GOS: its preparers only',
    url: () => '/netwerken/gos/vergaderingen/nieuw',
    expect: gosPreparers(200),
  },
  {
    route: '/netwerken/:network/vergaderingen/nieuw',
    method: 'GET',
    case: 'P10: the GOS coordinator has no role there',
    url: () => '/netwerken/p10/vergaderingen/nieuw',
    expect: signedIn(404),
  },
  {
    route: '/netwerken/:network/vergaderingen/nieuw',
    method: 'POST',
    case: 'GOS, empty form: its preparers only',
    url: () => '/netwerken/gos/vergaderingen/nieuw',
    expect: gosPreparers(400),
  },
  {
    route: '/netwerken/:network/vergaderingen/nieuw',
    method: 'POST',
    case: 'P10, empty form',
    url: () => '/netwerken/p10/vergaderingen/nieuw',
    expect: signedIn(404),
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting',
    method: 'GET',
    case: 'the draft: its preparers only',
    url: () => meetingUrl('draft'),
    expect: gosPreparers(200),
    hidden: () => [seededMeetings.draft, seededItems.draft],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting',
    method: 'GET',
    case: 'the published meeting',
    url: () => meetingUrl('published'),
    expect: inGos(200),
    hidden: () => [seededMeetings.published, seededItems.published],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting',
    method: 'GET',
    case: 'the held meeting',
    url: () => meetingUrl('held'),
    expect: inGos(200),
    hidden: () => [seededMeetings.held],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting',
    method: 'GET',
    case: 'the published GOS meeting under the P10 address',
    url: () => meetingUrl('published', '', 'p10'),
    expect: signedIn(404),
    hidden: () => [seededMeetings.published],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting',
    method: 'GET',
    case: 'unknown meeting',
    url: () => `/netwerken/gos/vergaderingen/${UNKNOWN}`,
    expect: signedIn(404),
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting',
    method: 'POST',
    case: 'the published meeting, empty form (a preparer step): its preparers only',
    url: () => meetingUrl('published'),
    expect: gosPreparers(400),
    hidden: () => [seededMeetings.published],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting',
    method: 'POST',
    case: "the published meeting, 'held' not yet confirmed (only asks): its preparers only",
    url: () => meetingUrl('published'),
    form: { intent: 'held' },
    expect: gosPreparers(200),
    hidden: () => [seededMeetings.published],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting',
    method: 'POST',
    case: 'the published meeting, a reply without an answer: every member',
    url: () => meetingUrl('published'),
    form: { intent: 'respond' },
    expect: inGos(400),
    hidden: () => [seededMeetings.published],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting',
    method: 'POST',
    case: 'the draft, a reply without an answer: its preparers only',
    url: () => meetingUrl('draft'),
    form: { intent: 'respond' },
    expect: gosPreparers(400),
    hidden: () => [seededMeetings.draft],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting',
    method: 'POST',
    case: 'the published GOS meeting under the P10 address, a reply',
    url: () => meetingUrl('published', '', 'p10'),
    form: { intent: 'respond', response: 'yes' },
    expect: signedIn(404),
    hidden: () => [seededMeetings.published],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/bewerken',
    method: 'GET',
    case: 'the draft: its preparers only',
    url: () => meetingUrl('draft', '/bewerken'),
    expect: gosPreparers(200),
    hidden: () => [seededMeetings.draft],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/bewerken',
    method: 'GET',
    case: 'the published meeting: its preparers only',
    url: () => meetingUrl('published', '/bewerken'),
    expect: gosPreparers(200),
    hidden: () => [seededMeetings.published],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/bewerken',
    method: 'GET',
    case: 'the published GOS meeting under the P10 address',
    url: () => meetingUrl('published', '/bewerken', 'p10'),
    expect: signedIn(404),
    hidden: () => [seededMeetings.published],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/bewerken',
    method: 'POST',
    case: 'the published meeting, empty form: its preparers only',
    url: () => meetingUrl('published', '/bewerken'),
    expect: gosPreparers(400),
    hidden: () => [seededMeetings.published],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/bewerken',
    method: 'POST',
    case: 'the draft, empty form: its preparers only',
    url: () => meetingUrl('draft', '/bewerken'),
    expect: gosPreparers(400),
    hidden: () => [seededMeetings.draft],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/agenda',
    method: 'GET',
    case: 'the draft: its preparers only',
    url: () => meetingUrl('draft', '/agenda'),
    expect: gosPreparers(200),
    hidden: () => [seededMeetings.draft, seededItems.draft],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/agenda',
    method: 'GET',
    case: 'the published meeting: its preparers only',
    url: () => meetingUrl('published', '/agenda'),
    expect: gosPreparers(200),
    hidden: () => [seededMeetings.published, seededItems.published],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/agenda',
    method: 'POST',
    case: 'the published meeting, empty form: its preparers only',
    url: () => meetingUrl('published', '/agenda'),
    expect: gosPreparers(400),
    hidden: () => [seededMeetings.published],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/agenda',
    method: 'POST',
    case: 'the draft, moving an item of the published meeting: 404 for everyone, preparers too',
    url: () => meetingUrl('draft', '/agenda'),
    form: lazyForm({ intent: 'move', direction: 'up' }, { id: () => agendaItemId('published') }),
    expect: signedIn(404),
    hidden: () => [seededMeetings.draft],
  },
  // Documents for the meeting as a whole: attach and detach on the agenda page. Without a document
  // (or with one that is not attached) a preparer gets the message and nothing changes.
  {
    route: '/netwerken/:network/vergaderingen/:meeting/agenda',
    method: 'POST',
    case: 'the published meeting, attaching without a document: its preparers only',
    url: () => meetingUrl('published', '/agenda'),
    form: { intent: 'attach', id: '' },
    expect: gosPreparers(400),
    hidden: () => [seededMeetings.published],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/agenda',
    method: 'POST',
    case: 'the draft, attaching without a document: its preparers only',
    url: () => meetingUrl('draft', '/agenda'),
    form: { intent: 'attach', id: '' },
    expect: gosPreparers(400),
    hidden: () => [seededMeetings.draft],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/agenda',
    method: 'POST',
    case: 'the published meeting, detaching an unknown link: its preparers only',
    url: () => meetingUrl('published', '/agenda'),
    form: { intent: 'detach', id: UNKNOWN },
    expect: gosPreparers(400),
    hidden: () => [seededMeetings.published],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/agenda',
    method: 'POST',
    case: 'the published GOS meeting under the P10 address, attaching',
    url: () => meetingUrl('published', '/agenda', 'p10'),
    form: { intent: 'attach', id: '' },
    expect: signedIn(404),
    hidden: () => [seededMeetings.published],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/agenda/:item',
    method: 'GET',
    case: 'an item of the draft: its preparers only',
    url: () => meetingUrl('draft', `/agenda/${agendaItemId('draft')}`),
    expect: gosPreparers(200),
    hidden: () => [seededItems.draft],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/agenda/:item',
    method: 'GET',
    case: 'an item of the published meeting: its preparers only',
    url: () => meetingUrl('published', `/agenda/${agendaItemId('published')}`),
    expect: gosPreparers(200),
    hidden: () => [seededItems.published],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/agenda/:item',
    method: 'GET',
    case: "the published meeting's item under the held meeting",
    url: () => meetingUrl('held', `/agenda/${agendaItemId('published')}`),
    expect: signedIn(404),
    hidden: () => [seededItems.published],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/agenda/:item',
    method: 'GET',
    case: 'unknown item',
    url: () => meetingUrl('published', `/agenda/${UNKNOWN}`),
    expect: signedIn(404),
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/agenda/:item',
    method: 'POST',
    case: 'an item of the published meeting, empty form: its preparers only',
    url: () => meetingUrl('published', `/agenda/${agendaItemId('published')}`),
    expect: gosPreparers(400),
    hidden: () => [seededItems.published],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/agenda/:item',
    method: 'POST',
    case: 'an item of the published meeting, attaching without a document: its preparers only',
    url: () => meetingUrl('published', `/agenda/${agendaItemId('published')}`),
    form: { intent: 'attach', id: '' },
    expect: gosPreparers(400),
    hidden: () => [seededItems.published],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/agenda/:item',
    method: 'POST',
    case: 'an item of the draft, empty form: its preparers only',
    url: () => meetingUrl('draft', `/agenda/${agendaItemId('draft')}`),
    expect: gosPreparers(400),
    hidden: () => [seededItems.draft],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/deelnemers',
    method: 'GET',
    case: 'the draft: its preparers only',
    url: () => meetingUrl('draft', '/deelnemers'),
    expect: gosPreparers(200),
    hidden: () => [seededMeetings.draft],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/deelnemers',
    method: 'GET',
    case: 'the published meeting',
    url: () => meetingUrl('published', '/deelnemers'),
    expect: inGos(200),
    hidden: () => [seededMeetings.published],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/deelnemers',
    method: 'POST',
    case: 'the published meeting, empty form: its preparers only',
    url: () => meetingUrl('published', '/deelnemers'),
    expect: gosPreparers(400),
    hidden: () => [seededMeetings.published],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/deelnemers',
    method: 'POST',
    case: 'the published meeting, withdrawing a personal invitation without a person: preparers only',
    url: () => meetingUrl('published', '/deelnemers'),
    form: { intent: 'uninvitePerson', userId: '' },
    expect: gosPreparers(400),
    hidden: () => [seededMeetings.published],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/deelnemers',
    method: 'POST',
    case: 'the draft, withdrawing a personal invitation without a person: preparers only',
    url: () => meetingUrl('draft', '/deelnemers'),
    form: { intent: 'uninvitePerson', userId: '' },
    expect: gosPreparers(400),
    hidden: () => [seededMeetings.draft],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/deelnemers',
    method: 'POST',
    case: 'the published GOS meeting under the P10 address, withdrawing an invitation',
    url: () => meetingUrl('published', '/deelnemers', 'p10'),
    form: { intent: 'uninvitePerson', userId: '' },
    expect: signedIn(404),
    hidden: () => [seededMeetings.published],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/gasten',
    method: 'GET',
    case: 'the published meeting: its preparers only',
    url: () => meetingUrl('published', '/gasten'),
    expect: gosPreparers(200),
    hidden: () => [seededMeetings.published],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/gasten',
    method: 'POST',
    case: 'the published meeting, empty form: its preparers only',
    url: () => meetingUrl('published', '/gasten'),
    expect: gosPreparers(400),
    hidden: () => [seededMeetings.published],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/gasten',
    method: 'POST',
    case: 'the published meeting, removing an unknown guest: its preparers only',
    url: () => meetingUrl('published', '/gasten'),
    form: { intent: 'removeGuest', id: UNKNOWN },
    expect: gosPreparers(400),
    hidden: () => [seededMeetings.published],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/gasten',
    method: 'GET',
    case: 'the published GOS meeting under the P10 address',
    url: () => meetingUrl('published', '/gasten', 'p10'),
    expect: signedIn(404),
    hidden: () => [seededMeetings.published],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/vergadermodus',
    method: 'GET',
    case: 'the draft: its preparers only',
    url: () => meetingUrl('draft', '/vergadermodus'),
    expect: gosPreparers(200),
    hidden: () => [seededMeetings.draft],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/vergadermodus',
    method: 'GET',
    case: 'the held meeting: its preparers only',
    url: () => meetingUrl('held', '/vergadermodus'),
    expect: gosPreparers(200),
    hidden: () => [seededMeetings.held],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/vergadermodus',
    method: 'POST',
    case: 'the held meeting, empty form: its preparers only',
    url: () => meetingUrl('held', '/vergadermodus'),
    expect: gosPreparers(400),
    hidden: () => [seededMeetings.held],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/vergadermodus',
    method: 'POST',
    case: 'the held meeting, a decision on an unknown item',
    url: () => meetingUrl('held', '/vergadermodus'),
    form: { intent: 'saveDecision', itemId: UNKNOWN, decisionText: '' },
    expect: signedIn(404),
    hidden: () => [seededMeetings.held],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/vergadermodus',
    method: 'GET',
    case: 'the held GOS meeting under the P10 address',
    url: () => meetingUrl('held', '/vergadermodus', 'p10'),
    expect: signedIn(404),
    hidden: () => [seededMeetings.held],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/verslag',
    method: 'GET',
    case: 'the draft: its preparers only',
    url: () => meetingUrl('draft', '/verslag'),
    expect: gosPreparers(200),
    hidden: () => [seededMeetings.draft],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/verslag',
    method: 'GET',
    case: 'the held meeting',
    url: () => meetingUrl('held', '/verslag'),
    expect: inGos(200),
    hidden: () => [seededMeetings.held],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/verslag',
    method: 'GET',
    case: 'the held GOS meeting under the P10 address',
    url: () => meetingUrl('held', '/verslag', 'p10'),
    expect: signedIn(404),
    hidden: () => [seededMeetings.held],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/verslag',
    method: 'POST',
    case: 'the held meeting, empty form: its preparers only',
    url: () => meetingUrl('held', '/verslag'),
    expect: gosPreparers(400),
    hidden: () => [seededMeetings.held],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/verslag',
    method: 'POST',
    case: 'the held meeting, an answer in a written round: members of GOS (none is open: 400)',
    url: () => meetingUrl('held', '/verslag'),
    form: { intent: 'answerRound', reply: 'agree' },
    expect: inGos(400),
    hidden: () => [seededMeetings.held],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/verslag',
    method: 'POST',
    case: 'the held meeting, opening a written round without a deadline: its preparers only',
    url: () => meetingUrl('held', '/verslag'),
    form: { intent: 'openRound', deadline: '' },
    expect: gosPreparers(400),
    hidden: () => [seededMeetings.held],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/vergadering.ics',
    method: 'GET',
    case: 'the draft: its preparers only',
    url: () => meetingUrl('draft', '/vergadering.ics'),
    expect: gosPreparers(200),
    hidden: () => [seededMeetings.draft],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/vergadering.ics',
    method: 'GET',
    case: 'the published meeting',
    url: () => meetingUrl('published', '/vergadering.ics'),
    expect: inGos(200),
    hidden: () => [seededMeetings.published],
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/vergadering.ics',
    method: 'GET',
    case: 'the published GOS meeting under the P10 address',
    url: () => meetingUrl('published', '/vergadering.ics', 'p10'),
    expect: signedIn(404),
    hidden: () => [seededMeetings.published],
  },
  // The pack is a compressed PDF: its text cannot be looked for in the answer (agenda-pack.test.ts
  // reads it), so these rows have no `hidden`.
  {
    route: '/netwerken/:network/vergaderingen/:meeting/agendapakket.pdf',
    method: 'GET',
    case: 'the draft: its preparers only',
    url: () => meetingUrl('draft', '/agendapakket.pdf'),
    expect: gosPreparers(200),
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/agendapakket.pdf',
    method: 'GET',
    case: 'the published meeting',
    url: () => meetingUrl('published', '/agendapakket.pdf'),
    expect: inGos(200),
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/agendapakket.pdf',
    method: 'GET',
    case: 'the published GOS meeting under the P10 address',
    url: () => meetingUrl('published', '/agendapakket.pdf', 'p10'),
    expect: signedIn(404),
  },
  // The minutes and decision list as files: PDF and Word are compressed, so their text is read in
  // minutes-export.test.ts (also what a reader outside a document's audience must not find in them).
  {
    route: '/netwerken/:network/vergaderingen/:meeting/verslag/:file',
    method: 'GET',
    case: 'the draft: no minutes before the meeting has begun, not even for its preparers',
    url: () => meetingUrl('draft', '/verslag/verslag.pdf'),
    expect: signedIn(404),
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/verslag/:file',
    method: 'GET',
    case: 'the held meeting, minutes as Word',
    url: () => meetingUrl('held', '/verslag/verslag.docx'),
    expect: inGos(200),
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/verslag/:file',
    method: 'GET',
    case: 'the held meeting, decision list as PDF',
    url: () => meetingUrl('held', '/verslag/besluitenlijst.pdf'),
    expect: inGos(200),
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/verslag/:file',
    method: 'GET',
    case: 'the held meeting, a file that is not offered',
    url: () => meetingUrl('held', '/verslag/verslag.odt'),
    expect: signedIn(404),
  },
  {
    route: '/netwerken/:network/vergaderingen/:meeting/verslag/:file',
    method: 'GET',
    case: 'the held GOS meeting under the P10 address',
    url: () => meetingUrl('held', '/verslag/verslag.pdf', 'p10'),
    expect: signedIn(404),
  },
  // The activity feeds: a network's for its members, the one across networks for everyone signed in.
  // What each reader sees in them is checked in documents.spec.ts (the feed column).
  {
    route: '/netwerken/:network/activiteit',
    method: 'GET',
    case: 'GOS',
    url: () => '/netwerken/gos/activiteit',
    expect: inGos(200),
    hidden: () => GOS,
  },
  {
    route: '/netwerken/:network/activiteit',
    method: 'GET',
    case: 'GOS, an unknown kind and a page that is no number: the first page, unfiltered',
    url: () => '/netwerken/gos/activiteit?soort=bestaat-niet&pagina=abc',
    expect: inGos(200),
  },
  {
    route: '/netwerken/:network/activiteit',
    method: 'GET',
    case: 'P10',
    url: () => '/netwerken/p10/activiteit',
    expect: inP10(200),
    hidden: () => P10,
  },
  {
    route: '/netwerken/:network/activiteit',
    method: 'GET',
    case: 'unknown network',
    url: () => `/netwerken/${UNKNOWN}/activiteit`,
    expect: signedIn(404),
  },
  {
    route: '/activiteit',
    method: 'GET',
    case: 'activity in my networks',
    url: () => '/activiteit',
    expect: signedIn(200),
  },
  {
    route: '/activiteit',
    method: 'GET',
    case: 'filtered by two kinds, a page far beyond the last',
    url: () => '/activiteit?soort=document_shared&soort=meeting_published&pagina=9999',
    expect: signedIn(200),
  },
  {
    route: '/netwerken/:network/acties',
    method: 'GET',
    case: "GOS, every organisation: Damme's open action",
    url: () => '/netwerken/gos/acties?organisatie=alle',
    expect: inGos(200),
    hidden: () => [dammeOpenAction],
  },
  {
    route: '/netwerken/:network/acties',
    method: 'GET',
    case: 'P10',
    url: () => '/netwerken/p10/acties',
    expect: inP10(200),
  },
  {
    route: '/netwerken/:network/acties',
    method: 'GET',
    case: 'unknown network',
    url: () => `/netwerken/${UNKNOWN}/acties`,
    expect: signedIn(404),
  },
  {
    route: '/netwerken/:network/acties',
    method: 'POST',
    case: 'GOS, empty form',
    url: () => '/netwerken/gos/acties',
    expect: inGos(400),
  },
  {
    route: '/netwerken/:network/acties',
    method: 'POST',
    case: 'GOS, a status change without an action item or status',
    url: () => '/netwerken/gos/acties',
    form: { intent: 'setActionStatus' },
    expect: inGos(400),
  },
  {
    route: '/netwerken/:network/acties',
    method: 'POST',
    case: "GOS, Damme's action set to open (as it is): preparers and Damme only",
    url: () => '/netwerken/gos/acties',
    form: lazyForm(
      { intent: 'setActionStatus', status: 'open', redirectTo: '/netwerken/gos/acties' },
      { actionItemId: () => actionItemId(dammeOpenAction) },
    ),
    expect: gosPreparers({ redirect: '/netwerken/gos/acties' }),
    hidden: () => [dammeOpenAction],
  },
  {
    route: '/agenda',
    method: 'GET',
    case: 'my agenda',
    url: () => '/agenda',
    expect: signedIn(200),
  },
  {
    route: '/agenda',
    method: 'POST',
    case: 'empty form',
    url: () => '/agenda',
    expect: signedIn(400),
  },
  {
    route: '/agenda/feed/:token/zwin.ics',
    method: 'GET',
    case: 'a token that was never issued (no session is ever asked for)',
    url: () => `/agenda/feed/${UNKNOWN_TOKEN}/zwin.ics`,
    expect: everyone(404),
  },
  {
    route: '/agenda/feed/:token/zwin.ics',
    method: 'GET',
    case: 'a malformed token',
    url: () => '/agenda/feed/x/zwin.ics',
    expect: everyone(404),
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
    route: '/beheer/organisaties/:organisation/inloggen',
    method: 'GET',
    case: "Knokke-Heist (the org admin's own organisation)",
    url: () => '/beheer/organisaties/knokke-heist/inloggen',
    expect: onlyPlatformAdmin(200),
    hidden: () => ['E-maildomeinen'],
  },
  {
    route: '/beheer/organisaties/:organisation/inloggen',
    method: 'GET',
    case: 'unknown organisation',
    url: () => `/beheer/organisaties/${UNKNOWN}/inloggen`,
    expect: signedIn(404),
  },
  {
    route: '/beheer/organisaties/:organisation/inloggen',
    method: 'POST',
    case: 'Sluis, a domain that is not one',
    url: () => '/beheer/organisaties/sluis/inloggen',
    form: { emailDomains: 'geen domein', passwordSignIn: 'on' },
    expect: onlyPlatformAdmin(400),
  },
  {
    route: '/beheer/mails',
    method: 'GET',
    case: 'mails that failed or wait for another try',
    url: () => '/beheer/mails',
    expect: onlyPlatformAdmin(200),
    hidden: () => ['Mails die niet aankomen'],
  },
  {
    route: '/beheer/mails',
    method: 'POST',
    case: 'empty form',
    url: () => '/beheer/mails',
    expect: onlyPlatformAdmin(400),
  },
  {
    route: '/beheer/inlogdiensten',
    method: 'GET',
    case: 'list',
    url: () => '/beheer/inlogdiensten',
    expect: onlyPlatformAdmin(200),
    hidden: () => ['Inlogdienst toevoegen'],
  },
  {
    route: '/beheer/inlogdiensten/nieuw',
    method: 'GET',
    case: 'form',
    url: () => '/beheer/inlogdiensten/nieuw',
    expect: onlyPlatformAdmin(200),
    hidden: () => ['Clientgeheim'],
  },
  {
    route: '/beheer/inlogdiensten/nieuw',
    method: 'POST',
    case: 'empty form',
    url: () => '/beheer/inlogdiensten/nieuw',
    expect: onlyPlatformAdmin(400),
  },
  {
    route: '/beheer/inlogdiensten/:provider',
    method: 'GET',
    case: 'unknown provider',
    url: () => `/beheer/inlogdiensten/${UNKNOWN}`,
    expect: signedIn(404),
  },
  {
    route: '/beheer/inlogdiensten/:provider',
    method: 'POST',
    case: 'unknown provider, delete',
    url: () => `/beheer/inlogdiensten/${UNKNOWN}`,
    form: { intent: 'delete', confirmed: 'yes' },
    expect: signedIn(404),
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
