/**
 * Bad input on the meeting forms (issue 4), through the real server: an end before the start, a duration
 * in words, moving an item beyond either end, a reply to a GOS meeting under the P10 address, an action
 * item for an organisation outside the network; and the steps that come too early or would lose the
 * record: a decision or action item before the meeting has begun, removing an item that carries a
 * decision. Each is refused with its message in the page (or the 404 of an unknown address), and
 * nothing is written.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from '@playwright/test'
import { meetingWallClock } from '../../app/modules/meetings/types'
import { agendaItemId, meetingUrl } from '../access/meetings-fixtures'
import {
  all,
  one,
  organisationId,
  send,
  signIn,
  text,
  unique,
  userId,
  visibleText,
  type Session,
} from '../access/support'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const minutesTexts = JSON.parse(
  fs.readFileSync(path.join(root, 'locales', 'nl-NL', 'minutes.json'), 'utf8'),
) as { problems: Record<string, string>; decision: Record<string, string> }

type CreatedMeeting = { id: string; url: string; title: string }

let secretary: Session
/** Published, in March 2027: not begun. */
let meeting: CreatedMeeting

/** A meeting form as the browser sends it, every standing item ticked. */
function meetingForm(fields: Record<string, string>) {
  const form = new URLSearchParams({
    title: '',
    description: '',
    day: '2027-03-11',
    startTime: '10:00',
    endDay: '',
    endTime: '12:00',
    location: 'Gemeentehuis Sluis, Kaai 8, 4524 EK Sluis',
    onlineUrl: '',
    hostOrganisationId: organisationId('sluis'),
    chair: '',
    secretary: '',
    copyFrom: '',
    ...fields,
  })
  for (const standing of ['opening', 'previous_minutes', 'action_list', 'any_other_business']) {
    form.append('standing', standing)
  }
  return form
}

function agendaPositions(meetingId: string) {
  return all<{ id: string; position: number }>(
    'SELECT id, position FROM AgendaItem WHERE meetingId = ? ORDER BY position',
    meetingId,
  )
}

/** Plans a GOS meeting through the form (as the secretary) and publishes it, confirmed. */
async function publishedMeeting(title: string, fields: Record<string, string> = {}) {
  const created = await send('/netwerken/gos/vergaderingen/nieuw', {
    session: secretary,
    form: meetingForm({ title, ...fields }),
  })
  expect(created.status, created.body.slice(0, 300)).toBe(302)
  const id = /\/vergaderingen\/([^/]+)\/agenda$/.exec(created.location ?? '')?.[1]
  if (!id) throw new Error(`No meeting id in ${created.location}`)
  const url = `/netwerken/gos/vergaderingen/${id}`
  const published = await send(url, {
    session: secretary,
    form: { intent: 'publish', id, confirmed: 'yes' },
  })
  expect(published.status, published.body.slice(0, 300)).toBe(302)
  return { id, url, title } satisfies CreatedMeeting
}

/** A meeting under way: begun an hour ago (Amsterdam time), ending in an hour and a half. */
function underWay() {
  const start = new Date(Math.floor((Date.now() - 60 * 60_000) / (5 * 60_000)) * 5 * 60_000)
  const [from, to] = [
    meetingWallClock(start),
    meetingWallClock(new Date(start.getTime() + 150 * 60_000)),
  ]
  return {
    day: from.day,
    startTime: from.time,
    endDay: to.day === from.day ? '' : to.day,
    endTime: to.time,
  }
}

test.beforeAll(async () => {
  secretary = await signIn('secretaris.gos@example.org')
  meeting = await publishedMeeting(`GOS-overleg invoercontrole ${unique()}`)
})

test('an end before the start: the message, no meeting', async () => {
  const title = `Verkeerd om ${unique()}`
  const reply = await send('/netwerken/gos/vergaderingen/nieuw', {
    session: secretary,
    form: meetingForm({ title, startTime: '14:00', endTime: '13:30' }),
  })
  expect(reply.status).toBe(400)
  expect(visibleText(reply.body)).toContain(text('validation.endTimeBeforeStart'))
  expect(one('SELECT id FROM Meeting WHERE title = ?', title)).toBeUndefined()
})

test('a duration in words: the message, no agenda item', async () => {
  const title = `Punt met duur in woorden ${unique()}`
  const reply = await send(`${meeting.url}/agenda`, {
    session: secretary,
    form: { intent: 'addItem', title, kind: 'discussion', durationMinutes: 'tien' },
  })
  expect(reply.status).toBe(400)
  expect(visibleText(reply.body)).toContain(text('validation.durationNumber'))
  expect(one('SELECT id FROM AgendaItem WHERE title = ?', title)).toBeUndefined()
})

test('moving the first item up or the last one down: the message, the order unchanged', async () => {
  const before = agendaPositions(meeting.id)
  expect(before.length).toBe(4)
  for (const [item, direction] of [
    [before[0]!, 'up'],
    [before.at(-1)!, 'down'],
  ] as const) {
    const reply = await send(`${meeting.url}/agenda`, {
      session: secretary,
      form: { intent: 'move', id: item.id, direction },
    })
    expect(reply.status, direction).toBe(400)
    expect(visibleText(reply.body)).toContain(text('validation.cannotMoveFurther'))
  }
  expect(agendaPositions(meeting.id)).toEqual(before)
  const moves = all(
    "SELECT id FROM AuditEvent WHERE action = 'agenda.item_moved' AND objectId IN (?, ?)",
    before[0]!.id,
    before.at(-1)!.id,
  )
  expect(moves).toEqual([])
})

