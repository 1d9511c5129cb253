import { Form, Link, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

export type PendingConfirmation = { intent: string; id: string; question: string }

/**
 * The second step of a destructive action. The first submit (without `confirmed`) returns the question;
 * this panel asks it and posts again with `confirmed=yes`. Works the same with and without JavaScript.
 */
export function ConfirmPanel({
  pending,
  confirmLabel,
}: {
  pending: PendingConfirmation
  confirmLabel: string
}) {
  const { t } = useTranslation()
  const location = useLocation()
  return (
    <div
      className="utrecht-alert utrecht-alert--warning"
      role="alertdialog"
      aria-labelledby="confirm-question"
    >
      <p id="confirm-question" className="utrecht-paragraph">
        <strong>{pending.question}</strong>
      </p>
      <Form method="post" className="zwin-actions">
        <input type="hidden" name="intent" value={pending.intent} />
        <input type="hidden" name="id" value={pending.id} />
        <input type="hidden" name="confirmed" value="yes" />
        <button
          type="submit"
          className="utrecht-button utrecht-button--primary-action utrecht-button--danger"
          autoFocus
        >
          {confirmLabel}
        </button>
        <Link className="utrecht-link" to={location.pathname}>
          {t('actions.cancel')}
        </Link>
      </Form>
    </div>
  )
}

/**
 * A small form with one button that starts an action: on one row (with its `id`, e.g. "Intrekken") or on
 * the page's object (e.g. "Account uitschakelen").
 */
export function RowAction({
  intent,
  id,
  label,
  accessibleLabel,
  primary,
}: {
  intent: string
  id?: string
  label: string
  accessibleLabel?: string
  primary?: boolean
}) {
  return (
    <Form method="post" className="zwin-inline-form">
      <input type="hidden" name="intent" value={intent} />
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <button
        type="submit"
        className={`utrecht-button utrecht-button--${primary ? 'primary' : 'secondary'}-action`}
        aria-label={accessibleLabel}
      >
        {label}
      </button>
    </Form>
  )
}
