/*
 * Everything the cover of the agenda pack says, in the reader's language: the meeting's facts, the
 * agenda with its timetable and, per document, the page it starts on or why it is not in the pack.
 */
import { numberFormat } from '../../i18n/intl'
import { translator } from '../../i18n/translate'
import { extensionOf, fileKinds } from '../documents/types'
import type { LeftOutReason, ReadPackPlan } from './agenda-pack-job.server'
import type { CoverDocument, CoverModel } from './agenda-pack-cover.server'
import { meetingWallClock } from './types'
import { clockTime, dateLocale, meetingDay, timeSlot } from './when'

export type T = (key: string, values?: Record<string, string | number>) => string

export function packTranslator(plan: ReadPackPlan): T {
  return translator(plan.locale) as unknown as T
}

/** Where a listed document ended up: its pages in the pack (counted after the cover), or why not. */
export type Placement =
  | { kind: 'pdf'; start: number }
  | { kind: 'not_pdf' }
  | { kind: 'left_out'; reason: LeftOutReason; pages?: number }

export type PlacedAttachment = ReadPackPlan['attachments'][number] & { placement: Placement }

/** The limits a left-out document ran into, for the note that says so. */
export type NoteLimits = { maxPages: number; maxSourceBytes: number }

/** The cover of `plan` for a cover of `coverPages` pages. */
export function coverTexts(pack: {
  plan: ReadPackPlan
  documentsOf: (itemId: string | null) => PlacedAttachment[]
  coverPages: number
  limits: NoteLimits
}): CoverModel {
  const { plan } = pack
  const { meeting, locale } = plan
  const t = packTranslator(plan)
  // "10.000" in Dutch, "10,000" in English.
  const count = (n: number) => numberFormat(dateLocale(locale)).format(n)
  const megabytes = (bytes: number) =>
    numberFormat(dateLocale(locale), { maximumSignificantDigits: 3 }).format(bytes / 1e6)
  const listed = (itemId: string | null): CoverDocument[] =>
    pack.documentsOf(itemId).map((a) => ({
      title: a.document.title,
      note: [
        a.document.draftMinutes ? t('minutes:draft.notApproved') : '',
        note(a, pack.coverPages, pack.limits, t, { count, megabytes }),
      ]
        .filter(Boolean)
        .join(' · '),
    }))
  return {
    kicker: t('agendaPack:kicker', { network: plan.network.shortName }),
    title: meeting.title,
    network: plan.network.name,
    notice: notice(meeting, t),
    facts: facts(meeting, locale, t),
    description: meeting.description,
    meetingDocuments: { heading: t('agendaPack:meetingDocuments'), documents: listed(null) },
    agenda: {
      heading: t('agendaPack:agenda'),
      columns: {
        number: t('agendaPack:columns.number'),
        time: t('agendaPack:columns.time'),
        subject: t('agendaPack:columns.subject'),
        duration: t('agendaPack:columns.duration'),
      },
      items: plan.agenda.map((item) => ({
        anchor: item.id,
        number: item.number,
        depth: item.depth,
        time: timeSlot(locale, item.startsAt, item.endsAt),
        title: item.title,
        details: [
          t(`meetings:kind.${item.kind}`),
          // "Inbreng door Gemeente Sluis": the label of the agenda's column, then the name.
          item.presenter && `${t('meetings:agenda.presenter')} ${item.presenter}`,
        ]
          .filter(Boolean)
          .join(' · '),
        duration: item.durationMinutes
          ? t('agendaPack:minutes', { minutes: item.durationMinutes })
          : '',
        documents: listed(item.id),
      })),
      empty: t('agendaPack:emptyAgenda'),
    },
    continued: t('agendaPack:continued', { title: meeting.title }),
  }
}

function note(
  attachment: PlacedAttachment,
  coverPages: number,
  limits: NoteLimits,
  t: T,
  format: { count: (n: number) => string; megabytes: (bytes: number) => string },
): string {
  const { count, megabytes } = format
  const { placement, version } = attachment
  if (placement.kind === 'pdf') {
    return t('agendaPack:document.pdf', { page: coverPages + placement.start + 1 })
  }
  if (placement.kind === 'not_pdf' && version) {
    const known = Object.entries(fileKinds).find(([, kind]) => kind.mediaType === version.mediaType)
    const extension = (known?.[0] ?? extensionOf(version.originalName)) || version.mediaType
    return t('agendaPack:document.notPdf', {
      fileName: version.originalName,
      fileType: t('agendaPack:document.fileType', { extension: extension.toUpperCase() }),
    })
  }
  if (placement.kind === 'left_out' && placement.reason === 'pages') {
    return t('agendaPack:document.tooManyPages', {
      pages: count(placement.pages ?? 0),
      max: count(limits.maxPages),
    })
  }
  if (placement.kind === 'left_out' && placement.reason === 'size') {
    return t('agendaPack:document.tooLarge', { max: megabytes(limits.maxSourceBytes) })
  }
  return t('agendaPack:document.notIncluded')
}

function notice(meeting: ReadPackPlan['meeting'], t: T): string {
  if (meeting.status === 'draft') return t('agendaPack:notice.draft')
  if (meeting.status !== 'cancelled') return ''
  return meeting.cancelReason?.trim()
    ? t('meetings:cancelledBecause', { reason: meeting.cancelReason.trim() })
    : t('agendaPack:notice.cancelled')
}

function facts(meeting: ReadPackPlan['meeting'], locale: string, t: T) {
  const [day, time] = [meetingDay(locale), clockTime(locale)]
  const { startsAt, endsAt } = meeting
  const when =
    meetingWallClock(startsAt).day === meetingWallClock(endsAt).day
      ? [
          { label: t('agendaPack:facts.date'), value: day(startsAt) },
          { label: t('agendaPack:facts.time'), value: timeSlot(locale, startsAt, endsAt) },
        ]
      : [
          { label: t('agendaPack:facts.starts'), value: `${day(startsAt)}, ${time(startsAt)}` },
          { label: t('agendaPack:facts.ends'), value: `${day(endsAt)}, ${time(endsAt)}` },
        ]
  const optional = [
    { label: t('agendaPack:facts.location'), value: meeting.location },
    { label: t('agendaPack:facts.online'), value: meeting.onlineUrl, link: meeting.onlineUrl },
    { label: t('meetings:fields.host'), value: meeting.host },
    { label: t('agendaPack:facts.chair'), value: meeting.chair },
    { label: t('agendaPack:facts.secretary'), value: meeting.secretary },
  ]
  return [...when, ...optional.filter((fact) => fact.value.trim() !== '')]
}