test('a reply to a GOS meeting under the P10 address: 404, nothing written', async () => {
  // Sluis is in both networks, De Wolden in P10 only: for neither is the meeting a P10 meeting.
  for (const email of ['lid.sluis@example.org', 'lid.dewolden@example.org']) {
    const session = await signIn(email)
    const reply = await send(`/netwerken/p10/vergaderingen/${meeting.id}`, {
      session,
      form: { intent: 'respond', response: 'delegate', delegateName: 'Iemand Anders' },
    })
    expect(reply.status, email).toBe(404)
    expect(reply.body, email).not.toContain(meeting.title)
    expect(
      one(
        'SELECT id FROM MeetingAttendance WHERE meetingId = ? AND userId = ?',
        meeting.id,
        userId(email),
      ),
      email,
    ).toBeUndefined()
  }
  // The same reply under the meeting's own network is taken: the 404 was the address.
  const sluis = await signIn('lid.sluis@example.org')
  const accepted = await send(meeting.url, {
    session: sluis,
    form: { intent: 'respond', response: 'delegate', delegateName: 'Iemand Anders' },
  })
  expect(accepted.status).toBe(302)
  expect(
    one<{ delegateName: string }>(
      'SELECT delegateName FROM MeetingAttendance WHERE meetingId = ? AND userId = ?',
      meeting.id,
      userId('lid.sluis@example.org'),
    ),
  ).toEqual({ delegateName: 'Iemand Anders' })
})

test('an action item for an organisation outside the GOS: the message, nothing written', async () => {
  // On the seeded held meeting, where action items are recorded (the meeting has begun).
  const description = `Actiepunt voor Amsterdam ${unique()}`
  const reply = await send(meetingUrl('held', `/agenda/${agendaItemId('held')}`), {
    session: secretary,
    form: {
      intent: 'addActionItem',
      description,
      organisationId: organisationId('amsterdam'),
      assigneeUserId: '',
      dueDate: '',
    },
  })
  expect(reply.status).toBe(400)
  expect(visibleText(reply.body)).toContain(minutesTexts.problems.organisationNotInNetwork)
  expect(one('SELECT id FROM ActionItem WHERE description = ?', description)).toBeUndefined()
  expect(
    one('SELECT id FROM ActionItem WHERE organisationId = ?', organisationId('amsterdam')),
  ).toBeUndefined()
})

test('a decision or action item before the meeting has begun: the message, nothing written', async () => {
  // Only posted by hand: before the start the page offers no forms, only the note saying when.
  const item = agendaPositions(meeting.id)[0]!
  const decisionText = `Besluit voor de vergadering ${unique()}`
  const decided = await send(`${meeting.url}/agenda/${item.id}`, {
    session: secretary,
    form: { intent: 'saveDecision', decisionText, decisionOutcome: 'adopted' },
  })
  expect(decided.status).toBe(400)
  expect(visibleText(decided.body)).toContain(minutesTexts.decision.notRecording)
  expect(
    one<{ decisionText: string; decisionOutcome: string | null }>(
      'SELECT decisionText, decisionOutcome FROM AgendaItem WHERE id = ?',
      item.id,
    ),
  ).toEqual({ decisionText: '', decisionOutcome: null })

  const description = `Actiepunt te vroeg ${unique()}`
  const added = await send(`${meeting.url}/agenda/${item.id}`, {
    session: secretary,
    form: {
      intent: 'addActionItem',
      description,
      organisationId: organisationId('damme'),
      assigneeUserId: '',
      dueDate: '',
    },
  })
  expect(added.status).toBe(400)
  expect(visibleText(added.body)).toContain(minutesTexts.decision.notRecording)
  expect(one('SELECT id FROM ActionItem WHERE description = ?', description)).toBeUndefined()
})

test('removing an agenda item that carries a decision: the message, the item stays', async () => {
  const begun = await publishedMeeting(`GOS-overleg onder weg ${unique()}`, underWay())
  const item = agendaPositions(begun.id)[0]!
  const decided = await send(`${begun.url}/agenda/${item.id}`, {
    session: secretary,
    form: {
      intent: 'saveDecision',
      decisionText: 'De agenda is vastgesteld.',
      decisionOutcome: 'adopted',
    },
  })
  expect(decided.status, decided.body.slice(0, 300)).toBe(302)
  const before = agendaPositions(begun.id)
  const reply = await send(`${begun.url}/agenda`, {
    session: secretary,
    form: { intent: 'remove', id: item.id, confirmed: 'yes' },
  })
  expect(reply.status).toBe(400)
  expect(visibleText(reply.body)).toContain(text('validation.itemHasMinutes'))
  expect(agendaPositions(begun.id)).toEqual(before)
  expect(
    one("SELECT id FROM AuditEvent WHERE action = 'agenda.item_removed' AND objectId = ?", item.id),
  ).toBeUndefined()
})

test('attaching a document the preparer may not see, by its id: refused, nothing written', async () => {
  // The counts for the Belgian partners: Sluis, the secretary's organisation, is not in its audience.
  const hidden = one<{ id: string }>(
    'SELECT id FROM Document WHERE title = ?',
    'Verkeerstellingen grensovergangen (Belgische partners)',
  )!
  const item = agendaPositions(meeting.id)[0]!
  const reply = await send(`${meeting.url}/agenda/${item.id}`, {
    session: secretary,
    form: { intent: 'attach', id: hidden.id },
  })
  expect(reply.status).toBe(400)
  expect(visibleText(reply.body)).toContain(text('validation.documentNotFound'))
  expect(reply.body).not.toContain('Verkeerstellingen grensovergangen')
  expect(
    one(
      'SELECT id FROM MeetingDocument WHERE meetingId = ? AND documentId = ?',
      meeting.id,
      hidden.id,
    ),
  ).toBeUndefined()
})
