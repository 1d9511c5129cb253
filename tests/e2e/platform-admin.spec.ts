import { expect } from '@playwright/test'
import { expectAccessible, login, test, uniqueSuffix } from './helpers'

test('a platform administrator creates an organisation and a network, and adds and ends a membership', async ({
  page,
}) => {
  const suffix = uniqueSuffix()
  const organisation = `Gemeente Zwinhoek ${suffix}`
  const organisationSlug = `zwinhoek-${suffix}`
  const network = `Kustoverleg ${suffix}`
  const networkSlug = `kustoverleg-${suffix}`

  await login(page, 'platformbeheer@example.org')
  await page.getByRole('link', { name: 'Beheer', exact: true }).click()
  await page.getByRole('main').getByRole('link', { name: 'Organisaties', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Organisaties' })).toBeVisible()
  await expectAccessible(page, 'the organisations list')

  // Bad input first: a message at each wrong field, and nothing is created.
  await page.getByRole('link', { name: 'Organisatie toevoegen' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Organisatie toevoegen' })).toBeVisible()
  await expectAccessible(page, 'the new organisation form')
  const nameField = page.getByLabel('Naam', { exact: true })
  const slugField = page.getByLabel('Korte naam in de webadressen')
  const submit = page.getByRole('button', { name: 'Organisatie toevoegen' })
  const slugMessage =
    /Gebruik alleen kleine letters, cijfers en streepjes, zoals zeeuws-vlaanderen\./
  await nameField.fill('')
  await slugField.fill('Zwin Hoek!')
  await submit.click()
  await expect(nameField).toHaveAttribute('aria-invalid', 'true')
  await expect(nameField).toHaveAccessibleDescription('Vul dit veld in.')
  await expect(slugField).toHaveAttribute('aria-invalid', 'true')
  await expect(slugField).toHaveAccessibleDescription(slugMessage)
  await expectAccessible(page, 'the new organisation form with errors')

  // With a good name and the same bad slug, only the slug is refused, and still nothing is created.
  await nameField.fill(organisation)
  await nameField.press('Tab')
  await expect(nameField).not.toHaveAttribute('aria-invalid', 'true')
  await submit.click()
  await expect(slugField).toHaveAccessibleDescription(slugMessage)
  await expect(page).toHaveURL(/\/beheer\/organisaties\/nieuw$/)
  await page.goto('/beheer/organisaties')
  await expect(page.getByRole('heading', { level: 1, name: 'Organisaties' })).toBeVisible()
  await expect(page.getByRole('link', { name: organisation })).toHaveCount(0)

  // Now correct input: a Flemish municipality.
  await page.getByRole('link', { name: 'Organisatie toevoegen' }).click()
  await page.getByLabel('Naam', { exact: true }).fill(organisation)
  await page.getByLabel('Korte naam in de webadressen').fill(organisationSlug)
  await page.getByLabel('Soort organisatie').selectOption({ label: 'Gemeente' })
  await page.getByLabel('Land').selectOption({ label: 'België' })
  await page.getByLabel('Standaardtaal').selectOption({ label: 'Nederlands (België)' })
  await page.getByRole('button', { name: 'Organisatie toevoegen' }).click()
  await expect(page).toHaveURL(/\/beheer\/organisaties$/)
  await expect(page.getByRole('status')).toHaveText('De organisatie is toegevoegd.')
  const organisationRow = page
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: organisation }) })
  await expect(organisationRow).toContainText('België')

  // A new network.
  await page.goto('/beheer/netwerken')
  await expect(page.getByRole('heading', { level: 1, name: 'Netwerken' })).toBeVisible()
  await expectAccessible(page, 'the networks list')
  await page.getByRole('link', { name: 'Netwerk aanmaken' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Netwerk aanmaken' })).toBeVisible()
  await expectAccessible(page, 'the new network form')
  await page.getByLabel('Naam', { exact: true }).fill(network)
  await page.getByLabel('Afkorting').fill(`KO ${suffix}`)
  await page.getByLabel('Korte naam in de webadressen').fill(networkSlug)
  await page.getByLabel('Niveau').selectOption({ label: 'Grensoverschrijdend' })
  await page.getByLabel('Beschrijving').fill('Overleg over de kust aan beide kanten van de grens.')
  await page.getByRole('button', { name: 'Netwerk aanmaken' }).click()
  await expect(page).toHaveURL(new RegExp(`/beheer/netwerken/${networkSlug}$`))
  await expect(page.getByRole('status')).toHaveText('Het netwerk is aangemaakt.')
  await expect(page.getByRole('heading', { level: 1, name: network })).toBeVisible()
  await expect(page.getByText('Er nemen nog geen organisaties deel.')).toBeVisible()
  await expectAccessible(page, 'the network administration page')

  // The new organisation joins the network…
  await page
    .getByLabel('Organisatie toevoegen aan dit netwerk')
    .selectOption({ label: `${organisation} (België)` })
  await page.getByRole('button', { name: 'Toevoegen', exact: true }).click()
  await expect(page.getByRole('status')).toHaveText('De organisatie neemt nu deel aan het netwerk.')
  const memberRow = page
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: organisation, exact: true }) })
  await expect(memberRow).toContainText('België')
  await expectAccessible(page, 'the network administration page with a member')

  // …and leaves it again, after a confirmation step.
  await memberRow.getByRole('button', { name: `Deelname van ${organisation} beëindigen` }).click()
  const dialog = page.getByRole('alertdialog')
  await expect(dialog).toContainText(
    `Weet u zeker dat ${organisation} niet meer deelneemt aan ${network}? De medewerkers zien het netwerk daarna direct niet meer.`,
  )
  await expect(memberRow).toBeVisible()
  await expectAccessible(page, 'the end-membership confirmation')
  await dialog.getByRole('button', { name: 'Ja, deelname beëindigen' }).click()
  await expect(page.getByRole('status')).toHaveText(
    'De organisatie neemt niet meer deel aan het netwerk.',
  )
  await expect(memberRow).toHaveCount(0)
  await expect(page.getByText('Er nemen nog geen organisaties deel.')).toBeVisible()
})
