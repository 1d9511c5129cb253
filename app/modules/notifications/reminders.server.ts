/*
 * Reminders, to those who must act, unless they turned reminders off (for all networks or that one):
 *  - an open action item due within 3 days, and once it is overdue on the day after its due day and then
 *    every 7 days, to the active people of the organisation it is assigned to;
 *  - a published meeting that begins within 5 days, to the invitees who have not replied;
 *  - a goal with a reporting period that ends within 3 days, to the people of each organisation that
 *    has not reported a measurement for it.
 * Each has a key that names the moment it is for (the due day, the overdue week, the meeting, the
 * period), so running this often — and after a server was down on the day itself — sends each once.
 */
import { setImmediate as yieldToRequests } from 'node:timers/promises'
import { activeMemberUsersWhere } from '../access/access.server'
import { readerLocale } from '../calendar/ical.server'
import { db } from '../db/db.server'
import { missingMeasurements } from '../goals/reporting.server'
import { currentReportingPeriod } from '../goals/reporting-period'
import { queueMail } from '../mail/outbox.server'
import { meetingDay, meetingWhen } from '../meetings/when'
import { calendarDay } from '../projects/milestones'
import { plainTranslator } from '~/i18n/translate'
import { readerSelect, type Reader } from './audience.server'
import { reminderMail } from './mails.server'
import { deliveryFor } from './preferences'

const DAY = 86_400_000
const ACTION_DAYS_AHEAD = 3
const RSVP_DAYS_AHEAD = 5
const PERIOD_DAYS_LEFT = 3

/** Whole calendar days from `from` to `to` (YYYY-MM-DD). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY)
}

function wantsReminders(reader: Reader, networkId: string): boolean {
  return deliveryFor(reader.notificationPreferences, 'reminders', networkId) !== 'off'
}

export type ReminderRun = { actions: number; replies: number; measurements: number }

/** A reminder that may be owed: its key, and how to write it (only when it was not queued before). */
type Candidate = { key: string; person: Reader; compose: () => Parameters<typeof reminderMail>[0] }

export async function queueDueReminders(now = new Date()): Promise<ReminderRun> {
  const people = peopleCache()
  return {
    actions: await queueNew(await actionReminders(now, people)),
    replies: await queueNew(await replyReminders(now)),
    measurements: await queueNew(await measurementReminders(now, people)),
  }
}

/** The active people of an organisation in a network, read once per run. */
function peopleCache() {
  const cache = new Map<string, Promise<Reader[]>>()
  return (organisationId: string, networkId: string) => {
    const key = `${organisationId}:${networkId}`
    let found = cache.get(key)
    if (!found) {
      found = db.user.findMany({
        where: { organisationId, ...activeMemberUsersWhere(networkId) },
        select: readerSelect,
      })
      cache.set(key, found)
    }
    return found
  }
}
type People = ReturnType<typeof peopleCache>

async function actionReminders(now: Date, peopleOf: People): Promise<Candidate[]> {
  const today = calendarDay(now)
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + ACTION_DAYS_AHEAD * DAY)
  const items = await db.actionItem.findMany({
    where: { status: 'open', dueDate: { lte: horizon }, meeting: { status: { not: 'draft' } } },
    select: {
      id: true,
      description: true,
      dueDate: true,
      networkId: true,
      organisationId: true,
      network: { select: { slug: true, name: true } },
      organisation: { select: { name: true } },
    },
  })
  const candidates: Candidate[] = []
  for (const item of items) {
    const dueDay = item.dueDate!.toISOString().slice(0, 10)
    const left = daysBetween(today, dueDay)
    // Before: one reminder in the last 3 days. After: the day after, then every 7 days.
    const moment = left >= 0 ? `due:${dueDay}` : `overdue:${dueDay}:${Math.floor((-left - 1) / 7)}`
    const people = await peopleOf(item.organisationId, item.networkId)
    for (const person of people.filter((p) => wantsReminders(p, item.networkId))) {
      const locale = readerLocale(person)
      const t = plainTranslator(locale)
      const date = meetingDay(locale, { weekday: false })(item.dueDate!.toISOString())
      const vars = { date, organisation: item.organisation.name, network: item.network.name }
      candidates.push({
        key: `reminder:action:${item.id}:${moment}:${person.id}`,
        person,
        compose: () => ({
          reader: person,
          locale,
          subject: t(
            left >= 0
              ? 'notifications:mail.reminder.actionDueSubject'
              : 'notifications:mail.reminder.actionOverdueSubject',
            vars,
          ),
          sentence: t(
            left >= 0
              ? 'notifications:mail.reminder.actionDue'
              : 'notifications:mail.reminder.actionOverdue',
            vars,
          ),
          title: item.description,
          openLabel: t('notifications:mail.reminder.actionOpen'),
          path: `/netwerken/${item.network.slug}/acties`,
        }),
      })
    }
  }
  return candidates
}

