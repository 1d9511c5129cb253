import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { ActionStatus } from '~/modules/meetings/types'
import { useFormatters } from '../format'
import { ScrollableTable } from '../table-wrap'
import { ActionStatusButtons } from './action-status'

export type ActionTableRow = {
  id: string
  description: string
  status: string
  dueDate: Date | string | null
  closedAt: Date | string | null
  overdue: boolean
  canUpdate: boolean
  organisation: { name: string }
  assignee: { name: string } | null
  meeting: { id: string; title: string; startsAt: Date | string }
  itemNumber: string | null
}

const statusClass: Record<string, string> = {
  done: 'zwin-badge zwin-milestone-done',
  dropped: 'zwin-badge',
  open: 'zwin-badge',
}

/**
 * Action items as a table: what, who, due when (late ones say so in words, not only in colour), status,
 * where it was agreed, and the status buttons for those who may use them.
 */
export function ActionTable({
  rows,
  caption,
  networkSlug,
  showStatus = true,
  showAgreedAt = true,
  statusAction,
  redirectTo,
}: {
  rows: ActionTableRow[]
  caption: string
  networkSlug: string
  showStatus?: boolean
  showAgreedAt?: boolean
  /** Where the status buttons post to; the page itself when left out. */
  statusAction?: string
  redirectTo?: string
}) {
  const { t } = useTranslation('minutes')
  const f = useFormatters()
  const canChange = rows.some((r) => r.canUpdate)
  return (
    <ScrollableTable caption={caption}>
      <thead>
        <tr>
          <th scope="col">{t('actions.columns.description')}</th>
          <th scope="col">{t('actions.columns.organisation')}</th>
          <th scope="col">{t('actions.columns.assignee')}</th>
          <th scope="col">{t('actions.columns.dueDate')}</th>
          {showStatus ? <th scope="col">{t('actions.columns.status')}</th> : null}
          {showAgreedAt ? <th scope="col">{t('actions.columns.agreedAt')}</th> : null}
          {canChange ? <th scope="col">{t('actions.columns.change')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td className="zwin-prewrap">{row.description}</td>
            <td>{row.organisation.name}</td>
            <td>{row.assignee?.name ?? ''}</td>
            <td>
              {row.dueDate ? f.date(row.dueDate) : t('actions.noDueDate')}
              {row.overdue ? (
                <>
                  {' '}
                  <span className="zwin-badge zwin-milestone-late">{t('actions.overdue')}</span>
                </>
              ) : null}
            </td>
            {showStatus ? (
              <td>
                <span className={statusClass[row.status] ?? 'zwin-badge'}>
                  {t(`status.${row.status as ActionStatus}`)}
                </span>
                {row.closedAt && row.status !== 'open' ? (
                  <> {t('actions.closedOn', { date: f.date(row.closedAt) })}</>
                ) : null}
              </td>
            ) : null}
            {showAgreedAt ? (
              <td>
                <Link
                  className="utrecht-link"
                  to={`/netwerken/${networkSlug}/vergaderingen/${row.meeting.id}`}
                >
                  {row.itemNumber
                    ? t('actions.agreedAtItem', {
                        meeting: row.meeting.title,
                        date: f.date(row.meeting.startsAt),
                        number: row.itemNumber,
                      })
                    : t('actions.agreedAt', {
                        meeting: row.meeting.title,
                        date: f.date(row.meeting.startsAt),
                      })}
                </Link>
              </td>
            ) : null}
            {canChange ? (
              <td>
                {row.canUpdate ? (
                  <ActionStatusButtons
                    actionItem={row}
                    action={statusAction}
                    redirectTo={redirectTo}
                  />
                ) : null}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </ScrollableTable>
  )
}
