/**
 * Meetings (issue 4) beyond the matrix personas: the GOS secretary prepares meetings exactly as the GOS
 * coordinator does (every meeting row of matrix.ts, with the coordinator's expected answer); a draft
 * appears nowhere for a plain member, not in a list, the dashboard or the agenda; the personal calendar
 * feed answers without a session, holds only what its owner may see (never a draft) and stops at once
 * when revoked.
 */
import { expect, test } from '@playwright/test'
import { matrix, type Fixtures, type MatrixRow, type Outcome } from './matrix'
import { meetingId, seededMeetings } from './meetings-fixtures'
import { dataUrl, send, signIn, visibleText, type Reply, type Session } from './support'

const SECRETARY = 'secretaris.gos@example.org'
const MEMBER = 'lid.sluis@example.org'
const COORDINATOR = 'coordinator.gos@example.org'

const meetingRoutes = /^\/(netwerken\/:network\/(vergaderingen|acties)|agenda)/
/** Resource routes: their `.data` answers 404 for everyone (see access-matrix.spec.ts). */
const resourceRoute = /\.(ics|pdf)$|\/verslag\/:file$/

let secretary: Session
let member: Session
let coordinator: Session

test.beforeAll(async () => {
  secretary = await signIn(SECRETARY)
  member = await signIn(MEMBER)
  coordinator = await signIn(COORDINATOR)
})

function expectOutcome(reply: Reply, outcome: Outcome, variant: 'page' | 'data', where: string) {
  if (typeof outcome === 'object') {
    if (variant === 'page') {
      expect.soft(reply.status, where).toBe(302)
      expect.soft(reply.location, where).toBe(outcome.redirect)
    } else {
      expect.soft(reply.status, where).toBe(202)
      expect.soft(reply.body, where).toContain(`"redirect","${outcome.redirect}"`)
    }
    return
  }
  expect.soft(reply.status, where).toBe(outcome)
}

test('the GOS secretary gets the GOS coordinator’s answer on every meeting row of the matrix', async () => {
  const rows = matrix.filter((r: MatrixRow) => meetingRoutes.test(r.route))
  expect(rows.length).toBeGreaterThan(40)
  // The meeting rows read their ids from the database; they use no other fixture.
  const fixtures = {} as Fixtures
  for (const row of rows) {
    const expected = row.expect.coordinator
    const pageUrl = row.url(fixtures)
    for (const variant of ['page', 'data'] as const) {
      const url = variant === 'page' ? pageUrl : dataUrl(pageUrl)
      const outcome =
        variant === 'data' && row.method === 'GET' && resourceRoute.test(row.route)
          ? 404
          : ((variant === 'data' ? row.dataExpect?.coordinator : undefined) ?? expected)
      const reply = await send(url, { method: row.method, session: secretary, form: row.form })
      expectOutcome(reply, outcome, variant, `${row.method} ${url} (${row.case}) as the secretary`)
    }
  }
})

test('a draft appears nowhere for a plain member; its preparers find it in the list', async () => {
  const draft = seededMeetings.draft
  for (const preparer of [coordinator, secretary]) {
    const list = await send('/netwerken/gos/vergaderingen', { session: preparer })
    expect(list.status).toBe(200)
    expect(visibleText(list.body), `the list for ${preparer.email}`).toContain(draft)
  }
  for (const url of [
    '/netwerken/gos/vergaderingen',
    '/netwerken/gos/vergaderingen.data',
    '/',
    '/_root.data',
    '/agenda',
    '/agenda.data',
  ]) {
    const reply = await send(url, { session: member })
    expect(reply.status, url).toBe(200)
    expect(reply.body, `${url} for a plain member`).not.toContain(draft)
    expect(reply.body, `${url} for a plain member`).not.toContain(meetingId('draft'))
  }
  // The published meeting is there, so the member's pages do list meetings.
  const list = await send('/netwerken/gos/vergaderingen', { session: member })
  expect(visibleText(list.body)).toContain(seededMeetings.published)
})

test('the calendar feed: no session needed, never a draft, 404 once revoked', async () => {
  // The secretary prepares the draft, and still the feed leaves it out (calendars outlive access).
  // As the browser sends it (single fetch). The only answer that ever holds the address must not be
  // kept by a browser or proxy (app/routes/calendar/agenda.tsx sets Cache-Control: no-store for it).
  const created = await send('/agenda.data', { session: secretary, form: { intent: 'create' } })
  expect(created.status).toBe(200)
  expect
    .soft(
      created.headers.get('cache-control') ?? '',
      'Cache-Control of the answer with the address',
    )
    .toContain('no-store')
  const token = /\/agenda\/feed\/([A-Za-z0-9_-]{20,})\/zwin\.ics/.exec(created.body)?.[1]
  expect(token, 'the new feed address on the page').toBeTruthy()
  const feedUrl = `/agenda/feed/${token}/zwin.ics`

  const feed = await send(feedUrl)
  expect(feed.status).toBe(200)
  expect(feed.headers.get('content-type')).toContain('text/calendar')
  expect(feed.body).toContain('BEGIN:VCALENDAR')
  expect(feed.body).toContain(seededMeetings.published)
  expect(feed.body).not.toContain(seededMeetings.draft)
  expect(feed.body).not.toContain(meetingId('draft'))

  // Revoking asks first, then the address answers 404 like any unknown one.
  const asked = await send('/agenda', { session: secretary, form: { intent: 'revoke' } })
  expect(asked.status).toBe(200)
  expect((await send(feedUrl)).status, 'still working until confirmed').toBe(200)
  const revoked = await send('/agenda', {
    session: secretary,
    form: { intent: 'revoke', confirmed: 'yes' },
  })
  expect(revoked.status).toBe(200)
  const gone = await send(feedUrl)
  expect(gone.status).toBe(404)
  expect(gone.body).not.toContain(seededMeetings.published)
})
