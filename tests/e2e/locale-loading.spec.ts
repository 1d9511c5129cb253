import fs from 'node:fs'
import path from 'node:path'
import { expect, type Page, type Response } from '@playwright/test'
import { login, test } from './helpers'

/**
 * A first visit downloads the texts of the reader's language only (issue 15, client weight): nl-NL for a
 * Dutch reader, nl-BE with the nl-NL texts it falls back on for a Flemish one, never the others. A
 * switch of language then fetches the new language's texts, and the page and its title follow.
 */
const locales = ['nl-NL', 'nl-BE', 'en'] as const
type Locale = (typeof locales)[number]

function leaves(tree: unknown): string[] {
  if (typeof tree === 'string') return [tree]
  if (tree && typeof tree === 'object') return Object.values(tree).flatMap(leaves)
  return []
}

const textsOf = (locale: Locale) =>
  fs
    .readdirSync(path.join('locales', locale))
    .filter((file) => file.endsWith('.json'))
    .flatMap((file) =>
      leaves(JSON.parse(fs.readFileSync(path.join('locales', locale, file), 'utf8'))),
    )

/**
 * Texts only this language has, written the same in a bundle as in the file: plain ASCII without
 * quotes, backslashes or placeholders, long enough not to occur in code by chance.
 */
function markersOf(locale: Locale): string[] {
  const others = locales.filter((other) => other !== locale).flatMap(textsOf)
  const markers = textsOf(locale).filter(
    (text) =>
      text.length >= 20 &&
      /^[A-Za-z0-9 ,.:;()-]+$/.test(text) &&
      !others.some((other) => other.includes(text) || text.includes(other)),
  )
  expect(markers.length, `texts only ${locale} has`).toBeGreaterThan(5)
  return markers
}

/** Every script the page downloads, as text, while `visit` runs. */
async function scriptsDuring(page: Page, visit: () => Promise<void>): Promise<string> {
  const bodies: Promise<string>[] = []
  const onResponse = (response: Response) => {
    if (response.request().resourceType() === 'script' || response.url().endsWith('.js')) {
      bodies.push(response.text().catch(() => ''))
    }
  }
  page.on('response', onResponse)
  await visit()
  // React has taken over the page: the texts it needed have arrived.
  await page.waitForFunction(() =>
    Object.keys(document).some((key) => key.startsWith('__reactContainer')),
  )
  await page.waitForLoadState('networkidle')
  page.off('response', onResponse)
  return (await Promise.all(bodies)).join('\n')
}

const found = (scripts: string, markers: string[]) => markers.filter((m) => scripts.includes(m))

test.describe('a Dutch visitor', () => {
  test.use({ locale: 'nl-NL' })

  test('downloads the nl-NL texts only, and the English ones once switching to English', async ({
    page,
  }) => {
    const scripts = await scriptsDuring(page, async () => {
      await page.goto('/login')
    })
    expect(found(scripts, markersOf('nl-NL')).length, 'nl-NL texts downloaded').toBeGreaterThan(0)
    expect(found(scripts, markersOf('en')), 'English texts downloaded').toEqual([])
    expect(found(scripts, markersOf('nl-BE')), 'Flemish texts downloaded').toEqual([])
    await expect(page).toHaveTitle('Inloggen · Zwin')

    const english = await scriptsDuring(page, async () => {
      await page.getByRole('button', { name: 'English' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible()
    })
    expect(found(english, markersOf('en')).length, 'English texts downloaded').toBeGreaterThan(0)
    await expect(page).toHaveTitle('Log in · Zwin')
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  })
})

test.describe('a Flemish member', () => {
  test.use({ locale: 'nl-BE' })

  test('downloads the nl-BE texts and the nl-NL ones they fall back on, not the English', async ({
    page,
  }) => {
    const scripts = await scriptsDuring(page, async () => {
      await login(page, 'lid.damme@example.org')
    })
    await expect(page.getByRole('button', { name: 'Afmelden', exact: true })).toBeVisible()
    expect(found(scripts, markersOf('nl-BE')).length, 'nl-BE texts downloaded').toBeGreaterThan(0)
    expect(found(scripts, markersOf('nl-NL')).length, 'nl-NL texts downloaded').toBeGreaterThan(0)
    expect(found(scripts, markersOf('en')), 'English texts downloaded').toEqual([])
  })
})

test.describe('when the texts do not arrive', () => {
  test.use({ locale: 'nl-NL' })

  // Leaving the page while its language is still downloading cancels the download; so may a bad
  // network. The page then stays as the server sent it, without an error, and works without JavaScript.
  test('the page stays as the server sent it, and signing in still works', async ({ page }) => {
    await page.route(/\/assets\/nl-NL-[^/]+\.js$/, (route) => route.abort())
    await page.goto('/login')
    await page.waitForLoadState('networkidle')
    expect(
      await page.evaluate(() =>
        Object.keys(document).some((k) => k.startsWith('__reactContainer')),
      ),
    ).toBe(false)
    await expect(page).toHaveTitle('Inloggen · Zwin')
    await page.getByLabel('E-mailadres').fill('lid.damme@example.org')
    await page.getByRole('button', { name: 'Volgende' }).click()
    await expect(page.getByLabel('Wachtwoord', { exact: true })).toBeVisible()
  })
})
