/**
 * Who manages whose account (issue 10, item 4): an organisation administrator manages the accounts of
 * their own organisation that are not platform administrators. The platform administrator of that same
 * organisation is, to them, an unknown account: the same 404 for the page, disable, enable and resend,
 * and absent from the list. Creating an account for an address that is taken says so in one message,
 * whether the account is in the admin's own organisation or in another, without naming that organisation.
 */
import { expect, test } from '@playwright/test'
import {
  all,
  isSignedIn,
  send,
  signIn,
  unique,
  userId,
  visibleText,
  type Session,
} from '../access/support'

const SLUIS_ORG_ADMIN = 'orgbeheer.sluis@example.org'
const PLATFORM_ADMIN = 'platformbeheer@example.org' // of Sluis too

let orgAdmin: Session
let platformAdminId: string

test.beforeAll(async () => {
  orgAdmin = await signIn(SLUIS_ORG_ADMIN)
  platformAdminId = userId(PLATFORM_ADMIN)
})

const unknownAccount = () => `/beheer/accounts/c${unique()}`

/** The 404 page as the org admin sees it for an account id that was never issued. */
async function notFoundPage(): Promise<string> {
  const reply = await send(unknownAccount(), { session: orgAdmin })
  expect(reply.status).toBe(404)
  return visibleText(reply.body)
}

test('the platform administrator of their own organisation is not in the org admin’s list of accounts', async () => {
  const reply = await send('/beheer/accounts', { session: orgAdmin })
  expect(reply.status).toBe(200)
  expect(reply.body).not.toContain(PLATFORM_ADMIN)
  expect(reply.body).not.toContain(platformAdminId)
  // The rest of Sluis is there.
  expect(reply.body).toContain('lid.sluis@example.org')
})

test('the platform administrator’s page is the 404 of an unknown account, for the page and its data', async () => {
  const page = await send(`/beheer/accounts/${platformAdminId}`, { session: orgAdmin })
  expect(page.status).toBe(404)
  expect(visibleText(page.body)).toBe(await notFoundPage())
  expect(page.body).not.toContain(PLATFORM_ADMIN)
  const data = await send(`/beheer/accounts/${platformAdminId}.data`, { session: orgAdmin })
  expect(data.status).toBe(404)
  expect(data.body).not.toContain(PLATFORM_ADMIN)
})

test('disabling the platform administrator answers 404 and their session stays alive', async () => {
  const platformAdmin = await signIn(PLATFORM_ADMIN)
  const url = `/beheer/accounts/${platformAdminId}`
  const asked = await send(url, { session: orgAdmin, form: { intent: 'disable' } })
  const disabled = await send(url, {
    session: orgAdmin,
    form: { intent: 'disable', id: platformAdminId, confirmed: 'yes' },
  })
  const row = all<{ disabledAt: string | null }>(
    'SELECT disabledAt FROM User WHERE id = ?',
    platformAdminId,
  )[0]
  if (row?.disabledAt) {
    // Put the persona back for the other tests of this run before failing.
    await send(url, { session: orgAdmin, form: { intent: 'enable' } })
  }
  expect(asked.status).toBe(404)
  expect(disabled.status).toBe(404)
  expect(row?.disabledAt ?? null).toBeNull()
  expect(await isSignedIn(platformAdmin)).toBe(true)

  const enable = await send(url, { session: orgAdmin, form: { intent: 'enable' } })
  expect(enable.status).toBe(404)
})

test('resending a set-password link to the platform administrator answers 404 and makes no token', async () => {
  const tokens = () =>
    all<{ id: string }>(
      'SELECT id FROM PasswordToken WHERE userId = ? ORDER BY id',
      platformAdminId,
    )
  const before = tokens()
  const reply = await send(`/beheer/accounts/${platformAdminId}`, {
    session: orgAdmin,
    form: { intent: 'resend' },
  })
  expect(reply.status).toBe(404)
  expect(tokens()).toEqual(before)
})

test('the org admin still manages the other accounts of their organisation', async () => {
  const member = userId('lid.sluis@example.org')
  const reply = await send(`/beheer/accounts/${member}`, { session: orgAdmin })
  expect(reply.status).toBe(200)
  expect(reply.body).toContain('lid.sluis@example.org')
})

test('an address that is taken gets one message, in their own organisation or another, naming neither', async () => {
  const attempt = (email: string) =>
    send('/beheer/accounts/nieuw', {
      session: orgAdmin,
      form: { name: 'Iemand Anders', email },
    })
  const own = await attempt('secretaris.gos@example.org') // Sluis
  const elsewhere = await attempt('lid.knokke-heist@example.org') // Knokke-Heist
  const platform = await attempt(PLATFORM_ADMIN) // Sluis, but not theirs to manage
  for (const reply of [own, elsewhere, platform]) expect(reply.status).toBe(400)

  const message = (reply: { body: string }, email: string) =>
    visibleText(reply.body).split(email).join('<e-mail>')
  expect(message(elsewhere, 'lid.knokke-heist@example.org')).toBe(
    message(own, 'secretaris.gos@example.org'),
  )
  expect(message(platform, PLATFORM_ADMIN)).toBe(message(own, 'secretaris.gos@example.org'))
  const text = visibleText(elsewhere.body)
  expect(text).not.toMatch(/Knokke/i)
  // It says what to do: ask the platform administrator.
  expect(text).toMatch(/platformbeheerder/i)
  expect(all('SELECT id FROM User WHERE name = ?', 'Iemand Anders')).toEqual([])
})
