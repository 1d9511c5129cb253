import { expect } from '@playwright/test'
import {
  DEMO_PASSWORD,
  expectAccessible,
  fillLoginForm,
  login,
  signedInPage,
  test,
  uniqueSuffix,
} from './helpers'

// The sign-in limit counts failures per client address; a made-up address per run (the test server
// trusts X-Forwarded-For) keeps repeated runs against one server from tripping it.
const clientAddress = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`
test.use({ extraHTTPHeaders: { 'X-Forwarded-For': clientAddress } })

// The limit also counts per e-mail address; spread the wrong-password attempts over demo accounts that
// no other journey signs in with.
const spareAccounts = [
  'lid.sluis@example.org',
  'lid.maldegem@example.org',
  'lid.sint-laureins@example.org',
  'lid.terneuzen@example.org',
  'lid.hulst@example.org',
  'lid.vlissingen@example.org',
  'lid.scheldestromen@example.org',
  'lid.amsterdam@example.org',
]
const invalid = 'Het e-mailadres of het wachtwoord klopt niet.'

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled })

    test('empty fields get a message at each field, in each of the two steps', async ({ page }) => {
      await page.goto('/login')
      // First the address alone (it may belong to an organisation with its own sign-in service).
      await expect(page.getByLabel('Wachtwoord', { exact: true })).toHaveCount(0)
      await page.getByRole('button', { name: 'Volgende' }).click()
      const email = page.getByLabel('E-mailadres', { exact: true })
      await expect(email).toHaveAttribute('aria-invalid', 'true')
      await expect(email).toHaveAccessibleDescription('Vul dit veld in.')
      if (javaScriptEnabled) await expectAccessible(page, 'the sign-in page with an empty address')

      // An address of an organisation without a provider of its own: then the password.
      await email.fill('lid.damme@example.org')
      await page.getByRole('button', { name: 'Volgende' }).click()
      const password = page.getByLabel('Wachtwoord', { exact: true })
      await expect(password).toBeVisible()
      await expect(email).toHaveValue('lid.damme@example.org')
      await page.getByRole('button', { name: 'Inloggen' }).click()
      await expect(password).toHaveAttribute('aria-invalid', 'true')
      await expect(password).toHaveAccessibleDescription('Vul dit veld in.')
      await expect(page).toHaveURL(/\/login$/)
      // axe runs inside the page, so it needs JavaScript; the same page is checked in the other run.
      if (javaScriptEnabled) await expectAccessible(page, 'the sign-in page with an empty password')
    })

    test('a wrong password and an unknown e-mail address get the same message', async ({
      page,
    }) => {
      const known = spareAccounts[Math.floor(Math.random() * spareAccounts.length)] as string
      await page.goto('/login')
      await fillLoginForm(page, known, 'Niet-het-goede-wachtwoord-1')
      const alert = page.getByRole('alert')
      await expect(alert).toHaveText(invalid)
      const wrongPassword = await alert.textContent()
      if (javaScriptEnabled) {
        await expectAccessible(page, 'the sign-in page after a wrong password')
      } else {
        // The page comes back from the server: the e-mail address is kept, the password is not sent back.
        await expect(page.getByLabel('E-mailadres')).toHaveValue(known)
        await expect(page.getByLabel('Wachtwoord', { exact: true })).toHaveValue('')
      }

      await page.goto('/login')
      await fillLoginForm(
        page,
        `niemand.${uniqueSuffix()}@example.org`,
        'Niet-het-goede-wachtwoord-1',
      )
      await expect(alert).toHaveText(invalid)
      expect(await alert.textContent()).toBe(wrongPassword)
      await expect(page).toHaveURL(/\/login$/)
    })

    test('"Overal uitloggen" on the profile asks first, then signs out here and on the other devices', async ({
      page,
      browser,
    }) => {
      // An account no other journey signs in with: signing out everywhere ends all of its sessions.
      const email = 'lid.scheldestromen@example.org'
      const elsewhere = await signedInPage(browser, email)
      await login(page, email)
      await page.goto('/profiel')
      await page.getByRole('button', { name: 'Overal uitloggen', exact: true }).click()
      const question = page.getByRole('alertdialog')
      await expect(question).toContainText('Weet u zeker dat u overal wilt uitloggen?')
      if (javaScriptEnabled)
        await expectAccessible(page, 'the profile page asking to sign out everywhere')
      await question.getByRole('button', { name: 'Ja, overal uitloggen' }).click()
      await expect(page).toHaveURL(/\/login$/)
      await expect(page.getByRole('status')).toHaveText(
        /^U bent overal uitgelogd: hier en op \d+ ander/,
      )
      await elsewhere.goto('/profiel')
      await expect(elsewhere).toHaveURL(/\/login\?redirectTo=%2Fprofiel$/)
      await elsewhere.context().close()
    })
  })
}

test('"Inloggen" waits while the page still reloads after "Volgende"', async ({ page }) => {
  // After "Volgende" the password field shows while the page's data is still reloading. A sign-in sent
  // then cut that reload off; on a busy server the browser logged an AbortError (a journey failed on
  // it). The reload is held back here until the test lets it go.
  let release = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route(
    (url) => url.pathname === '/login.data',
    async (route) => {
      if (route.request().method() === 'GET') await held
      await route.continue()
    },
  )
  const signIns: string[] = []
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/login.data' && request.method() === 'POST')
      signIns.push(request.url())
  })
  await page.goto('/login')
  await page.getByLabel('E-mailadres').fill('lid.damme@example.org')
  await page.getByRole('button', { name: 'Volgende' }).click()
  const password = page.getByLabel('Wachtwoord', { exact: true })
  await password.fill(DEMO_PASSWORD)
  const submit = page.getByRole('button', { name: 'Inloggen' })
  await expect(submit).toHaveAttribute('aria-disabled', 'true')
  await password.press('Enter')
  release()
  await expect(submit).not.toHaveAttribute('aria-disabled')
  // Only "Volgende" was sent: Enter during the reload was refused.
  expect(signIns).toHaveLength(1)
  await submit.click()
  await expect(page).toHaveURL(/\/$/)
  expect(signIns).toHaveLength(2)
})
