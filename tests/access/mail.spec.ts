/**
 * The mail column of the access matrix (issue 14): what the notification mails tell each persona of
 * tests/access/matrix.ts (personaDescriptions, the addresses in support.ts). The feed column is in
 * documents.spec.ts; the mails are decided by the same access rule (app/modules/notifications/
 * audience.server.ts asks app/modules/access/activity.server.ts), and this checks what actually went out.
 *
 * Two things kept from most personas, each made for this test with a per-run suffix:
 *  - a document in GOS shared by Knokke-Heist with Damme only (document_shared). In its audience: the
 *    Knokke-Heist org admin (and lid.damme). Outside it: Sluis's member, GOS coordinator and platform admin
 *    (members of GOS), De Wolden, Terneuzen's ZVL coordinator and Hulst (not in GOS);
 *  - a stuk for Terneuzen and Hulst only, attached by the ZVL coordinator to a published ZVL meeting that
 *    every ZVL member is invited to (meeting_document_added, the "nagezonden stuk"). In its audience: the
 *    Hulst member (and lid.terneuzen); its actor, the ZVL coordinator, is not mailed about what they did.
 *    Outside it: the three Sluis personas, invitees of the meeting, and De Wolden and the Knokke-Heist org
 *    admin (not in ZVL).
 *
 * Everyone's daily and weekly digests are made due, `npm run notifications:send` runs against the server's
 * data folder, and then: each persona in an audience has a mail about it (at once or in a digest) with a
 * List-Unsubscribe header; no persona outside has any mail since the test began (subject, text and HTML)
 * or any queued mail that holds its title, id, description or a word of its file.
 */
import { expect, test } from '@playwright/test'
import { mailsTo, mailTextsTo } from '../e2e/helpers'
import { uploadDocument } from './document-uploads'
import { personaDescriptions, type SignedInPersona } from './matrix'
import {
  all,
  matrixPersonaEmails,
  organisationId,
  notificationsSend,
  send,
  signIn,
  sqliteDate,
  unique,
  withDb,
  type Session,
} from './support'

const DAY = 24 * 3_600_000

type Secret = {
  label: string
  id: string
  title: string
  description: string
  /** A word that only the file holds. */
  word: string
  /** The personas in its audience who must hear of it (its actor is not mailed). */
  audience: SignedInPersona[]
  /** People of its audience beyond the personas, also mailed. */
  alsoMailed: string[]
}

const personas = Object.keys(matrixPersonaEmails) as Array<keyof typeof matrixPersonaEmails>

