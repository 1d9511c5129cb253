import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ScrollableTable } from '../table-wrap'
import { clockTime } from './when'

export type AttachedDocument = {
  linkId: string
  id: string
  title: string
  type: string
  latest: { id: string; originalName: string; mediaType: string } | null
  /** Shown to the preparers: how many of the network's partners may see it. */
  reach?: { partners: number; reached: number } | null
}

/** "alle partners" or "3 van 5 partners", for the preparers; nothing for anyone else. */
export function DocumentReach({ reach }: { reach?: AttachedDocument['reach'] }) {
  const { t } = useTranslation('meetings')
  if (!reach) return null
  return (
    <span className="zwin-muted">
      {' ('}
      {reach.reached >= reach.partners
        ? t('reach.all')
        : t('reach.some', { reached: reach.reached, count: reach.partners })}
      {')'}
    </span>
  )
}

export type AgendaRowView = {
  id: string
  number: string
  depth: number
  startsAt: string | Date
  endsAt: string | Date
  title: string
  description: string
  kind: string
  durationMinutes: number
  decisionText: string
  decisionOutcome: string | null
  presenterOrganisation: { name: string } | null
  documents: AttachedDocument[]
}

/** The documents of an item (or the meeting): each links to its page and downloads its newest version. */
export function AttachedDocuments({
  documents,
  networkSlug,
}: {
  documents: AttachedDocument[]
  networkSlug: string
}) {
  const { t } = useTranslation('meetings')
  if (documents.length === 0) return null
  return (
    <ul className="utrecht-unordered-list zwin-attached">
      {documents.map((d) => (
        <li key={d.linkId}>
          <Link className="utrecht-link" to={`/netwerken/${networkSlug}/documenten/${d.id}`}>
            {d.title}
          </Link>
          <DocumentReach reach={d.reach} />
          {d.latest ? (
            <>
              {' · '}
              <a
                className="utrecht-link"
                href={`/netwerken/${networkSlug}/documenten/${d.id}/versies/${d.latest.id}/download`}
                aria-label={t('agenda.downloadNamed', { name: d.latest.originalName })}
              >
                {t('agenda.download')}
              </a>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  )
}

/**
 * The agenda with its timetable: number, clock time, item (with its description, documents and
 * decision), kind, presenter and planned minutes. `itemLink` makes the titles links (for preparers).
 */
export function AgendaTable({
  agenda,
  networkSlug,
  itemLink,
  showDecisions,
}: {
  agenda: AgendaRowView[]
  networkSlug: string
  itemLink?: (id: string) => string
  showDecisions?: boolean
}) {
  const { t, i18n } = useTranslation(['meetings', 'minutes'])
  const time = clockTime(i18n.language)
  return (
    <ScrollableTable caption={t('agenda.caption')}>
      <thead>
        <tr>
          <th scope="col">{t('agenda.number')}</th>
          <th scope="col">{t('agenda.time')}</th>
          <th scope="col">{t('agenda.item')}</th>
          <th scope="col">{t('agenda.kind')}</th>
          <th scope="col">{t('agenda.presenter')}</th>
          <th scope="col">{t('agenda.duration')}</th>
        </tr>
      </thead>
      <tbody>
        {agenda.map((item) => (
          <tr key={item.id} className={item.depth ? 'zwin-subitem' : undefined}>
            <th scope="row">{item.number}</th>
            <td>
              {time(item.startsAt)}
              {item.durationMinutes > 0 ? `–${time(item.endsAt)}` : ''}
            </td>
            <td>
              {itemLink ? (
                <Link className="utrecht-link" to={itemLink(item.id)}>
                  {item.title}
                </Link>
              ) : (
                <strong>{item.title}</strong>
              )}
              {item.description ? <p className="zwin-prewrap">{item.description}</p> : null}
              <AttachedDocuments documents={item.documents} networkSlug={networkSlug} />
              {showDecisions && (item.decisionText || item.decisionOutcome) ? (
                <p>
                  <strong>{t('agenda.decision')}</strong>{' '}
                  {item.decisionOutcome
                    ? `${t(`minutes:outcome.${item.decisionOutcome}` as 'minutes:outcome.adopted')}. `
                    : ''}
                  {item.decisionText}
                </p>
              ) : null}
            </td>
            <td>{t(`kind.${item.kind}` as 'kind.information')}</td>
            <td>{item.presenterOrganisation?.name ?? ''}</td>
            <td>{t('agenda.minutes', { count: item.durationMinutes })}</td>
          </tr>
        ))}
      </tbody>
    </ScrollableTable>
  )
}
