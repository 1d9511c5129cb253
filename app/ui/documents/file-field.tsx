import { getInputProps, type FieldMetadata } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { acceptedExtensions } from '~/modules/documents/types'
import { useErrorText } from '../form'

/** The file input, with its help text and message tied to it. */
export function FileField({
  field,
  label,
  description,
}: {
  field: FieldMetadata<unknown>
  label: string
  description: string
}) {
  const errorText = useErrorText()
  const invalid = Boolean(field.errors?.length)
  return (
    <div className={`utrecht-form-field${invalid ? ' utrecht-form-field--invalid' : ''}`}>
      <label className="utrecht-form-label" htmlFor={field.id}>
        {label}
      </label>
      <p id={field.descriptionId} className="utrecht-form-field-description">
        {description}
      </p>
      {invalid ? (
        <p id={field.errorId} className="zwin-field-error">
          {field.errors?.map(errorText).join(' ')}
        </p>
      ) : null}
      <input
        {...getInputProps(field, { type: 'file', ariaAttributes: false })}
        key={field.key}
        accept={acceptedExtensions.map((e) => `.${e}`).join(',')}
        aria-invalid={invalid || undefined}
        aria-describedby={[field.descriptionId, invalid ? field.errorId : null]
          .filter(Boolean)
          .join(' ')}
        className="zwin-file-input"
      />
    </div>
  )
}

/**
 * How far the upload is. The bar moves with every percent; screen readers hear it in quarters, so the
 * announcements do not drown each other.
 */
export function UploadProgress({ progress }: { progress: number | null }) {
  const { t } = useTranslation('documents')
  const announced = progress === null ? null : Math.floor(progress / 25) * 25
  return (
    <div className="zwin-upload-progress">
      {progress !== null ? (
        <>
          <label htmlFor="upload-progress">{t('upload.progress', { percent: progress })}</label>
          <progress id="upload-progress" max={100} value={progress}>
            {progress}%
          </progress>
        </>
      ) : null}
      <p aria-live="polite" className="zwin-visually-hidden">
        {announced !== null ? t('upload.progress', { percent: announced }) : ''}
      </p>
    </div>
  )
}