async function replyReminders(now: Date): Promise<Candidate[]> {
  const meetings = await db.meeting.findMany({
    where: {
      status: 'published',
      startsAt: { gt: now, lte: new Date(now.getTime() + RSVP_DAYS_AHEAD * DAY) },
    },
    select: {
      id: true,
      title: true,
      startsAt: true,
      endsAt: true,
      networkId: true,
      network: { select: { slug: true, name: true } },
      invitations: { select: { organisationId: true } },
      attendance: { select: { userId: true, invited: true, response: true, organisationId: true } },
    },
  })
  const candidates: Candidate[] = []
  for (const meeting of meetings) {
    const replied = new Set(meeting.attendance.filter((a) => a.response).map((a) => a.userId))
    const byName = meeting.attendance.filter((a) => a.invited)
    const namedOrganisations = new Set(byName.map((a) => a.organisationId))
    // The invitees as the invitation mail has them: by name, and whole organisations without anyone
    // invited by name.
    const people = await db.user.findMany({
      where: {
        ...activeMemberUsersWhere(meeting.networkId),
        OR: [
          { id: { in: byName.map((a) => a.userId) } },
          {
            organisationId: {
              in: meeting.invitations
                .map((i) => i.organisationId)
                .filter((id) => !namedOrganisations.has(id)),
            },
          },
        ],
      },
      select: readerSelect,
    })
    for (const person of people) {
      if (replied.has(person.id) || !wantsReminders(person, meeting.networkId)) continue
      const locale = readerLocale(person)
      const t = plainTranslator(locale)
      const vars = {
        meeting: meeting.title,
        network: meeting.network.name,
        date: meetingDay(locale, { weekday: false })(meeting.startsAt.toISOString()),
        when: meetingWhen(locale, meeting.startsAt, meeting.endsAt),
      }
      candidates.push({
        key: `reminder:rsvp:${meeting.id}:${person.id}`,
        person,
        compose: () => ({
          reader: person,
          locale,
          subject: t('notifications:mail.reminder.rsvpSubject', vars),
          sentence: t('notifications:mail.reminder.rsvp', vars),
          title: meeting.title,
          openLabel: t('notifications:mail.reminder.rsvpOpen'),
          path: `/netwerken/${meeting.network.slug}/vergaderingen/${meeting.id}`,
        }),
      })
    }
  }
  return candidates
}

async function measurementReminders(now: Date, peopleOf: People): Promise<Candidate[]> {
  const goals = await db.goal.findMany({
    where: { reportingPeriod: { not: null } },
    select: {
      id: true,
      name: true,
      reportingPeriod: true,
      network: { select: { slug: true, name: true } },
    },
  })
  const ending = goals.filter((goal) => {
    const period = currentReportingPeriod(goal, now)
    return period && period.end.getTime() - now.getTime() <= PERIOD_DAYS_LEFT * DAY
  })
  const missing = await missingMeasurements(
    ending.map((g) => g.id),
    now,
  )
  const candidates: Candidate[] = []
  for (const gap of missing) {
    const goal = ending.find((g) => g.id === gap.goalId)!
    for (const organisation of gap.organisations) {
      const people = await peopleOf(organisation.id, gap.networkId)
      for (const person of people.filter((p) => wantsReminders(p, gap.networkId))) {
        const locale = readerLocale(person)
        const t = plainTranslator(locale)
        const day = meetingDay(locale, { weekday: false })
        const vars = {
          goal: goal.name,
          network: goal.network.name,
          organisation: organisation.name,
          from: day(`${gap.period.firstDay}T12:00:00Z`),
          to: day(`${gap.period.lastDay}T12:00:00Z`),
        }
        candidates.push({
          key: `reminder:measurement:${goal.id}:${gap.period.firstDay}:${person.id}`,
          person,
          compose: () => ({
            reader: person,
            locale,
            subject: t('notifications:mail.reminder.measurementSubject', vars),
            sentence: t('notifications:mail.reminder.measurement', vars),
            title: goal.name,
            openLabel: t('notifications:mail.reminder.measurementOpen'),
            path: `/netwerken/${goal.network.slug}/doelen/${goal.id}`,
          }),
        })
      }
    }
  }
  return candidates
}

/** Keys looked up at once; SQLite allows many more parameters, this keeps each query small. */
const KEYS_PER_QUERY = 500

/** Reminders queued in one transaction: each commit costs a write to disk, thousands of them minutes. */
const REMINDERS_PER_TRANSACTION = 50

/**
 * Queues the candidates whose key was never queued, in transactions of a few dozen (queueMail keeps a
 * key once, so a batch that meets a reminder queued meanwhile still commits); the number queued. The
 * keys are looked up in batches first, so a reminder sent before costs no composing.
 */
async function queueNew(candidates: Candidate[]): Promise<number> {
  let queued = 0
  for (let i = 0; i < candidates.length; i += KEYS_PER_QUERY) {
    const batch = candidates.slice(i, i + KEYS_PER_QUERY)
    const known = new Set(
      (
        await db.outboxMail.findMany({
          where: { key: { in: batch.map((c) => c.key) } },
          select: { key: true },
        })
      ).map((m) => m.key),
    )
    const fresh = batch.filter((c) => !known.has(c.key))
    for (let j = 0; j < fresh.length; j += REMINDERS_PER_TRANSACTION) {
      const mails = fresh.slice(j, j + REMINDERS_PER_TRANSACTION).map((candidate) => ({
        key: candidate.key,
        to: candidate.person.email,
        category: 'reminder' as const,
        mail: reminderMail(candidate.compose()),
      }))
      await db.$transaction(async (tx) => {
        for (const mail of mails) await queueMail(tx, mail)
      })
      queued += mails.length
      // Requests get their turn between batches when this runs in the server's process.
      await yieldToRequests()
    }
  }
  return queued
}
