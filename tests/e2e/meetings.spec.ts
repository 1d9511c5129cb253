import { expect, type Browser, type Page } from '@playwright/test'
import { meetingWallClock } from '../../app/modules/meetings/types'
import { all, createTestAccount, one, organisationId, send, signIn } from '../access/support'
import { pdfWithText } from '../fixtures/documents'
import {
  expectAccessible,
  flash,
  login,
  newestMailTo,
  signedInPage,
  test,
  uniqueSuffix,
} from './helpers'
import { seededMeetingTitles } from '../../prisma/seed-meetings'

// A joint meeting of the GOS, as the partners prepare and follow it up (issue 4, "What it must show"):
// the secretary (Sluis) plans a meeting hosted by Knokke-Heist with the standing items (seen once in
// nl-BE, where "Rondvraag" is "Varia"), adds three items and moves one with the keyboard. On one item
// she attaches the work plan every partner sees, on another she shares a new PDF for Damme,
// Knokke-Heist, Maldegem and Sint-Laureins only (Sluis, the sharing organisation, is always in it), and
// she attaches a document to the meeting as a whole; then she publishes. Damme sees the meeting with all
// three documents and sends a delegate; the Sluis plain member sees them too, but not the counts for
// the Belgian partners on the seeded 'GOS-overleg: werkplan 2027'; De Wolden (P10 only) gets 404 for the
// meeting, its .ics and its agenda pack. Once the meeting has begun the secretary records that it was
// held (asked first), a decision and an action item for Maldegem, which Maldegem finds under its own
// open actions and closes. Axe runs on every page on the way.
//
// Time: decisions and "held" need the meeting to have begun, and a meeting that is over is not
// published, so the journey plans it for today, starting an hour ago (Amsterdam time) and ending an
// hour and a half from now. Nothing here waits for the clock.

const NETWORK = 'gos'
const SECRETARY = 'secretaris.gos@example.org'
const DAMME = 'lid.damme@example.org'
const SLUIS = 'lid.sluis@example.org'
const MALDEGEM = 'lid.maldegem@example.org'
const DE_WOLDEN = 'lid.dewolden@example.org'

/** Seeded GOS documents (prisma/seed-documents.ts). */
const FOR_EVERY_PARTNER = 'Werkplan GOS 2027'
const FOR_THE_MEETING = 'Intentieovereenkomst automatische shuttle'
/** Shared by Knokke-Heist with Damme, Maldegem and Sint-Laureins: Sluis is not in its audience. */
const BELGIAN_ONLY = 'Verkeerstellingen grensovergangen (Belgische partners)'
/** The seeded published meeting (prisma/seed-meetings.ts), two weeks ahead; one item carries BELGIAN_ONLY. */
const WORK_PLAN_MEETING = seededMeetingTitles.published

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

