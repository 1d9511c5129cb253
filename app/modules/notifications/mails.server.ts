/*
 * The notification mails in words: one event at once, a digest of many, and reminders. Each in the
 * reader's language, as text and HTML (the frame of app/modules/mail/layout.server.ts), with a one-click
 * unsubscribe for its kind (RFC 8058 headers and a link in the text). They hold only what the caller
 * passes, which the caller has checked the reader may see (audience.server.ts).
 */
import type { Locale } from '~/i18n/config'
import { plainTranslator } from '~/i18n/translate'
import { describeActivity, type ActivitySentence } from '../activity/describe'
import type { ActivityItem } from '../activity/feed.server'
import { getConfig } from '../config/config.server'
import {
  assertWebLink,
  escapeHtml,
  mailDocument,
  mailLinkParagraph,
  mailParagraph,
} from '../mail/layout.server'
import type { NotificationKind } from './preferences'
import { unsubscribeHeaders, unsubscribeUrl } from './unsubscribe.server'

export type NotificationMail = {
  subject: string
  text: string
  html: string
  headers: Record<string, string>
}

type Person = { id: string; name: string }

const SETTINGS_PATH = '/profiel/meldingen'
/** Lines per network in a digest; the rest is one link to the network's activity page. */
const DIGEST_LINES_PER_NETWORK = 15

function absolute(path: string): string {
  const link = `${getConfig().publicOrigin}${path}`
  assertWebLink(link)
  return link
}

/** The closing part every notification shares: why it came, how to stop it, where the settings are. */
function footer(t: ReturnType<typeof plainTranslator>, reader: Person, kinds: NotificationKind[]) {
  const text: string[] = []
  const html: string[] = []
  for (const kind of kinds) {
    const label = t(`notifications:kinds.${kind}`)
    const link = unsubscribeUrl(reader.id, kind)
    text.push(`${t('notifications:mail.unsubscribe', { kind: label })}\n${link}`)
    html.push(mailParagraph(t('notifications:mail.unsubscribe', { kind: label })))
    html.push(mailLinkParagraph(link))
  }
  const settings = absolute(SETTINGS_PATH)
  text.push(`${t('notifications:mail.settings')}\n${settings}`)
  html.push(mailParagraph(t('notifications:mail.settings')), mailLinkParagraph(settings))
  return { text, html }
}

function sentenceOf(item: ActivityItem, locale: Locale): ActivitySentence {
  return describeActivity(item, plainTranslator(locale), locale)
}

/** One event, mailed at once. */
export function eventMail(input: {
  item: ActivityItem
  kind: NotificationKind
  reader: Person
  locale: Locale
}): NotificationMail {
  const { item, kind, reader, locale } = input
  const t = plainTranslator(locale)
  const s = sentenceOf(item, locale)
  const subject =
    item.kind === 'meeting_document_added' && item.meeting
      ? t('notifications:mail.subject.meeting_document_added', {
          title: s.subject.title,
          meeting: item.meeting.title,
        })
      : t('notifications:mail.subject.default', { network: s.network, title: s.subject.title })
  const link = absolute(s.subject.href)
  const intro = t('notifications:mail.eventIntro', { who: s.who, did: s.did, network: s.network })
  const lines = [...s.details, ...s.changes.map((c) => t('notifications:mail.change', c))]
  const why = t('notifications:mail.why', { kind: t(`notifications:kinds.${kind}`) })
  const end = footer(t, reader, [kind])
  const text = [
    t('notifications:mail.greeting', { name: reader.name }),
    `${intro}\n${s.subject.title}${lines.length ? `\n${lines.join('\n')}` : ''}`,
    `${t('notifications:mail.open')}\n${link}`,
    why,
    ...end.text,
    `${t('notifications:mail.closing')}\nZwin`,
  ].join('\n\n')
  const html = mailDocument({
    locale,
    subject,
    closing: t('notifications:mail.closing'),
    body: [
      mailParagraph(t('notifications:mail.greeting', { name: reader.name })),
      mailParagraph(intro),
      `<p style="margin:0 0 16px"><strong>${escapeHtml(s.subject.title)}</strong>${lines
        .map((l) => `<br>${escapeHtml(l)}`)
        .join('')}</p>`,
      mailParagraph(t('notifications:mail.open')),
      mailLinkParagraph(link),
      mailParagraph(why),
      ...end.html,
    ],
  })
  return { subject, text, html, headers: unsubscribeHeaders(reader.id, kind) }
}

export type DigestEntry = { item: ActivityItem; kind: NotificationKind }

/** Digest lines already written, by event and language: the same line serves everyone. */
export type LineCache = Map<string, { words: string; link: string }>

/**
 * A digest: the events grouped per network, newest first, at most DIGEST_LINES_PER_NETWORK lines each
 * and then a link to the network's activity page. The one-click header stops the kind with the most
 * lines; the text has a link per kind.
 */
