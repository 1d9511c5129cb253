/**
 * docs/security.md item 4: a form post whose ids were changed by hand (another organisation's
 * account, a role in a network the poster does not coordinate, a person outside the network) is
 * refused and writes nothing. The matrix checks who may post at all; these post what a tampered
 * form would carry.
 */
import { expect, test } from '@playwright/test'
import {
  all,
  createTestAccount,
  one,
  organisationId,
  personaEmails,
  send,
  signIn,
  unique,
  userId,
  type Session,
} from './support'

let orgAdmin: Session
let member: Session
let coordinator: Session

test.beforeAll(async () => {
  orgAdmin = await signIn(personaEmails.orgAdmin)
  member = await signIn(personaEmails.member)
  coordinator = await signIn(personaEmails.coordinator)
})

const networkId = (slug: string) =>
  one<{ id: string }>('SELECT id FROM Network WHERE slug = ?', slug)!.id

function rolesOf(user: string, network: string) {
  return all<{ id: string; role: string }>(
    'SELECT id, role FROM NetworkRole WHERE userId = ? AND networkId = ?',
    user,
    network,
  )
}

test("an organisation admin cannot disable another organisation's account by posting to its URL", async () => {
  const target = userId(personaEmails.member)
  const forms: Record<string, string>[] = [
    { intent: 'disable' },
    { intent: 'disable', confirmed: 'yes' },
    { intent: 'resend' },
  ]
  for (const form of forms) {
    const reply = await send(`/beheer/accounts/${target}`, { session: orgAdmin, form })
    expect(reply.status, JSON.stringify(form)).toBe(404)
    expect(reply.body).not.toContain(personaEmails.member)
  }
  const row = one<{ disabledAt: string | null }>('SELECT disabledAt FROM User WHERE id = ?', target)
  expect(row?.disabledAt).toBeNull()
  const audit = all(
    'SELECT id FROM AuditEvent WHERE objectId = ? AND action LIKE ?',
    target,
    'admin.%',
  )
  expect(audit).toEqual([])
})

test('an organisation admin cannot create an account in another organisation by changing organisationId', async () => {
  const email = `ander-org-${unique()}@example.org`
  const sluis = organisationId('sluis')
  const knokke = organisationId('knokke-heist')
  const reply = await send('/beheer/accounts/nieuw', {
    session: orgAdmin,
    form: { name: `Verkeerde organisatie ${unique()}`, email, organisationId: sluis },
  })
  // Refused outright, or created in the admin's own organisation: never in Sluis.
  const created = one<{ organisationId: string }>(
    'SELECT organisationId FROM User WHERE email = ?',
    email,
  )
  expect(created?.organisationId, `status ${reply.status}`).not.toBe(sluis)
  if (created) expect(created.organisationId).toBe(knokke)
})

test('a member without a role cannot give themselves a role by posting the coordinators’ form', async () => {
  const me = userId(personaEmails.member)
  const gos = networkId('gos')
  const before = rolesOf(me, gos)
  const reply = await send('/netwerken/gos/rollen', {
    session: member,
    form: { intent: 'grant', userId: me, role: 'coordinator' },
  })
  expect(reply.status).toBe(404)
  expect(rolesOf(me, gos)).toEqual(before)
})

test('a coordinator cannot give a role to someone whose organisation is not in the network', async () => {
  const outsider = userId(personaEmails.nonMember)
  const gos = networkId('gos')
  const reply = await send('/netwerken/gos/rollen', {
    session: coordinator,
    form: { intent: 'grant', userId: outsider, role: 'secretary' },
  })
  expect(reply.status).toBe(400)
  expect(rolesOf(outsider, gos)).toEqual([])
})

test("a coordinator cannot withdraw a role of another network through their own network's form", async () => {
  const p10Coordinator = userId('coordinator.p10@example.org')
  const p10 = networkId('p10')
  const [role] = rolesOf(p10Coordinator, p10)
  expect(role, 'the seeded P10 coordinator role').toBeTruthy()
  const forms: Record<string, string>[] = [
    { intent: 'withdraw', id: role!.id },
    { intent: 'withdraw', id: role!.id, confirmed: 'yes' },
  ]
  for (const form of forms) {
    const reply = await send('/netwerken/gos/rollen', { session: coordinator, form })
    expect(reply.status, JSON.stringify(form)).toBe(400)
    expect(reply.body).not.toContain('Daan Kroonweide')
  }
  // And through the other network's URL the coordinator is nobody.
  const direct = await send('/netwerken/p10/rollen', {
    session: coordinator,
    form: { intent: 'withdraw', id: role!.id, confirmed: 'yes' },
  })
  expect(direct.status).toBe(404)
  expect(rolesOf(p10Coordinator, p10)).toEqual([role])
})

test('an organisation admin manages their own people only: a new account of theirs shows, others do not', async () => {
  const account = await createTestAccount(orgAdmin, 'eigen-org')
  const mine = await send(`/beheer/accounts/${account.id}`, { session: orgAdmin })
  expect(mine.status).toBe(200)
  expect(mine.body).toContain(account.email)
  const list = await send('/beheer/accounts', { session: orgAdmin })
  expect(list.body).toContain(account.email)
  expect(list.body).not.toContain(personaEmails.member)
})
