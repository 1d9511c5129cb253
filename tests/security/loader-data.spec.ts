/**
 * docs/security.md item 7: loader data holds only what the page shows. Whatever a persona can open
 * — as a page or as single-fetch data (`.data`) — never contains a password hash, the word argon2,
 * a session token or id, a set-password token hash, or the e-mail address of someone in another
 * organisation (except the account pages of the platform admin, who manages every organisation's
 * accounts).
 */
import { expect, test } from '@playwright/test'
import {
  all,
  dataUrl,
  one,
  personaEmails,
  send,
  signIn,
  userId,
  type Session,
} from '../access/support'

type Persona = keyof typeof personaEmails

const pages = (knokkeMember: string) => [
  '/',
  '/profiel',
  '/netwerken/gos',
  '/netwerken/gos/rollen',
  '/netwerken/p10',
  '/netwerken/p10/rollen',
  '/beheer',
  '/beheer/accounts',
  '/beheer/accounts/nieuw',
  `/beheer/accounts/${knokkeMember}`,
  '/beheer/organisaties',
  '/beheer/organisaties/sluis',
  '/beheer/netwerken',
  '/beheer/netwerken/gos',
  ...projectPages(),
]

/** The seeded joint projects and their goals, in the networks that hold them. */
function projectPages() {
  const rows = all<{ id: string; slug: string; goalId: string | null }>(
    `SELECT p.id, n.slug, (SELECT g.id FROM Goal g WHERE g.projectId = p.id LIMIT 1) AS goalId
     FROM Project p JOIN Network n ON n.id = p.networkId`,
  )
  return [
    '/projecten',
    ...rows.flatMap((r) => [
      `/netwerken/${r.slug}/projecten`,
      `/netwerken/${r.slug}/projecten/${r.id}`,
      `/netwerken/${r.slug}/projecten/${r.id}/begroting`,
      `/netwerken/${r.slug}/doelen`,
      `/netwerken/${r.slug}/programma`,
      ...(r.goalId ? [`/netwerken/${r.slug}/doelen/${r.goalId}`] : []),
    ]),
  ]
}

function secrets(session: Session) {
  return [
    'argon2',
    session.token,
    ...all<{ hash: string }>('SELECT hash FROM Password').map((r) => r.hash),
    ...all<{ id: string }>('SELECT id FROM Session').map((r) => r.id),
    ...all<{ tokenHash: string }>('SELECT tokenHash FROM PasswordToken').map((r) => r.tokenHash),
  ]
}

function otherOrganisationsEmails(email: string): string[] {
  const own = one<{ organisationId: string }>(
    'SELECT organisationId FROM User WHERE email = ?',
    email,
  )!
  return all<{ email: string }>(
    'SELECT email FROM User WHERE organisationId != ?',
    own.organisationId,
  ).map((r) => r.email)
}

for (const persona of Object.keys(personaEmails) as Persona[]) {
  test(`${persona}: no hashes, tokens or other organisations' e-mail addresses in any page or its data`, async () => {
    const email = personaEmails[persona]
    const session = await signIn(email)
    const forbidden = secrets(session)
    const foreignEmails = otherOrganisationsEmails(email)
    expect(foreignEmails.length).toBeGreaterThan(10)
    let opened = 0
    for (const page of pages(userId('lid.knokke-heist@example.org'))) {
      for (const url of [page, dataUrl(page)]) {
        const reply = await send(url, { session })
        if (reply.status !== 200) continue // who may open what is the matrix's business
        opened++
        const body = reply.body.toLowerCase()
        for (const secret of forbidden) {
          expect
            .soft(body.includes(secret.toLowerCase()), `${url} as ${persona} holds a secret`)
            .toBe(false)
        }
        const managesEveryone = persona === 'platformAdmin' && page.startsWith('/beheer/accounts')
        if (managesEveryone) continue
        const leaked = foreignEmails.filter((e) => body.includes(e.toLowerCase()))
        expect
          .soft(leaked, `${url} as ${persona}: e-mail addresses of other organisations`)
          .toEqual([])
      }
    }
    expect(opened).toBeGreaterThanOrEqual(6)
  })
}
