import {
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type FieldMetadata,
} from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { splitMessage } from '~/modules/forms/fields'

export function useErrorText() {
  const { t } = useTranslation()
  return (message: string) => {
    const { key, count } = splitMessage(message)
    return t(`validation.${key}` as 'validation.required', { max: count, min: count })
  }
}

function FieldErrors({ field }: { field: FieldMetadata<unknown> }) {
  const errorText = useErrorText()
  if (!field.errors?.length) return null
  return (
    <div id={field.errorId} className="zwin-field-error utrecht-form-field-error-message">
      {field.errors.map((e) => (
        <p key={e} className="utrecht-paragraph zwin-field-error">
          {errorText(e)}
        </p>
      ))}
    </div>
  )
}

type FieldProps = {
  field: FieldMetadata<string | undefined | null>
  label: string
  description?: string
}

function describedBy(field: FieldMetadata<unknown>, description?: string) {
  const ids = [
    description ? field.descriptionId : null,
    field.errors?.length ? field.errorId : null,
  ]
  return ids.filter(Boolean).join(' ') || undefined
}

function Description({ id, text }: { id: string; text?: string }) {
  return text ? (
    <p id={id} className="utrecht-form-field-description">
      {text}
    </p>
  ) : null
}

export function TextField({
  field,
  label,
  description,
  type = 'text',
  autoComplete,
}: FieldProps & { type?: 'text' | 'email' | 'password'; autoComplete?: string }) {
  const invalid = Boolean(field.errors?.length)
  return (
    <div className={`utrecht-form-field${invalid ? ' utrecht-form-field--invalid' : ''}`}>
      <label className="utrecht-form-label" htmlFor={field.id}>
        {label}
      </label>
      <Description id={field.descriptionId} text={description} />
      <FieldErrors field={field} />
      <input
        {...getInputProps(field, { type, ariaAttributes: false })}
        key={field.key}
        autoComplete={autoComplete}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(field, description)}
        className={`utrecht-textbox utrecht-textbox--html-input${invalid ? ' utrecht-textbox--invalid' : ''}`}
      />
    </div>
  )
}

export function TextAreaField({ field, label, description }: FieldProps) {
  const invalid = Boolean(field.errors?.length)
  return (
    <div className={`utrecht-form-field${invalid ? ' utrecht-form-field--invalid' : ''}`}>
      <label className="utrecht-form-label" htmlFor={field.id}>
        {label}
      </label>
      <Description id={field.descriptionId} text={description} />
      <FieldErrors field={field} />
      <textarea
        {...getTextareaProps(field, { ariaAttributes: false })}
        key={field.key}
        rows={5}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(field, description)}
        className={`utrecht-textarea utrecht-textarea--html-textarea${invalid ? ' utrecht-textarea--invalid' : ''}`}
      />
    </div>
  )
}

export function SelectField({
  field,
  label,
  description,
  options,
  placeholder,
}: FieldProps & { options: { value: string; label: string }[]; placeholder?: string }) {
  const invalid = Boolean(field.errors?.length)
  return (
    <div className={`utrecht-form-field${invalid ? ' utrecht-form-field--invalid' : ''}`}>
      <label className="utrecht-form-label" htmlFor={field.id}>
        {label}
      </label>
      <Description id={field.descriptionId} text={description} />
      <FieldErrors field={field} />
      <select
        {...getSelectProps(field, { ariaAttributes: false })}
        key={field.key}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(field, description)}
        className={`utrecht-select utrecht-select--html-select${invalid ? ' utrecht-select--invalid' : ''}`}
      >
        {placeholder ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

export function CheckboxField({
  field,
  label,
}: {
  field: FieldMetadata<boolean | string | undefined>
  label: string
}) {
  return (
    <div className="utrecht-form-field utrecht-form-field--checkbox">
      <input
        {...getInputProps(field, { type: 'checkbox', ariaAttributes: false })}
        key={field.key}
        className="utrecht-checkbox utrecht-checkbox--html-input"
      />{' '}
      <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={field.id}>
        {label}
      </label>
    </div>
  )
}

/** The message for the whole form (not tied to one field), e.g. a failed sign-in. */
export function FormError({ errors, id }: { errors?: string[]; id?: string }) {
  const errorText = useErrorText()
  if (!errors?.length) return null
  return (
    <div className="utrecht-alert utrecht-alert--error" role="alert" id={id}>
      {errors.map((e) => (
        <p key={e} className="utrecht-paragraph">
          {errorText(e)}
        </p>
      ))}
    </div>
  )
}

export function SubmitButton({
  children,
  danger,
}: {
  children: React.ReactNode
  danger?: boolean
}) {
  return (
    <button
      type="submit"
      className={`utrecht-button utrecht-button--primary-action${danger ? ' utrecht-button--danger' : ''}`}
    >
      {children}
    </button>
  )
}
