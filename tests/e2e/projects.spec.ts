import { expect, type Browser, type Page } from '@playwright/test'
import { expectAccessible, login, test, uniqueSuffix } from './helpers'

// Issue 5, "What it must show": the Zeeuws-Vlaanderen coordinator (Terneuzen) sets up a joint procurement
// project with Sluis, Terneuzen and Hulst and gives it a goal; Terneuzen and Hulst each report their own
// figure; Hulst cannot touch Terneuzen's; the chart, its tables, the budget and the programme overview
// show the result; an organisation outside the network gets 404 everywhere. Axe runs on every page.
//
// The seed holds a joint procurement project of its own, so everything here carries a per-run suffix and
// nothing is counted across the network.

const NETWORK = 'zeeuws-vlaanderen'
const COORDINATOR = 'coordinator.zvl@example.org' // Gemeente Terneuzen, coordinator of the network
const TERNEUZEN = 'lid.terneuzen@example.org'
const HULST = 'lid.hulst@example.org'
const P10_ONLY = 'lid.dewolden@example.org' // Gemeente De Wolden: P10 only, not in Zeeuws-Vlaanderen

/** A calendar day in Amsterdam as YYYY-MM-DD (what the date inputs take and the server compares). */
function amsterdamDay(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date)
}

const DAY = 86_400_000
const today = amsterdamDay(new Date())
const thisYear = Number(today.slice(0, 4))
const endOfNextYear = `${thisYear + 1}-12-31`
const baselineDay = amsterdamDay(new Date(Date.now() - 60 * DAY))
const terneuzenDay = amsterdamDay(new Date(Date.now() - 7 * DAY))

/** A signed-in page of its own (own cookies) for one persona. */
async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext()
  const page = await context.newPage()
  await login(page, email)
  return page
}

/** Posts a form from inside the page, as the browser would (same origin, its own session cookie). */
function postFromPage(page: Page, url: string, fields: Record<string, string>) {
  return page.evaluate(
    async ([target, body]) => {
      const response = await fetch(target, {
        method: 'POST',
        body: new URLSearchParams(body),
        redirect: 'manual',
      })
      return response.status
    },
    [url, fields] as const,
  )
}

/** GETs a URL from inside the page: status, content type and the first bytes of the body. */
function getFromPage(page: Page, url: string) {
  return page.evaluate(async (target) => {
    const response = await fetch(target, { redirect: 'manual' })
    const bytes = new Uint8Array(await response.arrayBuffer())
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      head: Array.from(bytes.slice(0, 3)),
      text: new TextDecoder().decode(bytes),
    }
  }, url)
}