/** The visually hidden status line of the agenda manager that says where a moved item is now. */
function moveAnnouncement(page: Page) {
  return page.getByRole('status').filter({ hasText: 'staat nu op plaats' })
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

/** Presses Enter on the focused move button and waits for the agenda to show `order`. */
async function pressEnterAndExpect(page: Page, meetingId: string, order: string[]) {
  await page.keyboard.press('Enter')
  await expect.poll(() => agendaOrder(page)).toEqual(order)
  expect(storedOrder(meetingId)).toEqual(order)
}

/** A new account of Sluis with the GOS secretary role, signed in. */
async function secondSecretary(browser: Browser): Promise<Page> {
  const account = await createTestAccount(
    await signIn('platformbeheer@example.org'),
    'secretaris',
    {
      organisationId: organisationId('sluis'),
    },
  )
  const granted = await send(`/netwerken/${NETWORK}/rollen`, {
    session: await signIn('coordinator.gos@example.org'),
    form: { intent: 'grant', userId: account.id, role: 'secretary' },
  })
  expect(granted.status).toBe(302)
  const context = await browser.newContext()
  const page = await context.newPage()
  await login(page, account.email, account.password)
  return page
}

/** A member of the GOS opens a meeting from the network's list of meetings. */
async function openFromList(browser: Browser, email: string, title: string) {
  const page = await signedInPage(browser, email)
  await page.goto(`/netwerken/${NETWORK}/vergaderingen`)
  await page.getByRole('link', { name: title }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  return page
}

test('a GOS meeting from planning to follow-up: agenda, documents, reply, decision, action item', async ({
  browser,
}) => {
  // The whole journey, with an axe run on every page, takes about three minutes on a busy 2-core machine.
  test.setTimeout(300_000)
  const suffix = uniqueSuffix()
  const title = `GOS-overleg bij Knokke-Heist ${suffix}`
  const [itemA, itemB, itemC] = [
    `Kustverdediging en het Zwin ${suffix}`,
    `Fietsroutes over de grens ${suffix}`,
    `Toerisme in de Zwinstreek ${suffix}`,
  ]
  const restricted = `Parkeerverwijzing grensovergangen ${suffix}`
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

  // In Flemish the standing item "Rondvraag" is "Varia". The language is kept on the account, so a
  // secretary of its own (made for this test) switches it: the demo secretary's pages stay in nl-NL for
  // the journeys that run beside this one.
  const flemish = await secondSecretary(browser)
  await flemish.goto(`/netwerken/${NETWORK}/vergaderingen/nieuw`)
  await switchLanguage(flemish, 'Nederlands (België)', 'nl-BE')
  const flemishStanding = flemish.getByRole('group', { name: 'Vaste agendapunten' })
  await expect(flemishStanding.getByLabel('Varia', { exact: true })).toBeChecked()
  await expect(flemishStanding.getByLabel('Rondvraag', { exact: true })).toHaveCount(0)
  await expectAccessible(flemish, 'the new meeting form in nl-BE')
  await flemish.context().close()
  const standing = secretary.getByRole('group', { name: 'Vaste agendapunten' })
  for (const name of standingTitles) {
    await expect(standing.getByLabel(name, { exact: true })).toBeChecked()
  }

  await secretary.getByLabel('Titel', { exact: true }).fill(title)
  await secretary.getByLabel('Datum', { exact: true }).fill(from.day)
  await secretary.getByLabel('Begintijd').fill(from.time)
  // First an end an hour before the start: refused, nothing reaches the database.
  await secretary.getByLabel('Eindtijd').fill(tooEarly.time)
  if (tooEarly.day !== from.day) await secretary.getByLabel('Einddatum').fill(tooEarly.day)
  await secretary.getByLabel('Gastheer').selectOption({ label: 'Gemeente Knokke-Heist' })
  await secretary
    .getByLabel('Adres')
    .fill('Gemeentehuis Knokke-Heist, Dumortierlaan 32, 8300 Knokke-Heist')
  await secretary.getByLabel('Voorzitter').fill('Burgemeester van Knokke-Heist')
  await secretary.getByRole('button', { name: 'Concept opslaan en agenda opstellen' }).click()
  await expect(
    secretary.getByText('De eindtijd ligt vóór of op de begintijd. Kies een latere eindtijd,'),
  ).toBeVisible()
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
  await expect(flash(secretary, `'${itemA}' is toegevoegd als punt 4.`)).toBeVisible()
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
  const [opening, closing] = [standingTitles.slice(0, 3), standingTitles.slice(3)]
  expect(await agendaOrder(secretary)).toEqual([...opening, itemA, itemB, itemC, ...closing])

  // --- Reorder with the keyboard: focus "Omlaag" of item 4 and press Enter. The page comes back with
  // the focus on the moved item's "Omlaag" (now item 5) and a status line saying where it is, so a
  // second Enter moves it further.
  await secretary.getByRole('button', { name: `4 ${itemA} omlaag` }).focus()
  await pressEnterAndExpect(secretary, meetingId, [...opening, itemB, itemA, itemC, ...closing])
  await expect(secretary).toHaveURL(/\/agenda\?verplaatst=[^&]+&richting=omlaag$/)
  await expect(secretary.getByRole('button', { name: `5 ${itemA} omlaag` })).toBeFocused()
  await expect(moveAnnouncement(secretary)).toHaveText(`'${itemA}' staat nu op plaats 5.`)
  await expectAccessible(secretary, 'the agenda after moving an item down')
  await pressEnterAndExpect(secretary, meetingId, [...opening, itemB, itemC, itemA, ...closing])
  await expect(secretary.getByRole('button', { name: `6 ${itemA} omlaag` })).toBeFocused()
  await expect(moveAnnouncement(secretary)).toHaveText(`'${itemA}' staat nu op plaats 6.`)
  const reordered = [...opening, itemB, itemC, itemA, ...closing]

  // At the end there is no "Omlaag": "Rondvraag" moved down to the last place keeps the focus on its
  // "Omhoog", and Enter there moves it back.
  await secretary.getByRole('button', { name: '7 Rondvraag omlaag' }).focus()
  const [anyBusiness, closingItem] = closing as [string, string]
  const swapped = [...opening, itemB, itemC, itemA, closingItem, anyBusiness]
  await pressEnterAndExpect(secretary, meetingId, swapped)
  await expect(secretary.getByRole('button', { name: '8 Rondvraag omhoog' })).toBeFocused()
  await expect(moveAnnouncement(secretary)).toHaveText("'Rondvraag' staat nu op plaats 8.")
  await pressEnterAndExpect(secretary, meetingId, reordered)
  await expect(secretary.getByRole('button', { name: '7 Rondvraag omhoog' })).toBeFocused()
  await expect(moveAnnouncement(secretary)).toHaveText("'Rondvraag' staat nu op plaats 7.")

  // Reloading after a move moves nothing again (the move answered with a redirect).
  await secretary.reload()
  expect(await agendaOrder(secretary)).toEqual(reordered)
  expect(storedOrder(meetingId)).toEqual(reordered)

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
  expect(storedOrder(meetingId)).toEqual(reordered)

  // --- A document for the meeting as a whole, on the agenda page.
  const meetingDocuments = secretary.getByRole('region', { name: 'Documenten bij de vergadering' })
  await meetingDocuments
    .getByLabel('Bestaand document koppelen')
    .selectOption({ label: FOR_THE_MEETING })
  await meetingDocuments.getByRole('button', { name: 'Koppelen' }).click()
  await expect(flash(secretary, 'Uw wijzigingen zijn opgeslagen.')).toBeVisible()
  await expect(
    meetingDocuments.getByRole('link', { name: FOR_THE_MEETING, exact: true }),
  ).toBeVisible()
  await expect(
    meetingDocuments.getByRole('button', { name: `${FOR_THE_MEETING} ontkoppelen` }),
  ).toBeVisible()
  await expectAccessible(secretary, 'the agenda with a document for the meeting')

  // --- The work plan for every partner on item 6.
  await secretary.getByRole('link', { name: itemA }).click()
  await expect(
    secretary.getByRole('heading', { level: 1, name: `Agendapunt 6: ${itemA}` }),
  ).toBeVisible()
  await expectAccessible(secretary, 'an agenda item')
  const itemDocuments = secretary.getByRole('region', { name: 'Documenten bij dit agendapunt' })
  await itemDocuments
    .getByLabel('Bestaand document koppelen')
    .selectOption({ label: FOR_EVERY_PARTNER })
  await itemDocuments.getByRole('button', { name: 'Koppelen' }).click()
  await expect(flash(secretary, 'Uw wijzigingen zijn opgeslagen.')).toBeVisible()
  await expect(
    itemDocuments.getByRole('link', { name: FOR_EVERY_PARTNER, exact: true }),
  ).toBeVisible()
  await expectAccessible(secretary, 'an agenda item with a document')

  // --- Item 4 gets a new document, for some partners only. The counts for the Belgian partners are
  // not offered to attach: Sluis is not in their audience, and a preparer attaches only documents
  // they may see.
  await secretary.getByRole('link', { name: `Agenda van ${title}` }).click()
  await secretary.getByRole('link', { name: itemB }).click()
  await expect(
    secretary.getByRole('heading', { level: 1, name: `Agendapunt 4: ${itemB}` }),
  ).toBeVisible()
  const attachable = itemDocuments.getByLabel('Bestaand document koppelen')
  await expect(attachable.locator('option', { hasText: FOR_EVERY_PARTNER })).toHaveCount(1)
  await expect(attachable.locator('option', { hasText: BELGIAN_ONLY })).toHaveCount(0)

  await itemDocuments
    .getByRole('link', { name: 'Nieuw document delen voor dit agendapunt' })
    .click()
  await expect(secretary.getByRole('heading', { level: 1, name: 'Document delen' })).toBeVisible()
  await expect(
    secretary.getByText(`Het document wordt na het delen gekoppeld aan agendapunt '${itemB}'.`),
  ).toBeVisible()
  await expectAccessible(secretary, 'sharing a document for an agenda item')
  await secretary.getByLabel('Bestand', { exact: true }).setInputFiles({
    name: `parkeerverwijzing-${suffix}.pdf`,
    mimeType: 'application/pdf',
    buffer: Buffer.from(
      await pdfWithText([`${restricted}`, 'Voorstel voor een gezamenlijke parkeerverwijzing.']),
    ),
  })
  await secretary.getByLabel('Titel', { exact: true }).fill(restricted)
  await secretary.getByRole('radio', { name: 'Alleen geselecteerde partners' }).check()
  const partners = secretary.getByRole('group', { name: 'Geselecteerde partners' })
  // The sharing organisation always sees its own document: ticked and not to be unticked.
  await expect(partners.getByLabel('Gemeente Sluis', { exact: true })).toBeChecked()
  await expect(partners.getByLabel('Gemeente Sluis', { exact: true })).toBeDisabled()
  const audience = ['Damme', 'Knokke-Heist', 'Maldegem', 'Sint-Laureins']
  for (const name of audience) {
    await partners.getByLabel(`Gemeente ${name}`, { exact: true }).check()
  }
  await secretary.getByRole('button', { name: 'Document delen' }).click()
  // Back on the item's page, the new document attached to it.
  await expect(secretary).toHaveURL(new RegExp(`${meetingUrl}/agenda/[^/?]+$`))
  await expect(
    secretary.getByRole('heading', { level: 1, name: `Agendapunt 4: ${itemB}` }),
  ).toBeVisible()
  await expect(itemDocuments.getByRole('link', { name: restricted, exact: true })).toBeVisible()
  const shared = one<{ id: string; audience: string }>(
    'SELECT id, audience FROM Document WHERE title = ?',
    restricted,
  )!
  expect(shared.audience).not.toBe('network')
  expect(
    all<{ name: string }>(
      `SELECT o.name FROM DocumentAudience a JOIN Organisation o ON o.id = a.organisationId
       WHERE a.documentId = ? ORDER BY o.name`,
      shared.id,
    ).map((r) => r.name),
  ).toEqual([...audience, 'Sluis'].map((name) => `Gemeente ${name}`))
  expect(
    one(
      `SELECT md.id FROM MeetingDocument md JOIN AgendaItem i ON i.id = md.agendaItemId
       WHERE md.meetingId = ? AND md.documentId = ? AND i.title = ?`,
      meetingId,
      shared.id,
      itemB,
    ),
  ).toBeTruthy()
  await expectAccessible(secretary, 'an agenda item with a newly shared document')

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
  const invitation = await newestMailTo(DAMME, 0, title)
  expect(invitation).toContain(title)
  expect(invitation).toContain('BEGIN:VCALENDAR')

  // --- Damme finds the meeting with all three documents, and sends a delegate.
  const damme = await signedInPage(browser, DAMME)
  await damme.goto(`/netwerken/${NETWORK}`)
  await damme.getByRole('link', { name: 'Vergaderingen', exact: true }).click()
  await damme.getByRole('link', { name: title }).click()
  await expect(damme.getByRole('heading', { level: 1, name: title })).toBeVisible()
  for (const document of [FOR_EVERY_PARTNER, restricted, FOR_THE_MEETING]) {
    await expect(damme.getByRole('link', { name: document, exact: true })).toBeVisible()
  }
  await expect(damme.getByText('Gemeente Knokke-Heist').first()).toBeVisible()
  await expectAccessible(damme, 'the published meeting for Damme')
  const rsvp = damme.getByRole('region', { name: 'Uw aanwezigheid' })
  await rsvp.getByRole('radio', { name: 'Ik stuur iemand in mijn plaats' }).check()
  await rsvp.getByLabel('Naam van wie u stuurt').fill('Jan Vandamme')
  await rsvp.getByRole('button', { name: 'Antwoord opslaan' }).click()
  await expect(flash(damme, 'Uw antwoord is opgeslagen.')).toBeVisible()
  await expect(damme.getByText('Uw antwoord: u stuurt Jan Vandamme.')).toBeVisible()
  await expectAccessible(damme, 'the meeting after replying')

  // On the seeded work plan meeting an item carries the counts for the Belgian partners: Damme is in
  // their audience and sees them next to the work plan.
  await damme.goto(`/netwerken/${NETWORK}/vergaderingen`)
  await damme.getByRole('link', { name: WORK_PLAN_MEETING }).click()
  await expect(damme.getByRole('heading', { level: 1, name: WORK_PLAN_MEETING })).toBeVisible()
  await expect(damme.getByRole('link', { name: FOR_EVERY_PARTNER, exact: true })).toBeVisible()
  await expect(damme.getByRole('link', { name: BELGIAN_ONLY, exact: true })).toBeVisible()
  await expectAccessible(damme, 'the seeded work plan meeting for Damme')

  // --- The Sluis plain member sees a restricted document only when Sluis is in its audience. The new
  // one was shared by the Sluis secretary: the sharing organisation is always in the audience of its
  // own document, so Sluis sees it (with the other two) ...
  const sluis = await openFromList(browser, SLUIS, title)
  for (const document of [FOR_EVERY_PARTNER, restricted, FOR_THE_MEETING]) {
    await expect(sluis.getByRole('link', { name: document, exact: true })).toBeVisible()
  }
  await expectAccessible(sluis, 'the published meeting for Sluis')
  // ... while the Belgian counts, shared by Knokke-Heist without Sluis, are nowhere in the page; the
  // item carrying them is there.
  await sluis.goto(`/netwerken/${NETWORK}/vergaderingen`)
  await sluis.getByRole('link', { name: WORK_PLAN_MEETING }).click()
  await expect(sluis.getByRole('heading', { level: 1, name: WORK_PLAN_MEETING })).toBeVisible()
  await expect(sluis.getByText('Grensverkeer: resultaten van de tellingen')).toBeVisible()
  await expect(sluis.getByRole('link', { name: FOR_EVERY_PARTNER, exact: true })).toBeVisible()
  expect(await sluis.content()).not.toContain(BELGIAN_ONLY)
  await expectAccessible(sluis, 'the seeded work plan meeting for Sluis')

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

  // --- The meeting has begun: held (asked first), a decision on item 6, an action item for Maldegem.
  await secretary.goto(meetingUrl)
  await secretary.getByRole('button', { name: 'Vastleggen dat de vergadering is gehouden' }).click()
  const heldQuestion = secretary.getByRole('alertdialog')
  await expect(heldQuestion).toContainText('Vastleggen dat de vergadering is gehouden?')
  expect(one<{ status: string }>('SELECT status FROM Meeting WHERE id = ?', meetingId)).toEqual({
    status: 'published',
  })
  await expectAccessible(secretary, 'the meeting asking to confirm it was held')
  await heldQuestion.getByRole('button', { name: 'Ja, de vergadering is gehouden' }).click()
  await expect(flash(secretary, 'Uw wijzigingen zijn opgeslagen.')).toBeVisible()
  await expect(secretary.locator('.zwin-badge', { hasText: 'Gehouden' })).toBeVisible()
  await expectAccessible(secretary, 'the held meeting')

  await secretary.getByRole('link', { name: itemA }).click()
  await expect(
    secretary.getByRole('heading', { level: 1, name: `Agendapunt 6: ${itemA}` }),
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
