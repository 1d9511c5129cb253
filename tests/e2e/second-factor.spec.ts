import { expect } from '@playwright/test'
import { createTestAccount, signIn, withDb } from '../access/support'
import { freshCode } from '../setup/totp-codes'
import { expectAccessible, fillLoginForm, fillSecondStep, login, test } from './helpers'

// Issue 13: a platform administrator without a second factor is sent to enrolment on an administration
// page, enrols with a code computed here from the secret the page shows, signs out, signs in with password
// and code, then with a recovery code, which works once only. The administrator is a new account of this
// test (the seeded one keeps its demo factor), made platform administrator in the test's own data.
test('a platform administrator enrols in two-step verification and signs in with a code and a recovery code', async ({
  page,
}) => {
  test.setTimeout(240_000)
  const sluisAdmin = await signIn('orgbeheer.sluis@example.org')
  const account = await createTestAccount(sluisAdmin, 'tweestap')
  withDb((db) => db.prepare('UPDATE User SET isPlatformAdmin = 1 WHERE id = ?').run(account.id), {
    write: true,
  })

  // The password alone signs in; the first administration page sends to enrolment, and back.
  await login(page, account.email, account.password)
  await page.goto('/beheer/organisaties')
  await expect(page).toHaveURL(
    /\/profiel\/tweestapsverificatie\?redirectTo=%2Fbeheer%2Forganisaties$/,
  )
  await expect(
    page.getByRole('heading', { level: 1, name: 'Tweestapsverificatie instellen' }),
  ).toBeVisible()
  await expect(page.getByText('Voor uw account is tweestapsverificatie verplicht.')).toBeVisible()
  await page.getByRole('button', { name: 'Beginnen' }).click()
  await expect(page.getByRole('img', { name: /QR-code/ })).toBeVisible()
  await expectAccessible(page, 'the enrolment page')
  const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? ''
  expect(secret).toMatch(/^[A-Z2-7]{32}$/)

  // A wrong code first: a message, and nothing changes.
  const codeField = page.getByLabel('Stap 2. De code van 6 cijfers die de app nu laat zien')
  await codeField.fill('000000')
  await page.getByRole('button', { name: 'Bevestigen' }).click()
  await expect(page.getByText('Deze code klopt niet.')).toBeVisible()
  await codeField.fill(await freshCode(account.email, secret))
  await page.getByRole('button', { name: 'Bevestigen' }).click()
  await expect(
    page.getByRole('heading', { level: 1, name: 'Tweestapsverificatie staat aan' }),
  ).toBeVisible()
  const recoveryCodes = (
    await page.getByTestId('recovery-codes').getByRole('listitem').allTextContents()
  ).map((c) => c.trim())
  expect(recoveryCodes).toHaveLength(10)
  await expectAccessible(page, 'the recovery codes')
  await page.getByRole('link', { name: 'Verder' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Organisaties' })).toBeVisible()

  // Signed out, the password leads to the second step; the code from the app finishes it.
  await page.getByRole('button', { name: 'Uitloggen' }).click()
  await expect(page).toHaveURL(/\/login$/)
  await login(page, account.email, account.password, secret)
  await page.goto('/beheer/organisaties')
  await expect(page.getByRole('heading', { level: 1, name: 'Organisaties' })).toBeVisible()

  // Then with a recovery code instead of the app's code.
  await page.getByRole('button', { name: 'Uitloggen' }).click()
  // Signed out first: navigating on at once can abort the POST, and the session stays.
  await expect(page).toHaveURL(/\/login$/)
  await page.goto('/login?redirectTo=%2Fbeheer%2Forganisaties')
  await fillLoginForm(page, account.email, account.password)
  await expect(page).toHaveURL(/\/login\/tweede-stap$/)
  await expect(
    page.getByRole('heading', { level: 1, name: 'Tweede stap: de code uit uw app' }),
  ).toBeVisible()
  await expectAccessible(page, 'the second step')
  await fillSecondStep(page, recoveryCodes[0]!)
  await expect(page.getByRole('heading', { level: 1, name: 'Organisaties' })).toBeVisible()

  // The same recovery code a second time is refused.
  await page.getByRole('button', { name: 'Uitloggen' }).click()
  await expect(page).toHaveURL(/\/login$/)
  await page.goto('/login')
  await fillLoginForm(page, account.email, account.password)
  await expect(page).toHaveURL(/\/login\/tweede-stap$/)
  await fillSecondStep(page, recoveryCodes[0]!)
  await expect(page.getByText('Deze code klopt niet.')).toBeVisible()
  await expect(page).toHaveURL(/\/login\/tweede-stap$/)
  // Another one still works, and the profile says how many are left.
  await fillSecondStep(page, recoveryCodes[1]!)
  await expect(page).not.toHaveURL(/\/login/)
  await page.goto('/profiel')
  await expect(page.getByText('U hebt nog 8 herstelcodes over.')).toBeVisible()
})
