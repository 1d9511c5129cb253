import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requirePlatformAdmin, requireUser } from '~/modules/access/access.server'
import { auditBy } from '~/modules/audit/audit.server'
import { db } from '~/modules/db/db.server'
import { redirectWithFlash } from '~/modules/flash/flash.server'
import { mailsNeedingAttention, retryFailedMail } from '~/modules/mail/outbox.server'
import { RowAction } from '~/ui/confirm'
import { FormError } from '~/ui/form'
import { useFormatters } from '~/ui/format'
import { BackLink } from '~/ui/links'
import { pageTitle } from '~/ui/meta'
import { ScrollableTable } from '~/ui/table-wrap'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:mails.title')

/**
 * The mails of the outbox that failed or wait for another try (app/modules/mail/outbox.server.ts), for
 * the platform administrator: who, what, since when, how often tried, and why it failed.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformAdmin(await requireUser(request))
  const rows = await mailsNeedingAttention()
  return {
    mails: rows.map(({ message, ...row }) => ({
      ...row,
      subject: subjectOf(message),
      // A mail claimed right now shows no next try.
      nextTry: row.status === 'queued' ? row.runAfter : null,
    })),
  }
}

function subjectOf(message: string): string {
  try {
    return String((JSON.parse(message) as { subject?: unknown }).subject ?? '')
  } catch {
    return ''
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  await requirePlatformAdmin(user)
  const formData = await request.formData()
  if (formData.get('intent') !== 'retry') {
    return data({ error: 'unknownAction' as const }, { status: 400 })
  }
  const id = String(formData.get('id') ?? '')
  const retried = await db.$transaction(async (tx) => {
    if (!(await retryFailedMail(id, tx))) return false
    await auditBy(user, 'admin.mail_retried', { type: 'OutboxMail', id }, {}, tx)
    return true
  })
  // Tried again meanwhile (another tab), sent, or no such mail: the list shows how it stands.
  if (!retried) return data({ error: 'mailNotFailed' as const }, { status: 400 })
  return redirectWithFlash('/beheer/mails', 'mailRetried')
}

const categories = [
  'invitation',
  'meeting_change',
  'minutes_round',
  'account',
  'notification',
  'digest',
  'reminder',
] as const

export default function MailsPage() {
  const { t } = useTranslation('admin')
  const { mails } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { dateTime, number } = useFormatters()
  const category = (key: string) =>
    (categories as readonly string[]).includes(key)
      ? t(`mails.categories.${key as (typeof categories)[number]}`)
      : key
  return (
    <>
      <BackLink to="/beheer">{t('title')}</BackLink>
      <h1 className="utrecht-heading-1">{t('mails.title')}</h1>
      <p className="utrecht-paragraph">{t('mails.intro')}</p>
      {result && 'error' in result ? <FormError errors={[result.error]} /> : null}
      {mails.length === 0 ? (
        <p className="utrecht-paragraph zwin-muted">{t('mails.empty')}</p>
      ) : (
        <ScrollableTable
          caption={t('mails.caption', { count: mails.length })}
          captionClassName="zwin-muted"
        >
          <thead>
            <tr>
              <th scope="col">{t('mails.fields.to')}</th>
              <th scope="col">{t('mails.fields.subject')}</th>
              <th scope="col">{t('mails.fields.category')}</th>
              <th scope="col">{t('mails.fields.created')}</th>
              <th scope="col">{t('mails.fields.attempts')}</th>
              <th scope="col">{t('mails.fields.status')}</th>
              <th scope="col">{t('mails.fields.reason')}</th>
              <th scope="col">
                <span className="zwin-visually-hidden">{t('mails.fields.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {mails.map((mail) => (
              <tr key={mail.id}>
                <td className="zwin-break">{mail.to}</td>
                <td>{mail.subject}</td>
                <td>{category(mail.category)}</td>
                <td>{dateTime(mail.createdAt)}</td>
                <td>{number(mail.attempts)}</td>
                <td>
                  {mail.status === 'failed'
                    ? t('mails.failed')
                    : mail.nextTry
                      ? t('mails.nextTry', { when: dateTime(mail.nextTry) })
                      : t('mails.sending')}
                </td>
                <td className="zwin-break">{mail.lastError ?? '—'}</td>
                <td>
                  {mail.status === 'failed' ? (
                    <RowAction
                      intent="retry"
                      id={mail.id}
                      label={t('mails.retry')}
                      accessibleLabel={t('mails.retryLabel', {
                        subject: mail.subject,
                        to: mail.to,
                      })}
                    />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollableTable>
      )}
    </>
  )
}
