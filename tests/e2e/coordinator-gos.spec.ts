import { expect, type Page } from '@playwright/test'
import { expectAccessible, login, test } from './helpers'

// Both journeys sign in as the GOS coordinator, and the first one changes that account's saved language
// on the way. In one file they run one after the other, so the second never meets an English page.

const COORDINATOR = 'coordinator.gos@example.org'

const sluisNetworks = [
  'Grensoverschrijdend Samenwerkingsoverleg',
  'Zeeuws-Vlaamse gemeenten',
  'Vereniging Zeeuwse Gemeenten',
  'Overleg Zeeuwse Overheden',
  'P10',
  'Stedenband',
  'Grenzeloos Zeeuws-Vlaanderen',
]

const gosMembers: [string, string][] = [
  ['Gemeente Sluis', 'Nederland'],
  ['Gemeente Knokke-Heist', 'België'],
  ['Gemeente Maldegem', 'België'],
  ['Gemeente Damme', 'België'],
  ['Gemeente Sint-Laureins', 'België'],
]

async function switchLanguage(page: Page, language: string, logoutLabel: string, lang: string) {
  await page.getByRole('button', { name: language, exact: true }).click()
  await expect(page.getByRole('button', { name: logoutLabel, exact: true })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', lang)
}

test('foundation journey: dashboard, network, language, profile, accessibility statement, keyboard, logout', async ({
  page,
  browser,
}) => {
  await page.goto('/login')
  await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible()
  await expectAccessible(page, 'the sign-in page')
  await login(page, COORDINATOR)

  // Dashboard: every network Sluis takes part in, GOS with the coordinator badge.
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn netwerken' })).toBeVisible()
  const networks = page.getByRole('list', { name: 'Netwerken' })
  for (const name of sluisNetworks) {
    await expect(networks.getByRole('link', { name, exact: true })).toBeVisible()
  }
  await expect(networks.getByRole('listitem')).toHaveCount(sluisNetworks.length)
  await expect(
    networks.getByRole('listitem').filter({ hasText: 'Grensoverschrijdend Samenwerkingsoverleg' }),
  ).toContainText('Coördinator')
  await expectAccessible(page, 'the dashboard')

  // The GOS page: description, level, members with their country, the coordinator's role.
  await networks.getByRole('link', { name: 'Grensoverschrijdend Samenwerkingsoverleg' }).click()
  await expect(page).toHaveURL(/\/netwerken\/gos$/)
  await expect(
    page.getByRole('heading', { level: 1, name: 'Grensoverschrijdend Samenwerkingsoverleg' }),
  ).toBeVisible()
  await expect(
    page.getByText('In het GOS overlegt Sluis met de Vlaamse buurgemeenten'),
  ).toBeVisible()
  const facts = page.locator('main dl')
  await expect(facts).toContainText('NiveauGrensoverschrijdend')
  await expect(facts).toContainText('Uw rolCoördinator')
  const members = page.getByRole('table', { name: /5 organisaties/ })
  for (const [organisation, country] of gosMembers) {
    const row = members
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: organisation, exact: true }) })
    await expect(row.getByRole('cell', { name: country, exact: true })).toBeVisible()
  }
  await expectAccessible(page, 'the GOS network page')

  // Language: nl-NL → nl-BE → en → nl-NL, remembered across reloads and on the account.
  await switchLanguage(page, 'Nederlands (België)', 'Afmelden', 'nl-BE')
  await expect(page).toHaveURL(/\/netwerken\/gos$/)
  await expectAccessible(page, 'the GOS network page in nl-BE')
  await page.reload()
  await expect(page.getByRole('button', { name: 'Afmelden', exact: true })).toBeVisible()

  await switchLanguage(page, 'English', 'Log out', 'en')
  await expect(page.getByRole('heading', { level: 2, name: 'Member organisations' })).toBeVisible()
  await expect(page.getByRole('cell', { name: 'Belgium' }).first()).toBeVisible()
  await expectAccessible(page, 'the GOS network page in English')
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByRole('button', { name: 'Log out', exact: true })).toBeVisible()

  // The choice is kept on the account: a new browser with a Dutch Accept-Language still gets English.
  const other = await browser.newContext({ locale: 'nl-NL' })
  const otherPage = await other.newPage()
  await login(otherPage, COORDINATOR)
  await expect(otherPage.locator('html')).toHaveAttribute('lang', 'en')
  await expect(otherPage.getByRole('heading', { level: 1, name: 'My networks' })).toBeVisible()
  await other.close()

  await switchLanguage(page, 'Nederlands (Nederland)', 'Uitloggen', 'nl-NL')
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl-NL')
  await expect(page.getByRole('button', { name: 'Uitloggen', exact: true })).toBeVisible()

  // Profile: change the name and see it in the header; then put the demo name back.
  await page.getByRole('link', { name: 'Mijn profiel' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn profiel' })).toBeVisible()
  await expectAccessible(page, 'the profile page')
  const nameField = page.getByLabel('Naam', { exact: true })
  const originalName = await nameField.inputValue()
  const newName = `Joris Kreekrug-Zwinkant`
  await nameField.fill(newName)
  await page.getByRole('button', { name: 'Opslaan' }).click()
  await expect(page.getByRole('status')).toHaveText('Uw wijzigingen zijn opgeslagen.')
  await expect(page.getByRole('banner').getByText(newName, { exact: true })).toBeVisible()
  await expectAccessible(page, 'the profile page after saving')
  await page.getByLabel('Naam', { exact: true }).fill(originalName)
  await page.getByRole('button', { name: 'Opslaan' }).click()
  await expect(page.getByRole('banner').getByText(originalName, { exact: true })).toBeVisible()

  // The accessibility statement, through the footer.
  await page.getByRole('contentinfo').getByRole('link', { name: 'Toegankelijkheid' }).click()
  await expect(page).toHaveURL(/\/toegankelijkheid$/)
  await expect(
    page.getByRole('heading', { level: 1, name: 'Toegankelijkheidsverklaring' }),
  ).toBeVisible()
  await expectAccessible(page, 'the accessibility statement')

  // Keyboard: the skip link is the first Tab stop and moves the focus to the main content.
  await page.goto('/')
  await page.keyboard.press('Tab')
  const skipLink = page.getByRole('link', { name: 'Direct naar de inhoud' })
  await expect(skipLink).toBeFocused()
  await expect(skipLink).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('main')).toBeFocused()

  // Log out with the button; the dashboard then asks to sign in again.
  await page.getByRole('button', { name: 'Uitloggen', exact: true }).click()
  await expect(page).toHaveURL(/\/login$/)
  await expect(page.getByRole('status')).toHaveText('U bent uitgelogd.')
  await expectAccessible(page, 'the sign-in page after logging out')
  await page.goto('/')
  await expect(page).toHaveURL(/\/login$/)
})

