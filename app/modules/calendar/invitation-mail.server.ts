/**
 * The e-mail that goes out when a meeting is published, changed or cancelled: one per person, in their
 * own language, with the meeting's `.ics` attached so that their calendar adds, updates or removes it.
 */
import type { Locale } from '~/i18n/config'
import { translator } from '~/i18n/translate'
import { currentMembersWhere } from '../access/access.server'
import { getConfig } from '../config/config.server'
import { db } from '../db/db.server'
import { sendMail } from '../mail/mail.server'
import { escapeHtml } from '../mail/set-password-mail.server'
import { MEETING_TIME_ZONE, meetingWallClock } from '../meetings/types'
import {
  calendarMeetingSelect,
  meetingCalendar,
  meetingUrl,
  readerLocale,
  type CalendarMeeting,
} from './ical.server'

export type InvitationReason = 'published' | 'updated' | 'cancelled'

/** Mails sent at the same time: enough to finish a network of a few dozen people quickly, gentle on SMTP. */
const PARALLEL_MAILS = 4

type Recipient = {
  id: string
  name: string
  email: string
  locale: string | null
  organisation: { defaultLocale: string }
}

type InvitationMeeting = CalendarMeeting & { networkId: string; network: { name: string } }

/**
 * Mails everyone invited to the meeting: the active people of the invited organisations and the people
 * invited by name, as long as their organisation is still a member of the network (nobody gets mail
 * about a meeting they could not open). Never throws: a failed mail is logged and counted, and the
 * change that caused it stands. A draft is never announced.
 */
export async function sendMeetingInvitations(
  meetingId: string,
  reason: InvitationReason,
): Promise<{ sent: number; failed: number }> {
  const result = { sent: 0, failed: 0 }
  try {
    const meeting = await db.meeting.findUnique({
      where: { id: meetingId },
      select: {
        ...calendarMeetingSelect,
        networkId: true,
        network: { select: { slug: true, shortName: true, name: true } },
      },
    })
    if (!meeting || meeting.status === 'draft') return result
    // The mail says what the attached calendar file says.
    const kind: InvitationReason = meeting.status === 'cancelled' ? 'cancelled' : reason
    if (kind === 'cancelled' && meeting.status !== 'cancelled') return result

    const recipients = await invitedPeople(meeting)
    const origin = getConfig().publicOrigin
    const calendars = new Map<Locale, string>()
    const calendarFor = (locale: Locale) => {
      if (!calendars.has(locale))
        calendars.set(locale, meetingCalendar([meeting], { locale, origin }))
      return calendars.get(locale)!
    }

    const queue = [...recipients]
    const worker = async () => {
      for (let person = queue.shift(); person; person = queue.shift()) {
        const locale = readerLocale(person)
        try {
          await sendMail({
            to: person.email,
            ...invitationMail(meeting, kind, person.name, locale, origin),
            attachments: [
              {
                filename: 'vergadering.ics',
                content: calendarFor(locale),
                contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
              },
            ],
          })
          result.sent++
        } catch (error) {
          result.failed++
          console.error(
            `The ${kind} mail of meeting ${meetingId} could not be sent to user ${person.id}: ${withoutAddresses(error)}`,
          )
        }
      }
    }
    await Promise.all(Array.from({ length: PARALLEL_MAILS }, worker))
  } catch (error) {
    console.error(
      `The ${reason} mails of meeting ${meetingId} could not be prepared: ${withoutAddresses(error)}`,
    )
  }
  return result
}

function invitedPeople(meeting: InvitationMeeting): Promise<Recipient[]> {
  return db.user.findMany({
    where: {
      disabledAt: null,
      organisation: currentMembersWhere(meeting.networkId),
      OR: [
        { organisation: { meetingInvitations: { some: { meetingId: meeting.id } } } },
        { meetingAttendance: { some: { meetingId: meeting.id, invited: true } } },
      ],
    },
    orderBy: { id: 'asc' },
    select: {
      id: true,
      name: true,
      email: true,
      locale: true,
      organisation: { select: { defaultLocale: true } },
    },
  })
}

