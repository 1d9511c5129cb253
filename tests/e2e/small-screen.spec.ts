import { expect, type Page } from '@playwright/test'
import { one } from '../access/support'
import { seededMeetingTitles } from '../../prisma/seed-meetings'
import { expectAccessible, signedInPage, test } from './helpers'

// Issue 11, on a phone: the GOS secretary (Sluis) reads the main pages at 390 × 844 px. No page may pan
// sideways (wide tables scroll inside their own region, charts shrink), the header stays one row with a
// menu that opens from the keyboard, and axe runs on every page. The same pages are checked on a desktop
// screen for the header, which keeps its links in view without a menu.

const PHONE = { width: 390, height: 844 }
const SECRETARY = 'secretaris.gos@example.org'
const NETWORK = 'gos'

function idOf(table: 'Meeting' | 'Project' | 'Goal', column: string, value: string): string {
  const row = one<{ id: string }>(`SELECT id FROM ${table} WHERE ${column} = ?`, value)
  if (!row) throw new Error(`No ${table} with ${column} "${value}" in the seed`)
  return row.id
}

/** The main pages, with the seeded meetings, project and goal of the GOS (prisma/seed-*.ts). */
function mainPages(): { label: string; path: string }[] {
  const network = `/netwerken/${NETWORK}`
  const meeting = `${network}/vergaderingen/${idOf('Meeting', 'title', seededMeetingTitles.published)}`
  const held = `${network}/vergaderingen/${idOf('Meeting', 'title', seededMeetingTitles.held)}`
  const project = `${network}/projecten/${idOf('Project', 'title', 'Grensoverschrijdende automatische shuttle')}`
  const goal = `${network}/doelen/${idOf('Goal', 'name', 'Grensoverschrijdende ritten per maand')}`
  return [
    { label: 'the dashboard', path: '/' },
    { label: 'the network page', path: network },
    { label: 'the meetings list', path: `${network}/vergaderingen` },
    { label: 'a meeting', path: meeting },
    { label: 'its agenda, as preparer', path: `${meeting}/agenda` },
    { label: 'the minutes of a held meeting', path: `${held}/verslag` },
    { label: 'the actions list', path: `${network}/acties?organisatie=alle` },
    { label: 'the documents list', path: `${network}/documenten` },
    { label: 'the upload form', path: `${network}/documenten/nieuw` },
    { label: 'a project page', path: project },
    { label: 'the project budget', path: `${project}/begroting` },
    { label: 'a goal page with its chart', path: goal },
    { label: 'my agenda', path: '/agenda' },
  ]
}

function pageWidths(page: Page) {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }))
}

/** Elements that stick out of the main column (into its padding or beyond); a table's region scrolls. */
function outsideMain(page: Page) {
  return page.evaluate(() => {
    const main = document.querySelector('main')
    if (!main) return ['no main']
    const right =
      main.getBoundingClientRect().right - parseFloat(getComputedStyle(main).paddingRight)
    return [...main.querySelectorAll('*')]
      .filter((element) => !element.closest('.zwin-table-wrap, .zwin-visually-hidden'))
      .filter((element) => element.getBoundingClientRect().right > right + 1)
      .map((element) => `${element.tagName.toLowerCase()}.${element.getAttribute('class') ?? ''}`)
  })
}

async function headerHeight(page: Page): Promise<number> {
  const box = await page.locator('header.zwin-header').boundingBox()
  if (!box) throw new Error('The page has no header')
  return box.height
}

test('the main pages fit a phone: no sideways panning, a one-row header, axe on every page', async ({
  browser,
}) => {
  test.setTimeout(240_000)
  const page = await signedInPage(browser, SECRETARY, { viewport: PHONE })
  for (const { label, path } of mainPages()) {
    const response = await page.goto(path)
    expect(response?.status(), `${label}: ${path}`).toBe(200)
    const { scrollWidth, innerWidth } = await pageWidths(page)
    expect(scrollWidth, `${label} (${path}) is wider than the screen`).toBeLessThanOrEqual(
      innerWidth,
    )
    expect(await outsideMain(page), `${label} (${path}) sticks out of its column`).toEqual([])
    expect(await headerHeight(page), `the header of ${label}`).toBeLessThan(120)
    await expectAccessible(page, `${label} at 390 px`)
  }
})

test('the roles page and the administration tables fit a phone too', async ({ browser }) => {
  const pages = [
    { email: 'coordinator.gos@example.org', path: `/netwerken/${NETWORK}/rollen` },
    { email: 'platformbeheer@example.org', path: '/beheer/accounts' },
    { email: 'platformbeheer@example.org', path: '/beheer/organisaties' },
    { email: 'platformbeheer@example.org', path: '/beheer/netwerken' },
    { email: 'platformbeheer@example.org', path: `/beheer/netwerken/${NETWORK}` },
  ]
  // One sign-in per person: an administrator gives a code of their app, and a code works once per
  // 30 seconds, so signing in again for every page would only wait.
  const signedIn = new Map<string, Page>()
  for (const { email, path } of pages) {
    let page = signedIn.get(email)
    if (!page) {
      page = await signedInPage(browser, email, { viewport: PHONE })
      signedIn.set(email, page)
    }
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(200)
    const { scrollWidth, innerWidth } = await pageWidths(page)
    expect(scrollWidth, `${path} is wider than the screen`).toBeLessThanOrEqual(innerWidth)
    await expectAccessible(page, `${path} at 390 px`)
  }
  for (const page of signedIn.values()) await page.context().close()
})

