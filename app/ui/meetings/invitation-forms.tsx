import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LabelledSelect } from '../form'

/** Which member organisations are invited (all by default), and inviting one person by name. */
export function InvitationForms({
  organisations,
  invited,
  people,
}: {
  organisations: { id: string; name: string }[]
  invited: string[]
  people: { id: string; name: string; organisation: { name: string } }[]
}) {
  const { t } = useTranslation('meetings')
  return (
    <>
      <Form method="post" className="zwin-form">
        <input type="hidden" name="intent" value="saveInvitations" />
        <fieldset className="utrecht-form-fieldset zwin-fieldset">
          <legend className="utrecht-form-fieldset__legend">{t('attendance.organisations')}</legend>
          <p className="utrecht-form-field-description">{t('attendance.organisationsHelp')}</p>
          {organisations.map((o) => (
            <div key={o.id} className="utrecht-form-field utrecht-form-field--checkbox">
              <input
                type="checkbox"
                id={`invite-${o.id}`}
                name="organisationIds"
                value={o.id}
                defaultChecked={invited.includes(o.id)}
                className="utrecht-checkbox utrecht-checkbox--html-input utrecht-form-field__input"
              />
              <label
                htmlFor={`invite-${o.id}`}
                className="utrecht-form-label utrecht-form-label--checkbox utrecht-form-field__label"
              >
                {o.name}
              </label>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="utrecht-button utrecht-button--primary-action">
          {t('attendance.saveOrganisations')}
        </button>
      </Form>
      <Form method="post" className="zwin-form">
        <input type="hidden" name="intent" value="invitePerson" />
        <LabelledSelect
          id="invite-person"
          name="userId"
          label={t('attendance.person')}
          placeholder={t('attendance.personChoose')}
          options={people.map((p) => ({
            value: p.id,
            label: `${p.name} (${p.organisation.name})`,
          }))}
          required
        />
        <button type="submit" className="utrecht-button utrecht-button--secondary-action">
          {t('attendance.invite')}
        </button>
      </Form>
    </>
  )
}
