/**
 * The e-mail that goes out when a meeting is published, changed or cancelled: one per person, in their
 * own language, with the meeting's `.ics` attached (METHOD:PUBLISH, see ical.server.ts). Opening it adds
 * or updates the meeting; a cancelled one carries STATUS:CANCELLED and its raised SEQUENCE, but calendars
 * do not reliably remove an entry for a PUBLISH file, so that mail asks the reader to remove it. The
 * mails are queued in the transaction of the change (app/modules/mail/outbox.server.ts) and sent after.
 */
import { defaultLocale, isLocale, type Locale } from '~/i18n/config'
import { plainTranslator } from '~/i18n/translate'
import { activeMemberUsersWhere } from '../access/access.server'
import { getConfig } from '../config/config.server'
import type { Prisma } from '../db/generated/client'
import { queueMail } from '../mail/outbox.server'
import { escapeHtml } from '../mail/set-password-mail.server'
import { agendaItemTitle } from '../meetings/standing'
import { meetingFileName, meetingLabel } from '../meetings/naming'
import { numberAgenda, rsvpLinkWords } from '../meetings/types'
import { clockTime, meetingDay, meetingWhen } from '../meetings/when'
import { deliveryFor, type PreferenceRow } from '../notifications/preferences'
import { unsubscribeHeaders, unsubscribeUrl } from '../notifications/unsubscribe.server'
import {
  calendarMeetingSelect,
  meetingCalendar,
  meetingUrl,
  readerLocale,
  type CalendarMeeting,
} from './ical.server'

type Tx = Prisma.TransactionClient

export type InvitationReason = 'published' | 'updated' | 'cancelled'

type Recipient = {
  id: string
  name: string
  email: string
  locale: string | null
  organisation: { defaultLocale: string }
  notificationPreferences: PreferenceRow[]
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
  createdBy: { id: string; email: string } | null
}

/**
 * Whom of the invitees to mail, when not all: the people of these organisations, these people and these
 * guests (any list may be left out). For those invited after the meeting was published.
 */
export type InvitationRecipients = {
  organisationIds?: string[]
  userIds?: string[]
  guestIds?: string[]
}

/**
 * One mail to write: a person with an account, or a guest (no page, no links to answer on Zwin). `first`:
 * they were never mailed about this meeting, so a change reaches them as the invitation itself.
 */
type Addressee = {
  key: string
  /** The account, for the unsubscribe link; null for a guest. */
  userId: string | null
  name: string
  email: string
  locale: Locale
  guest: boolean
  first: boolean
  /** Records in the transaction that they were mailed (MeetingNotice, a guest's notifiedAt). */
  record: () => Promise<unknown>
}

/**
 * Queues, in `tx` (the transaction of the change), a mail to everyone invited to the meeting: the people
 * invited by name, all active people of an invited organisation none of whose people is invited by name,
 * and the guests; for a change or a cancellation also everyone mailed about it before (addressees).
 * Only people whose organisation is still a member of the network (nobody gets mail about a meeting they
 * could not open). With `only`, just the invitees among those organisations, people and guests (an empty
 * `only` mails nobody). A draft is never announced. Each mail's key names the meeting, the person and the
 * meeting's SEQUENCE: the same change queued twice is one mail, a new change a new one.
 */
