import { expect } from '@playwright/test'
import { expectAccessible, login, test } from './helpers'

// A user sees a network only through an active membership of their organisation; anything else is a
// 404 that does not even reveal the network's name.

test('a P10-only user sees P10, not GOS, and GOS pages answer 404 without naming it', async ({
  page,
}) => {
  await login(page, 'lid.dewolden@example.org')

  const networks = page.getByRole('list', { name: 'Netwerken' })
  await expect(networks.getByRole('link', { name: 'P10', exact: true })).toBeVisible()
  await expect(networks.getByRole('listitem')).toHaveCount(1)
  await expect(page.getByRole('main')).not.toContainText('Grensoverschrijdend')
  await expectAccessible(page, 'the dashboard of a P10-only user')

  for (const path of ['/netwerken/gos', '/netwerken/gos/rollen']) {
    const response = await page.goto(path)
    expect(response?.status(), `status of ${path}`).toBe(404)
    await expect(
      page.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' }),
    ).toBeVisible()
    const html = await page.content()
    expect(html, `${path} must not name the network`).not.toContain('GOS')
    expect(html, `${path} must not name the network`).not.toContain('Grensoverschrijdend')
    await expect(page).not.toHaveTitle(/GOS|Grensoverschrijdend/)
    await expectAccessible(page, `the 404 page for ${path}`)
  }

  // The network the user does belong to still opens.
  const own = await page.goto('/netwerken/p10')
  expect(own?.status()).toBe(200)
  await expect(page.getByRole('heading', { level: 1, name: 'P10' })).toBeVisible()
})
