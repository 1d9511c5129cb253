import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LabelledSelect } from '../form'

/** A participating organisation names its own contact person for the project. */
export function ContactForm({
  contacts,
  current,
}: {
  contacts: { id: string; name: string }[]
  current: string
}) {
  const { t } = useTranslation('projects')
  return (
    <Form method="post" className="zwin-form zwin-inline-fields">
      <input type="hidden" name="intent" value="setContact" />
      <LabelledSelect
        id="own-contact"
        name="contactUserId"
        label={t('detail.ownContact')}
        placeholder={t('detail.noContact')}
        defaultValue={current}
        options={contacts.map((c) => ({ value: c.id, label: c.name }))}
      />
      <button type="submit" className="utrecht-button utrecht-button--secondary-action">
        {t('detail.saveContact')}
      </button>
    </Form>
  )
}
