import { Form, Link } from '@remix-run/react'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { LabelledSelect } from '../form'
import { DocumentReach, type AttachedDocument } from './agenda-table'

/**
 * The documents of one agenda item, for its preparers: attached ones (each with its own audience) with
 * Ontkoppelen, an existing network document to attach, or a new one to share for this item.
 */
export function ItemDocuments({
  heading,
  networkSlug,
  uploadUrl,
  documents,
  attachable,
  editable,
}: {
  heading: string
  networkSlug: string
  /** Sharing a new document straight for this place (agenda items only). */
  uploadUrl?: string
  documents: AttachedDocument[]
  attachable: { id: string; title: string }[]
  editable: boolean
}) {
  const { t } = useTranslation('meetings')
  const id = useId()
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="utrecht-heading-2">
        {heading}
      </h2>
      <p className="utrecht-paragraph">{t('item.documentsIntro')}</p>
      {documents.length ? (
        <ul className="utrecht-unordered-list">
          {documents.map((d) => (
            <li key={d.linkId}>
              <Link className="utrecht-link" to={`/netwerken/${networkSlug}/documenten/${d.id}`}>
                {d.title}
              </Link>
              <DocumentReach reach={d.reach} />{' '}
              {editable ? (
                <Form method="post" className="zwin-inline-form">
                  <input type="hidden" name="intent" value="detach" />
                  <input type="hidden" name="id" value={d.linkId} />
                  <button
                    type="submit"
                    className="utrecht-button utrecht-button--secondary-action"
                    aria-label={t('item.detachNamed', { title: d.title })}
                  >
                    {t('item.detach')}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="utrecht-paragraph">{t('item.noDocuments')}</p>
      )}
      {editable ? (
        <>
          {attachable.length ? (
            <Form method="post" className="zwin-form">
              <input type="hidden" name="intent" value="attach" />
              <LabelledSelect
                id={`${id}-attach`}
                name="id"
                label={t('item.attach')}
                placeholder={t('item.attachChoose')}
                options={attachable.map((d) => ({ value: d.id, label: d.title }))}
                required
              />
              <button type="submit" className="utrecht-button utrecht-button--secondary-action">
                {t('item.attachButton')}
              </button>
            </Form>
          ) : null}
          {uploadUrl ? (
            <p className="utrecht-paragraph">
              <Link className="utrecht-link" to={uploadUrl}>
                {t('item.upload')}
              </Link>
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  )
}
