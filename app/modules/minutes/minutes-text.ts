/*
 * The generated part of the minutes (attendance, decision list, action items) as text, in the reader's
 * language. The content is kept as structure (draft.server.ts reads it from the recorded attendance,
 * decisions and action items) and turned into words only here, for each reader: the minutes page, the
 * PDF and the Word export all call minutesSections, so an outcome reads the same everywhere, with the
 * labels of the interface (minutes:outcome.*, meetings:presence.*), and never in the author's language.
 */
import { agendaItemTitle } from '../meetings/standing'
import { dateLocale } from '~/i18n/config'
import { dateTimeFormat } from '~/i18n/intl'
import { MEETING_TIME_ZONE, type DecisionOutcome, type PresenceValue } from '../meetings/types'

export type MinutesContent = {
  /** Per organisation, by name: who was present, excused (with the reason given) or absent. */
  attendance: {
    organisation: string
    present: string[]
    excused: { name: string; reason: string | null }[]
    absent: string[]
  }[]
  /** The agenda items with a decision, in agenda order. */
  decisions: {
    number: string
    title: string
    /** A standing item's key: its title is shown in the reader's language (meetings/standing.ts). */
    standing: string | null
    outcome: DecisionOutcome | null
    text: string
  }[]
  /** The action items agreed at this meeting: who, what, when. */
  actions: {
    /** The agenda item's number ("2a"); null when agreed outside an item. */
    number: string | null
    organisation: string
    assignee: string | null
    description: string
    dueDate: Date | string | null
  }[]
}

export type MinutesSection = { heading: string; lines: string[] }

type T = (key: string, values?: Record<string, unknown>) => string

const presenceGroups: readonly PresenceValue[] = ['present', 'excused', 'absent']

/** The three sections of the generated minutes, each with a line per organisation, decision or action. */
export function minutesSections(content: MinutesContent, t: T, locale: string): MinutesSection[] {
  const day = dateTimeFormat(dateLocale(locale), {
    dateStyle: 'long',
    timeZone: MEETING_TIME_ZONE,
  })
  return [
    {
      heading: t('minutes:content.attendance'),
      lines: content.attendance.length
        ? content.attendance.map((o) => attendanceLine(o, t, locale))
        : [t('minutes:content.noAttendance')],
    },
    {
      heading: t('minutes:content.decisions'),
      lines: content.decisions.length
        ? content.decisions.map((d) => decisionLine({ ...d, title: agendaItemTitle(d, locale) }, t))
        : [t('minutes:content.noDecisions')],
    },
    {
      heading: t('minutes:content.actions'),
      lines: content.actions.length
        ? content.actions.map((a) => actionLine(a, t, (d) => day.format(new Date(d))))
        : [t('minutes:content.noActions')],
    },
  ]
}

/** "Gemeente Damme: aanwezig: A, B; met kennisgeving afwezig: C (ziek)". */
export function attendanceLine(
  organisation: MinutesContent['attendance'][number],
  t: T,
  locale: string,
): string {
  const names = {
    present: organisation.present,
    excused: organisation.excused.map((p) =>
      p.reason ? t('minutes:content.withReason', { name: p.name, reason: p.reason }) : p.name,
    ),
    absent: organisation.absent,
  }
  const groups = presenceGroups
    .filter((presence) => names[presence].length > 0)
    .map((presence) =>
      t('minutes:content.group', {
        // The interface's own label, in lower case inside the sentence.
        presence: t(`meetings:presence.${presence}`).toLocaleLowerCase(dateLocale(locale)),
        names: names[presence].join(', '),
      }),
    )
  return t('minutes:content.organisation', {
    organisation: organisation.organisation,
    groups: groups.length ? groups.join('; ') : t('minutes:content.nobody'),
  })
}

/** "2a. Title: Outcome — decision text". */
export function decisionLine(decision: MinutesContent['decisions'][number], t: T): string {
  const head = decision.outcome
    ? t('minutes:content.decision', {
        number: decision.number,
        title: decision.title,
        outcome: t(`minutes:outcome.${decision.outcome}`),
      })
    : t('minutes:content.decisionWithoutOutcome', {
        number: decision.number,
        title: decision.title,
      })
  const text = decision.text.trim()
  return text ? t('minutes:content.decisionText', { head, text }) : head
}

/** "2a. Gemeente Maldegem (Griet): what — uiterlijk 20 maart 2090". */
export function actionLine(
  action: MinutesContent['actions'][number],
  t: T,
  date: (d: Date | string) => string,
): string {
  const who = action.assignee
    ? t('minutes:content.actionWho', { organisation: action.organisation, person: action.assignee })
    : action.organisation
  const line = action.number
    ? t('minutes:content.actionNumbered', {
        number: action.number,
        who,
        description: action.description,
      })
    : t('minutes:content.action', { who, description: action.description })
  return action.dueDate
    ? t('minutes:content.actionDue', { action: line, date: date(action.dueDate) })
    : line
}
