import { expect, type Page } from '@playwright/test'
import {
  expectAccessible,
  fillLoginForm,
  login,
  setPasswordLinkFor,
  test,
  uniqueSuffix,
} from './helpers'

async function inviteAccount(page: Page, name: string, email: string): Promise<string> {
  const createdAfter = Date.now() - 1_000
  await page.goto('/beheer/accounts/nieuw')
  await page.getByLabel('Naam', { exact: true }).fill(name)
  await page.getByLabel('E-mailadres').fill(email)
  await page.getByRole('button', { name: 'Account aanmaken' }).click()
  await expect(page.getByRole('status')).toHaveText(
    'Het account is aangemaakt. De persoon krijgt een e-mail om een wachtwoord in te stellen.',
  )
  return setPasswordLinkFor(email, createdAfter)
}

test('an organisation administrator creates an account, which is set up by mail, disabled and enabled again', async ({
  page,
  browser,
}) => {
  const suffix = uniqueSuffix()
  const name = `Elke Zoutelande ${suffix}`
  const email = `e2e.${suffix}@example.org`
  const password = 'Zilte wind over het Zwin 2026'

  // The administrator of Knokke-Heist creates the account.
  await login(page, 'orgbeheer.knokke-heist@example.org')
  await page.getByRole('link', { name: 'Beheer', exact: true }).click()
  await expectAccessible(page, 'the administration index')
  await page.getByRole('main').getByRole('link', { name: 'Accounts', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible()
  await expect(page.getByText('U beheert de accounts van Gemeente Knokke-Heist.')).toBeVisible()
  await expectAccessible(page, 'the accounts list')
  await page.getByRole('link', { name: 'Account aanmaken' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Account aanmaken' })).toBeVisible()
  await expectAccessible(page, 'the new account form')
  const createdAfter = Date.now() - 1_000
  await page.getByLabel('Naam', { exact: true }).fill(name)
  await page.getByLabel('E-mailadres').fill(email)
  await page.getByRole('button', { name: 'Account aanmaken' }).click()
  await expect(page).toHaveURL(/\/beheer\/accounts$/)
  await expect(page.getByRole('status')).toHaveText(
    'Het account is aangemaakt. De persoon krijgt een e-mail om een wachtwoord in te stellen.',
  )
  const accountRow = page.getByRole('row').filter({ hasText: email })
  await expect(accountRow).toContainText('Uitgenodigd, nog geen wachtwoord')
  await expectAccessible(page, 'the accounts list after creating')

  // The mail holds the set-password link; the new person opens it in a browser of their own.
  const link = await setPasswordLinkFor(email, createdAfter)
  expect(new URL(link).origin).toBe(new URL(test.info().project.use.baseURL!).origin)
  const personContext = await browser.newContext({ locale: 'nl-NL' })
  const person = await personContext.newPage()
  await person.goto(link)
  await expect(
    person.getByRole('heading', { level: 1, name: 'Wachtwoord instellen' }),
  ).toBeVisible()
  await expect(person.getByText(`Welkom, ${name}.`)).toBeVisible()
  await expectAccessible(person, 'the set-password page')

  // A weak password first: the translated message sits at the field and is read with it.
  const newPassword = person.getByLabel('Nieuw wachtwoord', { exact: true })
  await newPassword.fill('aaaaaaaaaaaaaaaa')
  await person.getByLabel('Herhaal het nieuwe wachtwoord').fill('aaaaaaaaaaaaaaaa')
  await person.getByRole('button', { name: 'Wachtwoord instellen' }).click()
  const weak =
    'Dit wachtwoord is te makkelijk te raden. Kies een langere zin of meer verschillende tekens.'
  await expect(newPassword).toHaveAttribute('aria-invalid', 'true')
  await expect(newPassword).toHaveAccessibleDescription(new RegExp(weak.replace(/\./g, '\\.')))
  await expect(person).toHaveURL(link)
  await expectAccessible(person, 'the set-password page with an error')

  await newPassword.fill(password)
  await person.getByLabel('Herhaal het nieuwe wachtwoord').fill(password)
  await person.getByRole('button', { name: 'Wachtwoord instellen' }).click()
  await expect(person).toHaveURL(/\/login$/)
  await expect(person.getByRole('status')).toHaveText(
    'Uw wachtwoord is ingesteld. U kunt nu inloggen.',
  )
  await fillLoginForm(person, email, password)
  await expect(person).toHaveURL(/\/$/)
  await expect(person.getByRole('banner').getByText(name, { exact: true })).toBeVisible()
  await expect(
    person
      .getByRole('list', { name: 'Netwerken' })
      .getByRole('link', { name: 'Grensoverschrijdend Samenwerkingsoverleg' }),
  ).toBeVisible()

  // The administrator disables the account, after a confirmation step.
  await page.reload()
  await expect(accountRow).toContainText('Actief')
  await accountRow.getByRole('link', { name }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  await expectAccessible(page, 'the account page')
  await page.getByRole('button', { name: 'Account uitschakelen' }).click()
  const dialog = page.getByRole('alertdialog')
  await expect(dialog).toContainText(
    `Weet u zeker dat u het account van ${name} wilt uitschakelen? Deze persoon wordt direct overal uitgelogd, en de agendalink van deze persoon stopt, ook als u het account later weer inschakelt.`,
  )
  await expectAccessible(page, 'the disable confirmation')
  await dialog.getByRole('button', { name: 'Ja, account uitschakelen' }).click()
  await expect(page.getByRole('status')).toHaveText(
    'Het account is uitgeschakeld. Deze persoon is nu overal uitgelogd. De agendalink en ongebruikte links om een wachtwoord in te stellen werken niet meer.',
  )
  await expect(page.locator('main dl')).toContainText('Uitgeschakeld')

  // The person's open session is gone on the very next request.
  await person.reload()
  await expect(person).toHaveURL(/\/login(\?|$)/)
  await expect(person.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible()
  // …and signing in again is refused with the usual message.
  await fillLoginForm(person, email, password)
  await expect(person.getByRole('alert')).toHaveText(
    'Het e-mailadres of het wachtwoord klopt niet.',
  )

  // Enabling again works: the person can sign in.
  await page.getByRole('button', { name: 'Account weer inschakelen' }).click()
  await expect(page.getByRole('status')).toHaveText('Het account is weer ingeschakeld.')
  await expect(page.locator('main dl')).toContainText('Actief')
  await fillLoginForm(person, email, password)
  await expect(person).toHaveURL(/\/$/)
  await expect(person.getByRole('heading', { level: 1, name: 'Mijn netwerken' })).toBeVisible()
  await personContext.close()
})

// Regression: the forms used to validate on blur, so a message above the submit button vanished on the
// mousedown that left the last field; the button moved up under the pointer and the click was lost.
test('a click on the button right after correcting a rejected password submits the form', async ({
  page,
  browser,
}) => {
  const suffix = uniqueSuffix()
  const email = `e2e.klik.${suffix}@example.org`
  await login(page, 'orgbeheer.knokke-heist@example.org')
  const link = await inviteAccount(page, `Klik Proef ${suffix}`, email)

  const context = await browser.newContext({ locale: 'nl-NL' })
  const person = await context.newPage()
  await person.goto(link)
  const newPassword = person.getByLabel('Nieuw wachtwoord', { exact: true })
  const repeat = person.getByLabel('Herhaal het nieuwe wachtwoord')
  const submit = person.getByRole('button', { name: 'Wachtwoord instellen' })
  await newPassword.fill('aaaaaaaaaaaaaaaa')
  await repeat.fill('aaaaaaaaaaaaaaaa')
  await submit.click()
  await expect(newPassword).toHaveAttribute('aria-invalid', 'true')

  // As a person does it: click in the field, type, Tab, type, click the button once.
  await newPassword.click()
  await person.keyboard.press('Control+A')
  await person.keyboard.type('Zilte wind over het Zwin 2026')
  await person.keyboard.press('Tab')
  await person.keyboard.press('Control+A')
  await person.keyboard.type('Zilte wind over het Zwin 2026')
  await submit.click()
  await expect(person).toHaveURL(/\/login$/)
  await context.close()
})
