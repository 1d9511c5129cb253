import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ActionTable, type ActionTableRow } from './action-table'

/**
 * A meeting's action list (actionListForMeeting): what was still open from earlier meetings, then what
 * was agreed at this one. Status buttons post to the network's open actions page and come back here.
 */
export function ActionList({
  networkSlug,
  meetingId,
  rows,
  headingLevel = 2,
}: {
  networkSlug: string
  meetingId: string
  rows: (ActionTableRow & { carriedOver: boolean })[]
  headingLevel?: 2 | 3
}) {
  const { t } = useTranslation('minutes')
  const carried = rows.filter((r) => r.carriedOver)
  const here = rows.filter((r) => !r.carriedOver)
  const statusAction = `/netwerken/${networkSlug}/acties`
  const redirectTo = `/netwerken/${networkSlug}/vergaderingen/${meetingId}`
  const Heading = `h${headingLevel}` as const
  const SubHeading = `h${headingLevel + 1}` as 'h3' | 'h4'
  const part = (title: string, caption: string, list: typeof rows, none: string) => (
    <>
      <SubHeading className={`utrecht-heading-${headingLevel + 1}`}>{title}</SubHeading>
      {list.length ? (
        <ActionTable
          rows={list}
          caption={caption}
          networkSlug={networkSlug}
          statusAction={statusAction}
          redirectTo={redirectTo}
        />
      ) : (
        <p className="utrecht-paragraph zwin-muted">{none}</p>
      )}
    </>
  )
  return (
    <section aria-labelledby="action-list-title">
      <Heading id="action-list-title" className={`utrecht-heading-${headingLevel}`}>
        {t('actionList.title')}
      </Heading>
      <p className="utrecht-paragraph">{t('actionList.intro')}</p>
      {rows.length === 0 ? (
        <div className="utrecht-alert utrecht-alert--info">
          <p className="utrecht-paragraph">{t('actionList.empty')}</p>
        </div>
      ) : (
        <>
          {part(
            t('actionList.carriedOver'),
            t('actionList.carriedOverCaption'),
            carried,
            t('actionList.noneCarriedOver'),
          )}
          {part(
            t('actionList.agreedHere'),
            t('actionList.agreedHereCaption'),
            here,
            t('actionList.noneAgreedHere'),
          )}
        </>
      )}
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to={statusAction}>
          {t('actionList.allOpen')}
        </Link>
      </p>
    </section>
  )
}