async function expectNotFound(page: Page, url: string, label: string) {
  const response = await page.goto(url)
  expect(response?.status(), `${label}: ${url}`).toBe(404)
  await expect(page.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' })).toBeVisible()
  await expectAccessible(page, `${label} (404)`)
}

/** A table row with this text in its first cell (a row header or a plain cell). */
function row(page: Page, tableName: string | RegExp, first: string) {
  return page
    .getByRole('table', { name: tableName })
    .getByRole('row')
    .filter({
      has: page.getByRole('cell', { name: first }).or(page.getByRole('rowheader', { name: first })),
    })
}

test('joint project: partners, a shared goal, own measurements only, chart, budget, programme, 404 outside', async ({
  browser,
}) => {
  test.slow()
  const suffix = uniqueSuffix()
  const projectTitle = `Gezamenlijke inkoop schoonmaak ${suffix}`
  const goalName = `EUR bespaard per jaar ${suffix}`

  // --- The coordinator creates the project with the three municipalities. ---
  const coordinator = await signedIn(browser, COORDINATOR)
  await coordinator.goto(`/netwerken/${NETWORK}`)
  await expectAccessible(coordinator, 'the network page')
  await coordinator.getByRole('link', { name: 'Gezamenlijke projecten' }).click()
  await expect(coordinator).toHaveURL(new RegExp(`/netwerken/${NETWORK}/projecten$`))
  await expectAccessible(coordinator, 'the project list')

  await coordinator.getByRole('link', { name: 'Project aanmaken' }).click()
  await expect(
    coordinator.getByRole('heading', { level: 1, name: 'Project aanmaken' }),
  ).toBeVisible()
  await expectAccessible(coordinator, 'the new project form')
  await coordinator.getByLabel('Naam van het project').fill(projectTitle)
  await coordinator
    .getByLabel('Beschrijving')
    .fill('Sluis, Terneuzen en Hulst besteden de schoonmaak van hun gebouwen samen aan.')
  await coordinator.getByLabel('Status', { exact: true }).selectOption({ label: 'Loopt' })
  await coordinator.getByLabel('Begindatum').fill(`${thisYear}-01-01`)
  await coordinator.getByLabel('Einddatum').fill(endOfNextYear)
  await expect(coordinator.getByLabel('Trekker (penvoerder)')).toHaveValue(/.+/)
  const participants = coordinator.getByRole('group', { name: 'Deelnemende organisaties' })
  for (const name of ['Gemeente Sluis', 'Gemeente Terneuzen', 'Gemeente Hulst']) {
    await participants.getByLabel(name, { exact: true }).check()
  }
  await coordinator.getByRole('button', { name: 'Project aanmaken' }).click()

  await expect(coordinator.getByRole('heading', { level: 1, name: projectTitle })).toBeVisible()
  const projectUrl = new URL(coordinator.url()).pathname
  expect(projectUrl).toMatch(new RegExp(`^/netwerken/${NETWORK}/projecten/[^/]+$`))
  for (const name of ['Gemeente Sluis', 'Gemeente Terneuzen', 'Gemeente Hulst']) {
    await expect(coordinator.getByRole('cell', { name, exact: true })).toBeVisible()
  }
  await expectAccessible(coordinator, 'the new project')

  // --- A goal on the project: EUR saved per year, 0 → 250,000 by the end of next year. ---
  await coordinator.getByRole('link', { name: 'Doel toevoegen' }).click()
  await expect(coordinator.getByRole('heading', { level: 1, name: 'Doel toevoegen' })).toBeVisible()
  await expect(coordinator.getByLabel('Doel van')).toHaveValue(projectUrl.split('/').pop()!)
  await expectAccessible(coordinator, 'the new goal form')
  await coordinator.getByLabel('Naam van de indicator').fill(goalName)
  await coordinator.getByLabel('Eenheid', { exact: true }).selectOption({ label: 'Euro' })
  await coordinator.getByLabel('Richting').selectOption({ label: 'Hoger is beter' })
  await coordinator.getByLabel('Beginwaarde (nulmeting)').fill('0')
  await coordinator.getByLabel('Datum van de nulmeting').fill(baselineDay)
  await coordinator.getByLabel('Doelwaarde').fill('250000')
  await coordinator.getByLabel('Doeldatum').fill(endOfNextYear)
  await coordinator.getByRole('button', { name: 'Doel toevoegen' }).click()

  await expect(coordinator.getByRole('heading', { level: 1, name: goalName })).toBeVisible()
  const goalUrl = new URL(coordinator.url()).pathname
  expect(goalUrl).toMatch(new RegExp(`^/netwerken/${NETWORK}/doelen/[^/]+$`))
  await expect(coordinator.getByText(`Doel van project ${projectTitle}`)).toBeVisible()
  await expect(coordinator.locator('main dl')).toContainText(/250\.000/)
  await expectAccessible(coordinator, 'the new goal')

  // --- Terneuzen reports its figure. ---
  const terneuzen = await signedIn(browser, TERNEUZEN)
  await terneuzen.goto(goalUrl)
  await expect(
    terneuzen.getByRole('heading', { name: 'Meting toevoegen voor Gemeente Terneuzen' }),
  ).toBeVisible()
  await expectAccessible(terneuzen, 'the goal page before any measurement')
  await terneuzen.getByLabel('Datum van de meting').fill(terneuzenDay)
  await terneuzen.getByLabel('Waarde', { exact: true }).fill('40000')
  await terneuzen.getByLabel('Toelichting').fill('Eerste gezamenlijke aanbesteding')
  await terneuzen.getByRole('button', { name: 'Meting toevoegen' }).click()
  const measurements = terneuzen.getByRole('region', { name: 'Alle metingen' })
  const terneuzenRow = measurements.getByRole('row').filter({ hasText: 'Gemeente Terneuzen' })
  await expect(terneuzenRow).toContainText(/40\.000/)
  await expectAccessible(terneuzen, 'the goal page with Terneuzen’s measurement')
  const editLink = terneuzenRow.getByRole('link', { name: /^Meting van .* wijzigen$/ })
  const measurementUrl = await editLink.getAttribute('href')
  expect(measurementUrl).toMatch(new RegExp(`^${goalUrl}/metingen/[^/]+$`))
  // Terneuzen itself may open it.
  await editLink.click()
  await expect(terneuzen.getByRole('heading', { name: 'Meting wijzigen' })).toBeVisible()
  await expect(terneuzen.getByLabel('Waarde', { exact: true })).toHaveValue('40000')
  await expectAccessible(terneuzen, 'Terneuzen’s measurement edit page')

  // --- Hulst reports its own figure, and cannot reach Terneuzen's. ---
  const hulst = await signedIn(browser, HULST)
  await hulst.goto(goalUrl)
  await expect(
    hulst.getByRole('heading', { name: 'Meting toevoegen voor Gemeente Hulst' }),
  ).toBeVisible()
  const hulstMeasurements = hulst.getByRole('region', { name: 'Alle metingen' })
  await expect(
    hulstMeasurements.getByRole('row').filter({ hasText: 'Gemeente Terneuzen' }).getByRole('link'),
  ).toHaveCount(0)
  await expectAccessible(hulst, 'the goal page as Hulst')
  await expect(hulst.getByLabel('Datum van de meting')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/)
  await hulst.getByLabel('Datum van de meting').fill(today)
  await hulst.getByLabel('Waarde', { exact: true }).fill('25000')
  await hulst.getByRole('button', { name: 'Meting toevoegen' }).click()
  await expect(
    hulstMeasurements.getByRole('row').filter({ hasText: 'Gemeente Hulst' }),
  ).toContainText(/25\.000/)
  await expectAccessible(hulst, 'the goal page with both measurements')

  await expectNotFound(hulst, measurementUrl!, 'Terneuzen’s measurement opened by Hulst')
  await hulst.goto(goalUrl)
  expect(
    await postFromPage(hulst, measurementUrl!, {
      date: today,
      value: '1',
      note: 'Overschreven door Hulst',
    }),
  ).toBe(404)
  expect(await postFromPage(hulst, measurementUrl!, { intent: 'remove', confirmed: 'yes' })).toBe(
    404,
  )
  await hulst.reload()
  const stillTerneuzen = hulstMeasurements
    .getByRole('row')
    .filter({ hasText: 'Gemeente Terneuzen' })
  await expect(stillTerneuzen).toHaveCount(1)
  await expect(stillTerneuzen).toContainText(/40\.000/)
  await expect(stillTerneuzen).toContainText('Eerste gezamenlijke aanbesteding')
  await expect(hulst.getByText('Overschreven door Hulst')).toHaveCount(0)

  // --- The chart and its tables: the network total over time and each partner's latest figure. ---
  await expect(
    hulst.getByRole('img', { name: `Metingen van ${goalName} tegenover de lijn naar het doel` }),
  ).toBeVisible()
  const totals = hulst.getByRole('table', { name: 'Netwerktotaal per datum' })
  await expect(totals.getByRole('row')).toHaveCount(3) // header, Terneuzen's day, today
  await expect(totals.getByRole('row').nth(1)).toContainText(/40\.000/)
  await expect(totals.getByRole('row').nth(2)).toContainText(/65\.000/)
  const partners = hulst.getByRole('table', { name: 'Per partner' })
  await expect(partners.getByRole('row')).toHaveCount(3) // header, Hulst, Terneuzen
  await expect(
    partners
      .getByRole('row')
      .filter({ has: hulst.getByRole('rowheader', { name: 'Gemeente Terneuzen' }) }),
  ).toContainText(/40\.000/)
  await expect(
    partners
      .getByRole('row')
      .filter({ has: hulst.getByRole('rowheader', { name: 'Gemeente Hulst' }) }),
  ).toContainText(/25\.000/)
  await expect(hulst.locator('main dl')).toContainText(/65\.000/)

  // --- A budget line for Hulst, the CSV link, and the Flemish wording. ---
  await hulst.goto(`${projectUrl}/begroting`)
  await expect(hulst.getByRole('heading', { level: 1, name: 'Begroting' })).toBeVisible()
  await expectAccessible(hulst, 'the empty budget')
  await hulst.getByLabel('Jaar', { exact: true }).fill(String(thisYear))
  await hulst.getByLabel('Soort kosten', { exact: true }).selectOption({ label: 'Externe kosten' })
  await hulst
    .getByLabel('Financieringsbron', { exact: true })
    .selectOption({ label: 'Eigen middelen' })
  await hulst.getByLabel('Bedrag in euro').fill('12.500')
  await hulst.getByLabel('Toelichting').fill('Aanbestedingsadvies')
  await hulst.getByRole('button', { name: 'Bedrag toevoegen' }).click()
  const lines = hulst.getByRole('region', { name: 'Alle bedragen' })
  await expect(lines.getByRole('row').filter({ hasText: 'Gemeente Hulst' })).toContainText(
    /12\.500,00/,
  )
  await expect(row(hulst, 'Per partner', 'Gemeente Hulst')).toContainText(/12\.500,00/)
  const csv = hulst.getByRole('link', { name: 'Exporteren als CSV (Excel)' })
  await expect(csv).toHaveAttribute('href', `${projectUrl}/begroting.csv`)
  const download = await getFromPage(hulst, `${projectUrl}/begroting.csv`)
  expect(download.status).toBe(200)
  expect(download.type).toContain('text/csv')
  expect(download.head).toEqual([0xef, 0xbb, 0xbf])
  expect(download.text).toContain('Gemeente Hulst;')
  await expectAccessible(hulst, 'the budget with a line')

  await hulst.getByRole('button', { name: 'Nederlands (België)', exact: true }).click()
  await expect(hulst.locator('html')).toHaveAttribute('lang', 'nl-BE')
  await expect(hulst.getByRole('heading', { level: 1 })).toHaveText('Budget')
  await expect(hulst).toHaveTitle(/Budget/)
  await expect(hulst.locator('main')).not.toContainText(/begroting/i)
  await expectAccessible(hulst, 'the budget in nl-BE')
  // The choice is saved on the account: put Hulst back in Netherlands Dutch for later runs.
  await hulst.getByRole('button', { name: 'Nederlands (Nederland)', exact: true }).click()
  await expect(hulst.getByRole('heading', { level: 1 })).toHaveText('Begroting')

  // --- The programme overview shows the goal and the project it belongs to. ---
  await coordinator.goto(`/netwerken/${NETWORK}`)
  await coordinator.getByRole('link', { name: 'Programmaoverzicht' }).click()
  await expect(coordinator.getByRole('heading', { level: 1 })).toHaveText(/^Programmaoverzicht/)
  // It counts goals per status (a meeting page, not a list) and links to the goals overview, where the
  // goal stands with the project it belongs to.
  await expect(
    coordinator.getByRole('heading', { level: 2, name: 'Doelen per status' }),
  ).toBeVisible()
  await expect(coordinator.getByRole('button', { name: 'Afdrukken' })).toBeVisible()
  await expectAccessible(coordinator, 'the programme overview')
  await coordinator.getByRole('link', { name: /^Alle \d+ doelen bekijken$/ }).click()
  await expect(coordinator.getByRole('heading', { level: 1 })).toHaveText('Doelen en resultaten')
  const goalItem = coordinator
    .getByRole('listitem')
    .filter({ has: coordinator.getByRole('link', { name: goalName }) })
  await expect(goalItem).toHaveCount(1)
  await expect(goalItem).toContainText(projectTitle)
  await expect(goalItem.getByRole('link', { name: goalName })).toHaveAttribute('href', goalUrl)
  await expectAccessible(coordinator, 'the goals overview')

  // --- Outside the network: the same 404 as an unknown address, for every page of the project. ---
  const outsider = await signedIn(browser, P10_ONLY)
  await expectNotFound(outsider, projectUrl, 'the project for a P10-only user')
  await expectNotFound(outsider, `${projectUrl}/begroting`, 'the budget for a P10-only user')
  await expectNotFound(outsider, goalUrl, 'the goal for a P10-only user')
  const outsiderCsv = await getFromPage(outsider, `${projectUrl}/begroting.csv`)
  expect(outsiderCsv.status).toBe(404)
  expect(outsiderCsv.text).not.toContain('Gemeente Hulst')

  for (const page of [coordinator, terneuzen, hulst, outsider]) await page.context().close()
})
