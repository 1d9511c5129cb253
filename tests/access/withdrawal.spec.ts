/**
 * docs/security.md item 6: withdrawing a membership takes effect on the next request of a session
 * that is already open, not at the next sign-in.
 *
 * The platform admin ends the membership through the admin form, confirmation step included. The test
 * uses an organisation, a person and a network of its own (unique per run) rather than ending Sluis's
 * membership of GOS and restoring it: the browser journeys may be reading GOS or counting a Sluis user's
 * networks at the same moment, and objects nobody else knows cannot disturb them.
 */
import { expect, test } from '@playwright/test'
import {
  createTestAccount,
  dataUrl,
  one,
  organisationId,
  personaEmails,
  send,
  signIn,
  unique,
  type Session,
} from './support'

let admin: Session

test.beforeAll(async () => {
  admin = await signIn(personaEmails.platformAdmin)
})

function activeMembershipId(slug: string, organisation: string): string | undefined {
  return one<{ id: string }>(
    `SELECT m.id FROM NetworkMembership m JOIN Network n ON n.id = m.networkId
     WHERE n.slug = ? AND m.organisationId = ? AND m.activeTo IS NULL`,
    slug,
    organisation,
  )?.id
}

async function post(url: string, form: Record<string, string>) {
  const reply = await send(url, { session: admin, form })
  return reply
}

test('ending a membership locks out an open session at its next request; adding it back lets it in', async () => {
  const id = unique()
  const organisationSlug = `proefgemeente-${id}`
  const networkSlug = `intrekproef-${id}`
  const networkName = `Intrekproef ${id}`

  const organisationCreated = await post('/beheer/organisaties/nieuw', {
    name: `Proefgemeente ${id}`,
    slug: organisationSlug,
    kind: 'municipality',
    country: 'NL',
    officialCode: '',
    defaultLocale: 'nl-NL',
  })
  expect(organisationCreated.status, organisationCreated.body.slice(0, 300)).toBe(302)
  const organisation = organisationId(organisationSlug)
  const person = await createTestAccount(admin, 'intrekken', { organisationId: organisation })

  const networkCreated = await post('/beheer/netwerken/nieuw', {
    name: networkName,
    shortName: `Proef ${id}`,
    slug: networkSlug,
    level: 'regional',
    description: `Proefnetwerk ${id}`,
  })
  expect(networkCreated.status, networkCreated.body.slice(0, 300)).toBe(302)
  expect(networkCreated.location).toBe(`/beheer/netwerken/${networkSlug}`)
  expect(
    (await post(`/beheer/netwerken/${networkSlug}`, { intent: 'add', id: organisation })).status,
  ).toBe(302)

  // Signed in once; this session is used until the end.
  const session = await signIn(person.email, { password: person.password })
  const page = `/netwerken/${networkSlug}`
  const open = await send(page, { session })
  expect(open.status).toBe(200)
  expect(open.body).toContain(networkName)
  expect((await send('/', { session })).body).toContain(networkName)

  const membershipId = activeMembershipId(networkSlug, organisation)
  expect(membershipId, 'the membership just added').toBeTruthy()

  // The first POST only asks for confirmation and changes nothing.
  const asked = await post(`/beheer/netwerken/${networkSlug}`, { intent: 'end', id: membershipId! })
  expect(asked.status).toBe(200)
  expect(asked.body).toContain('name="confirmed" value="yes"')
  expect(activeMembershipId(networkSlug, organisation)).toBe(membershipId)
  expect((await send(page, { session })).status).toBe(200)

  const ended = await post(`/beheer/netwerken/${networkSlug}`, {
    intent: 'end',
    id: membershipId!,
    confirmed: 'yes',
  })
  expect(ended.status).toBe(302)
  expect(activeMembershipId(networkSlug, organisation)).toBeUndefined()

  // Same session, next request: gone, and nothing of it shows — not on the page, not in its data.
  for (const url of [page, dataUrl(page), `${page}/rollen`]) {
    const after = await send(url, { session })
    expect(after.status, url).toBe(404)
    expect(after.body, url).not.toContain(networkName)
  }
  for (const url of ['/', dataUrl('/')]) {
    const dashboard = await send(url, { session })
    expect(dashboard.status, url).toBe(200)
    expect(dashboard.body, url).not.toContain(networkName)
    expect(dashboard.body, url).not.toContain(networkSlug)
  }

  // Adding the organisation again opens the network again, still in the same session.
  expect(
    (await post(`/beheer/netwerken/${networkSlug}`, { intent: 'add', id: organisation })).status,
  ).toBe(302)
  const restored = await send(page, { session })
  expect(restored.status).toBe(200)
  expect(restored.body).toContain(networkName)
})