export async function queueMeetingInvitations(
  tx: Tx,
  meetingId: string,
  reason: InvitationReason,
  only?: InvitationRecipients,
): Promise<{ queued: number }> {
  const result = { queued: 0 }
  if (only && !only.organisationIds?.length && !only.userIds?.length && !only.guestIds?.length) {
    return result
  }
  const meeting = await tx.meeting.findUnique({
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
      createdBy: { select: { id: true, email: true } },
    },
  })
  if (!meeting || meeting.status === 'draft') return result
  // The mail says what the attached calendar file says.
  const kind: InvitationReason = meeting.status === 'cancelled' ? 'cancelled' : reason
  if (kind === 'cancelled' && meeting.status !== 'cancelled') return result

  const recipients = await addressees(tx, meeting, kind, only)
  const origin = getConfig().publicOrigin
  const calendars = new Map<string, string>()
  const calendarFor = (locale: Locale, guest: boolean) => {
    const key = `${locale}${guest ? ' guest' : ''}`
    if (!calendars.has(key)) {
      calendars.set(key, meetingCalendar([meeting], { locale, origin, withoutPage: guest }))
    }
    return calendars.get(key)!
  }
  const replyTo = await replyAddress(tx, meeting)

  for (const person of recipients) {
    const { locale, guest } = person
    const mailKind: InvitationReason = kind === 'updated' && person.first ? 'published' : kind
    // One click stops this kind of mail (RFC 8058); a guest has no account to keep a choice for.
    const notificationKind = mailKind === 'published' ? 'invitations' : 'meeting_changes'
    const unsubscribe = person.userId
      ? {
          url: unsubscribeUrl(person.userId, notificationKind),
          headers: unsubscribeHeaders(person.userId, notificationKind),
          label: translate(locale)('notifications:mail.unsubscribe', {
            kind: translate(locale)(`notifications:kinds.${notificationKind}`),
          }),
        }
      : undefined
    await queueMail(tx, {
      key: `invitation:${meeting.id}:${person.key}:${meeting.sequence}`,
      to: person.email,
      category: mailKind === 'published' ? 'invitation' : 'meeting_change',
      mail: {
        replyTo,
        ...invitationMail(meeting, mailKind, person.name, locale, origin, {
          guest,
          canReply: Boolean(replyTo),
          unsubscribe,
        }),
        headers: unsubscribe?.headers,
        attachments: [
          {
            filename: meetingFileName(meeting.network.shortName, meeting.title, 'ics'),
            content: calendarFor(locale, guest),
            contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
          },
        ],
      },
    })
    // Queued with the change: a later change or cancellation reaches them too.
    await person.record()
    result.queued++
  }
  return result
}

/**
 * Answers go to the secretary who prepared the meeting, while they still prepare its network's meetings:
 * an active account of a current member, with the coordinator or secretary role there. Otherwise the
 * mail has no Reply-To (answers then go nowhere rather than to someone who left).
 */
async function replyAddress(tx: Tx, meeting: InvitationMeeting): Promise<string | undefined> {
  if (!meeting.createdBy) return undefined
  const preparer = await tx.user.count({
    where: {
      id: meeting.createdBy.id,
      ...activeMemberUsersWhere(meeting.networkId),
      roles: { some: { networkId: meeting.networkId, role: { in: ['coordinator', 'secretary'] } } },
    },
  })
  return preparer ? meeting.createdBy.email : undefined
}

/**
 * The people and the guests to mail, each in their own language: the invitees (all of them, or those in
 * `only`), and for a change or a cancellation also everyone mailed about the meeting before, whom the
 * invitees may no longer include (someone of their organisation was invited by name since). Each mail
 * queued is recorded (MeetingNotice, a guest's notifiedAt), in the same transaction.
 */
async function addressees(
  tx: Tx,
  meeting: InvitationMeeting,
  kind: InvitationReason,
  only: InvitationRecipients | undefined,
): Promise<Addressee[]> {
  const wantsPeople = !only || Boolean(only.organisationIds?.length || only.userIds?.length)
  const [invitees, mailedBefore, guests] = await Promise.all([
    wantsPeople ? invitedPeople(tx, meeting, only) : [],
    tx.meetingNotice.findMany({ where: { meetingId: meeting.id }, select: { userId: true } }),
    tx.meetingGuest.findMany({
      where: {
        meetingId: meeting.id,
        removedAt: null,
        ...(only ? { id: { in: only.guestIds ?? [] } } : {}),
      },
      orderBy: { id: 'asc' },
      select: { id: true, name: true, email: true, locale: true, notifiedAt: true },
    }),
  ])
  const notified = new Set(mailedBefore.map((n) => n.userId))
  const people: Recipient[] = [...invitees]
  if (kind !== 'published' && !only && notified.size > 0) {
    const earlier = await tx.user.findMany({
      where: {
        id: { in: [...notified].filter((id) => !invitees.some((p) => p.id === id)) },
        ...activeMemberUsersWhere(meeting.networkId),
      },
      select: recipientSelect,
    })
    people.push(...earlier)
  }
  const meetingId = meeting.id
  // Their own choice (app/modules/notifications/preferences.ts): this mail at once, or the meeting in
  // their digest instead (app/modules/notifications/digest.server.ts), or not at all. A first mail is
  // the invitation, a later one a change.
  const wantsMail = (p: Recipient) =>
    deliveryFor(
      p.notificationPreferences,
      kind === 'published' || !notified.has(p.id) ? 'invitations' : 'meeting_changes',
      meeting.networkId,
    ) === 'immediately'
  return [
    ...people.filter(wantsMail).map((p) => ({
      key: `user:${p.id}`,
      userId: p.id,
      name: p.name,
      email: p.email,
      locale: readerLocale(p),
      guest: false,
      first: !notified.has(p.id),
      record: () =>
        tx.meetingNotice.upsert({
          where: { meetingId_userId: { meetingId, userId: p.id } },
          create: { meetingId, userId: p.id },
          update: {},
        }),
    })),
    ...guests.map((g) => ({
      key: `guest:${g.id}`,
      userId: null,
      name: g.name,
      email: g.email,
      locale: isLocale(g.locale) ? g.locale : defaultLocale,
      guest: true,
      first: g.notifiedAt === null,
      record: () =>
        tx.meetingGuest.updateMany({
          where: { id: g.id, notifiedAt: null },
          data: { notifiedAt: new Date() },
        }),
    })),
  ]
}

