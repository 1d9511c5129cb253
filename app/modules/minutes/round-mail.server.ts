/*
 * The e-mail that asks the invited organisations to answer in a written round on the minutes: one per
 * person, in their own language, with the deadline and the link to the minutes. It goes to the active
 * people of the organisations that answer in the round (minutesRoundOrganisationsWhere) while their
 * organisation is still a member of the network. Queued in the transaction that opens the round
 * (app/modules/mail/outbox.server.ts), so the round and its mails exist together.
 */
import { meetingInviteesWhere } from '../calendar/invitation-mail.server'
import { meetingLabel } from '../meetings/naming'
import { dateLocale, type Locale } from '../../i18n/config'
import { dateTimeFormat } from '../../i18n/intl'
import { plainTranslator } from '../../i18n/translate'
import { activeMemberUsersWhere } from '../access/access.server'
import { minutesRoundOrganisationsWhere } from '../access/meetings.server'
import { readerLocale } from '../calendar/ical.server'
import { getConfig } from '../config/config.server'
import type { Prisma } from '../db/generated/client'
import { queueMail } from '../mail/outbox.server'
import { escapeHtml } from '../mail/set-password-mail.server'
import { meetingDay } from '../meetings/when'

/** Queues the round's mails in `tx`, one per person; returns how many. */
export async function queueRoundMails(
  tx: Prisma.TransactionClient,
  roundId: string,
  meetingId: string,
  deadline: Date,
): Promise<number> {
  const meeting = await tx.meeting.findUniqueOrThrow({
    where: { id: meetingId },
    select: {
      id: true,
      title: true,
      startsAt: true,
      networkId: true,
      network: { select: { slug: true, name: true, shortName: true } },
    },
  })
  const recipients = await tx.user.findMany({
    where: {
      ...activeMemberUsersWhere(meeting.networkId),
      // The round's organisations, through the people the meeting's own mails go to.
      AND: [
        { organisation: minutesRoundOrganisationsWhere(meetingId) },
        meetingInviteesWhere(meetingId),
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
  const link = `${getConfig().publicOrigin}/netwerken/${meeting.network.slug}/vergaderingen/${meeting.id}/verslag`
  for (const person of recipients) {
    await queueMail(tx, {
      key: `minutes-round:${roundId}:${person.id}`,
      to: person.email,
      category: 'minutes_round',
      mail: roundMail(meeting, deadline, person.name, readerLocale(person), link),
    })
  }
  return recipients.length
}

function roundMail(
  meeting: { title: string; startsAt: Date; network: { name: string; shortName: string } },
  deadline: Date,
  name: string,
  locale: Locale,
  link: string,
) {
  const t = plainTranslator(locale)
  // The deadline is a calendar day (midnight UTC): shown as that day, whatever the time zone.
  const day = dateTimeFormat(dateLocale(locale), {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(deadline)
  const vars = {
    meeting: meeting.title,
    network: meeting.network.name,
    date: meetingDay(locale, { weekday: false })(meeting.startsAt),
    deadline: day,
  }
  const paragraphs = [
    t('calendar:mail.greeting', { name }),
    t('minutes:roundMail.intro', vars),
    t('minutes:roundMail.deadline', vars),
    `${t('minutes:roundMail.page')}\n${link}`,
    `${t('calendar:mail.closing')}\nZwin`,
  ]
  const html = paragraphs
    .map((p) => {
      const [first, ...rest] = p.split('\n')
      const escaped = [escapeHtml(first!), ...rest.map((line) => escapeHtml(line))]
      return `<p>${escaped.join('<br>')}</p>`
    })
    .join('\n')
    .replace(escapeHtml(link), `<a href="${escapeHtml(link)}">${escapeHtml(link)}</a>`)
  return {
    subject: t('minutes:roundMail.subject', {
      meeting: meetingLabel(meeting.network.shortName, meeting.title),
      deadline: day,
    }),
    text: paragraphs.join('\n\n'),
    html: `<!doctype html><html lang="${locale}"><body>${html}</body></html>`,
  }
}
