import { expect, request } from '@playwright/test'
import { DEMO_PASSWORD, expectAccessible, login, test } from './helpers'

// A bare "nl" (or no Accept-Language at all) says Dutch but not which country: the organisation decides.
// Damme is Flemish, so its staff get nl-BE ("Afmelden" instead of "Uitloggen"). (Not Knokke-Heist:
// documents.spec.ts saves a language on that account while this file may run; nor the accounts
// login.spec.ts makes wrong sign-ins with.)
const FLEMISH_USER = 'lid.damme@example.org'

test.describe('Accept-Language: nl', () => {
  test.use({ locale: 'nl' })

  test('a Flemish user gets nl-BE', async ({ page }) => {
    await login(page, FLEMISH_USER)
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl-BE')
    await expect(page.getByRole('button', { name: 'Afmelden', exact: true })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Uitloggen', exact: true })).toHaveCount(0)
    await expectAccessible(page, 'the dashboard in nl-BE')
  })
})

test('without Accept-Language a Flemish user gets nl-BE', async ({ baseURL }) => {
  // A browser always sends Accept-Language, so this request is made without one.
  const api = await request.newContext({ baseURL })
  try {
    const signIn = await api.post('/login', {
      form: { email: FLEMISH_USER, password: DEMO_PASSWORD, redirectTo: '/' },
      headers: { Origin: baseURL ?? '' },
      maxRedirects: 0,
    })
    expect(signIn.status(), await signIn.text()).toBe(302)
    expect(signIn.headers()['location']).toBe('/')
    // The session cookie is Secure; pass it on by hand rather than rely on the jar's rules for localhost.
    const cookie = signIn
      .headersArray()
      .filter((h) => h.name.toLowerCase() === 'set-cookie')
      .map((h) => h.value.split(';')[0])
      .join('; ')
    expect(cookie).toContain('zwin_session=')

    const home = await api.get('/', { headers: { Cookie: cookie }, maxRedirects: 0 })
    expect(home.status()).toBe(200)
    const html = await home.text()
    expect(html).toMatch(/<html[^>]* lang="nl-BE"/)
    expect(html).toContain('Afmelden')
    expect(html).not.toContain('Uitloggen')
  } finally {
    await api.dispose()
  }
})
