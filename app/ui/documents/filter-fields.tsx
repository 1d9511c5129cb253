import { useTranslation } from 'react-i18next'
import { documentTypes } from '~/modules/documents/types'
import { LabelledSelect } from '../form'

/**
 * The filters the documents list and the search page share: kind of document and the organisation that
 * shared it (`soort`, `organisatie` in the URL).
 */
export function DocumentFilterFields({
  idPrefix,
  type,
  organisationId,
  organisations,
}: {
  idPrefix: string
  type: string
  organisationId: string
  organisations: { id: string; name: string }[]
}) {
  const { t } = useTranslation('documents')
  return (
    <>
      <LabelledSelect
        id={`${idPrefix}-type`}
        name="soort"
        label={t('fields.type')}
        placeholder={t('filters.allTypes')}
        defaultValue={type}
        options={documentTypes.map((v) => ({ value: v, label: t(`type.${v}`) }))}
      />
      <LabelledSelect
        id={`${idPrefix}-organisation`}
        name="organisatie"
        label={t('fields.owner')}
        placeholder={t('filters.allOrganisations')}
        defaultValue={organisationId}
        options={organisations.map((o) => ({ value: o.id, label: o.name }))}
      />
    </>
  )
}

/** A labelled text field of another type (search words, a day) for GET forms outside conform. */
export function PlainField({
  id,
  name,
  label,
  type,
  defaultValue,
}: {
  id: string
  name: string
  label: string
  type: 'search' | 'date'
  defaultValue: string
}) {
  return (
    <div className="utrecht-form-field">
      <label className="utrecht-form-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        maxLength={type === 'search' ? 200 : undefined}
        className="utrecht-textbox utrecht-textbox--html-input"
      />
    </div>
  )
}
