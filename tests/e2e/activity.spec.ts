import { expect } from '@playwright/test'
import { pdfWithText } from '../fixtures/documents'
import { expectAccessible, signedInPage, test, uniqueSuffix } from './helpers'

// Issue 14, item 2: the activity feed. Knokke-Heist shares a document with Damme only; on a phone
// (390 px) Damme finds it in the network's feed and in the feed across their networks (through the main
// menu), filters by kind without script, and follows the link; Maldegem, in GOS but outside the
// audience, does not see it. axe runs on each page.

const PHONE = { width: 390, height: 844 }
const NETWORK = 'gos'

test('the activity feed shows a document shared to its audience only, filters by kind', async ({
  browser,
}) => {
  const title = `Duinbeheer Knokke-Damme ${uniqueSuffix()}`
  const knokke = await signedInPage(browser, 'lid.knokke-heist@example.org')
  await knokke.goto(`/netwerken/${NETWORK}/documenten/nieuw`)
  await knokke.getByLabel('Bestand', { exact: true }).setInputFiles({
    name: 'duinbeheer.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from(await pdfWithText([title])),
  })
  await knokke.getByLabel('Titel').fill(title)
  await knokke.getByLabel('Soort document').selectOption({ label: 'Werkplan' })
  await knokke.getByRole('radio', { name: 'Alleen geselecteerde partners' }).check()
  await knokke
    .getByRole('group', { name: 'Geselecteerde partners' })
    .getByLabel('Gemeente Damme', { exact: true })
    .check()
  await knokke.getByRole('button', { name: 'Document delen' }).click()
  await expect(knokke.getByRole('heading', { level: 1, name: title })).toBeVisible()
  const documentPath = new URL(knokke.url()).pathname

  // Damme, on a phone: the network page links to its feed.
  const damme = await signedInPage(browser, 'lid.damme@example.org', { viewport: PHONE })
  await damme.goto(`/netwerken/${NETWORK}`)
  await damme.getByRole('link', { name: 'Activiteit', exact: true }).click()
  await expect(damme).toHaveURL(`/netwerken/${NETWORK}/activiteit`)
  await expect(damme.getByRole('heading', { level: 1, name: 'Activiteit' })).toBeVisible()
  const feed = damme.getByRole('list', { name: 'Activiteit' })
  const item = feed.getByRole('listitem').filter({ hasText: title })
  await expect(item).toContainText('heeft een document gedeeld')
  await expect(item).toContainText('Gemeente Knokke-Heist')
  await expectAccessible(damme, 'the network feed on a phone')
  const widths = await damme.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }))
  expect(widths.scroll).toBeLessThanOrEqual(widths.inner)

  // The filter is a plain GET form: the chosen kind lands in the address.
  await damme.getByText('Filter op soort').click()
  await damme.getByLabel('Vergadering afgelast').check()
  await damme.getByRole('button', { name: 'Filter toepassen' }).click()
  await expect(damme).toHaveURL(/soort=meeting_cancelled/)
  await expect(
    damme.getByRole('list', { name: 'Activiteit' }).filter({ hasText: title }),
  ).toHaveCount(0)
  await damme.getByLabel('Vergadering afgelast').uncheck()
  await damme.getByLabel('Document gedeeld').check()
  await damme.getByRole('button', { name: 'Filter toepassen' }).click()
  await expect(damme).toHaveURL(/soort=document_shared/)
  await expect(damme.getByLabel('Document gedeeld')).toBeChecked()
  await expectAccessible(damme, 'the filtered network feed')
  await damme.getByRole('link', { name: title }).first().click()
  await expect(damme).toHaveURL(documentPath)

  // Without script the filter works the same: a plain GET form (axe needs script, so it ran above).
  const plain = await signedInPage(browser, 'lid.damme@example.org', {
    viewport: PHONE,
    javaScriptEnabled: false,
  })
  await plain.goto(`/netwerken/${NETWORK}/activiteit`)
  await plain.getByText('Filter op soort').click()
  await plain.getByLabel('Document gedeeld').check()
  await plain.getByRole('button', { name: 'Filter toepassen' }).click()
  await expect(plain).toHaveURL(/soort=document_shared/)
  await expect(plain.getByRole('listitem').filter({ hasText: title })).toHaveCount(1)
  await plain.context().close()

  // Across networks, through the main menu; each event names its network.
  await damme.goto('/')
  await damme.getByText('Menu').click()
  await damme.getByRole('link', { name: 'Activiteit' }).click()
  await expect(damme).toHaveURL('/activiteit')
  await expect(
    damme.getByRole('heading', { level: 1, name: 'Activiteit in mijn netwerken' }),
  ).toBeVisible()
  const across = damme.getByRole('listitem').filter({ hasText: title })
  await expect(across).toContainText('GOS')
  await expectAccessible(damme, 'the feed across networks')

  // Maldegem is in GOS, outside the audience: nothing of it, not even "a document shared".
  const maldegem = await signedInPage(browser, 'lid.maldegem@example.org')
  for (const path of [`/netwerken/${NETWORK}/activiteit`, '/activiteit']) {
    await maldegem.goto(path)
    await expect(maldegem.getByRole('heading', { level: 1 })).toBeVisible()
    await expect(maldegem.locator('main')).not.toContainText(title)
    await expect(maldegem.locator(`a[href="${documentPath}"]`)).toHaveCount(0)
  }
  await expectAccessible(maldegem, 'the feed of someone outside the audience')

  for (const page of [knokke, damme, maldegem]) await page.context().close()
})
