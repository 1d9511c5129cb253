import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

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
      <div className="utrecht-form-field">
        <label className="utrecht-form-label" htmlFor="own-contact">
          {t('detail.ownContact')}
        </label>
        <select
          id="own-contact"
          name="contactUserId"
          defaultValue={current}
          className="utrecht-select utrecht-select--html-select"
        >
          <option value="">{t('detail.noContact')}</option>
          {contacts.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="utrecht-button utrecht-button--secondary-action">
        {t('detail.saveContact')}
      </button>
    </Form>
  )
}
