import { expect } from '@playwright/test'
import { all } from '../access/support'
import { pdfWithText } from '../fixtures/documents'
import { expectAccessible, planMeeting, signedInPage, test, uniqueSuffix } from './helpers'

// Stukken from the agenda page (issue 11, item 7): the secretary picks an item and two files at once;
// each is uploaded with its own progress, titled after its file name, shared with all partners and
// attached to the item, where the preparers see whom each document reaches.

const SECRETARY = 'secretaris.gos@example.org'

test('two files uploaded at once from the agenda page, titled after their names, for all partners', async ({
  browser,
}) => {
  const suffix = uniqueSuffix()
  const title = `Stukkenoverleg ${suffix}`
  const item = `Begroting grensregio ${suffix}`
  const secretary = await signedInPage(browser, SECRETARY)
  const meetingId = await planMeeting(secretary, {
    title,
    from: { day: '2027-06-10', time: '10:00' },
    to: { day: '2027-06-10', time: '12:00' },
    host: 'Gemeente Sluis',
    address: 'Stadhuis Sluis, Groote Markt 1, 4524 CD Sluis',
  })
  await secretary.getByLabel('Titel', { exact: true }).fill(item)
  await secretary.getByRole('button', { name: 'Agendapunt toevoegen' }).click()
  await expect(secretary.getByRole('status').filter({ hasText: item })).toBeVisible()

  const uploads = secretary.getByRole('region', { name: 'Stukken uploaden' })
  await uploads.getByLabel('Agendapunt').selectOption({ label: `4. ${item}` })
  await uploads.getByLabel('Bestanden').setInputFiles([
    {
      name: `Begroting 2027 ${suffix}.pdf`,
      mimeType: 'application/pdf',
      buffer: Buffer.from(await pdfWithText(['Begroting grensregio 2027'])),
    },
    {
      name: `Notitie ${suffix}.txt`,
      mimeType: 'text/plain',
      buffer: Buffer.from('Aandachtspunten voor de begroting.\n'),
    },
  ])
  await uploads.getByRole('button', { name: 'Uploaden' }).click()
  await expect(uploads.getByText('Gedeeld en gekoppeld')).toHaveCount(2, { timeout: 30_000 })
  await expectAccessible(secretary, 'the agenda after uploading two papers')

  const attached = all<{ title: string; audience: string }>(
    `SELECT d.title, d.audience FROM MeetingDocument md JOIN Document d ON d.id = md.documentId
     JOIN AgendaItem i ON i.id = md.agendaItemId WHERE md.meetingId = ? AND i.title = ?
     ORDER BY d.title`,
    meetingId,
    item,
  )
  expect(attached).toEqual([
    { title: `Begroting 2027 ${suffix}`, audience: 'network' },
    { title: `Notitie ${suffix}`, audience: 'network' },
  ])

  // On the item's page each paper says whom it reaches.
  await uploads.getByRole('link', { name: 'Bekijken bij het agendapunt' }).first().click()
  const documents = secretary.getByRole('region', { name: 'Documenten bij dit agendapunt' })
  await expect(documents.getByRole('listitem').filter({ hasText: 'Begroting 2027' })).toContainText(
    '(alle partners)',
  )
})
