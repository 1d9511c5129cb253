/**
 * The e-mail that goes out when a meeting is published, changed or cancelled: one per person, in their
 * own language, with the meeting's `.ics` attached (METHOD:PUBLISH, see ical.server.ts). Opening it adds
 * or updates the meeting; a cancelled one carries STATUS:CANCELLED and its raised SEQUENCE, but calendars
 * do not reliably remove an entry for a PUBLISH file, so that mail asks the reader to remove it.
 */
import type { Locale } from '~/i18n/config'
import { plainTranslator } from '~/i18n/translate'
import { activeMemberUsersWhere } from '../access/access.server'
import { getConfig } from '../config/config.server'
import { db } from '../db/db.server'
import { sendMail } from '../mail/mail.server'
import { escapeHtml } from '../mail/set-password-mail.server'
import { agendaItemTitle } from '../meetings/standing'
import { meetingFileName, meetingLabel } from '../meetings/naming'
import { numberAgenda, rsvpLinkWords } from '../meetings/types'
import { clockTime, meetingDay, meetingWhen } from '../meetings/when'
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

type InvitationMeeting = CalendarMeeting & {
  networkId: string
  network: { name: string }
  agendaItems: {
    id: string
    parentId: string | null
    position: number
    title: string
    standing: string | null
    durationMinutes: number
  }[]
  createdBy: { email: string; disabledAt: Date | null } | null
}

/**
 * Whom of the invitees to mail, when not all: the people of these organisations and these people
 * (either list may be left out). For those invited after the meeting was published.
 */
export type InvitationRecipients = { organisationIds?: string[]; userIds?: string[] }

/**
 * Mails everyone invited to the meeting: the active people of the invited organisations and the people
 * invited by name, as long as their organisation is still a member of the network (nobody gets mail
 * about a meeting they could not open). With `only`, just the invitees among those organisations and
 * people (an empty `only` mails nobody). Never throws: a failed mail is logged and counted, and the
 * change that caused it stands. A draft is never announced.
 */
export async function sendMeetingInvitations(
  meetingId: string,
  reason: InvitationReason,
  only?: InvitationRecipients,
): Promise<{ sent: number; failed: number }> {
  const result = { sent: 0, failed: 0 }
  if (only && !only.organisationIds?.length && !only.userIds?.length) return result
  try {
    const meeting = await db.meeting.findUnique({
      where: { id: meetingId },
      select: {
        ...calendarMeetingSelect,
        networkId: true,
        network: { select: { slug: true, shortName: true, name: true } },
        agendaItems: {
          select: {
            id: true,
            parentId: true,
            position: true,
            title: true,
            standing: true,
            durationMinutes: true,
          },
        },
        createdBy: { select: { email: true, disabledAt: true } },
      },
    })
    if (!meeting || meeting.status === 'draft') return result
    // The mail says what the attached calendar file says.
    const kind: InvitationReason = meeting.status === 'cancelled' ? 'cancelled' : reason
    if (kind === 'cancelled' && meeting.status !== 'cancelled') return result

    const recipients = await invitedPeople(meeting, only)
    const origin = getConfig().publicOrigin
    const calendars = new Map<Locale, string>()
    const calendarFor = (locale: Locale) => {
      if (!calendars.has(locale))
        calendars.set(locale, meetingCalendar([meeting], { locale, origin }))
      return calendars.get(locale)!
    }
    // Answers go to the secretary who prepared the meeting, while their account is active.
    const replyTo = meeting.createdBy?.disabledAt === null ? meeting.createdBy.email : undefined

    const queue = [...recipients]
    const worker = async () => {
      for (let person = queue.shift(); person; person = queue.shift()) {
        const locale = readerLocale(person)
        try {
          await sendMail({
            to: person.email,
            replyTo,
            ...invitationMail(meeting, kind, person.name, locale, origin),
            attachments: [
              {
                filename: meetingFileName(meeting.network.shortName, meeting.title, 'ics'),
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

function invitedPeople(
  meeting: InvitationMeeting,
  only: InvitationRecipients | undefined,
): Promise<Recipient[]> {
  // People invited by name; and of an invited organisation none of whose people are invited by name,
  // all its people. An organisation with named invitees (its standing participants) is mailed only
  // through them.
  const byName = { meetingAttendance: { some: { meetingId: meeting.id, invited: true } } }
  const invited = {
    OR: [
      byName,
      {
        organisation: {
          meetingInvitations: { some: { meetingId: meeting.id } },
          users: { none: byName },
        },
      },
    ],
  }
  const chosen = only && {
    OR: [
      { organisationId: { in: only.organisationIds ?? [] } },
      { id: { in: only.userIds ?? [] } },
    ],
  }
  return db.user.findMany({
    where: {
      ...activeMemberUsersWhere(meeting.networkId),
      AND: chosen ? [invited, chosen] : [invited],
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
  return plainTranslator(locale)
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
  const subject = t(`calendar:mail.subject.${kind}`, {
    meeting: meetingLabel(meeting.network.shortName, meeting.title),
    date: meetingDay(locale, { weekday: false })(meeting.startsAt),
  })
  const when = meetingWhen(locale, meeting.startsAt, meeting.endsAt)
  const details: [label: string, value: string, href?: string][] = [
    [t('calendar:mail.when'), t('calendar:mail.whenValue', { when })],
  ]
  if (meeting.location) details.push([t('calendar:mail.where'), meeting.location])
  if (meeting.onlineUrl) {
    details.push([t('calendar:mail.online'), meeting.onlineUrl, webAddress(meeting.onlineUrl)])
  }
  const reasonLine =
    kind === 'cancelled' && meeting.cancelReason
      ? t('calendar:mail.reason', { reason: meeting.cancelReason })
      : ''
  // What is on the agenda, and one link per answer (each opens the page with it chosen; a link in a
  // mail never answers by itself, so a mail scanner that follows links changes nothing).
  const time = clockTime(locale)
  const agenda =
    kind === 'cancelled'
      ? []
      : numberAgenda(meeting.agendaItems, meeting.startsAt).map(
          (item) => `${item.number}. ${time(item.startsAt)} ${agendaItemTitle(item, locale)}`,
        )
  const replies =
    kind === 'cancelled'
      ? []
      : Object.entries(rsvpLinkWords).map(([word, answer]) => ({
          label: t(`calendar:mail.reply.${answer}`),
          href: `${link}?antwoord=${word}#antwoord`,
        }))
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
    agenda.length ? `${t('calendar:mail.agenda')}:\n${agenda.join('\n')}` : '',
    replies.length
      ? `${t('calendar:mail.replyIntro')}\n${replies.map((r) => `${r.label}: ${r.href}`).join('\n')}`
      : '',
    `${paragraphs.page}\n${link}`,
    paragraphs.attachment,
    `${paragraphs.closing}\nZwin`,
  ]
    .filter(Boolean)
    .join('\n\n')

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
${agenda.length ? `${p(t('calendar:mail.agenda'))}<ol style="margin:0 0 16px;padding-left:0;list-style:none">${agenda.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ol>` : ''}
${replies.length ? `${p(t('calendar:mail.replyIntro'))}<p style="margin:0 0 16px">${replies.map((r) => a(r.href, r.label)).join(' · ')}</p>` : ''}
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
