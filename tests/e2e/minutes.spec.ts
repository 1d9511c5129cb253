import { expect, type Page } from '@playwright/test'
import { one, withDb } from '../access/support'
import { expectAccessible, flash, signedInPage, test, uniqueSuffix } from './helpers'

// The minutes of a GOS meeting after it was held (issue 11), with the keyboard: the secretary (Sluis)
// records who was present and that Knokke-Heist sent notice (with a reason), reads the draft minutes
// with attendance, decisions and the download links, and opens a written round; Maldegem reads the
// same draft in Flemish ("Ontwerpnotulen", "verontschuldigd", "Akte genomen") and agrees; the secretary
// closes the round after the confirmation, and the minutes are approved, no longer a draft. Axe runs
// on every page on the way.
//
// The meeting is written straight into the server's database as it stands when it is over (held, with
// a decision), so the journey needs no clock and leaves the seeded meetings as they are.

const SECRETARY = 'secretaris.gos@example.org'
const MALDEGEM = 'lid.maldegem@example.org'
const KNOKKE_PERSON = 'Lieve Zwinnaert'
const MALDEGEM_PERSON = 'Griet Meetjesdonck'
const SAVED = 'Uw wijzigingen zijn opgeslagen.'

function idOf(sql: string, value: string): string {
  const row = one<{ id: string }>(sql, value)
  if (!row) throw new Error(`Nothing for ${value}`)
  return row.id
}

/** A held GOS meeting that ended an hour ago, invited: Sluis, Maldegem, Knokke-Heist. */
function heldMeeting(title: string): string {
  const id = `e2e-minutes-${uniqueSuffix()}`
  const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00')
  const now = Date.now()
  const network = idOf('SELECT id FROM Network WHERE slug = ?', 'gos')
  const organisations = ['sluis', 'maldegem', 'knokke-heist'].map((slug) =>
    idOf('SELECT id FROM Organisation WHERE slug = ?', slug),
  )
  withDb(
    (db) => {
      db.prepare(
        `INSERT INTO Meeting (id, networkId, title, startsAt, endsAt, location, hostOrganisationId,
           status, minutesText, createdAt, updatedAt)
         VALUES (?, ?, ?, ?, ?, 'Gemeentehuis Sluis', ?, 'held', 'Het overleg verliep in goede sfeer.', ?, ?)`,
      ).run(
        id,
        network,
        title,
        iso(now - 3 * 3_600_000),
        iso(now - 3_600_000),
        organisations[0],
        iso(now),
        iso(now),
      )
      for (const organisation of organisations) {
        db.prepare('INSERT INTO MeetingInvitation (meetingId, organisationId) VALUES (?, ?)').run(
          id,
          organisation,
        )
      }
      db.prepare(
        `INSERT INTO AgendaItem (id, meetingId, position, title, kind, durationMinutes, decisionText,
           decisionOutcome, createdAt, updatedAt)
         VALUES (?, ?, 0, 'Werkplan grensmobiliteit', 'decision', 30, 'De partners nemen het werkplan door.', 'noted', ?, ?)`,
      ).run(`${id}-item`, id, iso(now), iso(now))
    },
    { write: true },
  )
  return id
}

/** Chooses a radio button in a group with the keyboard (focus, then space). */
async function chooseWithKeyboard(page: Page, group: string, option: string) {
  const radio = page.getByRole('group', { name: group }).getByRole('radio', { name: option })
  await radio.focus()
  await page.keyboard.press('Space')
  await expect(radio).toBeChecked()
}

