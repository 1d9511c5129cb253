/**
 * The demo meetings of the GOS (prisma/seed-meetings.ts) as the access matrix and the meeting security
 * tests address them: their ids are read from the server's database by title, once, when a row first
 * asks (the matrix builds its URLs while the tests run, after the server has seeded its data folder).
 */
import { seededMeetingTitles } from '../../prisma/seed-meetings'
import { one } from './support'

export const seededMeetings = seededMeetingTitles
export type SeededMeeting = keyof typeof seededMeetings

/** Agenda items of the seeded meetings (titles as in the seed). */
export const seededItems = {
  /** Of the held meeting; it carries a decision. */
  held: 'Automatische shuttle: keuze van de proefroute',
  /** Of the published meeting; its document is for the Belgian partners only. */
  published: 'Grensverkeer: resultaten van de tellingen',
  /** Of the draft. */
  draft: 'Begroting 2027 en cofinanciering Interreg',
} as const

/** Damme's open action item from the held meeting. */
export const dammeOpenAction = 'Offerte van twee shuttle-operators opvragen'

const cache = new Map<string, string>()

function remember(key: string, find: () => string | undefined): string {
  const known = cache.get(key)
  if (known) return known
  const found = find()
  if (!found) throw new Error(`Not in the seeded database: ${key}`)
  cache.set(key, found)
  return found
}

export function meetingId(which: SeededMeeting): string {
  return remember(
    `meeting ${which}`,
    () =>
      one<{ id: string }>(
        `SELECT m.id FROM Meeting m JOIN Network n ON n.id = m.networkId
       WHERE n.slug = 'gos' AND m.title = ?`,
        seededMeetings[which],
      )?.id,
  )
}

/** The meeting's address under a network (GOS unless said otherwise), with an optional sub-path. */
export function meetingUrl(which: SeededMeeting, rest = '', network = 'gos'): string {
  return `/netwerken/${network}/vergaderingen/${meetingId(which)}${rest}`
}

export function agendaItemId(which: keyof typeof seededItems): string {
  return remember(
    `item ${which}`,
    () =>
      one<{ id: string }>(
        'SELECT id FROM AgendaItem WHERE meetingId = ? AND title = ?',
        meetingId(which),
        seededItems[which],
      )?.id,
  )
}

export function actionItemId(description: string): string {
  return remember(
    `action ${description}`,
    () => one<{ id: string }>('SELECT id FROM ActionItem WHERE description = ?', description)?.id,
  )
}
