import fs from 'node:fs'
import { expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test'
import { pdfWithText } from '../fixtures/documents'
import { expectAccessible, login, test, uniqueSuffix } from './helpers'

// Shared documents, as the partners use them: a Knokke-Heist policy officer shares a PDF in GOS with the
// Belgian partners only, with a progress bar while it uploads; Damme finds it by a word inside the PDF;
// Sluis (in GOS, but not chosen) neither finds nor opens it; a new version keeps the old one available;
// the form works without JavaScript; the bin asks first and gives the document back. Axe runs on every
// page of the feature.

const NETWORK = 'gos'
const KNOKKE = 'lid.knokke-heist@example.org'
const DAMME = 'lid.damme@example.org'
const SLUIS = 'lid.sluis@example.org'

/** A signed-in page of its own (own cookies) for one persona. */
async function signedIn(
  browser: Browser,
  email: string,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext(options)
  const page = await context.newPage()
  await login(page, email)
  return page
}

/** Searches through the box in the page header, as a person would. */
async function searchFromHeader(page: Page, q: string) {
  const box = page
    .getByRole('searchbox', { name: 'Zoeken in vergaderingen, documenten en projecten' })
    .first()
  await box.fill(q)
  await box.press('Enter')
  await expect(page).toHaveURL(/\/zoeken\?/)
}

function versionRows(page: Page) {
  return page.getByRole('region', { name: 'Versies' }).getByRole('table').locator('tbody tr')
}

test('sharing a PDF with the Belgian partners only: progress, search inside, 404 for Sluis, versions, bin', async ({
  browser,
}) => {
  test.slow()
  const suffix = uniqueSuffix()
  const word = `duinenbeheer${suffix}`
  const title = `Werkplan Zwin-duinen Belgische partners ${suffix}`
  // Large enough that the throttled upload below takes a few seconds; the word is on the first page.
  const lines = [
    `Werkplan ${word} voor de Belgische partners.`,
    ...Array.from(
      { length: 6000 },
      (_, i) => `Regel ${i + 1}: onderhoud van de duinen en de kustverdediging langs het Zwin.`,
    ),
  ]
  const firstPdf = Buffer.from(await pdfWithText(lines, { pages: 120 }))
  const secondPdf = Buffer.from(
    await pdfWithText([`Werkplan ${word}, tweede versie.`, 'Met de opmerkingen van Damme.']),
  )
  const firstName = `werkplan-duinen-${suffix}.pdf`

  // --- Knokke-Heist shares the PDF, with JavaScript: the upload goes by XMLHttpRequest to nieuw.json.
  const knokke = await signedIn(browser, KNOKKE)
  await knokke.goto(`/netwerken/${NETWORK}`)
  await knokke.getByRole('link', { name: 'Gedeelde documenten' }).click()
  await expect(knokke.getByRole('heading', { level: 1, name: 'Documenten van GOS' })).toBeVisible()
  await expectAccessible(knokke, 'the document list')
  await knokke.getByRole('link', { name: 'Document delen' }).click()
  await expect(knokke.getByRole('heading', { level: 1, name: 'Document delen' })).toBeVisible()
  await expectAccessible(knokke, 'the new document form')

  await knokke.getByLabel('Bestand', { exact: true }).setInputFiles({
    name: firstName,
    mimeType: 'application/pdf',
    buffer: firstPdf,
  })
  await knokke.getByLabel('Titel').fill(title)
  await knokke.getByLabel('Omschrijving').fill('Afspraken over het beheer van de duinen.')
  await knokke.getByLabel('Soort document').selectOption({ label: 'Werkplan' })
  await knokke.getByLabel('Trefwoorden').fill('duinen, Zwin')
  await knokke.getByRole('radio', { name: 'Alleen geselecteerde partners' }).check()
  const partners = knokke.getByRole('group', { name: 'Geselecteerde partners' })
  // The sharing organisation always sees its own document: ticked and not to be unticked.
  await expect(partners.getByLabel('Gemeente Knokke-Heist')).toBeChecked()
  await expect(partners.getByLabel('Gemeente Knokke-Heist')).toBeDisabled()
  for (const name of ['Gemeente Damme', 'Gemeente Maldegem', 'Gemeente Sint-Laureins']) {
    await partners.getByLabel(name, { exact: true }).check()
  }
  await expect(partners.getByLabel('Gemeente Sluis')).not.toBeChecked()

  // Slow the upload down so the progress bar can be seen (Chromium's own network throttling).
  const cdp = await knokke.context().newCDPSession(knokke)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 20,
    downloadThroughput: -1,
    uploadThroughput: 64 * 1024,
  })
  const uploadRequest = knokke.waitForRequest(
    (r) => r.method() === 'POST' && r.url().endsWith(`/netwerken/${NETWORK}/documenten/nieuw.json`),
  )
  await knokke.getByRole('button', { name: 'Document delen' }).click()
  await uploadRequest
  const progress = knokke.locator('progress#upload-progress')
  await expect(progress).toBeVisible()
  // Chromium reports the upload as it goes: somewhere between the first and the last byte.
  await expect(progress).toHaveAttribute('value', /^[1-9]\d?$/)
  await expect(knokke.locator('label[for="upload-progress"]')).toHaveText(
    /Bezig met uploaden: \d+%/,
  )
  await expect(knokke.getByRole('button', { name: 'Document delen' })).toBeDisabled()
  await expect(knokke).toHaveURL(new RegExp(`/netwerken/${NETWORK}/documenten/(?!nieuw$)[^/]+$`), {
    timeout: 30_000,
  })
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  })
  const documentUrl = new URL(knokke.url()).pathname

  await expect(knokke.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(knokke.locator('p', { hasText: 'Zichtbaar voor:' })).toHaveText(
    'Zichtbaar voor: Gemeente Damme, Gemeente Knokke-Heist, Gemeente Maldegem, Gemeente Sint-Laureins',
  )
  await expect(versionRows(knokke)).toHaveCount(1)
  await expectAccessible(knokke, 'the document page')

  // --- Damme finds it from the header search box by a word from inside the PDF. The text is extracted
  // by a background job, so the search is tried again for a few seconds.
  const damme = await signedIn(browser, DAMME)
  const hit = damme.getByRole('link', { name: title })
  await expect(async () => {
    await searchFromHeader(damme, word)
    await expect(hit).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 30_000 })
  await expect(damme.getByRole('heading', { name: '1 document gevonden' })).toBeVisible()
  // The snippet shows the word in context, marked.
  await expect(damme.locator('mark', { hasText: word })).toBeVisible()
  await expectAccessible(damme, 'the search results')
  await hit.click()
  await expect(damme).toHaveURL(documentUrl)
  await expect(damme.getByRole('heading', { level: 1, name: title })).toBeVisible()

  // --- Sluis is in GOS but was not chosen: no hit, and the address answers 404.
  const sluis = await signedIn(browser, SLUIS)
  await searchFromHeader(sluis, word)
  await expect(sluis.getByRole('heading', { name: '0 documenten gevonden' })).toBeVisible()
  await expect(sluis.getByRole('link', { name: title })).toHaveCount(0)
  await expect(sluis.getByText(title)).toHaveCount(0)
  const refused = await sluis.goto(documentUrl)
  expect(refused?.status()).toBe(404)
  await expect(sluis.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' })).toBeVisible()
  await expect(sluis.getByText(title)).toHaveCount(0)

  // --- Knokke-Heist uploads a new version; the first stays available.
  await knokke.getByRole('link', { name: 'Nieuwe versie uploaden' }).click()
  await expect(
    knokke.getByRole('heading', { level: 1, name: 'Nieuwe versie uploaden' }),
  ).toBeVisible()
  await expectAccessible(knokke, 'the new version form')
  await knokke.getByLabel('Nieuwe versie van het bestand').setInputFiles({
    name: `werkplan-duinen-${suffix}-v2.pdf`,
    mimeType: 'application/pdf',
    buffer: secondPdf,
  })
  const versionRequest = knokke.waitForRequest(
    (r) => r.method() === 'POST' && r.url().endsWith('/nieuwe-versie.json'),
  )
  await knokke.getByRole('button', { name: 'Versie uploaden' }).click()
  await versionRequest
  await expect(knokke).toHaveURL(documentUrl)
  await expect(versionRows(knokke)).toHaveCount(2)
  await expect(versionRows(knokke).first()).toContainText('2 (nieuwste)')
  await expect(versionRows(knokke).nth(1)).toContainText(firstName)

  const [download] = await Promise.all([
    knokke.waitForEvent('download'),
    knokke.getByRole('link', { name: `Versie 1 downloaden: ${firstName}` }).click(),
  ])
  expect(download.suggestedFilename()).toBe(firstName)
  const saved = await download.path()
  expect(Buffer.compare(fs.readFileSync(saved), firstPdf)).toBe(0)
  // The main download button offers the newest version.
  await expect(knokke.getByRole('link', { name: /^Downloaden:/ })).toContainText('-v2.pdf')

  // --- The bin: the first click only asks; confirming moves it; the bin page gives it back.
  await knokke.getByRole('button', { name: 'Naar de prullenbak' }).click()
  const question = knokke.getByRole('alertdialog')
  await expect(question).toContainText(`Wilt u '${title}' naar de prullenbak verplaatsen?`)
  await expectAccessible(knokke, 'the document page asking to confirm the bin')
  await question.getByRole('button', { name: 'Ja, naar de prullenbak' }).click()
  await expect(knokke).toHaveURL(`/netwerken/${NETWORK}/documenten`)
  await expect(knokke.getByRole('status')).toContainText('Het document staat in de prullenbak')
  await expect(knokke.getByRole('link', { name: title })).toHaveCount(0)
  // Binned means gone for everyone, Damme included.
  expect((await damme.goto(documentUrl))?.status()).toBe(404)

  await knokke.getByRole('link', { name: 'Prullenbak', exact: true }).click()
  await expect(knokke.getByRole('heading', { level: 1, name: 'Prullenbak van GOS' })).toBeVisible()
  await expect(knokke.getByRole('table', { name: 'Documenten in de prullenbak' })).toContainText(
    title,
  )
  await expectAccessible(knokke, 'the bin')
  await knokke.getByRole('button', { name: `'${title}' terugzetten` }).click()
  await expect(knokke).toHaveURL(documentUrl)
  await expect(knokke.getByRole('status')).toContainText('Het document is teruggezet.')
  expect((await damme.goto(documentUrl))?.status()).toBe(200)

  // --- Damme lists the work plans of GOS by filters alone, without a search word.
  await damme.goto('/zoeken')
  await damme
    .getByLabel('Netwerk')
    .selectOption({ label: 'Grensoverschrijdend Samenwerkingsoverleg' })
  await damme.getByLabel('Soort document').selectOption({ label: 'Werkplan' })
  await damme.getByRole('button', { name: 'Zoeken', exact: true }).last().click()
  await expect(damme.getByRole('link', { name: title })).toBeVisible()
  await expectAccessible(damme, 'search by filters alone')

  // --- The second version turns out to be wrong: withdrawn for good, after a question.
  await knokke.getByRole('button', { name: 'Versie 2 intrekken' }).click()
  const withdrawQuestion = knokke.getByRole('alertdialog')
  await expect(withdrawQuestion).toContainText('Wilt u versie 2')
  await expectAccessible(knokke, 'the document page asking to confirm withdrawing a version')
  await withdrawQuestion.getByRole('button', { name: 'Ja, versie definitief intrekken' }).click()
  await expect(knokke.getByRole('status')).toContainText('Deze versie is ingetrokken')
  await expect(versionRows(knokke)).toHaveCount(1)
  await expect(versionRows(knokke).first()).toContainText(firstName)

  // --- In Flemish the same page speaks of "opladen".
  await knokke.getByRole('button', { name: 'Nederlands (België)' }).click()
  await expect(knokke.getByRole('link', { name: 'Nieuwe versie opladen' })).toBeVisible()
  await knokke.getByRole('button', { name: 'Nederlands (Nederland)' }).click()
  await expect(knokke.getByRole('link', { name: 'Nieuwe versie uploaden' })).toBeVisible()

  for (const page of [knokke, damme, sluis]) await page.context().close()
})

