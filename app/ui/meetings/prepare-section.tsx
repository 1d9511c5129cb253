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
  over,
  confirm,
  cancelReply,
}: {
  /** The meeting page's address. */
  base: string
  meeting: { id: string; status: string }
  started: boolean
  /** Past its end: a draft is then registered as held instead of published. */
  over: boolean
  confirm: { intent: string; id: string } | null
  cancelReply?: SubmissionResult<string[]>
}) {
  const { t } = useTranslation('meetings')
  const [search] = useSearchParams()
  const open = agendaIsOpen(meeting.status)
  const cancelling = open && search.get('afgelasten') !== null
  const confirmTexts =
    confirm?.intent !== 'held'
      ? ({ question: 'publish.question', confirm: 'publish.confirm' } as const)
      : meeting.status === 'draft'
        ? ({ question: 'held.afterTheFactQuestion', confirm: 'held.afterTheFactConfirm' } as const)
        : ({ question: 'held.question', confirm: 'held.confirm' } as const)
  return (
    <section aria-labelledby="prepare-heading">
      <h2 id="prepare-heading" className="utrecht-heading-2">
        {t('prepare.title')}
      </h2>
      {meeting.status === 'draft' ? (
        <p className="utrecht-paragraph">
          {over ? t('prepare.pastDraftNote') : t('prepare.draftNote')}
        </p>
      ) : null}
      {confirm ? (
        <ConfirmPanel
          pending={{
            ...confirm,
            question: t(confirmTexts.question),
          }}
          confirmLabel={t(confirmTexts.confirm)}
        />
      ) : null}
      {started && (meeting.status === 'published' || meeting.status === 'held') ? (
        <p className="utrecht-paragraph">
          <Link className="utrecht-link" to={`${base}/vergadermodus`}>
            {t('mode.open')}
          </Link>
        </p>
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
        {meeting.status === 'draft' && !over ? (
          <RowAction intent="publish" label={t('publish.action')} primary />
        ) : null}
        {meeting.status === 'draft' && started ? (
          <RowAction intent="held" label={t('prepare.registerHeld')} primary={over} />
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
