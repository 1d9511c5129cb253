import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import {
  documentDetailsSchema,
  newDocumentSchema,
  newVersionSchema,
} from '~/modules/documents/schema'
import { acceptedExtensions, documentLanguages, documentTypes } from '~/modules/documents/types'
import {
  CheckboxGroupField,
  FormError,
  RadioGroupField,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
} from '../form'
import { FileField, UploadProgress } from './file-field'
import { useProgressUpload } from './upload-submit'

export type DocumentFormValues = {
  title: string
  description: string
  type: string
  language: string
  tags: string
  audience: string
  organisationIds: string[]
  projectId: string
  version?: number
}

type Options = {
  organisations: { id: string; name: string }[]
  projects: { id: string; title: string }[]
  /** The organisation that owns the document: always in the audience. */
  ownerOrganisationId: string
}

/**
 * The details of a document, for uploading a new one (with the file, `upload` set) and for changing
 * them later. Who may see it is asked in plain words: all partners, or chosen ones.
 */
export function DocumentForm({
  lastResult,
  defaultValue,
  options,
  submitLabel,
  upload,
  forAgendaItem,
}: {
  lastResult?: SubmissionResult<string[]>
  defaultValue: DocumentFormValues
  options: Options
  submitLabel: string
  upload?: { url: string; maxBytes: number }
  /** Shared for an agenda item: it is attached to that item once uploaded. */
  forAgendaItem?: { meetingId: string; agendaItemId: string }
}) {
  const { t } = useTranslation('documents')
  // The two schemas differ only in `file` (new) and `version` (edit); the form shows the fields of both.
  const schema = (upload ? newDocumentSchema : documentDetailsSchema) as typeof newDocumentSchema
  const sending = useProgressUpload(upload ?? { url: '', maxBytes: 0 })
  const [form, fields] = useForm({
    id: upload ? 'new-document' : 'document-details',
    lastResult: sending.result ?? lastResult,
    defaultValue: defaultValue as Partial<z.input<typeof schema>>,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    onSubmit: upload ? (event, { formData }) => sending.send(event, formData) : undefined,
  })
  const busy = sending.progress !== null
  return (
    <Form
      method="post"
      encType={upload ? 'multipart/form-data' : undefined}
      {...getFormProps(form)}
      className="zwin-form"
    >
      <FormError errors={form.errors} />
      {upload ? (
        <FileField
          field={fields.file}
          label={t('fields.file')}
          description={t('fields.fileHelp', {
            types: acceptedExtensions.map((e) => e.toUpperCase()).join(', '),
            max: Math.floor(upload.maxBytes / (1024 * 1024)),
          })}
        />
      ) : null}
      <TextField field={fields.title} label={t('fields.title')} />
      <TextAreaField field={fields.description} label={t('fields.description')} />
      <SelectField
        field={fields.type}
        label={t('fields.type')}
        options={documentTypes.map((v) => ({ value: v, label: t(`type.${v}`) }))}
      />
      <SelectField
        field={fields.language}
        label={t('fields.language')}
        options={documentLanguages.map((v) => ({ value: v, label: t(`language.${v}`) }))}
      />
      <TextField field={fields.tags} label={t('fields.tags')} description={t('fields.tagsHelp')} />
      <RadioGroupField
        field={fields.audience}
        legend={t('fields.audience')}
        options={[
          { value: 'network', label: t('audience.network') },
          {
            value: 'selected',
            label: t('audience.selected'),
            description: t('audience.selectedHelp'),
          },
        ]}
      />
      <CheckboxGroupField
        field={fields.organisationIds}
        legend={t('fields.organisations')}
        description={t('fields.organisationsHelp')}
        className="zwin-audience-organisations"
        options={options.organisations.map((o) => ({
          value: o.id,
          label: o.name,
          disabled: o.id === options.ownerOrganisationId,
        }))}
      />
      {options.projects.length ? (
        <SelectField
          field={fields.projectId}
          label={t('fields.project')}
          placeholder={t('fields.noProject')}
          options={options.projects.map((p) => ({ value: p.id, label: p.title }))}
        />
      ) : null}
      {defaultValue.version ? (
        <input type="hidden" name="version" value={defaultValue.version} />
      ) : null}
      {forAgendaItem ? (
        <>
          <input type="hidden" name="meetingId" value={forAgendaItem.meetingId} />
          <input type="hidden" name="agendaItemId" value={forAgendaItem.agendaItemId} />
        </>
      ) : null}
      {upload ? <UploadProgress progress={sending.progress} /> : null}
      <SubmitButton disabled={busy}>{submitLabel}</SubmitButton>
    </Form>
  )
}

/** A new version: only the file, with the same progress bar. */
export function NewVersionForm({
  lastResult,
  upload,
}: {
  lastResult?: SubmissionResult<string[]>
  upload: { url: string; maxBytes: number }
}) {
  const { t } = useTranslation('documents')
  const sending = useProgressUpload(upload)
  const [form, fields] = useForm({
    id: 'new-version',
    lastResult: sending.result ?? lastResult,
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newVersionSchema }),
    onSubmit: (event, { formData }) => sending.send(event, formData),
  })
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="zwin-form">
      <FormError errors={form.errors} />
      <FileField
        field={fields.file}
        label={t('fields.newVersionFile')}
        description={t('fields.fileHelp', {
          types: acceptedExtensions.map((e) => e.toUpperCase()).join(', '),
          max: Math.floor(upload.maxBytes / (1024 * 1024)),
        })}
      />
      <UploadProgress progress={sending.progress} />
      <SubmitButton disabled={sending.progress !== null}>{t('version.upload')}</SubmitButton>
    </Form>
  )
}
