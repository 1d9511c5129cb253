import fs from 'node:fs'
import path from 'node:path'
import { unsubscribeToken } from '../../app/modules/notifications/unsubscribe.server'
import { all, dataDir, userId } from '../access/support'
import { expect } from '@playwright/test'
import { expectAccessible, flash, login, test } from './helpers'

// Issue 14: a person sets their e-mail notifications on the profile (without a mouse, on a phone-sized
// screen as well), then stops one kind of mail with the link under a mail, without being signed in.

const PERSON = 'lid.dewolden@example.org' // De Wolden: in P10 only

/** The link under a mail: signed with the test server's own session secret. */
function unsubscribeLink(email: string, kind: 'minutes', networkId?: string) {
  const secret = fs.readFileSync(path.join(dataDir(), 'session-secret'), 'utf8').trim()
  return `/uitschrijven/${unsubscribeToken(userId(email), kind, networkId, secret)}`
}

const rowsOf = (email: string) =>
  all<{ kind: string; networkId: string; delivery: string }>(
    'SELECT kind, networkId, delivery FROM NotificationPreference WHERE userId = ? ORDER BY kind, networkId',
    userId(email),
  )

test('a person sets their notifications and unsubscribes from a kind by the link in a mail', async ({
  page,
  browser,
}) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await login(page, PERSON)
  await page.goto('/profiel')
  await page.getByRole('link', { name: 'E-mailmeldingen instellen' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'E-mailmeldingen' })).toBeVisible()
  // The defaults: what asks for the person's own action at once, the rest daily.
  const allNetworks = page.getByRole('group', { name: 'Voor alle netwerken' })
  await expect(allNetworks.getByLabel('Uitnodigingen voor vergaderingen')).toHaveValue(
    'immediately',
  )
  await expect(allNetworks.getByLabel('Gedeelde documenten en nieuwe versies')).toHaveValue('daily')
  await expectAccessible(page, '/profiel/meldingen')
  // Nothing wider than a phone's screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)

  await allNetworks.getByLabel('Gedeelde documenten en nieuwe versies').selectOption('weekly')
  await page.getByLabel('Tijdstip van het dagelijkse overzicht').selectOption('17')
  // P10's own choices, opened and set with the keyboard.
  const p10 = page.locator('details', { has: page.locator('summary', { hasText: 'P10' }) })
  await p10.locator('summary').focus()
  await page.keyboard.press('Enter')
  const decisions = p10.getByLabel('Besluiten')
  await expect(decisions).toHaveValue('inherit')
  await decisions.selectOption('off')
  await page.getByRole('button', { name: 'Opslaan' }).focus()
  await page.keyboard.press('Enter')
  await expect(flash(page, 'Uw wijzigingen zijn opgeslagen.')).toBeVisible()
  await expect(allNetworks.getByLabel('Gedeelde documenten en nieuwe versies')).toHaveValue(
    'weekly',
  )
  await expect(page.getByLabel('Tijdstip van het dagelijkse overzicht')).toHaveValue('17')
  await expect(p10.locator('summary')).toHaveText('P10 (1 eigen keuze)')
  await expect(p10.getByLabel('Besluiten')).toHaveValue('off')
  expect(
    rowsOf(PERSON).map((r) => `${r.kind}:${r.networkId ? 'P10' : 'all'}:${r.delivery}`),
  ).toEqual(['decisions:P10:off', 'documents:all:weekly'])

  // The link under a mail about approved minutes, opened where nobody is signed in.
  const anonymous = await browser.newContext({ viewport: { width: 390, height: 844 } })
  const mailReader = await anonymous.newPage()
  await mailReader.goto(unsubscribeLink(PERSON, 'minutes'))
  await expect(mailReader.getByRole('heading', { name: 'Uitschrijven voor e-mails' })).toBeVisible()
  await expect(
    mailReader.getByText('Wilt u geen e-mails meer over: vastgestelde verslagen?'),
  ).toBeVisible()
  await expectAccessible(mailReader, '/uitschrijven/<token>')
  await mailReader.getByRole('button', { name: 'Ja, stuur mij deze e-mails niet meer' }).click()
  await expect(
    mailReader.getByRole('status').filter({
      hasText: 'U krijgt geen e-mails meer over: vastgestelde verslagen.',
    }),
  ).toBeVisible()
  await expectAccessible(mailReader, '/uitschrijven/<token> (done)')
  await anonymous.close()

  // Back on the preferences page, the kind is off for every network.
  await page.reload()
  await expect(allNetworks.getByLabel('Vastgestelde verslagen')).toHaveValue('off')

  // A link that was changed: a clear page, not an error.
  const broken = await page.goto(`${unsubscribeLink(PERSON, 'minutes')}x`)
  expect(broken?.status()).toBe(404)
  await expect(page.getByRole('alert')).toContainText('Deze link werkt niet.')
})