// The log must not become a list of who was invited: addresses in an error (the SMTP server's
// refusal, nodemailer's message) are left out.
function withoutAddresses(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.replace(/[^\s<>"',;:]+@[^\s<>"',;:]+/g, '[address]')
}

// Keys carry their namespace ("calendar:…"); the typed overloads of t() know only the default one.
function translate(locale: Locale) {
  return translator(locale) as unknown as (key: string, vars?: Record<string, string>) => string
}

const dateLocale: Record<Locale, string> = { 'nl-NL': 'nl-NL', 'nl-BE': 'nl-BE', en: 'en-GB' }

/** "donderdag 26 maart 2026, 10:00–12:00 uur", or both ends in full for a meeting over several days. */
function meetingWhen(meeting: Pick<CalendarMeeting, 'startsAt' | 'endsAt'>, locale: Locale) {
  const t = translate(locale)
  const date = new Intl.DateTimeFormat(dateLocale[locale], {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: MEETING_TIME_ZONE,
  })
  const clock = new Intl.DateTimeFormat(dateLocale[locale], {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: MEETING_TIME_ZONE,
  })
  const { startsAt: start, endsAt: end } = meeting
  if (meetingWallClock(start).day === meetingWallClock(end).day) {
    return t('calendar:mail.timeRange', {
      date: date.format(start),
      start: clock.format(start),
      end: clock.format(end),
    })
  }
  return t('calendar:mail.timeSpan', {
    start: `${date.format(start)} ${clock.format(start)}`,
    end: `${date.format(end)} ${clock.format(end)}`,
  })
}

/** Subject, plain text and HTML of the mail to one person. */
function invitationMail(
  meeting: InvitationMeeting,
  kind: InvitationReason,
  name: string,
  locale: Locale,
  origin: string,
) {
  const t = translate(locale)
  const link = meetingUrl(origin, meeting)
  const vars = { title: meeting.title, network: meeting.network.name }
  const subjectDate = new Intl.DateTimeFormat(dateLocale[locale], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: MEETING_TIME_ZONE,
  }).format(meeting.startsAt)
  const subject = t(`calendar:mail.subject.${kind}`, {
    meeting: `${meeting.network.shortName}: ${meeting.title}`,
    date: subjectDate,
  })
  const details: [label: string, value: string, href?: string][] = [
    [t('calendar:mail.when'), meetingWhen(meeting, locale)],
  ]
  if (meeting.location) details.push([t('calendar:mail.where'), meeting.location])
  if (meeting.onlineUrl) {
    details.push([t('calendar:mail.online'), meeting.onlineUrl, webAddress(meeting.onlineUrl)])
  }
  const reasonLine =
    kind === 'cancelled' && meeting.cancelReason
      ? t('calendar:mail.reason', { reason: meeting.cancelReason })
      : ''
  const paragraphs = {
    greeting: t('calendar:mail.greeting', { name }),
    intro: t(`calendar:mail.intro.${kind}`, vars),
    page: t('calendar:mail.page'),
    attachment: t(`calendar:mail.attachment.${kind}`),
    closing: t('calendar:mail.closing'),
  }

  const text = [
    paragraphs.greeting,
    [paragraphs.intro, reasonLine].filter(Boolean).join('\n'),
    details.map(([label, value]) => `${label}: ${value}`).join('\n'),
    `${paragraphs.page}\n${link}`,
    paragraphs.attachment,
    `${paragraphs.closing}\nZwin`,
  ].join('\n\n')

  const p = (s: string) => `<p style="margin:0 0 16px">${escapeHtml(s)}</p>`
  const a = (href: string, label: string) =>
    `<a href="${escapeHtml(href)}" style="color:#00566e">${escapeHtml(label)}</a>`
  const rows = details
    .map(
      ([label, value, href]) =>
        `<tr><th scope="row" style="text-align:left;padding:0 16px 8px 0;vertical-align:top">${escapeHtml(label)}</th><td style="padding:0 0 8px">${href ? a(href, value) : escapeHtml(value)}</td></tr>`,
    )
    .join('\n')
  const html = `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(subject)}</title>
</head>
<body style="margin:0;padding:24px;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">
<div style="max-width:600px">
${p(paragraphs.greeting)}
${p(paragraphs.intro)}
${reasonLine ? p(reasonLine) : ''}
<table style="border-collapse:collapse;margin:0 0 16px">
${rows}
</table>
${p(paragraphs.page)}
<p style="margin:0 0 16px;word-break:break-all">${a(link, link)}</p>
${p(paragraphs.attachment)}
<p style="margin:0 0 16px">${escapeHtml(paragraphs.closing)}<br>Zwin</p>
</div>
</body>
</html>
`
  return { subject, text, html }
}

/** The address as a link target only when it is a web address; anything else stays plain text. */
function webAddress(value: string): string | undefined {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined
  } catch {
    return undefined
  }
}
