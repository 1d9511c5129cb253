import { expect, test, type Page } from '@playwright/test'
import { meetingWallClock } from '../../app/modules/meetings/types'
import { all, one } from '../access/support'
import { expectAccessible, flash, newestMailTo, signedInPage, uniqueSuffix } from './helpers'

// A joint meeting of the GOS, as the partners prepare and follow it up: the secretary (Sluis) plans a
// meeting hosted by Knokke-Heist with the standing items (seen once in nl-BE, where "Rondvraag" is
// "Varia"), adds three items, reorders one with the keyboard, attaches documents and publishes. Damme
// finds it and sends a delegate; Sluis sees it with the documents for every partner only; De Wolden
// (P10 only) gets 404 for the meeting, its .ics and its agenda pack. After the meeting the secretary
// records a decision and an action item for Maldegem, which Maldegem finds under its own open actions
// and closes. Axe runs on every page on the way.
//
// Time: marking a meeting as held needs it to have begun, so the journey plans it for today, starting
// an hour ago (Amsterdam time) and ending an hour and a half from now: the meeting is under way while
// the partners reply, and has begun when the secretary records it. Nothing here waits for the clock.

const NETWORK = 'gos'
const SECRETARY = 'secretaris.gos@example.org'
const DAMME = 'lid.damme@example.org'
const SLUIS = 'lid.sluis@example.org'
const MALDEGEM = 'lid.maldegem@example.org'
const DE_WOLDEN = 'lid.dewolden@example.org'

const FOR_EVERY_PARTNER = 'Werkplan GOS 2027'
const BELGIAN_ONLY = 'Verkeerstellingen grensovergangen (Belgische partners)'
const DECEMBER = 'GOS-overleg: werkplan 2027'

const standingTitles = [
  'Opening en mededelingen',
  'Verslag van de vorige vergadering',
  'Actiepuntenlijst',
  'Rondvraag',
  'Sluiting',
]

/** The titles of the agenda in the order the agenda manager shows them. */
function agendaOrder(page: Page) {
  return page
    .getByRole('table', { name: 'Agenda met tijdschema' })
    .locator('tbody tr')
    .getByRole('link')
    .allInnerTexts()
}

function storedOrder(meetingId: string) {
  return all<{ title: string }>(
    'SELECT title FROM AgendaItem WHERE meetingId = ? AND parentId IS NULL ORDER BY position',
    meetingId,
  ).map((r) => r.title)
}

/** A GET from inside the page (its cookies, its origin), for files the browser would download. */
function fetchFromPage(page: Page, url: string) {
  return page.evaluate(async (target) => {
    const response = await fetch(target, { redirect: 'manual' })
    return { status: response.status, text: await response.text() }
  }, url)
}

