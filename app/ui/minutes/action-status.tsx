import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/**
 * Closing or reopening one action item: "Gedaan" and "Laten vervallen" while it is open, "Heropenen"
 * once closed. Posts to the page itself, or to `action` (the open actions page) with `redirectTo` to
 * come back here.
 */
export function ActionStatusButtons({
  actionItem,
  action,
  redirectTo,
}: {
  actionItem: { id: string; description: string; status: string }
  action?: string
  redirectTo?: string
}) {
  const { t } = useTranslation('minutes')
  // The action's description, unseen, makes each button's name unique for screen reader users.
  const button = (status: string, label: string) => (
    <button
      type="submit"
      name="status"
      value={status}
      className="utrecht-button utrecht-button--secondary-action"
    >
      {label}
      <span className="zwin-visually-hidden">: {actionItem.description}</span>
    </button>
  )
  return (
    <Form method="post" action={action} className="zwin-inline-form">
      <input type="hidden" name="intent" value="setActionStatus" />
      <input type="hidden" name="actionItemId" value={actionItem.id} />
      {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
      {actionItem.status === 'open' ? (
        <>
          {button('done', t('actions.markDone'))} {button('dropped', t('actions.drop'))}
        </>
      ) : (
        button('open', t('actions.reopen'))
      )}
    </Form>
  )
}
