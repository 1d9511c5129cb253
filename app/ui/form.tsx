import {
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type FieldMetadata,
  type SubmissionResult,
} from '@conform-to/react'
import type { Form, FetcherWithComponents } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/**
 * A page with several conform forms gets one action answer: the reply belongs to the form whose hidden
 * `intent` was sent, and only that form shows its messages.
 */
export function replyForIntent(
  result: unknown,
  intent: string,
): SubmissionResult<string[]> | undefined {
  if (!result || typeof result !== 'object' || !('initialValue' in result)) return undefined
  const reply = result as SubmissionResult<string[]>
  return reply.initialValue?.intent === intent ? reply : undefined
}

/**
 * A form's error message: "key|number" → its key and the number to put in. Here, not beside the
 * schemas (modules/forms/fields.ts): a page that only shows a form's errors need not load zod.
 */
function splitMessage(message: string): { key: string; count?: number } {
  const [key = message, n] = message.split('|')
  return n === undefined ? { key } : { key, count: Number(n) }
}

export function useErrorText() {
  const { t } = useTranslation()
  return (message: string) => {
    const { key, count } = splitMessage(message)
    return t(`validation.${key}` as 'validation.required', { max: count, min: count, count })
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
  // Any scalar field: conform's metadata is invariant in the value type, and these components only
  // pass its name, id and messages on.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  field: FieldMetadata<any>
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

/**
 * Label, help text and messages of one field, in NL Design System markup; the control comes as a
 * function of the attributes that tie it to them (aria-invalid, aria-describedby, the invalid class).
 */
function FieldShell({
  field,
  label,
  description,
  control,
}: FieldProps & {
  control: (a: {
    invalid: boolean
    'aria-invalid'?: true
    'aria-describedby'?: string
  }) => React.ReactNode
}) {
  const invalid = Boolean(field.errors?.length)
  return (
    <div className={`utrecht-form-field${invalid ? ' utrecht-form-field--invalid' : ''}`}>
      <label className="utrecht-form-label" htmlFor={field.id}>
        {label}
      </label>
      {description ? (
        <p id={field.descriptionId} className="utrecht-form-field-description">
          {description}
        </p>
      ) : null}
      <FieldErrors field={field} />
      {control({
        invalid,
        'aria-invalid': invalid || undefined,
        'aria-describedby': describedBy(field, description),
      })}
    </div>
  )
}

export function TextField({
  type = 'text',
  autoComplete,
  inputMode,
  ...props
}: FieldProps & {
  type?: 'text' | 'email' | 'password' | 'date' | 'time' | 'url' | 'number'
  autoComplete?: string
  /** For numbers typed the Dutch way ("250.000", "12,5"): a text field with a numeric keyboard. */
  inputMode?: 'decimal' | 'numeric'
}) {
  return (
    <FieldShell
      {...props}
      control={({ invalid, ...aria }) => (
        <input
          {...getInputProps(props.field, { type, ariaAttributes: false })}
          key={props.field.key}
          autoComplete={autoComplete}
          step={type === 'number' ? 'any' : undefined}
          inputMode={inputMode}
          {...aria}
          className={`utrecht-textbox utrecht-textbox--html-input${invalid ? ' utrecht-textbox--invalid' : ''}`}
        />
      )}
    />
  )
}

export function TextAreaField(props: FieldProps) {
  return (
    <FieldShell
      {...props}
      control={({ invalid, ...aria }) => (
        <textarea
          {...getTextareaProps(props.field, { ariaAttributes: false })}
          key={props.field.key}
          rows={5}
          {...aria}
          className={`utrecht-textarea utrecht-textarea--html-textarea${invalid ? ' utrecht-textarea--invalid' : ''}`}
        />
      )}
    />
  )
}

export function SelectField({
  options,
  placeholder,
  ...props
}: FieldProps & { options: { value: string; label: string }[]; placeholder?: string }) {
  return (
    <FieldShell
      {...props}
      control={({ invalid, ...aria }) => (
        <select
          {...getSelectProps(props.field, { ariaAttributes: false })}
          key={props.field.key}
          {...aria}
          className={`utrecht-select utrecht-select--html-select${invalid ? ' utrecht-select--invalid' : ''}`}
        >
          {placeholder ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
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
  disabled,
  busy,
}: {
  children: React.ReactNode
  danger?: boolean
  disabled?: boolean
  /**
   * The page is still loading: the button says it is unavailable but keeps its focus (a disabled
   * button would drop it). The form's onSubmit must refuse the submission meanwhile.
   */
  busy?: boolean
}) {
  return (
    <button
      type="submit"
      disabled={disabled}
      aria-disabled={busy || undefined}
      className={`utrecht-button utrecht-button--primary-action${danger ? ' utrecht-button--danger' : ''}`}
    >
      {children}
    </button>
  )
}

/** Several checkboxes under one name (e.g. the participating organisations), in a fieldset. */
export function CheckboxGroupField({
  field,
  legend,
  description,
  options,
  className,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  field: FieldMetadata<any>
  legend: string
  description?: string
  options: { value: string; label: string; disabled?: boolean }[]
  className?: string
}) {
  const errorText = useErrorText()
  const selected = new Set([field.initialValue].flat().filter(Boolean) as string[])
  const invalid = Boolean(field.errors?.length)
  return (
    <fieldset
      className={`utrecht-form-fieldset zwin-fieldset${invalid ? ' utrecht-form-fieldset--invalid' : ''}${className ? ` ${className}` : ''}`}
      aria-describedby={describedBy(field as FieldMetadata<unknown>, description)}
    >
      <legend className="utrecht-form-fieldset__legend">{legend}</legend>
      {description ? (
        <p id={field.descriptionId} className="utrecht-form-field-description">
          {description}
        </p>
      ) : null}
      {field.errors?.length ? (
        <p id={field.errorId} className="zwin-field-error">
          {field.errors.map(errorText).join(' ')}
        </p>
      ) : null}
      {options.map((o, i) => (
        <div key={o.value} className="utrecht-form-field utrecht-form-field--checkbox">
          <input
            type="checkbox"
            id={`${field.id}-${i}`}
            name={field.name}
            value={o.value}
            defaultChecked={selected.has(o.value)}
            disabled={o.disabled}
            className="utrecht-checkbox utrecht-checkbox--html-input"
          />{' '}
          <label
            className="utrecht-form-label utrecht-form-label--checkbox"
            htmlFor={`${field.id}-${i}`}
          >
            {o.label}
          </label>
        </div>
      ))}
    </fieldset>
  )
}

/** One choice out of a few, as radio buttons in a fieldset (e.g. who may see a document). */
export function RadioGroupField({
  field,
  legend,
  options,
}: {
  field: FieldMetadata<string | undefined>
  legend: string
  options: { value: string; label: string; description?: string }[]
}) {
  const errorText = useErrorText()
  const invalid = Boolean(field.errors?.length)
  return (
    <fieldset
      className={`utrecht-form-fieldset zwin-fieldset${invalid ? ' utrecht-form-fieldset--invalid' : ''}`}
      aria-describedby={invalid ? field.errorId : undefined}
    >
      <legend className="utrecht-form-fieldset__legend">{legend}</legend>
      {invalid ? (
        <p id={field.errorId} className="zwin-field-error">
          {field.errors?.map(errorText).join(' ')}
        </p>
      ) : null}
      {options.map((o, i) => (
        <div key={o.value} className="utrecht-form-field utrecht-form-field--radio">
          <input
            type="radio"
            id={`${field.id}-${i}`}
            name={field.name}
            value={o.value}
            defaultChecked={field.initialValue === o.value}
            aria-describedby={o.description ? `${field.id}-${i}-help` : undefined}
            className="utrecht-radio-button utrecht-radio-button--html-input utrecht-form-field__input"
          />
          <label
            className="utrecht-form-label utrecht-form-label--radio utrecht-form-field__label"
            htmlFor={`${field.id}-${i}`}
          >
            {o.label}
          </label>
          {o.description ? (
            <p id={`${field.id}-${i}-help`} className="utrecht-form-field-description">
              {o.description}
            </p>
          ) : null}
        </div>
      ))}
    </fieldset>
  )
}

/**
 * A labelled list for small forms that are not run through conform (add a member, grant a role, name a
 * contact). `placeholder` is an empty first choice.
 */
export function LabelledSelect({
  id,
  name,
  label,
  options,
  placeholder,
  defaultValue,
  required,
}: {
  id: string
  name: string
  label: string
  options: { value: string; label: string }[]
  placeholder?: string
  defaultValue?: string
  required?: boolean
}) {
  return (
    <div className="utrecht-form-field">
      <label className="utrecht-form-label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        required={required}
        className="utrecht-select utrecht-select--html-select"
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

/**
 * How a form is sent: a plain Remix form, or a fetcher's form when the page stays where it is (meeting
 * mode). Either takes the same props.
 */
export type FormComponent = typeof Form | FetcherWithComponents<unknown>['Form']

/** Hidden fields of the sending page, beside a form's own (`name` → `value`). */
export function HiddenFields({ hidden }: { hidden?: Record<string, string> }) {
  return Object.entries(hidden ?? {}).map(([name, value]) => (
    <input key={name} type="hidden" name={name} value={value} />
  ))
}
