import { Link } from '@remix-run/react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { minutesSections } from '~/modules/minutes/minutes-text'
import type { MinutesPageData } from '~/modules/minutes/minutes.server'
import { useFormatters } from '../format'

/** The approval of the minutes, in one sentence: when, and at which meeting. */
export function MinutesApproval({
  minutes,
  networkSlug,
}: {
  minutes: MinutesPageData
  networkSlug: string
}) {
  const { t } = useTranslation('minutes')
  const f = useFormatters()
  if (!minutes.minutesApprovedAt) return null
  return (
    <div className="utrecht-alert utrecht-alert--ok">
      <p className="utrecht-paragraph">
        {minutes.approvedIn ? (
          <Link
            className="utrecht-link"
            to={`/netwerken/${networkSlug}/vergaderingen/${minutes.approvedIn.id}`}
          >
            {t('minutes.approvedIn', {
              meeting: minutes.approvedIn.title,
              date: f.date(minutes.approvedIn.startsAt),
            })}
          </Link>
        ) : (
          t('minutes.approvedOn', { date: f.date(minutes.minutesApprovedAt) })
        )}
      </p>
    </div>
  )
}

/** The draft label ("Conceptverslag", nl-BE "Ontwerpnotulen") while minutes await approval. */
export function MinutesDraftLabel() {
  const { t } = useTranslation('minutes')
  return <span className="zwin-badge zwin-badge--draft">{t('draft.label')}</span>
}

/** Above minutes that are not approved yet: the label and what it means. */
export function MinutesDraftNotice({ minutes }: { minutes: MinutesPageData }) {
  const { t } = useTranslation('minutes')
  if (!minutes.draft || !minutes.begun) return null
  return (
    <div className="utrecht-alert utrecht-alert--warning" role="status">
      <p className="utrecht-paragraph">
        <MinutesDraftLabel /> {t('draft.intro')}
      </p>
    </div>
  )
}

/**
 * Attendance, the decision list and the action items, put into words in the reader's language (the
 * same words as the PDF and Word exports). Preparers get links to where each is recorded.
 */
export function MinutesContentView({
  minutes,
  meetingPath,
  canRecord,
}: {
  minutes: MinutesPageData
  meetingPath: string
  canRecord: boolean
}) {
  const { t, i18n } = useTranslation('minutes')
  const sections = minutesSections(minutes.content, plain(t), i18n.language)
  return (
    <>
      <p className="utrecht-paragraph">{t('minutes.generatedIntro')}</p>
      {canRecord ? (
        <ul className="utrecht-unordered-list">
          <li>
            <Link className="utrecht-link" to={`${meetingPath}/deelnemers`}>
              {t('minutes.recordAttendance')}
            </Link>
          </li>
          <li>
            <Link className="utrecht-link" to={`${meetingPath}/agenda`}>
              {t('minutes.recordDecisions')}
            </Link>
          </li>
        </ul>
      ) : null}
      {sections.map((section) => (
        <section key={section.heading}>
          <h2 className="utrecht-heading-2">{section.heading}</h2>
          <ul className="utrecht-unordered-list">
            {section.lines.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </section>
      ))}
    </>
  )
}

/** useTranslation's t for keys put together at run time, as minutesSections takes it. */
function plain(t: TFunction<'minutes'>) {
  return t as unknown as (key: string, values?: Record<string, unknown>) => string
}

/** The secretary's own text: additions to the decision list, minutes text and minutes document. */
export function MinutesView({
  minutes,
  networkSlug,
}: {
  minutes: MinutesPageData
  networkSlug: string
}) {
  const { t } = useTranslation('minutes')
  return (
    <>
      {minutes.decisionList ? (
        <>
          <h2 className="utrecht-heading-2">{t('minutes.additionsTitle')}</h2>
          <p className="utrecht-paragraph zwin-prewrap">{minutes.decisionList}</p>
        </>
      ) : null}
      <h2 className="utrecht-heading-2">{t('minutes.minutesText')}</h2>
      {minutes.minutesText ? (
        <p className="utrecht-paragraph zwin-prewrap">{minutes.minutesText}</p>
      ) : null}
      {minutes.document ? (
        <p className="utrecht-paragraph">
          <Link
            className="utrecht-link"
            to={`/netwerken/${networkSlug}/documenten/${minutes.document.id}`}
          >
            {t('minutes.documentLink', { title: minutes.document.title })}
          </Link>
        </p>
      ) : null}
      {!minutes.minutesText && !minutes.document ? (
        <p className="utrecht-paragraph zwin-muted">{t('minutes.noMinutes')}</p>
      ) : null}
    </>
  )
}

/** The minutes and the decision list as files, in the reader's language. */
export function MinutesDownloads({ meetingPath }: { meetingPath: string }) {
  const { t } = useTranslation('minutes')
  const files = [
    ['verslag.pdf', t('export.minutesPdf')],
    ['verslag.docx', t('export.minutesDocx')],
    ['besluitenlijst.pdf', t('export.decisionListPdf')],
    ['besluitenlijst.docx', t('export.decisionListDocx')],
  ] as const
  return (
    <section aria-labelledby="minutes-downloads">
      <h2 id="minutes-downloads" className="utrecht-heading-2">
        {t('export.title')}
      </h2>
      <ul className="utrecht-unordered-list">
        {files.map(([file, label]) => (
          <li key={file}>
            <a className="utrecht-link" href={`${meetingPath}/verslag/${file}`} download>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </section>
  )
}