test('minutes after the meeting: attendance, draft in two languages, written round, approval', async ({
  browser,
}) => {
  test.setTimeout(240_000)
  const title = `GOS-overleg verslag ${uniqueSuffix()}`
  const meetingId = heldMeeting(title)
  const base = `/netwerken/gos/vergaderingen/${meetingId}`

  // --- The secretary records attendance: Maldegem present, Knokke-Heist excused with a reason.
  const secretary = await signedInPage(browser, SECRETARY)
  await secretary.goto(`${base}/deelnemers`)
  await chooseWithKeyboard(secretary, `Aanwezigheid van ${MALDEGEM_PERSON}`, 'Aanwezig')
  await chooseWithKeyboard(
    secretary,
    `Aanwezigheid van ${KNOKKE_PERSON}`,
    'Met kennisgeving afwezig',
  )
  await secretary
    .getByLabel(`Reden van afwezigheid van ${KNOKKE_PERSON} (niet verplicht)`)
    .fill('Andere afspraak')
  await expectAccessible(secretary, 'the attendance form')
  await secretary.getByRole('button', { name: 'Aanwezigheid opslaan' }).focus()
  await secretary.keyboard.press('Enter')
  await expect(flash(secretary, SAVED)).toBeVisible()
  await expect(
    secretary.getByLabel(`Reden van afwezigheid van ${KNOKKE_PERSON} (niet verplicht)`),
  ).toHaveValue('Andere afspraak')

  // --- The draft minutes hold it, marked as a draft, with the downloads; she opens a written round.
  await secretary.goto(`${base}/verslag`)
  await expect(secretary.getByText('Conceptverslag').first()).toBeVisible()
  await expect(
    secretary.getByText(
      `Gemeente Knokke-Heist: met kennisgeving afwezig: ${KNOKKE_PERSON} (Andere afspraak)`,
    ),
  ).toBeVisible()
  await expect(
    secretary.getByText(
      '1. Werkplan grensmobiliteit: Voor kennisgeving aangenomen — De partners nemen het werkplan door.',
    ),
  ).toBeVisible()
  await expect(secretary.getByRole('link', { name: 'Verslag als PDF' })).toBeVisible()
  const pdf = await secretary.evaluate(
    async (url) => (await fetch(url)).status,
    `${base}/verslag/verslag.pdf`,
  )
  expect(pdf).toBe(200)
  const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)
  await secretary.getByLabel('Uiterste datum om te antwoorden').fill(deadline)
  await expectAccessible(secretary, 'the draft minutes with the round form')
  await secretary.getByRole('button', { name: 'Schriftelijke ronde starten' }).click()
  await expect(secretary.getByText(/De schriftelijke ronde loopt tot en met/)).toBeVisible()

  // --- Maldegem reads the draft in Flemish and agrees, with the keyboard.
  const maldegem = await signedInPage(browser, MALDEGEM, { locale: 'nl-BE' })
  await maldegem.goto(`${base}/verslag`)
  await expect(maldegem.getByText('Ontwerpnotulen').first()).toBeVisible()
  await expect(
    maldegem.getByText(
      `Gemeente Knokke-Heist: verontschuldigd: ${KNOKKE_PERSON} (Andere afspraak)`,
    ),
  ).toBeVisible()
  await expect(
    maldegem.getByText('1. Werkplan grensmobiliteit: Akte genomen', { exact: false }),
  ).toBeVisible()
  await expect(maldegem.getByText(/De schriftelijke procedure loopt tot en met/)).toBeVisible()
  await chooseWithKeyboard(maldegem, 'Antwoord', 'Akkoord')
  await expectAccessible(maldegem, 'the draft minutes in nl-BE with the answer form')
  await maldegem.getByRole('button', { name: 'Antwoord versturen' }).focus()
  await maldegem.keyboard.press('Enter')
  await expect(maldegem.getByRole('cell', { name: /Akkoord/ })).toBeVisible()

  // --- The secretary closes the round: asked first, then the minutes are approved.
  await secretary.reload()
  await secretary.getByRole('button', { name: 'Ronde sluiten en verslag vaststellen' }).click()
  const dialog = secretary.getByRole('alertdialog')
  await expect(dialog).toContainText('1 van de 3 organisaties hebben geantwoord, 0 met opmerkingen')
  await expectAccessible(secretary, 'the question before closing the round')
  await dialog.getByRole('button', { name: 'Ja, ronde sluiten en verslag vaststellen' }).click()
  await expect(
    secretary.getByText(/Het verslag is vastgesteld in een schriftelijke ronde, gesloten op/),
  ).toBeVisible()
  await expect(secretary.getByText('Conceptverslag')).toHaveCount(0)
  await expectAccessible(secretary, 'the approved minutes')
})