test('on a phone the menu opens and closes with the keyboard and holds the same links', async ({
  browser,
}) => {
  const page = await signedInPage(browser, SECRETARY, { viewport: PHONE })
  const nav = page.getByRole('navigation', { name: 'Hoofdmenu' })
  const menu = page.getByText('Menu', { exact: true })
  await expect(nav).toBeHidden()
  await expect(page.getByRole('searchbox')).toBeHidden()

  // From the top of a freshly loaded page: the skip link, the brand, then the menu button.
  await page.goto('/')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await expect(menu).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(nav).toBeVisible()
  for (const name of ['Mijn netwerken', 'Mijn agenda', 'Projecten', 'Mijn profiel']) {
    await expect(nav.getByRole('link', { name, exact: true })).toBeVisible()
  }
  await expect(page.getByRole('button', { name: 'Uitloggen' })).toBeVisible()
  await expect(page.getByRole('searchbox')).toBeVisible()
  await expect(page.getByRole('button', { name: 'English' })).toBeVisible()
  await expectAccessible(page, 'the dashboard with the menu open at 390 px')
  expect((await pageWidths(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width)

  // A link in the menu works from the keyboard.
  await nav.getByRole('link', { name: 'Mijn agenda', exact: true }).focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL('/agenda')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  // The new page starts with the menu closed again.
  await expect(nav).toBeHidden()

  await menu.focus()
  await page.keyboard.press('Enter')
  await expect(nav).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(nav).toBeHidden()
})

test('the menu works without JavaScript', async ({ browser }) => {
  const page = await signedInPage(browser, SECRETARY, { viewport: PHONE, javaScriptEnabled: false })
  const nav = page.getByRole('navigation', { name: 'Hoofdmenu' })
  await expect(nav).toBeHidden()
  await page.getByText('Menu', { exact: true }).click()
  await nav.getByRole('link', { name: 'Projecten', exact: true }).click()
  await expect(page).toHaveURL('/projecten')
})

test('on a desktop screen the header shows its links without a menu', async ({ browser }) => {
  const page = await signedInPage(browser, SECRETARY, { viewport: { width: 1280, height: 800 } })
  const project = `/netwerken/${NETWORK}/projecten/${idOf('Project', 'title', 'Grensoverschrijdende automatische shuttle')}`
  for (const path of ['/agenda', project]) {
    await page.goto(path)
    await expect(page.getByText('Menu', { exact: true })).toBeHidden()
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' })
    await expect(nav.getByRole('link', { name: 'Mijn agenda', exact: true })).toBeVisible()
    await expect(page.getByRole('searchbox')).toBeVisible()
    await expect(page.getByRole('button', { name: 'English' })).toBeVisible()
    await expectAccessible(page, `${path} on a desktop screen`)
  }
})

test('on a phone the goal chart is drawn for the narrow screen: its text stays readable', async ({
  browser,
}) => {
  const page = await signedInPage(browser, SECRETARY, { viewport: PHONE })
  await page.goto(
    `/netwerken/${NETWORK}/doelen/${idOf('Goal', 'name', 'Grensoverschrijdende ritten per maand')}`,
  )
  // One chart for screen readers and for the eye; the wide drawing is not shown.
  const chart = page.getByRole('img', { name: /Grensoverschrijdende ritten per maand/ })
  await expect(chart).toHaveCount(1)
  const box = await chart.boundingBox()
  expect(box?.width).toBeLessThanOrEqual(PHONE.width)
  // The legend's text at 14 units is about 14 px high on screen, not the 8 px of the wide drawing.
  const legend = await chart.getByText('Netwerktotaal', { exact: true }).boundingBox()
  expect(legend?.height).toBeGreaterThanOrEqual(12)
})

test('the favicon is served in both forms', async ({ request }) => {
  const ico = await request.get('/favicon.ico')
  expect(ico.status()).toBe(200)
  expect(ico.headers()['content-type']).toMatch(/^image\//)
  const svg = await request.get('/favicon.svg')
  expect(svg.status()).toBe(200)
  expect(svg.headers()['content-type']).toMatch(/^image\/svg\+xml/)
})

test('a network card on the dashboard has no empty band above its heading', async ({ browser }) => {
  const page = await signedInPage(browser, SECRETARY, { viewport: PHONE })
  const card = page.getByRole('list', { name: 'Netwerken' }).getByRole('listitem').first()
  const cardBox = await card.boundingBox()
  const headingBox = await card.getByRole('heading', { level: 2 }).boundingBox()
  if (!cardBox || !headingBox) throw new Error('No network card with a heading on the dashboard')
  // The card's padding is 1rem (16 px); anything much more is the empty band.
  expect(headingBox.y - cardBox.y).toBeLessThanOrEqual(24)
})
