import { expect } from '@playwright/test'
import { one, organisationId, sqliteDate, withDb } from '../access/support'
import { expectAccessible, login, test, uniqueSuffix } from './helpers'

// "Voor u" on the dashboard (issue 14, item 1): what needs the reader, each entry a link to where it is
// dealt with, readable with a keyboard and on a phone.

const DAY = 24 * 3_600_000

/** An open action item of Sint-Laureins in GOS, agreed at the held demo meeting, due `days` from now. */
function sintLaureinsActionItem(description: string, days: number) {
  const meeting = one<{ id: string; networkId: string }>(
    "SELECT m.id, m.networkId FROM Meeting m JOIN Network n ON n.id = m.networkId WHERE n.slug = 'gos' AND m.status = 'held' ORDER BY m.startsAt LIMIT 1",
  )!
  const due = new Date(Date.now() + days * DAY)
  due.setUTCHours(0, 0, 0, 0)
  withDb(
    (db) =>
      db
        .prepare(
          `INSERT INTO ActionItem (id, networkId, meetingId, description, organisationId, dueDate, status, createdAt, updatedAt)
           VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
        )
        .run(
          `e2e-${uniqueSuffix()}`,
          meeting.networkId,
          meeting.id,
          description,
          organisationId('sint-laureins'),
          sqliteDate(due),
          sqliteDate(new Date()),
          sqliteDate(new Date()),
        ),
    { write: true },
  )
}

test("Sint-Laureins's overdue action item comes first in Voor u and leads to the network's actions", async ({
  page,
}) => {
  const late = `Verkeersborden grensovergang vervangen ${uniqueSuffix()}`
  // Longer overdue than anything else of Sint-Laureins, so it is first whatever other tests add.
  sintLaureinsActionItem(late, -400)
  await login(page, 'lid.sint-laureins@example.org')

  const forYou = page.getByRole('region', { name: 'Voor u' })
  await expect(forYou).toBeVisible()
  const actions = forYou.getByRole('region', {
    name: /open actiepunt(en)? van Gemeente Sint-Laureins/,
  })
  const first = actions.getByRole('listitem').first()
  await expect(first).toContainText(late)
  await expect(first).toContainText('Te laat')
  await expectAccessible(page, 'the dashboard with Voor u')

  await first.getByRole('link', { name: late }).click()
  await expect(page).toHaveURL(/\/netwerken\/gos\/acties$/)
  await expect(page.getByRole('main')).toContainText(late)
})

test('the secretary sees the reply counts of the meeting being prepared', async ({ page }) => {
  await login(page, 'secretaris.gos@example.org')
  const preparing = page
    .getByRole('region', { name: 'Voor u' })
    .getByRole('region', { name: /^Vergadering(en)? die u voorbereidt$/ })
  await expect(preparing).toBeVisible()
  await expect(preparing.getByRole('listitem').first()).toContainText(/\d+ ja · \d+ nee/)
  await expect(preparing.getByRole('listitem').first()).toContainText('nog geen antwoord')
})

test('Voor u fits a phone screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await login(page, 'lid.damme@example.org')
  await expect(page.getByRole('region', { name: 'Voor u' })).toBeVisible()
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  )
  expect(overflow, 'no sideways scrolling at 390 px').toBeLessThanOrEqual(0)
  await expectAccessible(page, 'Voor u at 390 px')
})
