import { expect, type Browser, type Page } from '@playwright/test'
import mammoth from 'mammoth'
import { extractText, getDocumentProxy } from 'unpdf'
import { all } from '../access/support'
import { pdfWithText } from '../fixtures/documents'
import {
  begunAnHourAgo,
  expectAccessible,
  newestMailTo,
  numberedAgenda,
  planMeeting,
  signedInPage,
  test,
  uniqueSuffix,
} from './helpers'

// Issue 11, "What it must show", as one journey of the GOS secretary (Sluis) in Chromium, with axe on
// every page: she builds an agenda of six items (the form empty after each add) and moves one under
// another, uploads two stukken at once from the agenda, shares the minutes' own document with Sluis and
// Damme only, invites a guest and publishes (the mail holds the agenda and reply links; the guest gets
// the .ics and no link into Zwin). She runs the meeting in meeting mode (3 decisions and 3 action items
// in no more than 12 counted steps) with attendance, records that it was held, and the minutes hold the
// attendance, decisions and action items. The PDF and Word exports are read back: Damme's name the
// minutes document, Maldegem's (outside its audience) do not. Maldegem reads it all in Flemish ("Varia",
// "Akte genomen"), and approves the minutes in a written round that she closes. The same pages at
// 390 × 844 never scroll sideways.

const NETWORK = 'gos'
const SECRETARY = 'secretaris.gos@example.org'
const DAMME = 'lid.damme@example.org'
const MALDEGEM = 'lid.maldegem@example.org'

/** The text of a PDF or Word file the reader's page downloads, read back as a reader would. */
async function exportText(page: Page, url: string): Promise<string> {
  const answer = await page.request.get(url)
  expect(answer.status(), url).toBe(200)
  const bytes = await answer.body()
  if (url.endsWith('.pdf')) {
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), {
      mergePages: true,
    })
    return text
  }
  return (await mammoth.extractRawText({ buffer: bytes })).value
}

async function expectNoSidewaysScroll(browser: Browser, paths: string[]) {
  const phone = await signedInPage(browser, SECRETARY, { viewport: { width: 390, height: 844 } })
  for (const path of paths) {
    await phone.goto(path)
    const widths = await phone.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      inner: window.innerWidth,
    }))
    expect(widths.scroll, `${path} at 390 px`).toBeLessThanOrEqual(widths.inner)
  }
  await phone.context().close()
}