test('without JavaScript the plain form uploads the document', async ({ browser }) => {
  const suffix = uniqueSuffix()
  const title = `Verslag zonder JavaScript ${suffix}`
  const page = await signedIn(browser, KNOKKE, { javaScriptEnabled: false })
  const jsonRequests: string[] = []
  page.on('request', (r) => {
    if (r.url().includes('.json')) jsonRequests.push(r.url())
  })
  await page.goto(`/netwerken/${NETWORK}/documenten/nieuw`)
  await expect(page.getByRole('heading', { level: 1, name: 'Document delen' })).toBeVisible()
  await page.getByLabel('Bestand', { exact: true }).setInputFiles({
    name: `verslag-${suffix}.pdf`,
    mimeType: 'application/pdf',
    buffer: Buffer.from(await pdfWithText([`Verslag van het overleg ${suffix}.`])),
  })
  await page.getByLabel('Titel').fill(title)
  await page.getByLabel('Soort document').selectOption({ label: 'Verslag' })
  await page.getByRole('button', { name: 'Document delen' }).click()
  await expect(page).toHaveURL(new RegExp(`/netwerken/${NETWORK}/documenten/(?!nieuw$)[^/]+$`))
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(page.locator('p', { hasText: 'Zichtbaar voor:' })).toContainText(
    'alle partners van Grensoverschrijdend',
  )
  await expect(versionRows(page)).toHaveCount(1)
  expect(jsonRequests).toEqual([])

  // A refused file comes back on the same form with the message at the field, still without script.
  await page.goto(`/netwerken/${NETWORK}/documenten/nieuw`)
  await page.getByLabel('Bestand', { exact: true }).setInputFiles({
    name: 'leeg.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.alloc(0),
  })
  await page.getByLabel('Titel').fill(`Leeg ${suffix}`)
  await page.getByRole('button', { name: 'Document delen' }).click()
  await expect(page.getByText('Dit bestand is leeg. Kies een bestand met inhoud.')).toBeVisible()
  await page.context().close()
})
