/*
 * One activity event in words, the same for the feed pages and (later) the notification mails: who did
 * what, about which subject, with what changed (old → new) and when. Pure, so server and browser share
 * it; `t` is a translator for keys put together at run time (plainTranslator in app/i18n/translate.ts,
 * or useTranslation's t cast the same way). Times read in Europe/Amsterdam, as meetings do
 * (app/modules/meetings/when.ts).
 */
import { numberFormat } from '../../i18n/intl'
import { clockTime, dateLocale, meetingDay } from '../meetings/when'
import type { ActivityItem } from './types'

export type Translate = (key: string, vars?: Record<string, unknown>) => string

export type ActivitySentence = {
  /** "Anna de Vries (Gemeente Sluis)", only the organisation when the account is gone. */
  who: string
  /** "shared a document", "changed the meeting"… (follows `who`). */
  did: string
  subject: { title: string; href: string }
  /** "Meeting: …", "Agenda item: …", the outcome or the value; empty when there is nothing to add. */
  details: string[]
  changes: { label: string; from: string; to: string }[]
  /** "26 november 2026, 14:05" in Europe/Amsterdam. */
  when: string
  network: string
}

function moment(locale: string, iso: string): string {
  return `${meetingDay(locale, { weekday: false })(iso)}, ${clockTime(locale)(iso)}`
}

function changeValue(t: Translate, locale: string, field: string, value: string): string {
  if (value === '') return t('activity:emptyValue')
  if (field === 'startsAt' || field === 'endsAt') return moment(locale, value)
  if (field === 'status') return t(`projects:status.${value}`)
  return value
}

/** A measured value with its goal's unit: "€ 1.250", "12 %", "40 uur", "7 woningen". */
function measured(t: Translate, locale: string, value: number, unit = ''): string {
  const tag = dateLocale(locale)
  if (unit === 'EUR') {
    return numberFormat(tag, { style: 'currency', currency: 'EUR' }).format(value)
  }
  const number = numberFormat(tag).format(value)
  if (unit === 'percent') return `${number} %`
  if (unit === 'hours') return t('activity:hours', { count: value, value: number })
  if (unit === 'count' || unit === '') return number
  return `${number} ${unit}`
}

export function describeActivity(
  item: Pick<ActivityItem, 'kind' | 'at' | 'actor' | 'network' | 'subject' | 'meeting' | 'data'>,
  t: Translate,
  locale: string,
): ActivitySentence {
  const { actor, data } = item
  const who =
    actor.name && actor.organisation
      ? t('activity:who', { name: actor.name, organisation: actor.organisation })
      : (actor.name ?? actor.organisation ?? t('activity:someone'))
  const details: string[] = []
  if (item.meeting) details.push(t('activity:detail.meeting', { title: item.meeting.title }))
  if (data.itemTitle) details.push(t('activity:detail.item', { title: data.itemTitle }))
  if (data.outcome) {
    details.push(t('activity:detail.outcome', { outcome: t(`minutes:outcome.${data.outcome}`) }))
  }
  if (data.organisationName) {
    details.push(t('activity:detail.organisation', { organisation: data.organisationName }))
  }
  if (typeof data.value === 'number') {
    details.push(t('activity:detail.value', { value: measured(t, locale, data.value, data.unit) }))
  }
  if (data.reason) details.push(t('activity:detail.reason', { reason: data.reason }))
  return {
    who,
    did: t(`activity:did.${item.kind}`, { version: data.version ?? '' }),
    subject: item.subject,
    details,
    changes: (data.changes ?? []).map((c) => ({
      label: t(`activity:field.${c.field}`),
      from: changeValue(t, locale, c.field, c.from),
      to: changeValue(t, locale, c.field, c.to),
    })),
    when: moment(locale, item.at),
    network: item.network.name,
  }
}
