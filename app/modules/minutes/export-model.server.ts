/*
 * What an exported minutes or decision list says, in the reader's language, before it becomes a PDF
 * (export-pdf.server.ts) or a Word file (export-docx.server.ts): both writers lay out this one model,
 * so the two files always hold the same words. Everything in it was read under the reader's access
 * rules (minutesExportData): a minutes document they may not see is not in it at all.
 */
import { dateLocale, type Locale } from '../../i18n/config'
import { dateTimeFormat } from '../../i18n/intl'
import { plainTranslator } from '../../i18n/translate'
import type { CurrentUser } from '../access/access.server'
import type { MeetingAccess } from '../access/meetings.server'
import { db } from '../db/db.server'
import { meetingWhen } from '../meetings/when'
import { MEETING_TIME_ZONE, meetingWallClock } from '../meetings/types'
import { minutesContent } from './draft.server'
import { visibleMinutesDocument } from './minutes.server'
import { minutesSections, type MinutesContent } from './minutes-text'
import { minutesAreDraft } from './types'

export const exportKinds = ['minutes', 'decisionList'] as const
export type ExportKind = (typeof exportKinds)[number]

export type ExportModel = {
  locale: Locale
  /** "Conceptverslag", "Verslag", "Conceptbesluitenlijst", "Besluitenlijst". */
  title: string
  meeting: string
  /** Network, date and time, place. */
  facts: string[]
  /** The draft notice, or when the minutes were approved. */
  notice: string
  draft: boolean
  sections: { heading: string; paragraphs: string[]; list: boolean }[]
  /** Without extension: "conceptverslag-gos-2025-03-06". */
  fileName: string
}

/** The meeting's minutes as the reader may see them. */
export async function minutesExportData(user: CurrentUser, access: MeetingAccess) {
  const meeting = await db.meeting.findUniqueOrThrow({
    where: { id: access.meeting.id },
    select: {
      status: true,
      location: true,
      decisionList: true,
      minutesText: true,
      minutesDocumentId: true,
      minutesApprovedAt: true,
      hostOrganisation: { select: { name: true } },
    },
  })
  const [content, document] = await Promise.all([
    minutesContent(user, access),
    meeting.minutesDocumentId
      ? visibleMinutesDocument(user, access, meeting.minutesDocumentId)
      : null,
  ])
  return { meeting, content, document }
}
export type MinutesExportData = Awaited<ReturnType<typeof minutesExportData>>

export function exportModel(
  access: Pick<MeetingAccess, 'meeting' | 'network'>,
  data: { meeting: MinutesExportData['meeting']; document: { title: string } | null } & {
    content: MinutesContent
  },
  kind: ExportKind,
  locale: Locale,
): ExportModel {
  const t = plainTranslator(locale)
  const draft = minutesAreDraft(data.meeting.status)
  const title =
    kind === 'minutes'
      ? draft
        ? t('minutes:draft.label')
        : t('minutes:minutes.title')
      : draft
        ? t('minutes:export.decisionListDraftTitle')
        : t('minutes:export.decisionListTitle')
  const [attendance, decisions, actions] = minutesSections(data.content, t, locale)
  const additions = data.meeting.decisionList.trim()
  const decisionList = {
    heading: decisions!.heading,
    paragraphs: additions ? [...decisions!.lines, additions] : decisions!.lines,
    list: true,
  }
  const asList = (section: { heading: string; lines: string[] }) => ({
    heading: section.heading,
    paragraphs: section.lines,
    list: true,
  })
  const minutesText = {
    heading: t('minutes:minutes.minutesText'),
    paragraphs: [
      ...(data.meeting.minutesText.trim() ? [data.meeting.minutesText.trim()] : []),
      ...(data.document ? [t('minutes:minutes.documentLink', { title: data.document.title })] : []),
    ],
    list: false,
  }
  if (minutesText.paragraphs.length === 0)
    minutesText.paragraphs.push(t('minutes:minutes.noMinutes'))
  const sections =
    kind === 'minutes'
      ? [asList(attendance!), decisionList, asList(actions!), minutesText]
      : [decisionList, asList(actions!)]
  const approvedAt = data.meeting.minutesApprovedAt
  const network = access.network.shortName.toLowerCase().trim().replace(/\s+/g, '-')
  return {
    locale,
    title,
    meeting: access.meeting.title,
    facts: [
      access.network.name,
      meetingWhen(locale, access.meeting.startsAt, access.meeting.endsAt),
      data.meeting.location.split('\n')[0]!.trim() ||
        t('minutes:export.hostedBy', { host: data.meeting.hostOrganisation.name }),
    ],
    notice: draft
      ? t('minutes:draft.intro')
      : approvedAt
        ? t('minutes:minutes.approvedOn', {
            date: dateTimeFormat(dateLocale(locale), {
              dateStyle: 'long',
              timeZone: MEETING_TIME_ZONE,
            }).format(approvedAt),
          })
        : '',
    draft,
    sections,
    fileName: `${title}-${network}-${meetingWallClock(access.meeting.startsAt).day}`
      .toLowerCase()
      .replace(/\s+/g, '-'),
  }
}
