/**
 * Signing in through an organisation's own identity provider (issue 13), against two real OpenID
 * Connect providers (oidc-provider, started by tests/e2e/test-server.ts; see tests/setup/oidc-provider.ts):
 * an ACM/IDM-like one for Knokke-Heist and an Entra-like multi-tenant one for Sluis.
 *
 * The platform administrator registers both through the pages of /beheer/inlogdiensten first; the
 * journeys after that use the e-mail domains knokke-heist.test and sluis.test, which no other test uses,
 * so the demo people (example.org) keep signing in with their passwords.
 */
import { randomBytes } from 'node:crypto'
import { expect, type Page } from '@playwright/test'
import { ALLOWED_TENANT, TEST_CLIENTS, testProviderPort } from '../setup/oidc-provider'
import { organisationId, withDb } from '../access/support'
import { expectAccessible, flash, login, test } from './helpers'

const zwinPort = Number(process.env.ZWIN_E2E_PORT ?? 3210)
const acmIssuer = `http://127.0.0.1:${testProviderPort(zwinPort)}`
const entraIssuer = `http://127.0.0.1:${testProviderPort(zwinPort) + 1}`

// One run: the first test registers the providers the others sign in through.
test.describe.configure({ mode: 'serial' })

/** An account of `organisation` as an administrator would have invited it (no password, no link yet). */
function invite(email: string, name: string, organisation: string, disabled = false) {
  withDb(
    (db) =>
      db
        .prepare(
          `INSERT INTO User (id, email, name, organisationId, disabledAt, createdAt, updatedAt)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          `e2e${randomBytes(8).toString('hex')}`,
          email,
          name,
          organisationId(organisation),
          disabled ? new Date().toISOString().replace('Z', '+00:00') : null,
          new Date().toISOString().replace('Z', '+00:00'),
          new Date().toISOString().replace('Z', '+00:00'),
        ),
    { write: true },
  )
}

/** The e-mail step of the sign-in page; a provider's organisation sends the browser there. */
async function startSignIn(page: Page, email: string) {
  await page.goto('/login')
  await page.getByLabel('E-mailadres').fill(email)
  await page.getByRole('button', { name: 'Volgende' }).click()
}

/** oidc-provider's own login page: any login, any password. */
async function signInAtProvider(page: Page, issuer: string, login: string) {
  await expect(page).toHaveURL(new RegExp(`^${issuer}/interaction/`))
  await page.locator('input[name="login"]').fill(login)
  await page.locator('input[name="password"]').fill('any password')
  await page.getByRole('button', { name: 'Sign-in' }).click()
}

async function expectRefused(page: Page, text: RegExp) {
  await expect(page).toHaveURL(/\/login\/oidc\/callback/)
  await expect(
    page.getByRole('heading', { level: 1, name: 'Inloggen is niet gelukt' }),
  ).toBeVisible()
  await expect(page.getByRole('alert')).toContainText(text)
  // No session came of it.
  await page.goto('/')
  await expect(page).toHaveURL(/\/login/)
}

test('the platform administrator registers ACM/IDM for Knokke-Heist and Entra ID for Sluis', async ({
  page,
}) => {
  await login(page, 'platformbeheer@example.org')
  await page.goto('/beheer/inlogdiensten')
  await expect(page.getByText('Er is nog geen inlogdienst.')).toBeVisible()
  await expectAccessible(page, 'inlogdiensten, leeg')

  const register = async (
    name: string,
    issuer: string,
    client: { clientId: string; clientSecret: string },
    organisation: string,
    tenants = '',
  ) => {
    await page.goto('/beheer/inlogdiensten/nieuw')
    await page.getByLabel('Naam').fill(name)
    await page.getByLabel('Uitgever (issuer)').fill(issuer)
    await page.getByLabel('Client-id').fill(client.clientId)
    await page.getByLabel('Clientgeheim').fill(client.clientSecret)
    if (tenants) await page.getByLabel('Toegestane tenants').fill(tenants)
    await page.getByRole('checkbox', { name: organisation, exact: true }).check()
    await page.getByRole('button', { name: 'Opslaan' }).click()
    await expect(flash(page, 'opgeslagen')).toBeVisible()
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
    // The secret never comes back to the browser.
    await expect(page.getByLabel('Clientgeheim')).toHaveValue('')
    expect(await page.content()).not.toContain(client.clientSecret)
    await expect(
      page.getByText('http://localhost:' + zwinPort + '/login/oidc/callback'),
    ).toBeVisible()
  }
  await register('ACM/IDM (test)', acmIssuer, TEST_CLIENTS.acm, 'Gemeente Knokke-Heist')
  await expectAccessible(page, 'inlogdienst bewerken')
  await register(
    'Entra ID (test)',
    entraIssuer,
    TEST_CLIENTS.entra,
    'Gemeente Sluis',
    ALLOWED_TENANT,
  )

  // The secret is stored sealed, not as typed.
  const stored = withDb((db) =>
    db.prepare('SELECT clientSecretEncrypted AS s FROM IdentityProvider').all(),
  ) as { s: string }[]
  expect(stored).toHaveLength(2)
  for (const row of stored) {
    expect(row.s).toMatch(/^v1\./)
    expect(row.s).not.toContain('secret')
  }

  for (const [slug, domain] of [
    ['knokke-heist', 'knokke-heist.test'],
    ['sluis', 'sluis.test'],
  ] as const) {
    await page.goto(`/beheer/organisaties/${slug}/inloggen`)
    await page.getByLabel('E-maildomeinen').fill(domain)
    await page.getByRole('button', { name: 'Opslaan' }).click()
    await expect(flash(page, 'opgeslagen')).toBeVisible()
  }
  await expectAccessible(page, 'inloggen voor een organisatie')

  invite('an.peeters@knokke-heist.test', 'An Peeters', 'knokke-heist')
  invite('piet.uitgeschakeld@knokke-heist.test', 'Piet Uitgeschakeld', 'knokke-heist', true)
  invite('joke.devries@sluis.test', 'Joke de Vries', 'sluis')
})

test('a Knokke-Heist member signs in through ACM/IDM, lands on the dashboard and signs out there too', async ({
  page,
}) => {
  await startSignIn(page, 'an.peeters@knokke-heist.test')
  // The address travels along as login_hint.
  await expect(page.locator('input[name="login"]')).toHaveValue('an.peeters@knokke-heist.test')
  await signInAtProvider(page, acmIssuer, 'an.peeters@knokke-heist.test')
  await expect(page).toHaveURL(`http://localhost:${zwinPort}/`)
  await expect(page.getByText('An Peeters')).toBeVisible()

  // Linked by (issuer, subject) from now on.
  const link = withDb((db) =>
    db
      .prepare(
        `SELECT i.issuer, i.subject FROM UserIdentity i JOIN User u ON u.id = i.userId WHERE u.email = ?`,
      )
      .get('an.peeters@knokke-heist.test'),
  )
  expect(link).toEqual({ issuer: acmIssuer, subject: 'an.peeters@knokke-heist.test' })

  // Signing out ends the provider's session too (RP-initiated logout), then comes back to Zwin.
  await page.getByRole('button', { name: 'Uitloggen' }).click()
  await expect(page).toHaveURL(new RegExp(`^${acmIssuer}/session/end`))
  await page.getByRole('button', { name: /Yes, sign me out/i }).click()
  await expect(page).toHaveURL(/\/login$/)
  await page.goto('/')
  await expect(page).toHaveURL(/\/login/)
})

test('a replayed answer of the provider is refused', async ({ page }) => {
  // The provider sends the browser back with a redirect; the request after it is seen here, with the
  // cookie the browser sent along.
  const seen: Promise<{ url: string; cookie: string }> = new Promise((resolve) => {
    page.on('request', (request) => {
      if (!request.url().includes('/login/oidc/callback')) return
      void request.allHeaders().then((h) => resolve({ url: request.url(), cookie: h.cookie ?? '' }))
    })
  })
  await startSignIn(page, 'an.peeters@knokke-heist.test')
  await signInAtProvider(page, acmIssuer, 'an.peeters@knokke-heist.test')
  await expect(page).toHaveURL(`http://localhost:${zwinPort}/`)
  const callback = await seen
  expect(callback.cookie).toContain('zwin_oidc=')

  // The same answer, with the same cookie, a second time.
  const replay = await page.request.get(callback.url, {
    headers: { cookie: callback.cookie },
    maxRedirects: 0,
  })
  expect(replay.status()).toBe(403)
  expect(await replay.text()).toContain('Deze inlogpoging is niet (meer) geldig')
})

test('a user of a tenant that is not allowed is refused with a clear message', async ({ page }) => {
  await startSignIn(page, 'joke.devries@sluis.test')
  // At the provider, someone signs in with an account of another tenant.
  await signInAtProvider(page, entraIssuer, 'iemand@elders.test')
  await expectRefused(page, /organisatie die Zwin niet kent/)
})

test('a Sluis user of the allowed tenant signs in through the Entra-like provider', async ({
  page,
}) => {
  await startSignIn(page, 'joke.devries@sluis.test')
  await signInAtProvider(page, entraIssuer, 'joke.devries@sluis.test')
  await expect(page).toHaveURL(`http://localhost:${zwinPort}/`)
  await expect(page.getByText('Joke de Vries')).toBeVisible()
})

for (const [tampering, what] of [
  ['wrong-nonce', 'an ID token with another nonce'],
  ['expired', 'an expired ID token'],
  ['bad-signature', 'an ID token signed with a key the provider never published'],
  ['other-issuer', 'an ID token of an unknown issuer'],
] as const) {
  test(`${what} is refused`, async ({ page }) => {
    await startSignIn(page, 'an.peeters@knokke-heist.test')
    await signInAtProvider(page, acmIssuer, `${tampering}.an.peeters@knokke-heist.test`)
    await expectRefused(page, /kon niet worden gecontroleerd/)
  })
}

test('a disabled account is refused after a valid sign-in at the provider', async ({ page }) => {
  await startSignIn(page, 'piet.uitgeschakeld@knokke-heist.test')
  await signInAtProvider(page, acmIssuer, 'piet.uitgeschakeld@knokke-heist.test')
  await expectRefused(page, /Uw account op Zwin is uitgeschakeld/)
})

test('a provider account without a Zwin account is refused: no account is made by e-mail alone', async ({
  page,
}) => {
  await startSignIn(page, 'onbekend@knokke-heist.test')
  await signInAtProvider(page, acmIssuer, 'onbekend@knokke-heist.test')
  await expectRefused(page, /nog geen account op Zwin/)
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('a Knokke-Heist member signs in through ACM/IDM and out again', async ({ page }) => {
    await startSignIn(page, 'an.peeters@knokke-heist.test')
    await signInAtProvider(page, acmIssuer, 'an.peeters@knokke-heist.test')
    await expect(page).toHaveURL(`http://localhost:${zwinPort}/`)
    await page.getByRole('button', { name: 'Uitloggen' }).click()
    await expect(page).toHaveURL(new RegExp(`^${acmIssuer}/session/end`))
  })
})
