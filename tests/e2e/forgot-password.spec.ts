import { expect, type Page } from '@playwright/test'
import { expectAccessible, login, newestMailTo, signedInPage, test, uniqueSuffix } from './helpers'

// Issue 13, item 3: a person who forgot their password asks for a link on the sign-in page, on a phone
// and with the keyboard, reads the mail the server sent, chooses a new password and signs in with it;
// the session they had left open in another browser is signed out.

// No other journey signs in as this person, so changing the password disturbs nobody.
const PERSON = 'coordinator.stedenband@example.org'
const PHONE = { width: 390, height: 844 }
const SENT =
  'Hoort er een account bij dit e-mailadres? Dan krijgt u binnen enkele minuten een e-mail met een link om een nieuw wachtwoord te kiezen. De link werkt één keer en is 1 uur geldig.'

// The limit counts per client address; a made-up address per run (the test server trusts
// X-Forwarded-For) keeps repeated runs against one server from tripping it.
const clientAddress = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`
test.use({ extraHTTPHeaders: { 'X-Forwarded-For': clientAddress } })

async function expectNoSidewaysPanning(page: Page) {
  const widths = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }))
  expect(widths.scrollWidth).toBeLessThanOrEqual(widths.innerWidth)
}

async function askForLink(page: Page, email: string) {
  await page.goto('/wachtwoord-vergeten')
  await page.getByLabel('E-mailadres').fill(email)
  await page.getByLabel('E-mailadres').press('Enter')
  await expect(page.getByRole('status').filter({ hasText: SENT })).toBeVisible()
}

test('a person who forgot their password sets a new one through the mailed link; the old session ends', async ({
  browser,
}) => {
  const password = `Nieuw wachtwoord voor het Zwin ${uniqueSuffix()}`
  // The session the person left open elsewhere (another browser, another device).
  const elsewhere = await signedInPage(browser, PERSON)
  await expect(elsewhere).toHaveURL(/\/$/)

  const context = await browser.newContext({ locale: 'nl-NL', viewport: PHONE })
  const page = await context.newPage()

  // From the sign-in page, with the keyboard.
  await page.goto('/login')
  const forgotLink = page.getByRole('link', { name: 'Wachtwoord vergeten?' })
  await forgotLink.focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/wachtwoord-vergeten$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Wachtwoord vergeten' })).toBeVisible()
  await expect(page).toHaveTitle('Wachtwoord vergeten · Zwin')
  const field = page.getByLabel('E-mailadres')
  await expect(field).toHaveAttribute('autocomplete', 'email')
  await expectAccessible(page, 'the forgotten password page')
  await expectNoSidewaysPanning(page)

  // An address that is not one: the message sits at the field and is read with it.
  await field.fill('geen-adres')
  await page.getByRole('button', { name: 'Stuur mij een link' }).click()
  await expect(field).toHaveAttribute('aria-invalid', 'true')
  await expect(field).toHaveAccessibleDescription(/Vul een geldig e-mailadres in/)
  await expectAccessible(page, 'the forgotten password page with an error')

  const askedAt = Date.now() - 1_000
  await field.fill(PERSON)
  await page.getByRole('button', { name: 'Stuur mij een link' }).click()
  await expect(page.getByRole('status').filter({ hasText: SENT })).toBeVisible()
  await expectAccessible(page, 'the forgotten password page after asking')
  await expectNoSidewaysPanning(page)

  // An address without an account gets exactly the same page.
  const answerForAccount = await page.getByRole('main').innerText()
  await askForLink(page, `niemand.${uniqueSuffix()}@example.org`)
  expect(await page.getByRole('main').innerText()).toBe(answerForAccount)

  // The mail, as the server sent it.
  const mail = await newestMailTo(PERSON, askedAt, '/wachtwoord-instellen/')
  expect(mail).toContain('Subject: Stel een nieuw wachtwoord in voor Zwin')
  expect(mail).toContain('1 uur geldig')
  const link = /https?:\/\/[^\s"'<>]+\/wachtwoord-instellen\/[A-Za-z0-9_-]+/.exec(mail)?.[0]
  expect(link).toBeDefined()

  await page.goto(link!)
  await expect(page.getByRole('heading', { level: 1, name: 'Wachtwoord instellen' })).toBeVisible()
  await expect(page.getByText(/Kies een nieuw wachtwoord voor uw account bij Zwin/)).toBeVisible()
  await expectAccessible(page, 'the set-password page of a reset link')
  await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(password)
  await page.getByLabel('Herhaal het nieuwe wachtwoord').fill(password)
  await page.getByRole('button', { name: 'Wachtwoord instellen' }).click()
  await expect(page).toHaveURL(/\/login$/)
  await expect(page.getByRole('status')).toHaveText(
    'Uw wachtwoord is ingesteld. U kunt nu inloggen.',
  )

  // The new password works; the session left open elsewhere has ended.
  await login(page, PERSON, password)
  await expect(page).toHaveURL(/\/$/)
  await elsewhere.reload()
  await expect(elsewhere).toHaveURL(/\/login/)

  // The link worked once.
  await page.goto(link!)
  await expect(page.getByRole('alert')).toContainText('Deze link werkt niet meer.')
  await expect(page.getByRole('link', { name: 'Vraag een nieuwe link aan' })).toBeVisible()

  await context.close()
  await elsewhere.context().close()
})

test('asking too often for one address gets a message that says when to try again', async ({
  page,
}) => {
  const nobody = `niemand.${uniqueSuffix()}@example.org`
  for (let i = 0; i < 3; i++) await askForLink(page, nobody)
  await page.goto('/wachtwoord-vergeten')
  await page.getByLabel('E-mailadres').fill(nobody)
  await page.getByRole('button', { name: 'Stuur mij een link' }).click()
  await expect(page.getByRole('alert')).toHaveText(
    'U hebt te vaak om een link gevraagd. U kunt het over 15 minuten opnieuw proberen.',
  )
  await expect(page.getByLabel('E-mailadres')).toBeVisible()
  await expectAccessible(page, 'the forgotten password page when asked too often')
})

for (const { locale, title, back, submit } of [
  {
    locale: 'nl-BE',
    title: 'Wachtwoord vergeten',
    back: 'Terug naar aanmelden',
    submit: 'Stuur mij een link',
  },
  { locale: 'en', title: 'Forgot your password', back: 'Back to log in', submit: 'Send me a link' },
]) {
  test(`the page in ${locale}`, async ({ browser }) => {
    const context = await browser.newContext({ locale })
    const page = await context.newPage()
    await page.goto('/wachtwoord-vergeten')
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
    await expect(page).toHaveTitle(`${title} · Zwin`)
    await expect(page.getByRole('link', { name: back })).toBeVisible()
    await expect(page.getByRole('button', { name: submit })).toBeVisible()
    await context.close()
  })
}
