// The people in the demo. Names are invented (several borrow a local place name so they read as
// fictional); addresses are all @example.org. The seed creates them; the server prints this list.

export const DEMO_PASSWORD = 'Zwin-demo-2026!'

/**
 * The administrators' second factor (TOTP, base32, 160 bits). Administrators need one (docs/security.md);
 * with this secret in any authenticator app, or `npm run totp -- <secret>`, the demo stays usable.
 */
export const DEMO_TOTP_SECRET = 'ZWINDEMOZWINDEMOZWINDEMOZWINDEMO'

export type DemoRole = { network: string; role: 'coordinator' | 'secretary' }

export type DemoLogin = {
  email: string
  name: string
  organisationSlug: string
  /** One line in English for the start-up banner. */
  description: string
  isPlatformAdmin?: boolean
  isOrgAdmin?: boolean
  roles?: DemoRole[]
}

export const demoLogins: readonly DemoLogin[] = [
  {
    email: 'platformbeheer@example.org',
    name: 'Marit Zeewind',
    organisationSlug: 'sluis',
    description: 'Platform administrator (Sluis)',
    isPlatformAdmin: true,
  },
  {
    email: 'orgbeheer.sluis@example.org',
    name: 'Wendy Cadzandt',
    organisationSlug: 'sluis',
    description: 'Organisation administrator (Sluis)',
    isOrgAdmin: true,
  },
  {
    email: 'orgbeheer.knokke-heist@example.org',
    name: 'Tine Duinbergen',
    organisationSlug: 'knokke-heist',
    description: 'Organisation administrator (Knokke-Heist, BE)',
    isOrgAdmin: true,
  },
  {
    email: 'coordinator.gos@example.org',
    name: 'Joris Kreekrug',
    organisationSlug: 'sluis',
    description: 'GOS coordinator (Sluis)',
    roles: [{ network: 'gos', role: 'coordinator' }],
  },
  {
    email: 'secretaris.gos@example.org',
    name: 'Anouk Schorrenberg',
    organisationSlug: 'sluis',
    description: 'GOS secretary (Sluis)',
    roles: [{ network: 'gos', role: 'secretary' }],
  },
  {
    email: 'lid.sluis@example.org',
    name: 'Bram Dijkwerker',
    organisationSlug: 'sluis',
    description: 'Member without a role (Sluis, a member of every network)',
  },
  {
    email: 'lid.knokke-heist@example.org',
    name: 'Lieve Zwinnaert',
    organisationSlug: 'knokke-heist',
    description: 'Member without a role (Knokke-Heist, BE: GOS)',
  },
  {
    email: 'lid.damme@example.org',
    name: 'Wout Vanpolderhove',
    organisationSlug: 'damme',
    description: 'Member without a role (Damme, BE: GOS)',
  },
  {
    email: 'lid.maldegem@example.org',
    name: 'Griet Meetjesdonck',
    organisationSlug: 'maldegem',
    description: 'Member without a role (Maldegem, BE: GOS)',
  },
  {
    email: 'lid.sint-laureins@example.org',
    name: 'Jens Vermeerskreek',
    organisationSlug: 'sint-laureins',
    description: 'Member without a role (Sint-Laureins, BE: GOS)',
  },
  {
    email: 'coordinator.zvl@example.org',
    name: 'Sanne Kanaalzicht',
    organisationSlug: 'terneuzen',
    description: 'Zeeuws-Vlaamse gemeenten coordinator (Terneuzen; not in GOS)',
    roles: [{ network: 'zeeuws-vlaanderen', role: 'coordinator' }],
  },
  {
    email: 'lid.terneuzen@example.org',
    name: 'Ruben Sasdijk',
    organisationSlug: 'terneuzen',
    description: 'Member without a role (Terneuzen: Zeeuws-Vlaanderen, VZG, OZO, Grenzeloos)',
  },
  {
    email: 'lid.hulst@example.org',
    name: 'Eline Vestingh',
    organisationSlug: 'hulst',
    description: 'Member without a role (Hulst: Zeeuws-Vlaanderen, VZG, OZO, Grenzeloos)',
  },
  {
    email: 'coordinator.vzg@example.org',
    name: 'Thijs Abdijhof',
    organisationSlug: 'middelburg',
    description: 'VZG coordinator (Middelburg)',
    roles: [{ network: 'vzg', role: 'coordinator' }],
  },
  {
    email: 'lid.vlissingen@example.org',
    name: 'Noor Havenkamp',
    organisationSlug: 'vlissingen',
    description: 'Member without a role (Vlissingen: VZG, OZO)',
  },
  {
    email: 'coordinator.ozo@example.org',
    name: 'Maarten Deltaweg',
    organisationSlug: 'provincie-zeeland',
    description: 'OZO coordinator (Provincie Zeeland)',
    roles: [{ network: 'ozo', role: 'coordinator' }],
  },
  {
    email: 'lid.scheldestromen@example.org',
    name: 'Ilse Gorzenburg',
    organisationSlug: 'waterschap-scheldestromen',
    description: 'Member without a role (Waterschap Scheldestromen: OZO)',
  },
  {
    email: 'coordinator.p10@example.org',
    name: 'Daan Kroonweide',
    organisationSlug: 'hollands-kroon',
    description: 'P10 coordinator (Hollands Kroon)',
    roles: [{ network: 'p10', role: 'coordinator' }],
  },
  {
    email: 'lid.dewolden@example.org',
    name: 'Hanneke Esdorp',
    organisationSlug: 'de-wolden',
    description: 'Member without a role (De Wolden: P10 only, not in GOS)',
  },
  {
    email: 'coordinator.stedenband@example.org',
    name: 'Luuk Schachtman',
    organisationSlug: 'heerlen',
    description: 'Stedenband coordinator (Heerlen)',
    roles: [{ network: 'stedenband', role: 'coordinator' }],
  },
  {
    email: 'lid.amsterdam@example.org',
    name: 'Yara Grachtveld',
    organisationSlug: 'amsterdam',
    description: 'Member without a role (Amsterdam: Stedenband)',
  },
  {
    email: 'coordinator.grenzeloos@example.org',
    name: 'Koen Grensweg',
    organisationSlug: 'hulst',
    description: 'Grenzeloos Zeeuws-Vlaanderen coordinator (Hulst)',
    roles: [{ network: 'grenzeloos-zeeuws-vlaanderen', role: 'coordinator' }],
  },
]
