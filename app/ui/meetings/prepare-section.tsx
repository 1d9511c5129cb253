import type { SubmissionResult } from '@conform-to/react'
import { Link, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { agendaIsOpen } from '~/modules/meetings/types'
import { ConfirmPanel, RowAction } from '../confirm'
import { CancelForm } from './cancel-form'

/**
 * What the network's coordinators and secretaries do with a meeting: the agenda and details while it is
 * open, publishing a draft, recording that it was held, cancelling with a reason. Publishing and
 * "held" are asked first (the first mails everyone, the second closes the agenda for good).
 */
export function PrepareSection({
  base,
  meeting,
  started,
  confirm,
  cancelReply,
}: {
  /** The meeting page's address. */
  base: string
  meeting: { id: string; status: string }
  started: boolean
  confirm: { intent: string; id: string } | null
  cancelReply?: SubmissionResult<string[]>
}) {
  const { t } = useTranslation('meetings')
  const [search] = useSearchParams()
  const open = agendaIsOpen(meeting.status)
  const cancelling = open && search.get('afgelasten') !== null
  return (
    <section aria-labelledby="prepare-heading">
      <h2 id="prepare-heading" className="utrecht-heading-2">
        {t('prepare.title')}
      </h2>
      {meeting.status === 'draft' ? (
        <p className="utrecht-paragraph">{t('prepare.draftNote')}</p>
      ) : null}
      {confirm ? (
        <ConfirmPanel
          pending={{
            ...confirm,
            question: confirm.intent === 'held' ? t('held.question') : t('publish.question'),
          }}
          confirmLabel={confirm.intent === 'held' ? t('held.confirm') : t('publish.confirm')}
        />
      ) : null}
      {open ? (
        <ul className="utrecht-unordered-list">
          <li>
            <Link className="utrecht-link" to={`${base}/agenda`}>
              {t('prepare.agenda')}
            </Link>
          </li>
          <li>
            <Link className="utrecht-link" to={`${base}/bewerken`}>
              {t('prepare.edit')}
            </Link>
          </li>
        </ul>
      ) : null}
      <div className="zwin-actions">
        {meeting.status === 'draft' ? (
          <RowAction intent="publish" label={t('publish.action')} primary />
        ) : null}
        {meeting.status === 'published' && started ? (
          <RowAction intent="held" label={t('prepare.markHeld')} />
        ) : null}
        {open && !cancelling ? (
          <Link className="utrecht-link" to="?afgelasten=1">
            {t('cancel.action')}
          </Link>
        ) : null}
      </div>
      {cancelling ? <CancelForm lastResult={cancelReply} /> : null}
    </section>
  )
}