export function digestMail(input: {
  entries: DigestEntry[]
  period: 'daily' | 'weekly'
  reader: Person
  locale: Locale
  lines?: LineCache
}): NotificationMail {
  const { entries, period, reader, locale } = input
  const cache: LineCache = input.lines ?? new Map()
  const t = plainTranslator(locale)
  const subject = t(
    period === 'daily'
      ? 'notifications:mail.digest.subjectDaily'
      : 'notifications:mail.digest.subjectWeekly',
    { count: entries.length },
  )
  // Newest first, per network.
  const byNetwork = new Map<string, DigestEntry[]>()
  for (const entry of [...entries].sort((a, b) => (a.item.at < b.item.at ? 1 : -1))) {
    const key = entry.item.network.slug
    const list = byNetwork.get(key)
    if (list) list.push(entry)
    else byNetwork.set(key, [entry])
  }
  const text: string[] = [
    t('notifications:mail.greeting', { name: reader.name }),
    t(
      period === 'daily'
        ? 'notifications:mail.digest.introDaily'
        : 'notifications:mail.digest.introWeekly',
    ),
  ]
  const html: string[] = [
    mailParagraph(t('notifications:mail.greeting', { name: reader.name })),
    mailParagraph(
      t(
        period === 'daily'
          ? 'notifications:mail.digest.introDaily'
          : 'notifications:mail.digest.introWeekly',
      ),
    ),
  ]
  for (const [slug, list] of byNetwork) {
    const network = list[0]!.item.network.name
    const shown = list.slice(0, DIGEST_LINES_PER_NETWORK)
    const lines = shown.map(({ item }) => {
      const key = `${item.id}:${locale}`
      let line = cache.get(key)
      if (!line) {
        const s = sentenceOf(item, locale)
        line = {
          words: t('notifications:mail.digest.line', {
            who: s.who,
            did: s.did,
            title: s.subject.title,
            when: s.when,
          }),
          link: absolute(s.subject.href),
        }
        cache.set(key, line)
      }
      return line
    })
    const rest = list.length - shown.length
    const feed = absolute(`/netwerken/${slug}/activiteit`)
    text.push(
      [
        network,
        ...lines.map((l) => `- ${l.words}\n  ${l.link}`),
        ...(rest > 0
          ? [`${t('notifications:mail.digest.more', { count: rest, network })}\n  ${feed}`]
          : []),
      ].join('\n'),
    )
    html.push(
      `<h2 style="font-size:18px;margin:24px 0 8px">${escapeHtml(network)}</h2>`,
      `<ul style="margin:0 0 16px;padding-left:20px">${lines
        .map(
          (l) =>
            `<li style="margin:0 0 8px"><a href="${escapeHtml(l.link)}" style="color:#00566e">${escapeHtml(l.words)}</a></li>`,
        )
        .join('')}${
        rest > 0
          ? `<li><a href="${escapeHtml(feed)}" style="color:#00566e">${escapeHtml(t('notifications:mail.digest.more', { count: rest, network }))}</a></li>`
          : ''
      }</ul>`,
    )
  }
  const counts = new Map<NotificationKind, number>()
  for (const e of entries) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1)
  const kinds = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([kind]) => kind)
  const end = footer(t, reader, kinds)
  text.push(t('notifications:mail.digest.unsubscribeTitle'), ...end.text)
  text.push(`${t('notifications:mail.closing')}\nZwin`)
  html.push(
    `<h2 style="font-size:18px;margin:24px 0 8px">${escapeHtml(t('notifications:mail.digest.unsubscribeTitle'))}</h2>`,
    ...end.html,
  )
  return {
    subject,
    text: text.join('\n\n'),
    html: mailDocument({ locale, subject, closing: t('notifications:mail.closing'), body: html }),
    headers: unsubscribeHeaders(reader.id, kinds[0] ?? 'reminders'),
  }
}

/** A reminder: a subject, a sentence, the thing itself and the page where it is dealt with. */
export function reminderMail(input: {
  reader: Person
  locale: Locale
  subject: string
  sentence: string
  title: string
  openLabel: string
  path: string
}): NotificationMail {
  const { reader, locale } = input
  const t = plainTranslator(locale)
  const link = absolute(input.path)
  const why = t('notifications:mail.reminder.why')
  const end = footer(t, reader, ['reminders'])
  const text = [
    t('notifications:mail.greeting', { name: reader.name }),
    `${input.sentence}\n${input.title}`,
    `${input.openLabel}\n${link}`,
    why,
    ...end.text,
    `${t('notifications:mail.closing')}\nZwin`,
  ].join('\n\n')
  const html = mailDocument({
    locale,
    subject: input.subject,
    closing: t('notifications:mail.closing'),
    body: [
      mailParagraph(t('notifications:mail.greeting', { name: reader.name })),
      mailParagraph(input.sentence),
      `<p style="margin:0 0 16px"><strong>${escapeHtml(input.title)}</strong></p>`,
      mailParagraph(input.openLabel),
      mailLinkParagraph(link),
      mailParagraph(why),
      ...end.html,
    ],
  })
  return { subject: input.subject, text, html, headers: unsubscribeHeaders(reader.id, 'reminders') }
}
