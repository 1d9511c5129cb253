import { expect } from '@playwright/test'
import {
  all,
  notificationsSend,
  one,
  organisationId,
  origin,
  sqliteDate,
  withDb,
} from '../access/support'
import {
  expectAccessible,
  mailTextsTo,
  newestMailTo,
  planMeeting,
  signedInPage,
  test,
  uniqueSuffix,
} from './helpers'

// What needs me (issue 14), the journey of the issue: Knokke-Heist shares a document for the Belgian
// partners, and Damme's daily digest holds it while Sluis's does not; the secretary adds a stuk to a
// published meeting and each invitee gets one "nagezonden stuk" mail; Maldegem's overdue action item is
// first in its "Voor u" and in a reminder. Digests and reminders are composed by `npm run
// notifications:send` (build/runtime/notifications-send.js), as an operator would, against the server's
// data folder; the server's own scheduler sends what it finds too, and each mail still arrives once.

const DAY = 24 * 3_600_000

/** `npm run notifications:send` against the e2e server's data folder; it must exit 0. */
async function notificationsSendOk() {
  const run = await notificationsSend()
  expect(run.code, `notifications:send\n${run.output}`).toBe(0)
}

test('a digest by audience, one nagezonden stuk per invitee, the overdue action item first', async ({
  browser,
}) => {
  test.slow()
  const suffix = uniqueSuffix()

  // --- Knokke-Heist shares a document for the Belgian partners only.
  const title = `Fietsroutes Belgische partners ${suffix}`
  const knokke = await signedInPage(browser, 'lid.knokke-heist@example.org')
  await knokke.goto('/netwerken/gos/documenten/nieuw')
  await knokke.getByLabel('Bestand', { exact: true }).setInputFiles({
    name: `fietsroutes-${suffix}.txt`,
    mimeType: 'text/plain',
    buffer: Buffer.from('Voorstel voor de fietsroutes langs het Zwin.\n'),
  })
  await knokke.getByLabel('Titel').fill(title)
  await knokke.getByLabel('Soort document').selectOption({ label: 'Werkplan' })
  await knokke.getByRole('radio', { name: 'Alleen geselecteerde partners' }).check()
  const partners = knokke.getByRole('group', { name: 'Geselecteerde partners' })
  for (const name of ['Gemeente Damme', 'Gemeente Maldegem', 'Gemeente Sint-Laureins']) {
    await partners.getByLabel(name, { exact: true }).check()
  }
  await knokke.getByRole('button', { name: 'Document delen' }).click()
  await expect(knokke.locator('p', { hasText: 'Zichtbaar voor:' })).toContainText('Gemeente Damme')

  // The document's event must be older than the minute a digest lets events settle; then Damme's and
  // Sluis's daily digests are made due (as if their hour had come with two days to tell). The server's
  // own scheduler may make them, with the moment of a tick a few seconds before the update: it takes
  // only events a minute older than that moment (a later one goes into the next digest), so the event
  // gets ten seconds more than the minute.
  const before = Date.now()
  await new Promise((resolve) => setTimeout(resolve, 70_000))
  withDb(
    (db) =>
      db
        .prepare(
          `UPDATE User SET digestCursor = ?, digestHour = 0 WHERE email IN ('lid.damme@example.org', 'lid.sluis@example.org')`,
        )
        .run(sqliteDate(new Date(Date.now() - 2 * DAY))),
    { write: true },
  )
  await notificationsSendOk()
  const digest = await newestMailTo('lid.damme@example.org', before, title)
  expect(digest).toMatch(/^Subject: Uw dagelijkse overzicht van Zwin/)
  expect(digest).toContain('Met vriendelijke groeten')
  for (const mail of mailTextsTo('lid.sluis@example.org', before)) {
    expect(mail).not.toContain(title)
  }

  // --- The secretary adds a stuk to a published meeting.
  const secretary = await signedInPage(browser, 'secretaris.gos@example.org')
  const meeting = `Overleg fietsroutes ${suffix}`
  const item = `Fietsroutes ${suffix}`
  const meetingId = await planMeeting(secretary, {
    title: meeting,
    from: { day: '2027-09-14', time: '14:00' },
    to: { day: '2027-09-14', time: '16:00' },
    host: 'Gemeente Knokke-Heist',
    address: 'Gemeentehuis Knokke-Heist, Dumortierlaan 32, 8300 Knokke-Heist',
  })
  await secretary.getByLabel('Titel', { exact: true }).fill(item)
  await secretary.getByRole('button', { name: 'Agendapunt toevoegen' }).click()
  await expect(secretary.getByRole('status').filter({ hasText: item })).toBeVisible()
  await secretary.goto(`/netwerken/gos/vergaderingen/${meetingId}`)
  await secretary.getByRole('button', { name: 'Publiceren en uitnodigingen versturen' }).click()
  await secretary.getByRole('button', { name: 'Ja, publiceren' }).click()
  await expect(
    secretary.getByRole('button', { name: 'Publiceren en uitnodigingen versturen' }),
  ).toHaveCount(0)

  const stuk = `Routekaart ${suffix}`
  await secretary.goto(`/netwerken/gos/vergaderingen/${meetingId}/agenda`)
  const uploads = secretary.getByRole('region', { name: 'Stukken uploaden' })
  await uploads.getByLabel('Agendapunt').selectOption({ label: `4. ${item}` })
  await uploads.getByLabel('Bestanden').setInputFiles({
    name: `${stuk}.txt`,
    mimeType: 'text/plain',
    buffer: Buffer.from('De routekaart met de nieuwe fietsverbindingen.\n'),
  })
  await uploads.getByRole('button', { name: 'Uploaden' }).click()
  await expect(uploads.getByText('Gedeeld en gekoppeld')).toHaveCount(1, { timeout: 30_000 })

  // Every invitee but the secretary who added it: exactly one mail about it, also after a second run.
  const invitees = all<{ email: string }>(
    `SELECT u.email FROM User u JOIN MeetingInvitation i ON i.organisationId = u.organisationId
     WHERE i.meetingId = ? AND u.disabledAt IS NULL AND u.email <> 'secretaris.gos@example.org'`,
    meetingId,
  ).map((u) => u.email)
  expect(invitees).toContain('lid.damme@example.org')
  await notificationsSendOk()
  await notificationsSendOk()
  for (const email of invitees) {
    await expect
      .poll(() => mailTextsTo(email, before, `Subject: Nagezonden stuk: ${stuk}`).length, {
        message: `the nagezonden stuk mail to ${email}`,
        timeout: 15_000,
      })
      .toBe(1)
  }

  // --- Maldegem's overdue action item: first in Voor u, and in a reminder.
  const action = `Bewegwijzering fietsroutes ${suffix}`
  const held = one<{ id: string; networkId: string }>(
    "SELECT m.id, m.networkId FROM Meeting m JOIN Network n ON n.id = m.networkId WHERE n.slug = 'gos' AND m.status = 'held' ORDER BY m.startsAt LIMIT 1",
  )!
  const due = new Date(Date.now() - 500 * DAY)
  due.setUTCHours(0, 0, 0, 0)
  withDb(
    (db) =>
      db
        .prepare(
          `INSERT INTO ActionItem (id, networkId, meetingId, description, organisationId, dueDate, status, createdAt, updatedAt)
           VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
        )
        .run(
          `journey-${suffix}`,
          held.networkId,
          held.id,
          action,
          organisationId('maldegem'),
          sqliteDate(due),
          sqliteDate(new Date()),
          sqliteDate(new Date()),
        ),
    { write: true },
  )
  const maldegem = await signedInPage(browser, 'lid.maldegem@example.org')
  await maldegem.goto('/')
  const actions = maldegem
    .getByRole('region', { name: 'Voor u' })
    .getByRole('region', { name: /open actiepunt(en)? van Gemeente Maldegem/ })
  await expect(actions.getByRole('listitem').first()).toContainText(action)
  await expect(actions.getByRole('listitem').first()).toContainText('Te laat')
  await expectAccessible(maldegem, 'Voor u with an overdue action item')

  // The server's scheduler may have sent it already; either way there is one.
  await notificationsSendOk()
  const reminder = await newestMailTo('lid.maldegem@example.org', before, action)
  expect(reminder).toMatch(/^Subject: Actiepunt te laat/)
  expect(reminder).toContain(`${origin()}/netwerken/gos/acties`)
  expect(reminder).toContain('/uitschrijven/')
})