const recipientSelect = {
  id: true,
  name: true,
  email: true,
  locale: true,
  organisation: { select: { defaultLocale: true } },
  notificationPreferences: {
    where: { kind: { in: ['invitations', 'meeting_changes'] as string[] } },
    select: { kind: true, networkId: true, delivery: true },
  },
} as const

/**
 * The people a meeting's mails go to: those invited by name, and of an invited organisation none of whose
 * people are invited by name, all its people. An organisation with named invitees (its standing
 * participants) is mailed only through them. (A where on User; add the active-member check.)
 */
export function meetingInviteesWhere(meetingId: string) {
  const byName = { meetingAttendance: { some: { meetingId, invited: true } } }
  return {
    OR: [
      byName,
      {
        organisation: {
          meetingInvitations: { some: { meetingId } },
          users: { none: byName },
        },
      },
    ],
  }
}

function invitedPeople(
  tx: Tx,
  meeting: InvitationMeeting,
  only: InvitationRecipients | undefined,
): Promise<Recipient[]> {
  const invited = meetingInviteesWhere(meeting.id)
  const chosen = only && {
    OR: [
      { organisationId: { in: only.organisationIds ?? [] } },
      { id: { in: only.userIds ?? [] } },
    ],
  }
  return tx.user.findMany({
    where: {
      ...activeMemberUsersWhere(meeting.networkId),
      AND: chosen ? [invited, chosen] : [invited],
    },
    orderBy: { id: 'asc' },
    select: recipientSelect,
  })
}

// Keys carry their namespace ("calendar:…"); the typed overloads of t() know only the default one.
function translate(locale: Locale) {
  return plainTranslator(locale)
}

/**
 * Subject, plain text and HTML of the mail to one person. A guest's mail has no link to the page (they
 * have no account) and no answer links; it asks them to answer by replying, when the mail has a Reply-To.
 */
function invitationMail(
  meeting: InvitationMeeting,
  kind: InvitationReason,
  name: string,
  locale: Locale,
  origin: string,
  to: {
    guest: boolean
    canReply: boolean
    unsubscribe?: { url: string; label: string }
  },
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
    kind === 'cancelled' || to.guest
      ? []
      : Object.entries(rsvpLinkWords).map(([word, answer]) => ({
          label: t(`calendar:mail.reply.${answer}`),
          href: `${link}?antwoord=${word}#antwoord`,
        }))
  const paragraphs = {
    greeting: t('calendar:mail.greeting', { name }),
    intro: t(`calendar:mail.intro.${kind}`, vars),
    page: t('calendar:mail.page'),
    guestReply:
      to.guest && to.canReply && kind !== 'cancelled' ? t('calendar:mail.guestReply') : '',
    // A guest has no calendar subscription on Zwin to pick up a cancellation.
    attachment: t(
      to.guest && kind === 'cancelled'
        ? 'calendar:mail.attachmentGuestCancelled'
        : `calendar:mail.attachment.${kind}`,
    ),
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
    to.guest ? paragraphs.guestReply : `${paragraphs.page}\n${link}`,
    paragraphs.attachment,
    to.unsubscribe ? `${to.unsubscribe.label}\n${to.unsubscribe.url}` : '',
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
${to.guest ? (paragraphs.guestReply ? p(paragraphs.guestReply) : '') : `${p(paragraphs.page)}\n<p style="margin:0 0 16px;word-break:break-all">${a(link, link)}</p>`}
${p(paragraphs.attachment)}
${to.unsubscribe ? `${p(to.unsubscribe.label)}<p style="margin:0 0 16px;word-break:break-all">${a(to.unsubscribe.url, to.unsubscribe.url)}</p>` : ''}
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
