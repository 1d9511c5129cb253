import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
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
  if (!minutes.draft || minutes.status === 'draft' || minutes.status === 'cancelled') return null
  return (
    <div className="utrecht-alert utrecht-alert--warning" role="status">
      <p className="utrecht-paragraph">
        <MinutesDraftLabel /> {t('draft.intro')}
      </p>
    </div>
  )
}

/** The decision list, minutes text and minutes document as the members read them. */
export function MinutesView({
  minutes,
  networkSlug,
}: {
  minutes: MinutesPageData
  networkSlug: string
}) {
  const { t } = useTranslation('minutes')
  if (!minutes.decisionList && !minutes.minutesText && !minutes.document) {
    return (
      <div className="utrecht-alert utrecht-alert--info">
        <p className="utrecht-paragraph">{t('minutes.notYet')}</p>
      </div>
    )
  }
  return (
    <>
      <h2 className="utrecht-heading-2">{t('minutes.decisionList')}</h2>
      {minutes.decisionList ? (
        <p className="utrecht-paragraph zwin-prewrap">{minutes.decisionList}</p>
      ) : (
        <p className="utrecht-paragraph zwin-muted">{t('minutes.noDecisionList')}</p>
      )}
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