test('GOS coordinator grants the secretary role to a Damme member and withdraws it again', async ({
  page,
}) => {
  const person = 'Wout Vanpolderhove'
  const withdrawButton = page.getByRole('button', {
    name: `Rol Secretaris van ${person} intrekken`,
  })

  await login(page, COORDINATOR)
  await page.goto('/netwerken/gos')
  await page.getByRole('link', { name: 'Rollen in dit netwerk beheren' }).click()
  await expect(page).toHaveURL(/\/netwerken\/gos\/rollen$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Rollen in GOS' })).toBeVisible()
  await expectAccessible(page, 'the GOS roles page')

  // A run that stopped half-way may have left the role behind; start from a member without a role.
  if (await withdrawButton.isVisible()) {
    await withdrawButton.click()
    await page.getByRole('button', { name: 'Ja, rol intrekken' }).click()
    await expect(withdrawButton).toHaveCount(0)
  }

  const row = page
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: person, exact: true }) })
  await expect(row).toContainText('Deelnemer')

  await page
    .getByLabel('Persoon', { exact: true })
    .selectOption({ label: `${person} (Gemeente Damme)` })
  await page.getByLabel('Rol', { exact: true }).selectOption({ label: 'Secretaris' })
  await page.getByRole('button', { name: 'Rol toekennen' }).click()
  await expect(page.getByRole('status')).toHaveText('De rol is toegekend.')
  await expect(row).toContainText('Secretaris')
  await expect(withdrawButton).toBeVisible()
  await expectAccessible(page, 'the GOS roles page after granting')

  // Withdrawing asks first.
  await withdrawButton.click()
  const dialog = page.getByRole('alertdialog')
  await expect(dialog).toContainText(
    `Weet u zeker dat u de rol Secretaris van ${person} wilt intrekken?`,
  )
  await expect(row).toContainText('Secretaris')
  await expectAccessible(page, 'the withdraw confirmation')
  await dialog.getByRole('button', { name: 'Ja, rol intrekken' }).click()
  await expect(page.getByRole('status')).toHaveText('De rol is ingetrokken.')
  await expect(row).toContainText('Deelnemer')
  await expect(withdrawButton).toHaveCount(0)
})