async function switchLanguage(page: Page, language: string, lang: string) {
  await page.getByRole('button', { name: language, exact: true }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', lang)
}

test('a GOS meeting from planning to follow-up: agenda, documents, reply, decision, action item', async ({
  browser,
}) => {
  test.slow()
  const suffix = uniqueSuffix()
  const title = `GOS-overleg bij Knokke-Heist ${suffix}`
  const [itemA, itemB, itemC] = [
    `Kustverdediging en het Zwin ${suffix}`,
    `Fietsroutes over de grens ${suffix}`,
    `Toerisme in de Zwinstreek ${suffix}`,
  ]
  const start = new Date(Math.floor((Date.now() - 60 * 60_000) / (5 * 60_000)) * 5 * 60_000)
  const at = (minutes: number) => meetingWallClock(new Date(start.getTime() + minutes * 60_000))
  const [from, to, tooEarly] = [at(0), at(150), at(-60)]
  const meetingsOf = (t: string) =>
    all<{ id: string }>('SELECT id FROM Meeting WHERE title = ?', t).length

  // --- The secretary plans the meeting.
  const secretary = await signedInPage(browser, SECRETARY)
  await secretary.goto(`/netwerken/${NETWORK}`)
  await secretary.getByRole('link', { name: 'Vergaderingen', exact: true }).click()
  await expect(
    secretary.getByRole('heading', { level: 1, name: 'Vergaderingen van GOS' }),
  ).toBeVisible()
  await expectAccessible(secretary, 'the GOS meetings')
  await secretary.getByRole('link', { name: 'Vergadering plannen' }).click()
  await expect(
    secretary.getByRole('heading', { level: 1, name: 'Vergadering plannen' }),
  ).toBeVisible()
  await expectAccessible(secretary, 'the new meeting form')

  // In Flemish the standing item "Rondvraag" is "Varia". The choice is kept on the account: back after.
  const standing = secretary.getByRole('group', { name: 'Vaste agendapunten' })
  await switchLanguage(secretary, 'Nederlands (België)', 'nl-BE')
  await expect(standing.getByLabel('Varia', { exact: true })).toBeChecked()
  await expect(standing.getByLabel('Rondvraag', { exact: true })).toHaveCount(0)
  await expectAccessible(secretary, 'the new meeting form in nl-BE')
  await switchLanguage(secretary, 'Nederlands (Nederland)', 'nl-NL')
  for (const name of standingTitles) {
    await expect(standing.getByLabel(name, { exact: true })).toBeChecked()
  }

  await secretary.getByLabel('Titel', { exact: true }).fill(title)
  await secretary.getByLabel('Datum', { exact: true }).fill(from.day)
  await secretary.getByLabel('Begintijd').fill(from.time)
  // First an end an hour before the start: refused in the browser, nothing reaches the database.
  await secretary.getByLabel('Eindtijd').fill(tooEarly.time)
  if (tooEarly.day !== from.day) await secretary.getByLabel('Einddatum').fill(tooEarly.day)
  await secretary.getByLabel('Gastheer').selectOption({ label: 'Gemeente Knokke-Heist' })
  await secretary
    .getByLabel('Adres')
    .fill('Gemeentehuis Knokke-Heist, Dumortierlaan 32, 8300 Knokke-Heist')
  await secretary.getByLabel('Voorzitter').fill('Burgemeester van Knokke-Heist')
  await secretary.getByRole('button', { name: 'Concept opslaan en agenda opstellen' }).click()
  await expect(secretary.getByText('De einddatum ligt voor de begindatum.')).toBeVisible()
  await expect(secretary.getByLabel('Eindtijd')).toHaveAttribute('aria-invalid', 'true')
  await expect(secretary).toHaveURL(/\/vergaderingen\/nieuw$/)
  expect(meetingsOf(title)).toBe(0)
  await expectAccessible(secretary, 'the new meeting form with an end before the start')

  await secretary.getByLabel('Eindtijd').fill(to.time)
  await secretary.getByLabel('Einddatum').fill(to.day === from.day ? '' : to.day)
  await secretary.getByRole('button', { name: 'Concept opslaan en agenda opstellen' }).click()
  await expect(secretary).toHaveURL(/\/vergaderingen\/[^/]+\/agenda$/)
  await expect(
    secretary.getByRole('heading', { level: 1, name: `Agenda van ${title}` }),
  ).toBeVisible()
  const meetingId = /\/vergaderingen\/([^/]+)\/agenda$/.exec(secretary.url())![1]!
  const meetingUrl = `/netwerken/${NETWORK}/vergaderingen/${meetingId}`
  expect(await agendaOrder(secretary)).toEqual(standingTitles)
  await expectAccessible(secretary, 'the agenda with the standing items')

  // --- Three items; the second first with a duration in words, which is refused.
  const addItem = async (itemTitle: string, minutes: string, presenter?: string) => {
    await secretary.getByLabel('Titel', { exact: true }).fill(itemTitle)
    await secretary.getByLabel('Soort').selectOption({ label: 'Ter bespreking' })
    if (presenter) await secretary.getByLabel('Inbreng door').selectOption({ label: presenter })
    await secretary.getByLabel('Duur in minuten').fill(minutes)
    await secretary.getByRole('button', { name: 'Agendapunt toevoegen' }).click()
  }
  await addItem(itemA, '30', 'Gemeente Knokke-Heist')
  await expect(flash(secretary, 'Uw wijzigingen zijn opgeslagen.')).toBeVisible()
  await addItem(itemB, 'tien')
  await expect(
    secretary.getByText('Vul de duur in als een heel aantal minuten, bijvoorbeeld 15.'),
  ).toBeVisible()
  await expect(secretary.getByLabel('Duur in minuten')).toHaveAttribute('aria-invalid', 'true')
  await expectAccessible(secretary, 'the agenda form with a duration in words')
  expect(storedOrder(meetingId)).not.toContain(itemB)
  await secretary.getByLabel('Duur in minuten').fill('20')
  await secretary.getByRole('button', { name: 'Agendapunt toevoegen' }).click()
  await expect(secretary.getByRole('link', { name: itemB })).toBeVisible()
  await addItem(itemC, '15', 'Gemeente Sluis')
  await expect(secretary.getByRole('link', { name: itemC })).toBeVisible()
  // New items go before "Rondvraag" and "Sluiting".
  const added = [...standingTitles.slice(0, 3), itemA, itemB, itemC, ...standingTitles.slice(3)]
  expect(await agendaOrder(secretary)).toEqual(added)

  // --- Reorder with the keyboard: focus "Omhoog" of item 6 and press Enter. The focus stays on the
  // moved item's button, now item 5.
  const up = secretary.getByRole('button', { name: `6 ${itemC} omhoog` })
  await up.focus()
  await secretary.keyboard.press('Enter')
  const reordered = [...standingTitles.slice(0, 3), itemA, itemC, itemB, ...standingTitles.slice(3)]
  await expect.poll(() => agendaOrder(secretary)).toEqual(reordered)
  await expect(secretary.getByRole('button', { name: `5 ${itemC} omhoog` })).toBeFocused()
  expect(storedOrder(meetingId)).toEqual(reordered)
  await expectAccessible(secretary, 'the agenda after moving an item up')

  // Moving the first item further up, posted by hand: refused with the message, nothing moves.
  const first = one<{ id: string }>(
    'SELECT id FROM AgendaItem WHERE meetingId = ? AND parentId IS NULL AND position = 0',
    meetingId,
  )!
  const origin = new URL(secretary.url()).origin
  const beyond = await secretary.request.post(`${meetingUrl}/agenda`, {
    form: { intent: 'move', id: first.id, direction: 'up' },
    headers: { Origin: origin },
    maxRedirects: 0,
  })
  expect(beyond.status()).toBe(400)
  expect(await beyond.text()).toContain(
    'Dit punt staat al bovenaan of onderaan en kan niet verder.',
  )
  await secretary.reload()
  expect(await agendaOrder(secretary)).toEqual(reordered)
  expect(storedOrder(meetingId)).toEqual(reordered)

  // --- Documents: the work plan for every partner on item 4.
  await secretary.getByRole('link', { name: itemA }).click()
  await expect(
    secretary.getByRole('heading', { level: 1, name: `Agendapunt 4: ${itemA}` }),
  ).toBeVisible()
  await expectAccessible(secretary, 'an agenda item')
  await secretary
    .getByLabel('Bestaand document koppelen')
    .selectOption({ label: FOR_EVERY_PARTNER })
  await secretary.getByRole('button', { name: 'Koppelen' }).click()
  await expect(flash(secretary, 'Uw wijzigingen zijn opgeslagen.')).toBeVisible()
  const itemDocuments = secretary.getByRole('region', { name: 'Documenten bij dit agendapunt' })
  await expect(
    itemDocuments.getByRole('link', { name: FOR_EVERY_PARTNER, exact: true }),
  ).toBeVisible()
  await expectAccessible(secretary, 'an agenda item with a document')

  // The counts for the Belgian partners only: Sluis is not in its audience, so the Sluis secretary
  // cannot see it and it is not offered to attach (app rule: a preparer attaches only documents they
  // may see). The per-reader view of an item carrying it is checked on the seeded December meeting below.
  await secretary.getByRole('link', { name: `Agenda van ${title}` }).click()
  await secretary.getByRole('link', { name: itemB }).click()
  await expect(
    secretary.getByRole('heading', { level: 1, name: `Agendapunt 6: ${itemB}` }),
  ).toBeVisible()
  const attachable = secretary.getByLabel('Bestaand document koppelen')
  await expect(attachable.locator('option', { hasText: FOR_EVERY_PARTNER })).toHaveCount(1)
  await expect(attachable.locator('option', { hasText: BELGIAN_ONLY })).toHaveCount(0)

  // --- Publish, with the confirmation.
  await secretary.goto(meetingUrl)
  await expect(secretary.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(secretary.getByText('Dit is een concept.')).toBeVisible()
  await expectAccessible(secretary, 'the draft meeting')
  await secretary.getByRole('button', { name: 'Publiceren en uitnodigingen versturen' }).click()
  const question = secretary.getByRole('alertdialog')
  await expect(question).toContainText('Vergadering publiceren?')
  await expectAccessible(secretary, 'the meeting asking to confirm publishing')
  await question.getByRole('button', { name: 'Ja, publiceren' }).click()
  await expect(
    flash(secretary, 'De vergadering is gepubliceerd en de uitnodigingen zijn verstuurd.'),
  ).toBeVisible()
  await expect(secretary.locator('.zwin-badge', { hasText: 'Gepubliceerd' })).toBeVisible()
  await expectAccessible(secretary, 'the published meeting')
  // Damme's invitation, with the meeting as a calendar file.
  const invitation = await newestMailTo(DAMME)
  expect(invitation).toContain(title)
  expect(invitation).toContain('BEGIN:VCALENDAR')

  // --- Damme finds the meeting, sees the work plan, and sends a delegate.
  const damme = await signedInPage(browser, DAMME)
  await damme.goto(`/netwerken/${NETWORK}`)
  await damme.getByRole('link', { name: 'Vergaderingen', exact: true }).click()
  await damme.getByRole('link', { name: title }).click()
  await expect(damme.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(damme.getByRole('link', { name: FOR_EVERY_PARTNER, exact: true })).toBeVisible()
  await expect(damme.getByText('Gemeente Knokke-Heist').first()).toBeVisible()
  await expectAccessible(damme, 'the published meeting for Damme')
  const rsvp = damme.getByRole('region', { name: 'Uw aanwezigheid' })
  await rsvp.getByRole('radio', { name: 'Ik stuur iemand in mijn plaats' }).check()
  await rsvp.getByLabel('Naam van wie u stuurt').fill('Jan Vandamme')
  await rsvp.getByRole('button', { name: 'Antwoord opslaan' }).click()
  await expect(flash(damme, 'Uw antwoord is opgeslagen.')).toBeVisible()
  await expect(damme.getByText('Uw antwoord: u stuurt Jan Vandamme.')).toBeVisible()
  await expectAccessible(damme, 'the meeting after replying')

  // On the December meeting, an item carries the counts for the Belgian partners: Damme sees both.
  await damme.goto(`/netwerken/${NETWORK}/vergaderingen`)
  await damme.getByRole('link', { name: DECEMBER }).click()
  await expect(damme.getByRole('heading', { level: 1, name: DECEMBER })).toBeVisible()
  await expect(damme.getByRole('link', { name: FOR_EVERY_PARTNER, exact: true })).toBeVisible()
  await expect(damme.getByRole('link', { name: BELGIAN_ONLY, exact: true })).toBeVisible()
  await expectAccessible(damme, 'the December meeting for Damme')

  // --- Sluis (no role) sees the meeting and the work plan; the Belgian counts nowhere in the page.
  const sluis = await signedInPage(browser, SLUIS)
  await sluis.goto(`/netwerken/${NETWORK}/vergaderingen`)
  await sluis.getByRole('link', { name: title }).click()
  await expect(sluis.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(sluis.getByRole('link', { name: FOR_EVERY_PARTNER, exact: true })).toBeVisible()
  await expectAccessible(sluis, 'the published meeting for Sluis')
  await sluis.goto(`/netwerken/${NETWORK}/vergaderingen`)
  await sluis.getByRole('link', { name: DECEMBER }).click()
  await expect(sluis.getByRole('heading', { level: 1, name: DECEMBER })).toBeVisible()
  await expect(sluis.getByText('Grensverkeer: resultaten van de tellingen')).toBeVisible()
  await expect(sluis.getByRole('link', { name: FOR_EVERY_PARTNER, exact: true })).toBeVisible()
  expect(await sluis.content()).not.toContain(BELGIAN_ONLY)
  await expectAccessible(sluis, 'the December meeting for Sluis')

  // --- De Wolden (P10 only): the meeting, its .ics and its agenda pack are not there.
  const deWolden = await signedInPage(browser, DE_WOLDEN)
  const refused = await deWolden.goto(meetingUrl)
  expect(refused?.status()).toBe(404)
  await expect(
    deWolden.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' }),
  ).toBeVisible()
  expect(await deWolden.content()).not.toContain(title)
  await expectAccessible(deWolden, 'the 404 for the meeting')
  for (const file of ['vergadering.ics', 'agendapakket.pdf']) {
    const answer = await fetchFromPage(deWolden, `${meetingUrl}/${file}`)
    expect(answer.status, file).toBe(404)
    expect(answer.text, file).not.toContain(title)
  }

  // --- The secretary sees Damme's reply on the attendance page.
  await secretary.getByRole('link', { name: 'Genodigden en aanwezigheid' }).click()
  await expect(
    secretary.getByRole('heading', {
      level: 1,
      name: `Genodigden en aanwezigheid: ${title}`,
    }),
  ).toBeVisible()
  const dammeReplies = secretary.getByRole('region', { name: 'Gemeente Damme' })
  await expect(dammeReplies.getByRole('row', { name: /Wout Vanpolderhove/ })).toContainText(
    'Jan Vandamme',
  )
  await expectAccessible(secretary, 'the attendance page')

  // --- The meeting has begun: held, a decision on item 4 and an action item for Maldegem.
  await secretary.goto(meetingUrl)
  await secretary.getByRole('button', { name: 'Vastleggen dat de vergadering is gehouden' }).click()
  await expect(flash(secretary, 'Uw wijzigingen zijn opgeslagen.')).toBeVisible()
  await expect(secretary.locator('.zwin-badge', { hasText: 'Gehouden' })).toBeVisible()
  await expectAccessible(secretary, 'the held meeting')

  await secretary.getByRole('link', { name: itemA }).click()
  await expect(
    secretary.getByRole('heading', { level: 1, name: `Agendapunt 4: ${itemA}` }),
  ).toBeVisible()
  const decision = `De partners laten samen een studie naar de kustverdediging maken ${suffix}.`
  await secretary.getByLabel('Tekst van het besluit').fill(decision)
  await secretary.getByRole('radio', { name: 'Aangenomen', exact: true }).check()
  await secretary.getByRole('button', { name: 'Besluit opslaan' }).click()
  await expect(flash(secretary, 'Uw wijzigingen zijn opgeslagen.')).toBeVisible()
  await expect(secretary.getByLabel('Tekst van het besluit')).toHaveValue(decision)

  const action = `Offerte voor de kuststudie opvragen ${suffix}`
  await secretary.getByLabel('Wat moet er gebeuren?').fill(action)
  await secretary
    .getByLabel('Organisatie', { exact: true })
    .selectOption({ label: 'Gemeente Maldegem' })
  await secretary.getByLabel('Uiterlijk klaar op (niet verplicht)').fill('2027-01-31')
  await secretary.getByRole('button', { name: 'Actiepunt toevoegen' }).click()
  await expect(flash(secretary, 'Uw wijzigingen zijn opgeslagen.')).toBeVisible()
  const itemActions = secretary.getByRole('table', { name: 'Actiepunten bij dit agendapunt' })
  await expect(itemActions.getByRole('row', { name: new RegExp(action) })).toContainText(
    'Gemeente Maldegem',
  )
  await expectAccessible(secretary, 'the agenda item with its decision and action item')

  await secretary.goto(meetingUrl)
  await expect(secretary.getByText(decision)).toBeVisible()

  // --- Maldegem finds it under its own open actions (the page opens on the own organisation).
  const maldegem = await signedInPage(browser, MALDEGEM)
  await maldegem.goto(`/netwerken/${NETWORK}`)
  await maldegem.getByRole('link', { name: 'Openstaande actiepunten' }).click()
  await expect(maldegem).toHaveURL(`/netwerken/${NETWORK}/acties`)
  await expect(
    maldegem.getByRole('heading', {
      level: 2,
      name: 'Wat staat er nog open voor Gemeente Maldegem?',
    }),
  ).toBeVisible()
  const openActions = maldegem.getByRole('table', { name: 'Openstaande actiepunten' })
  const row = openActions.getByRole('row', { name: new RegExp(action) })
  await expect(row).toContainText('Gemeente Maldegem')
  await expect(row).toContainText(title)
  await expectAccessible(maldegem, "Maldegem's open actions")
  // The button names its action item (in a visually hidden part): "Gedaan : <description>".
  await row.getByRole('button', { name: new RegExp(`^Gedaan\\s*: ${action}$`) }).click()
  await expect(flash(maldegem, 'Uw wijzigingen zijn opgeslagen.')).toBeVisible()
  await expect(maldegem.getByText(action)).toHaveCount(0)
  expect(
    one<{ status: string }>('SELECT status FROM ActionItem WHERE description = ?', action),
  ).toEqual({ status: 'done' })
  await expectAccessible(maldegem, "Maldegem's open actions after closing one")
})
