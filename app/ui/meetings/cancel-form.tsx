import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { cancelSchema } from '~/modules/meetings/schema'
import { FormError, SubmitButton, TextAreaField } from '../form'

/** Cancelling asks for the reason (the invitees read it) and is a step of its own, so never a slip. */
export function CancelForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation('meetings')
  const { pathname } = useLocation()
  const [form, fields] = useForm({
    id: 'cancel',
    lastResult,
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: cancelSchema }),
  })
  return (
    <div
      className="utrecht-alert utrecht-alert--warning"
      role="region"
      aria-labelledby="cancel-heading"
    >
      <h2 id="cancel-heading" className="utrecht-heading-3">
        {t('cancel.title')}
      </h2>
      <Form method="post" {...getFormProps(form)} className="zwin-form">
        <FormError errors={form.errors} />
        <input type="hidden" name="intent" value="cancel" />
        <TextAreaField
          field={fields.reason}
          label={t('cancel.reason')}
          description={t('cancel.reasonHelp')}
        />
        <div className="zwin-actions">
          <SubmitButton danger>{t('cancel.confirm')}</SubmitButton>
          <Link className="utrecht-link" to={pathname}>
            {t('cancel.keep')}
          </Link>
        </div>
      </Form>
    </div>
  )
}
