import { expect, type Page } from '@playwright/test'
import { all } from '../access/support'
import {
  begunAnHourAgo,
  expectAccessible,
  planMeeting,
  signedInPage,
  test,
  uniqueSuffix,
} from './helpers'

// Meeting mode (issue 11, item 2): while the meeting runs, the GOS secretary records three decisions and
// three action items on one page. Every user action counts as a step (opening meeting mode, each text
// typed, each button pressed); the issue asks for no more than 12, where the item pages took 29. With
// JavaScript the page never reloads: each save is announced in the item's status line. Without it the
// same forms post and come back to the item.

const NETWORK = 'gos'
const SECRETARY = 'secretaris.gos@example.org'

/** The section of one agenda item on the meeting mode page. */
const itemSection = (page: Page, title: string) =>
  page.getByRole('region', { name: new RegExp(`^\\d+[a-z]?\\. ${title}$`) })

test('three decisions and three action items in twelve steps, without leaving the page', async ({
  browser,
}) => {
  const suffix = uniqueSuffix()
  const title = `GOS-overleg in vergadermodus ${suffix}`
  const [workplan, traffic] = [`Werkplan 2027 ${suffix}`, `Grensverkeer ${suffix}`]
  // Begun an hour ago, so decisions can be recorded; nothing waits for the clock.
  const { from, to } = begunAnHourAgo(150)

  // --- Prepared beforehand (not counted): a published meeting with two items of its own.
  const secretary = await signedInPage(browser, SECRETARY)
  const meetingId = await planMeeting(secretary, {
    title,
    from,
    to,
    host: 'Gemeente Damme',
    address: 'Stadhuis Damme, Markt 1, 8340 Damme',
  })
  for (const [itemTitle, presenter] of [
    [workplan, 'Gemeente Maldegem'],
    [traffic, 'Gemeente Knokke-Heist'],
  ] as const) {
    await secretary.getByLabel('Titel', { exact: true }).fill(itemTitle)
    await secretary.getByLabel('Soort').selectOption({ label: 'Ter besluitvorming' })
    await secretary.getByLabel('Inbreng door').selectOption({ label: presenter })
    await secretary.getByRole('button', { name: 'Agendapunt toevoegen' }).click()
    await expect(secretary.getByRole('status').filter({ hasText: itemTitle })).toBeVisible()
  }
  await secretary.goto(`/netwerken/${NETWORK}/vergaderingen/${meetingId}`)
  await secretary.getByRole('button', { name: 'Publiceren en uitnodigingen versturen' }).click()
  await secretary.getByRole('button', { name: 'Ja, publiceren' }).click()
  await expect(secretary.getByRole('link', { name: 'Vergadermodus openen' })).toBeVisible()

  // --- The meeting runs: every step counted.
  let steps = 0
  const step = async (action: () => Promise<unknown>) => {
    steps += 1
    await action()
  }
  await step(() => secretary.getByRole('link', { name: 'Vergadermodus openen' }).click())
  await expect(
    secretary.getByRole('heading', { level: 1, name: `Vergadermodus: ${title}` }),
  ).toBeVisible()
  await expectAccessible(secretary, 'meeting mode')
  // A mark on the window: a page that reloaded would lose it.
  await secretary.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true))

  // 1 Opening: taken note of, one press.
  const opening = itemSection(secretary, 'Opening en mededelingen')
  await step(() => opening.getByRole('button', { name: 'Voor kennisgeving aangenomen' }).click())
  await expect(opening.getByText('Het besluit bij punt 1 is opgeslagen.')).toBeVisible()

  // 4 Work plan: a decision and two action items for Maldegem, which presents it (chosen already).
  const work = itemSection(secretary, workplan)
  await step(() =>
    work.getByLabel('Tekst van het besluit').fill('Het werkplan 2027 wordt vastgesteld.'),
  )
  await step(() => work.getByRole('button', { name: 'Aangenomen', exact: true }).click())
  await expect(work.getByText('Het besluit bij punt 4 is opgeslagen.')).toBeVisible()
  await expect(work.getByLabel('Organisatie')).toHaveValue(/.+/)
  await step(() =>
    work.getByLabel('Wat moet er gebeuren?').fill('Planning werkplan delen met de partners'),
  )
  await step(() => work.getByRole('button', { name: 'Actiepunt toevoegen' }).click())
  await expect(work.getByText('Het actiepunt bij punt 4 is toegevoegd.')).toBeVisible()
  await expect(work.getByLabel('Wat moet er gebeuren?')).toHaveValue('')
  await step(() =>
    work.getByLabel('Wat moet er gebeuren?').fill('Begroting werkplan voorleggen aan het college'),
  )
  await step(() => work.getByRole('button', { name: 'Actiepunt toevoegen' }).click())
  await expect(work.getByRole('table', { name: 'Actiepunten bij punt 4' })).toContainText(
    'Begroting werkplan voorleggen aan het college',
  )

  // 5 Border traffic: postponed, with an action item for Knokke-Heist.
  const border = itemSection(secretary, traffic)
  await step(() =>
    border.getByLabel('Tekst van het besluit').fill('Besluit volgt na de tellingen van maart.'),
  )
  await step(() => border.getByRole('button', { name: 'Aangehouden' }).click())
  await expect(border.getByText('Het besluit bij punt 5 is opgeslagen.')).toBeVisible()
  await step(() =>
    border.getByLabel('Wat moet er gebeuren?').fill('Tellingen grensovergangen aanleveren'),
  )
  await step(() => border.getByRole('button', { name: 'Actiepunt toevoegen' }).click())
  await expect(border.getByText('Het actiepunt bij punt 5 is toegevoegd.')).toBeVisible()

  expect(steps).toBeLessThanOrEqual(12)
  expect(await secretary.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(
    true,
  )
  await expectAccessible(secretary, 'meeting mode after recording')

  const decisions = all<{ title: string; decisionText: string; decisionOutcome: string | null }>(
    `SELECT title, decisionText, decisionOutcome FROM AgendaItem
     WHERE meetingId = ? AND decisionOutcome IS NOT NULL ORDER BY position`,
    meetingId,
  )
  expect(decisions).toEqual([
    { title: 'Opening en mededelingen', decisionText: '', decisionOutcome: 'noted' },
    {
      title: workplan,
      decisionText: 'Het werkplan 2027 wordt vastgesteld.',
      decisionOutcome: 'adopted',
    },
    {
      title: traffic,
      decisionText: 'Besluit volgt na de tellingen van maart.',
      decisionOutcome: 'postponed',
    },
  ])
  const actions = all<{ description: string; organisation: string }>(
    `SELECT a.description, o.name AS organisation FROM ActionItem a
     JOIN Organisation o ON o.id = a.organisationId WHERE a.meetingId = ? ORDER BY a.createdAt`,
    meetingId,
  )
  expect(actions).toEqual([
    { description: 'Planning werkplan delen met de partners', organisation: 'Gemeente Maldegem' },
    {
      description: 'Begroting werkplan voorleggen aan het college',
      organisation: 'Gemeente Maldegem',
    },
    {
      description: 'Tellingen grensovergangen aanleveren',
      organisation: 'Gemeente Knokke-Heist',
    },
  ])

  // --- Without JavaScript the same form posts and comes back to the item it saved.
  const plain = await signedInPage(browser, SECRETARY, { javaScriptEnabled: false })
  await plain.goto(`/netwerken/${NETWORK}/vergaderingen/${meetingId}/vergadermodus`)
  const closing = itemSection(plain, 'Sluiting')
  await closing.getByRole('button', { name: 'Voor kennisgeving aangenomen' }).click()
  await expect(plain).toHaveURL(/\/vergadermodus#punt-[a-z0-9]+$/)
  await expect(itemSection(plain, 'Sluiting').getByText('Vastgelegd:')).toBeVisible()
})
