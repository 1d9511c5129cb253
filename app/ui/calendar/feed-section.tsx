import { useTranslation } from 'react-i18next'
import { meetingDay } from '~/modules/meetings/when'
import { ConfirmPanel, RowAction } from '../confirm'
import { FormError } from '../form'

/** What the agenda page's action answered about the feed, if anything. */
export type FeedActionResult =
  | { created: string }
  | { confirm: 'replace' | 'revoke' }
  | { revoked: true }
  | { error: 'unknownAction' }

/**
 * The personal calendar subscription: make a secret link (shown once), replace or stop it, each after
 * a question.
 */
export function FeedSection({
  since,
  result,
}: {
  since: Date | string | null
  result: FeedActionResult | undefined
}) {
  const { t, i18n } = useTranslation('calendar')
  // Written like the meetings above it (British order in English), not by the app-wide formatter.
  const date = meetingDay(i18n.language, { weekday: false })
  const created = result && 'created' in result ? result.created : null
  const confirm = result && 'confirm' in result ? result.confirm : null
  return (
    <section aria-labelledby="feed-title">
      <h2 id="feed-title" className="utrecht-heading-2">
        {t('feed.title')}
      </h2>
      <p className="utrecht-paragraph">{t('feed.intro')}</p>
      <p className="utrecht-paragraph">{t('feed.private')}</p>
      {result && 'error' in result ? <FormError errors={[result.error]} /> : null}
      {result && 'revoked' in result ? (
        <div className="utrecht-alert utrecht-alert--ok" role="status">
          <p className="utrecht-paragraph">{t('feed.revoked')}</p>
        </div>
      ) : null}
      {created ? (
        <div className="utrecht-alert utrecht-alert--ok utrecht-form-field" role="status">
          <h3 className="utrecht-heading-3">{t('feed.createdTitle')}</h3>
          <label className="utrecht-form-label" htmlFor="feed-url">
            {t('feed.urlLabel')}
          </label>
          <p id="feed-url-help" className="utrecht-form-field-description">
            {t('feed.createdHint')}
          </p>
          <input
            id="feed-url"
            type="text"
            readOnly
            value={created}
            aria-describedby="feed-url-help"
            onFocus={(e) => e.currentTarget.select()}
            spellCheck={false}
            className="utrecht-textbox utrecht-textbox--html-input utrecht-textbox--read-only"
          />
        </div>
      ) : null}
      {confirm ? (
        <ConfirmPanel
          pending={{
            intent: confirm === 'replace' ? 'create' : 'revoke',
            id: 'feed',
            question: t(confirm === 'replace' ? 'feed.replaceQuestion' : 'feed.revokeQuestion'),
          }}
          confirmLabel={t(confirm === 'replace' ? 'feed.replaceConfirm' : 'feed.revokeConfirm')}
        />
      ) : null}
      <p className="utrecht-paragraph">
        {since
          ? `${t('feed.active', { date: date(since) })} ${created ? '' : t('feed.activeHint')}`
          : t('feed.none')}
      </p>
      <div className="zwin-actions">
        <RowAction intent="create" label={t(since ? 'feed.replace' : 'feed.create')} primary />
        {since ? <RowAction intent="revoke" label={t('feed.revoke')} /> : null}
      </div>
    </section>
  )
}
