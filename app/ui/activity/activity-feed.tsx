import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { describeActivity, type Translate } from '~/modules/activity/describe'
import { activityKinds, type ActivityItem } from '~/modules/activity/types'
import { Pager } from '~/ui/pager'

/**
 * The feed of a network or of all the reader's networks: a filter by kind (a GET form, so it works
 * without JavaScript and the choice stays in the address), the events newest first, a pager and an
 * empty state. `showNetwork` names each event's network (the page across networks).
 */
export function ActivityFeed({
  items,
  kinds,
  page,
  pages,
  total,
  capped,
  showNetwork,
}: {
  items: ActivityItem[]
  kinds: string[]
  page: number
  pages: number
  total: number
  /** More events than `total`: the pages hold the newest `total` (app/modules/activity/feed.server.ts). */
  capped: boolean
  showNetwork: boolean
}) {
  const { t, i18n } = useTranslation('activity')
  const plain = t as unknown as Translate
  const chosen = new Set(kinds)
  return (
    <>
      <details className="zwin-rule" open={kinds.length > 0}>
        <summary>{t('filter.label')}</summary>
        <Form method="get" className="zwin-activity-filter">
          <fieldset className="utrecht-form-fieldset zwin-fieldset">
            <legend className="utrecht-form-fieldset__legend">{t('filter.legend')}</legend>
            <div className="zwin-activity-filter__kinds">
              {activityKinds.map((kind) => (
                <div key={kind} className="utrecht-form-field utrecht-form-field--checkbox">
                  <input
                    type="checkbox"
                    id={`soort-${kind}`}
                    name="soort"
                    value={kind}
                    defaultChecked={chosen.has(kind)}
                    className="utrecht-checkbox utrecht-checkbox--html-input"
                  />{' '}
                  <label
                    className="utrecht-form-label utrecht-form-label--checkbox"
                    htmlFor={`soort-${kind}`}
                  >
                    {t(`kind.${kind}`)}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
          <p className="zwin-activity-filter__actions">
            <button type="submit" className="utrecht-button utrecht-button--secondary-action">
              {t('filter.apply')}
            </button>
            {kinds.length ? (
              <Link className="utrecht-link" to="?">
                {t('filter.clear')}
              </Link>
            ) : null}
          </p>
        </Form>
      </details>
      {items.length ? (
        <>
          <ol className="zwin-activity" aria-label={t('listLabel')}>
            {items.map((item) => {
              const s = describeActivity(item, plain, i18n.language)
              return (
                <li key={item.id} className="zwin-activity__item">
                  <p className="utrecht-paragraph zwin-activity__what">
                    {s.who} {s.did}:{' '}
                    <Link className="utrecht-link" to={s.subject.href}>
                      {s.subject.title}
                    </Link>
                  </p>
                  {s.details.length ? (
                    <p className="utrecht-paragraph zwin-activity__details">
                      {s.details.join(' · ')}
                    </p>
                  ) : null}
                  {s.changes.length ? (
                    <ul className="zwin-activity__changes" aria-label={t('changesLabel')}>
                      {s.changes.map((c) => (
                        <li key={c.label}>
                          {c.label}: <span className="zwin-visually-hidden">{t('was')} </span>
                          <del>{c.from}</del> <span aria-hidden="true">→</span>{' '}
                          <span className="zwin-visually-hidden">{t('now')} </span>
                          <ins>{c.to}</ins>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  <p className="utrecht-paragraph zwin-activity__meta">
                    <time dateTime={item.at}>{s.when}</time>
                    {showNetwork ? (
                      <>
                        {' · '}
                        <Link className="utrecht-link" to={`/netwerken/${item.network.slug}`}>
                          {item.network.shortName}
                        </Link>
                      </>
                    ) : null}
                  </p>
                </li>
              )
            })}
          </ol>
          {pages > 1 ? <Pager page={page} pages={pages} total={total} capped={capped} /> : null}
          {capped && page === pages ? (
            <p className="utrecht-paragraph zwin-muted">{t('cappedEnd', { max: total })}</p>
          ) : null}
        </>
      ) : (
        <div className="utrecht-alert utrecht-alert--info">
          <p className="utrecht-paragraph">{kinds.length ? t('emptyFiltered') : t('empty')}</p>
        </div>
      )}
    </>
  )
}
