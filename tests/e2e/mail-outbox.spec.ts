/**
 * The platform administrator's view of the mail outbox (/beheer/mails, issue 14 item 5): a mail that
 * kept failing is listed with its reason, and "Opnieuw proberen" sends it; the list is then empty. The
 * e2e server writes mail to its mail folder (no SMTP_URL), where nothing fails: the failed mail is put
 * in its database as the sender leaves one after its last attempt (app/modules/mail/outbox.server.ts).
 * The list fits a phone's screen as well.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { expect } from '@playwright/test'
import {
  expectAccessible,
  flash,
  login,
  mailDir,
  newestMailTo,
  test,
  uniqueSuffix,
} from './helpers'

const databasePath = path.join(path.dirname(mailDir), 'zwin.sqlite')
/** As the DateTime columns hold a time in SQLite (app/modules/db/db.server.ts, sqlTimestamp). */
const stamp = (date: Date) => date.toISOString().replace('Z', '+00:00')

test('a platform administrator sees a mail that keeps failing, with the reason, and tries it again', async ({
  page,
}) => {
  expect(fs.existsSync(databasePath), databasePath).toBe(true)
  const suffix = uniqueSuffix()
  const to = `onbereikbaar.${suffix}@example.org`
  const subject = `Uitnodiging: GOS-overleg ${suffix}`
  const db = new Database(databasePath)
  try {
    const now = stamp(new Date())
    db.prepare(
      `INSERT INTO OutboxMail (id, key, "to", category, message, status, attempts, runAfter, lastError, createdAt, updatedAt)
       VALUES (?, ?, ?, 'invitation', ?, 'failed', 6, ?, ?, ?, ?)`,
    ).run(
      `e2e-${suffix}`,
      `e2e:${suffix}`,
      to,
      JSON.stringify({ subject, text: `Tekst ${suffix}` }),
      now,
      'Could not send the mail through smtp://mail.example.org:25: 550 Mailbox [address] unavailable',
      now,
      now,
    )
  } finally {
    db.close()
  }

  await login(page, 'platformbeheer@example.org')
  await page.getByRole('link', { name: 'Beheer', exact: true }).click()
  await page.getByRole('main').getByRole('link', { name: 'Mails die niet aankomen' }).click()
  await expect(
    page.getByRole('heading', { level: 1, name: 'Mails die niet aankomen' }),
  ).toBeVisible()
  const row = page.getByRole('row').filter({ hasText: to })
  await expect(row).toContainText(subject)
  await expect(row).toContainText('Uitnodiging')
  await expect(row).toContainText('Mislukt')
  await expect(row).toContainText('550 Mailbox [address] unavailable')
  await expectAccessible(page, 'the failed mails')

  // On a phone the page does not pan sideways: the table scrolls inside its own region.
  await page.setViewportSize({ width: 390, height: 844 })
  await page.reload()
  await expect(page.getByRole('row').filter({ hasText: to })).toContainText(subject)
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await expectAccessible(page, 'the failed mails at 390 px')
  await page.setViewportSize({ width: 1280, height: 800 })

  // By keyboard: the row's button names the mail it tries again.
  const retry = row.getByRole('button', { name: `Opnieuw proberen: ${subject} aan ${to}` })
  await retry.focus()
  await page.keyboard.press('Enter')
  await expect(flash(page, 'De mail wordt opnieuw verstuurd.')).toBeVisible()
  // The server's sender sends it at once (to its mail folder here).
  expect(await newestMailTo(to, 0, suffix)).toContain(`Tekst ${suffix}`)
  await expect
    .poll(async () => {
      await page.reload()
      return page.getByRole('row').filter({ hasText: to }).count()
    })
    .toBe(0)
})