test('a GOS meeting run by its secretary: agenda, stukken, invitations, meeting mode, minutes, round', async ({
  browser,
}) => {
  test.setTimeout(360_000)
  const suffix = uniqueSuffix()
  const title = `GOS-overleg werkwijze ${suffix}`
  const items = [
    `Werkplan grensmobiliteit ${suffix}`,
    `Fietsroutes over de grens ${suffix}`,
    `Vergunningen fietsroutes ${suffix}`,
    `Toerisme Zwinstreek ${suffix}`,
    `Kustveiligheid ${suffix}`,
    `Jaarverslag 2026 ${suffix}`,
  ] as const
  const restricted = `Verslag voor Sluis en Damme ${suffix}`
  const guest = `gast-${suffix}@example.net`
  // Begun an hour ago and published: meeting mode is open at once; nothing waits for the clock.
  const { from, to } = begunAnHourAgo(240)

  // --- The meeting, with the standing items.
  const secretary = await signedInPage(browser, SECRETARY)
  const meetingId = await planMeeting(secretary, {
    title,
    from,
    to,
    host: 'Gemeente Damme',
    address: 'Stadhuis Damme, Markt 1, 8340 Damme',
  })
  const base = `/netwerken/${NETWORK}/vergaderingen/${meetingId}`

  // --- Six items; after each add the form is empty again, focus in its title.
  const addForm = secretary.getByRole('region', { name: 'Agendapunt toevoegen' })
  for (const [index, item] of items.entries()) {
    await addForm.getByLabel('Titel', { exact: true }).fill(item)
    await addForm.getByLabel('Soort').selectOption({ label: 'Ter besluitvorming' })
    if (index === 0) {
      await addForm.getByLabel('Inbreng door').selectOption({ label: 'Gemeente Maldegem' })
      await addForm.getByLabel('Toelichting').fill('Het werkplan voor 2027 ter vaststelling.')
    }
    if (index === 4) {
      await addForm.getByLabel('Inbreng door').selectOption({ label: 'Gemeente Damme' })
    }
    await addForm.getByRole('button', { name: 'Agendapunt toevoegen' }).click()
    await expect(secretary.getByRole('status').filter({ hasText: `'${item}'` })).toBeVisible()
    await expect(addForm.getByLabel('Titel', { exact: true })).toHaveValue('')
    await expect(addForm.getByLabel('Titel', { exact: true })).toBeFocused()
    await expect(addForm.getByLabel('Subpunt van')).toHaveValue('')
    await expect(addForm.getByLabel('Toelichting')).toHaveValue('')
  }
  await expectAccessible(secretary, 'the agenda with six items')
  // "Vergunningen" moves under "Fietsroutes" through its own form.
  await secretary.getByRole('link', { name: items[2], exact: true }).click()
  await expect(secretary.getByRole('heading', { level: 1 })).toContainText(items[2])
  await secretary.getByLabel('Subpunt van').selectOption({ label: `5. ${items[1]}` })
  await secretary.getByRole('button', { name: 'Agendapunt opslaan' }).click()
  await expect(secretary.getByRole('status').filter({ hasText: 'opgeslagen' })).toBeVisible()
  await secretary.goto(`${base}/agenda`)
  await expect
    .poll(() => numberedAgenda(secretary))
    .toEqual([
      '1 Opening en mededelingen',
      '2 Verslag van de vorige vergadering',
      '3 Actiepuntenlijst',
      `4 ${items[0]}`,
      `5 ${items[1]}`,
      `5a ${items[2]}`,
      `6 ${items[3]}`,
      `7 ${items[4]}`,
      `8 ${items[5]}`,
      '9 Rondvraag',
      '10 Sluiting',
    ])

  // --- Two stukken at once for the work plan, titled after their names, for all partners.
  const uploads = secretary.getByRole('region', { name: 'Stukken uploaden' })
  await uploads.getByLabel('Agendapunt').selectOption({ label: `4. ${items[0]}` })
  await uploads.getByLabel('Bestanden').setInputFiles([
    {
      name: `Werkplan 2027 ${suffix}.pdf`,
      mimeType: 'application/pdf',
      buffer: Buffer.from(await pdfWithText(['Werkplan grensmobiliteit 2027'])),
    },
    {
      name: `Toelichting werkplan ${suffix}.txt`,
      mimeType: 'text/plain',
      buffer: Buffer.from('De belangrijkste wijzigingen ten opzichte van 2026.\n'),
    },
  ])
  await uploads.getByRole('button', { name: 'Uploaden' }).click()
  await expect(uploads.getByText('Gedeeld en gekoppeld')).toHaveCount(2, { timeout: 30_000 })

  // --- The minutes' own document, for Sluis (the sharing organisation) and Damme only.
  await secretary.goto(`/netwerken/${NETWORK}/documenten/nieuw`)
  await secretary.getByLabel('Bestand', { exact: true }).setInputFiles({
    name: `verslag-${suffix}.pdf`,
    mimeType: 'application/pdf',
    buffer: Buffer.from(await pdfWithText(['Verslag voor twee partners'])),
  })
  await secretary.getByLabel('Titel').fill(restricted)
  await secretary.getByLabel('Soort document').selectOption({ label: 'Verslag' })
  await secretary.getByRole('radio', { name: 'Alleen geselecteerde partners' }).check()
  await secretary
    .getByRole('group', { name: 'Geselecteerde partners' })
    .getByLabel('Gemeente Damme', { exact: true })
    .check()
  await secretary.getByRole('button', { name: 'Document delen' }).click()
  await expect(secretary.getByRole('heading', { level: 1, name: restricted })).toBeVisible()

  // --- A guest without an account, then publishing.
  await secretary.goto(`${base}/gasten`)
  await secretary.getByLabel('Naam').fill('Ir. Joost de Kust')
  await secretary.getByLabel('E-mailadres').fill(guest)
  await secretary.getByLabel('Organisatie of functie').fill('Provincie Zeeland')
  await secretary.getByLabel('Taal van de e-mails').selectOption({ label: 'Nederlands (België)' })
  await secretary.getByRole('button', { name: 'Gast uitnodigen' }).click()
  await expect(secretary.getByRole('cell', { name: guest })).toBeVisible()
  await expectAccessible(secretary, 'the guests of the meeting')
  const published = Date.now()
  await secretary.goto(base)
  await secretary.getByRole('button', { name: 'Publiceren en uitnodigingen versturen' }).click()
  await secretary.getByRole('button', { name: 'Ja, publiceren' }).click()
  await expect(secretary.getByRole('link', { name: 'Vergadermodus openen' })).toBeVisible()

  // Damme's invitation holds the agenda (Flemish: Varia) and one link per answer.
  const dammeMail = await newestMailTo(DAMME, published, title)
  expect(dammeMail).toMatch(new RegExp(`4\\. \\d{2}:\\d{2} ${items[0]}`))
  expect(dammeMail).toMatch(/9\. \d{2}:\d{2} Varia/)
  expect(dammeMail).toContain(`${base}?antwoord=ja#antwoord`)
  // The guest gets the .ics and nothing that points into Zwin.
  const guestMail = await newestMailTo(guest, published)
  expect(guestMail).toContain('BEGIN:VCALENDAR')
  expect(guestMail).not.toContain(`/vergaderingen/${meetingId}`)

  // A reply link opens the page with that answer chosen; only the form sends it.
  const damme = await signedInPage(browser, DAMME)
  await damme.goto(`${base}?antwoord=ja#antwoord`)
  await expect(damme.getByRole('radio', { name: 'Ja, ik kom' })).toBeChecked()
  await damme.getByRole('button', { name: 'Antwoord opslaan' }).click()
  await expect(damme.getByText('Uw antwoord: Ja, ik kom.')).toBeVisible()

  // --- Meeting mode: 3 decisions and 3 action items, every user action counted.
  let steps = 0
  const step = async (action: () => Promise<unknown>) => {
    steps += 1
    await action()
  }
  const section = (itemTitle: string) =>
    secretary.getByRole('region', { name: new RegExp(`^\\d+[a-z]?\\. ${itemTitle}$`) })
  await step(() => secretary.getByRole('link', { name: 'Vergadermodus openen' }).click())
  await expect(
    secretary.getByRole('heading', { level: 1, name: `Vergadermodus: ${title}` }),
  ).toBeVisible()
  const opening = section('Opening en mededelingen')
  await step(() => opening.getByRole('button', { name: 'Voor kennisgeving aangenomen' }).click())
  await expect(opening.getByText('Het besluit bij punt 1 is opgeslagen.')).toBeVisible()
  const work = section(items[0])
  await step(() =>
    work.getByLabel('Tekst van het besluit').fill('Het werkplan 2027 wordt vastgesteld.'),
  )
  await step(() => work.getByRole('button', { name: 'Aangenomen', exact: true }).click())
  await expect(work.getByText('Het besluit bij punt 4 is opgeslagen.')).toBeVisible()
  for (const action of ['Planning delen met de partners', 'Begroting voorleggen aan het college']) {
    await step(() => work.getByLabel('Wat moet er gebeuren?').fill(action))
    await step(() => work.getByRole('button', { name: 'Actiepunt toevoegen' }).click())
    await expect(work.getByRole('table', { name: 'Actiepunten bij punt 4' })).toContainText(action)
  }
  const coast = section(items[4])
  await step(() => coast.getByLabel('Tekst van het besluit').fill('Besluit volgt na de stormen.'))
  await step(() => coast.getByRole('button', { name: 'Aangehouden' }).click())
  await expect(coast.getByText('Het besluit bij punt 7 is opgeslagen.')).toBeVisible()
  // Damme presents the item, so its action item starts with Damme chosen.
  await step(() => coast.getByLabel('Wat moet er gebeuren?').fill('Stormschade in kaart brengen'))
  await step(() => coast.getByRole('button', { name: 'Actiepunt toevoegen' }).click())
  await expect(coast.getByText('Het actiepunt bij punt 7 is toegevoegd.')).toBeVisible()
  expect(steps, 'steps for 3 decisions and 3 action items').toBeLessThanOrEqual(12)
  await expectAccessible(secretary, 'meeting mode after recording')

  // Attendance on the same page: Damme present, Maldegem excused with a reason.
  const attendance = secretary.locator('#aanwezigheid')
  await attendance
    .getByRole('group', { name: /^Aanwezigheid van .*/ })
    .first()
    .waitFor()
  const dammePerson = all<{ name: string }>(
    "SELECT name FROM User WHERE email = 'lid.damme@example.org'",
  )[0]!.name
  const maldegemPerson = all<{ name: string }>(
    "SELECT name FROM User WHERE email = 'lid.maldegem@example.org'",
  )[0]!.name
  await attendance
    .getByRole('group', { name: `Aanwezigheid van ${dammePerson}` })
    .getByRole('radio', { name: 'Aanwezig' })
    .check()
  await attendance
    .getByRole('group', { name: `Aanwezigheid van ${maldegemPerson}` })
    .getByRole('radio', { name: 'Met kennisgeving afwezig' })
    .check()
  await attendance
    .getByLabel(`Reden van afwezigheid van ${maldegemPerson} (niet verplicht)`)
    .fill('Gemeenteraad')
  await attendance.getByRole('button', { name: 'Aanwezigheid opslaan' }).click()
  await expect(secretary.getByText('De aanwezigheid is opgeslagen.')).toBeVisible()

  // --- Held; the draft minutes hold attendance, decisions and action items.
  await secretary.goto(base)
  await secretary.getByRole('button', { name: 'Vastleggen dat de vergadering is gehouden' }).click()
  await secretary.getByRole('button', { name: 'Ja, de vergadering is gehouden' }).click()
  // Wait for the answer: navigating on at once aborts the POST on a slow machine.
  await expect(secretary.locator('.zwin-badge', { hasText: 'Gehouden' })).toBeVisible()
  await secretary.goto(`${base}/verslag`)
  await expect(secretary.getByText('Conceptverslag').first()).toBeVisible()
  await expect(secretary.getByText(`Gemeente Damme: aanwezig: ${dammePerson}`)).toBeVisible()
  await expect(
    secretary.getByText(
      `Gemeente Maldegem: met kennisgeving afwezig: ${maldegemPerson} (Gemeenteraad)`,
    ),
  ).toBeVisible()
  await expect(secretary.getByText('Stormschade in kaart brengen').first()).toBeVisible()
  await secretary.getByLabel('Verslagdocument (niet verplicht)').selectOption({ label: restricted })
  await secretary.getByRole('button', { name: 'Verslag opslaan' }).click()
  await expect(secretary.getByRole('status').filter({ hasText: 'opgeslagen' })).toBeVisible()
  await expectAccessible(secretary, 'the draft minutes')

  // --- The exports, read back: Damme is in the document's audience, Maldegem is not.
  const maldegem = await signedInPage(browser, MALDEGEM, { locale: 'nl-BE' })
  for (const file of ['verslag.pdf', 'verslag.docx']) {
    const forDamme = await exportText(damme, `${base}/verslag/${file}`)
    expect(forDamme, file).toContain('Het werkplan 2027 wordt vastgesteld.')
    expect(forDamme, file).toContain('Stormschade in kaart brengen')
    expect(forDamme, file).toContain(restricted)
    const forMaldegem = await exportText(maldegem, `${base}/verslag/${file}`)
    expect(forMaldegem, file).toContain('Het werkplan 2027 wordt vastgesteld.')
    expect(forMaldegem, file).not.toContain(restricted)
  }

  // --- Maldegem reads the meeting prepared in Sluis in Flemish.
  await maldegem.goto(base)
  await expect(maldegem.getByRole('cell', { name: 'Varia' })).toBeVisible()
  await maldegem.goto(`${base}/verslag`)
  await expect(maldegem.getByText('Ontwerpnotulen').first()).toBeVisible()
  await expect(maldegem.getByText(/1\. Opening en mededelingen: Akte genomen/)).toBeVisible()
  await expect(maldegem.getByText(/4\. .*: Goedgekeurd/)).toBeVisible()

  // --- Approval by written round: opened, answered by Maldegem, closed by the secretary.
  const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)
  await secretary.getByLabel('Uiterste datum om te antwoorden').fill(deadline)
  await secretary.getByRole('button', { name: 'Schriftelijke ronde starten' }).click()
  await expect(secretary.getByText(/De schriftelijke ronde loopt tot en met/)).toBeVisible()
  await maldegem.reload()
  await maldegem
    .getByRole('group', { name: 'Antwoord' })
    .getByRole('radio', { name: 'Akkoord' })
    .check()
  await maldegem.getByRole('button', { name: 'Antwoord versturen' }).click()
  await expect(maldegem.getByRole('cell', { name: /Akkoord/ })).toBeVisible()
  await secretary.reload()
  await secretary.getByRole('button', { name: 'Ronde sluiten en verslag vaststellen' }).click()
  await secretary
    .getByRole('alertdialog')
    .getByRole('button', { name: 'Ja, ronde sluiten en verslag vaststellen' })
    .click()
  await expect(
    secretary.getByText(/Het verslag is vastgesteld in een schriftelijke ronde, gesloten op/),
  ).toBeVisible()
  await expect(secretary.getByText('Conceptverslag')).toHaveCount(0)
  await expectAccessible(secretary, 'the approved minutes')

  // --- The same pages on a phone: nothing scrolls sideways.
  await expectNoSidewaysScroll(browser, [
    base,
    `${base}/agenda`,
    `${base}/vergadermodus`,
    `${base}/verslag`,
    `${base}/gasten`,
    `${base}/deelnemers`,
    `/netwerken/${NETWORK}/vaste-deelnemers`,
  ])
  for (const page of [secretary, damme, maldegem]) await page.context().close()
})
