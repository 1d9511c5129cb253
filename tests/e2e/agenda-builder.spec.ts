import { expect } from '@playwright/test'
import { all } from '../access/support'
import {
  expectAccessible,
  numberedAgenda,
  planMeeting,
  signedInPage,
  test,
  uniqueSuffix,
} from './helpers'

// The agenda builder as a secretary uses it (issue 11, item 1): after "Agendapunt toevoegen" the form is
// empty again, with the focus in its title, so the next item does not silently become a sub-item with
// the previous item's explanation; and an item's own form moves it under another item or back to the
// top level, renumbering the agenda.

const NETWORK = 'gos'
const SECRETARY = 'secretaris.gos@example.org'

function storedAgenda(meetingId: string) {
  return all<{ title: string; parent: string | null }>(
    `SELECT i.title, p.title AS parent FROM AgendaItem i LEFT JOIN AgendaItem p ON p.id = i.parentId
     WHERE i.meetingId = ? ORDER BY coalesce(p.position, i.position), i.parentId IS NOT NULL, i.position`,
    meetingId,
  )
}

test('the agenda form is empty after each add, and an item moves under another and back', async ({
  browser,
}) => {
  const suffix = uniqueSuffix()
  const title = `Agendaopbouw ${suffix}`
  const [shuttle, permits, cycling] = [
    `Shuttle ${suffix}`,
    `Vergunningen ${suffix}`,
    `Fietsroutes ${suffix}`,
  ]
  const secretary = await signedInPage(browser, SECRETARY)
  const meetingId = await planMeeting(secretary, {
    title,
    from: { day: '2027-05-20', time: '14:00' },
    to: { day: '2027-05-20', time: '16:00' },
    host: 'Gemeente Damme',
    address: 'Stadhuis Damme, Markt 1, 8340 Damme',
  })

  const form = secretary.getByRole('region', { name: 'Agendapunt toevoegen' })
  const added = (text: string) => secretary.getByRole('status').filter({ hasText: text })
  const expectEmptyForm = async () => {
    await expect(form.getByLabel('Titel', { exact: true })).toHaveValue('')
    await expect(form.getByLabel('Titel', { exact: true })).toBeFocused()
    await expect(form.getByLabel('Subpunt van')).toHaveValue('')
    await expect(form.getByLabel('Toelichting')).toHaveValue('')
    await expect(form.getByLabel('Inbreng door')).toHaveValue('')
    await expect(form.getByLabel('Duur in minuten')).toHaveValue('15')
  }

  // An item with an explanation and a presenter.
  await form.getByLabel('Titel', { exact: true }).fill(shuttle)
  await form.getByLabel('Inbreng door').selectOption({ label: 'Gemeente Knokke-Heist' })
  await form.getByLabel('Toelichting').fill('Stand van zaken van de proefrit langs de kust.')
  await form.getByRole('button', { name: 'Agendapunt toevoegen' }).click()
  await expect(added(`'${shuttle}' is toegevoegd als punt 4.`)).toBeVisible()
  await expectEmptyForm()
  await expectAccessible(secretary, 'the agenda after adding an item')

  // A sub-item under it: the next form is empty again, "Subpunt van" included.
  await form.getByLabel('Titel', { exact: true }).fill(permits)
  await form.getByLabel('Subpunt van').selectOption({ label: `4. ${shuttle}` })
  await form.getByLabel('Toelichting').fill('Welke vergunningen nodig zijn, per land.')
  await form.getByRole('button', { name: 'Agendapunt toevoegen' }).click()
  await expect(added(`'${permits}' is toegevoegd als punt 4a.`)).toBeVisible()
  await expectEmptyForm()

  // Only a title this time: a new item of its own, with no explanation carried over.
  await form.getByLabel('Titel', { exact: true }).fill(cycling)
  await form.getByRole('button', { name: 'Agendapunt toevoegen' }).click()
  await expect(added(`'${cycling}' is toegevoegd als punt 5.`)).toBeVisible()
  await expectEmptyForm()
  await expect
    .poll(() => numberedAgenda(secretary))
    .toEqual([
      '1 Opening en mededelingen',
      '2 Verslag van de vorige vergadering',
      '3 Actiepuntenlijst',
      `4 ${shuttle}`,
      `4a ${permits}`,
      `5 ${cycling}`,
      '6 Rondvraag',
      '7 Sluiting',
    ])
  const cyclingRow = all<{ description: string; parentId: string | null }>(
    'SELECT description, parentId FROM AgendaItem WHERE meetingId = ? AND title = ?',
    meetingId,
    cycling,
  )
  expect(cyclingRow).toEqual([{ description: '', parentId: null }])

  // The item's own form moves it under "Shuttle": it becomes 4b and the agenda renumbers.
  const editItem = async (itemTitle: string, parent: string) => {
    await secretary.getByRole('link', { name: itemTitle, exact: true }).click()
    await expect(secretary.getByRole('heading', { level: 1 })).toContainText(itemTitle)
    await secretary.getByLabel('Subpunt van').selectOption({ label: parent })
    await secretary.getByRole('button', { name: 'Agendapunt opslaan' }).click()
    await expect(secretary.getByRole('status').filter({ hasText: 'opgeslagen' })).toBeVisible()
    await secretary
      .getByRole('link', { name: `Agenda van ${title}` })
      .first()
      .click()
  }
  await editItem(cycling, `4. ${shuttle}`)
  await expect
    .poll(() => numberedAgenda(secretary))
    .toEqual([
      '1 Opening en mededelingen',
      '2 Verslag van de vorige vergadering',
      '3 Actiepuntenlijst',
      `4 ${shuttle}`,
      `4a ${permits}`,
      `4b ${cycling}`,
      '5 Rondvraag',
      '6 Sluiting',
    ])
  await expectAccessible(secretary, 'the agenda with two sub-items')

  // And "Vergunningen" back to the top level: right after the item it was under.
  await editItem(permits, 'Geen: een eigen agendapunt')
  await expect
    .poll(() => numberedAgenda(secretary))
    .toEqual([
      '1 Opening en mededelingen',
      '2 Verslag van de vorige vergadering',
      '3 Actiepuntenlijst',
      `4 ${shuttle}`,
      `4a ${cycling}`,
      `5 ${permits}`,
      '6 Rondvraag',
      '7 Sluiting',
    ])
  expect(storedAgenda(meetingId).slice(3, 6)).toEqual([
    { title: shuttle, parent: null },
    { title: cycling, parent: shuttle },
    { title: permits, parent: null },
  ])

  // An item with sub-items cannot become a sub-item itself (one level only): a message, no change.
  await secretary.getByRole('link', { name: shuttle, exact: true }).click()
  await expect(secretary.getByRole('heading', { level: 1 })).toContainText(shuttle)
  await secretary.getByLabel('Subpunt van').selectOption({ label: `5. ${permits}` })
  await secretary.getByRole('button', { name: 'Agendapunt opslaan' }).click()
  await expect(
    secretary.getByText('Dit agendapunt heeft zelf subpunten en kan daarom geen subpunt worden.'),
  ).toBeVisible()
  await expectAccessible(secretary, 'the item form refusing to nest an item with sub-items')
  expect(storedAgenda(meetingId).slice(3, 6)).toEqual([
    { title: shuttle, parent: null },
    { title: cycling, parent: shuttle },
    { title: permits, parent: null },
  ])

  // 90 minutes planned from 14:00; an hour more runs past the end at 16:00. The agenda page, the meeting
  // page and the meeting form all say so; a later end time typed in the form clears the warning.
  const overrun = 'Het tijdschema loopt tot 16:30, na de geplande eindtijd van 16:00.'
  await secretary
    .getByRole('link', { name: `Agenda van ${title}` })
    .first()
    .click()
  await form.getByLabel('Titel', { exact: true }).fill(`Werksessie ${suffix}`)
  await form.getByLabel('Duur in minuten').fill('60')
  await form.getByRole('button', { name: 'Agendapunt toevoegen' }).click()
  await expect(secretary.getByRole('status').filter({ hasText: overrun })).toBeVisible()
  await secretary.goto(`/netwerken/${NETWORK}/vergaderingen/${meetingId}`)
  await expect(secretary.getByRole('status').filter({ hasText: overrun })).toBeVisible()
  await secretary.getByRole('link', { name: 'Gegevens wijzigen' }).click()
  await expect(secretary.getByLabel('Eindtijd')).toHaveValue('16:00')
  await expect(secretary.getByRole('status').filter({ hasText: overrun })).toBeVisible()
  await expectAccessible(secretary, 'the meeting form warning that the agenda runs late')
  await secretary.getByLabel('Eindtijd').fill('17:00')
  await expect(
    secretary.getByRole('status').filter({ hasText: 'Het tijdschema loopt tot' }),
  ).toHaveCount(0)
})