test('the mail column: a document and a stuk kept from some reach their audience only', async () => {
  test.slow()
  // A second early: file times and the clock may differ in their rounding.
  const start = Date.now() - 1_000
  const suffix = unique()

  // --- A document in GOS for Knokke-Heist and Damme only.
  const knokke = await signIn('lid.knokke-heist@example.org')
  const documentWord = `duinbeheer${suffix}`
  const documentDescription = `Onderhandelingsmarge duinen ${suffix}`
  const document = await uploadDocument(
    knokke,
    'gos',
    {
      title: `Vertrouwelijk duinvoorstel ${suffix}`,
      description: documentDescription,
      audience: 'selected',
      organisations: ['damme'],
    },
    {
      name: `duinen-${suffix}.txt`,
      content: `Voorstel ${documentWord} voor de duinen.\n`,
      type: 'text/plain',
    },
  )

  // --- A published ZVL meeting (every member invited) and a stuk for Terneuzen and Hulst only.
  const zvl = await signIn(matrixPersonaEmails.zvlCoordinator)
  const meetingId = await publishedZvlMeeting(zvl, `Overleg havenvisie ${suffix}`)
  const stukWord = `kanaalzone${suffix}`
  const stukDescription = `Grondposities kanaal ${suffix}`
  const stuk = await uploadDocument(
    zvl,
    'zeeuws-vlaanderen',
    {
      title: `Vertrouwelijke grondstrategie ${suffix}`,
      description: stukDescription,
      audience: 'selected',
      organisations: ['hulst'],
    },
    {
      name: `grond-${suffix}.txt`,
      content: `Strategie ${stukWord} voor de kanaalzone.\n`,
      type: 'text/plain',
    },
  )
  const attached = await send(`/netwerken/zeeuws-vlaanderen/vergaderingen/${meetingId}/agenda`, {
    session: zvl,
    form: { intent: 'attach', id: stuk.id },
  })
  expect(attached.status, attached.body.slice(0, 300)).toBe(302)
  const kinds = all<{ kind: string }>(
    'SELECT kind FROM ActivityEvent WHERE documentId IN (?, ?) ORDER BY kind',
    document.id,
    stuk.id,
  ).map((e) => e.kind)
  expect(kinds).toEqual(['document_shared', 'document_shared', 'meeting_document_added'])

  const secrets: Secret[] = [
    {
      label: 'the GOS document for Knokke-Heist and Damme',
      id: document.id,
      title: document.title,
      description: documentDescription,
      word: documentWord,
      audience: ['orgAdmin'],
      alsoMailed: ['lid.damme@example.org'],
    },
    {
      label: 'the ZVL stuk for Terneuzen and Hulst',
      id: stuk.id,
      title: stuk.title,
      description: stukDescription,
      word: stukWord,
      // The ZVL coordinator is in it too, but added it: nobody is mailed about what they did.
      audience: ['hulstMember'],
      alsoMailed: ['lid.terneuzen@example.org'],
    },
  ]

  // A digest holds only events older than a minute (app/modules/notifications/digest.server.ts, SETTLE_MS):
  // these are moved two minutes back instead of waiting. Then everyone's daily and weekly digests are made
  // due: the last moment of either (whatever hour or weekday they chose) is later than their cursor.
  withDb(
    (db) => {
      db.prepare(
        `UPDATE ActivityEvent SET createdAt = ? WHERE documentId IN (?, ?) OR meetingId = ?`,
      ).run(sqliteDate(new Date(Date.now() - 2 * 60_000)), document.id, stuk.id, meetingId)
      const emails = [
        ...Object.values(matrixPersonaEmails),
        ...secrets.flatMap((s) => s.alsoMailed),
      ]
      db.prepare(
        `UPDATE User SET digestCursor = ?, weeklyDigestCursor = ?
         WHERE email IN (${emails.map(() => '?').join(', ')})`,
      ).run(
        sqliteDate(new Date(Date.now() - 2 * DAY)),
        sqliteDate(new Date(Date.now() - 8 * DAY)),
        ...emails,
      )
    },
    { write: true },
  )
  const run = await notificationsSend()
  expect(run.code, `notifications:send\n${run.output}`).toBe(0)

  // --- Everyone in an audience hears of it, with a one-click unsubscribe.
  for (const secret of secrets) {
    const mailed = [
      ...secret.audience.map((p) => [matrixPersonaEmails[p], personaDescriptions[p]] as const),
      ...secret.alsoMailed.map((email) => [email, email] as const),
    ]
    for (const [email, who] of mailed) {
      await expect
        .poll(() => mailTextsTo(email, start, secret.title).length, {
          message: `${secret.label}: a mail to ${who}`,
          timeout: 15_000,
        })
        .toBeGreaterThan(0)
      for (const mail of mailsTo(email, start, secret.title)) {
        expect(mail.headers.get('list-unsubscribe'), `${secret.label}: ${mail.file}`).toMatch(
          /^<https?:\/\/[^>]+\/uitschrijven\/[^>]+>$/,
        )
        expect(mail.headers.get('list-unsubscribe-post'), mail.file).toBe(
          'List-Unsubscribe=One-Click',
        )
      }
    }
  }
  // The invited Hulst member has the stuk at once, as a "nagezonden stuk".
  expect(
    mailTextsTo(matrixPersonaEmails.hulstMember, start, `Subject: Nagezonden stuk: ${stuk.title}`),
  ).toHaveLength(1)

  // --- Nobody outside an audience has a mail, sent or still queued, that mentions it.
  const queued = (email: string) =>
    all<{ message: string }>(
      'SELECT message FROM OutboxMail WHERE "to" = ? AND createdAt >= ?',
      email,
      sqliteDate(new Date(start)),
    ).map((m) => m.message)
  for (const secret of secrets) {
    const outside = personas.filter(
      (p) => !secret.audience.includes(p) && !(secret === secrets[1] && p === 'zvlCoordinator'),
    )
    expect(outside.length).toBeGreaterThanOrEqual(5)
    for (const persona of outside) {
      const email = matrixPersonaEmails[persona]
      const texts = [...mailsTo(email, start).map((m) => `${m.file}\n${m.text}`), ...queued(email)]
      for (const text of texts) {
        for (const leak of [secret.title, secret.id, secret.description, secret.word]) {
          expect(
            text,
            `${secret.label}: mailed to ${personaDescriptions[persona]}, holding "${leak}"`,
          ).not.toContain(leak)
        }
      }
    }
  }
  // The actor of the stuk: not mailed about it either.
  for (const mail of mailsTo(matrixPersonaEmails.zvlCoordinator, start, stuk.title)) {
    expect(mail.text, mail.file).not.toMatch(/^Subject: Nagezonden stuk/)
  }
})

/** Plans a meeting in ZVL through the form, hosted by Terneuzen, and publishes it; its id. */
async function publishedZvlMeeting(coordinator: Session, title: string): Promise<string> {
  const planned = await send('/netwerken/zeeuws-vlaanderen/vergaderingen/nieuw', {
    session: coordinator,
    form: {
      title,
      day: '2027-10-12',
      startTime: '14:00',
      endTime: '16:00',
      location: 'Stadhuis Terneuzen, Oostelijk Bolwerk 4, 4531 GP Terneuzen',
      hostOrganisationId: organisationId('terneuzen'),
    },
  })
  expect(planned.status, planned.body.slice(0, 300)).toBe(302)
  const id = /\/vergaderingen\/([^/]+)\/agenda$/.exec(planned.location ?? '')?.[1]
  if (!id) throw new Error(`No meeting id in ${planned.location}`)
  const published = await send(`/netwerken/zeeuws-vlaanderen/vergaderingen/${id}`, {
    session: coordinator,
    form: { intent: 'publish', confirmed: 'yes' },
  })
  expect(published.status, published.body.slice(0, 300)).toBe(302)
  return id
}
