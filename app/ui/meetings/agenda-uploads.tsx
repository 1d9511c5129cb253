import type { SubmissionResult } from '@conform-to/react'
import { Link, useRevalidator } from '@remix-run/react'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { LabelledSelect, useErrorText } from '../form'
import { useHydrated } from '../hydrated'

type Upload = {
  name: string
  progress: number
  state: 'waiting' | 'sending' | 'done' | 'failed'
  /** A validation message key when it failed; the document's address when it is done. */
  message?: string
  href?: string
}

/** The title a file gets: its name without the extension ("Begroting 2027.pdf" → "Begroting 2027"). */
function titleFromName(name: string): string {
  const base = name.replace(/\.[^.]+$/, '').trim() || name
  return base.slice(0, 200)
}

/** The first message of a refused upload, for the list. */
function firstError(result?: SubmissionResult<string[]>): string {
  return Object.values(result?.error ?? {}).flat()[0] ?? 'uploadFailed'
}

/**
 * Sharing several stukken at once from the agenda page: the preparer picks an item and one or more
 * files; each is sent on its own (with its own progress) to the upload with a progress bar, titled after
 * its file name, shared with all partners of the network and attached to the item. Title, audience and
 * the rest can be changed afterwards on the document's page. It needs JavaScript (a browser sends one
 * form's files in one request, and the server takes one file per upload); without it, the item's page
 * shares one document at a time.
 */
export function AgendaUploads({
  networkSlug,
  meetingId,
  items,
  maxBytes,
}: {
  networkSlug: string
  meetingId: string
  items: { id: string; number: string; title: string }[]
  maxBytes: number
}) {
  const { t } = useTranslation('meetings')
  const errorText = useErrorText()
  const hydrated = useHydrated()
  const revalidator = useRevalidator()
  const id = useId()
  const [uploads, setUploads] = useState<Upload[]>([])
  const busy = uploads.some((u) => u.state === 'waiting' || u.state === 'sending')

  const update = (index: number, change: Partial<Upload>) =>
    setUploads((list) => list.map((u, i) => (i === index ? { ...u, ...change } : u)))

  function sendOne(file: File, agendaItemId: string, index: number): Promise<void> {
    if (file.size === 0) {
      update(index, { state: 'failed', message: 'uploadEmpty' })
      return Promise.resolve()
    }
    if (file.size > maxBytes) {
      update(index, {
        state: 'failed',
        message: `uploadTooLarge|${Math.floor(maxBytes / (1024 * 1024))}`,
      })
      return Promise.resolve()
    }
    const form = new FormData()
    const fields = {
      title: titleFromName(file.name),
      description: '',
      type: 'overig',
      language: 'nl',
      tags: '',
      audience: 'network',
      meetingId,
      agendaItemId,
    }
    for (const [name, value] of Object.entries(fields)) form.append(name, value)
    form.append('file', file)
    return new Promise((resolve) => {
      const request = new XMLHttpRequest()
      request.open('POST', `/netwerken/${networkSlug}/documenten/nieuw.json`)
      request.responseType = 'json'
      request.upload.onprogress = (e) => {
        if (e.lengthComputable) update(index, { progress: Math.round((e.loaded / e.total) * 100) })
      }
      request.onload = () => {
        const body = request.response as {
          redirectTo?: string
          result?: SubmissionResult<string[]>
        } | null
        if (new URL(request.responseURL || '/', window.location.href).pathname === '/login') {
          update(index, { state: 'failed', message: 'sessionExpired' })
        } else if (body?.redirectTo) {
          update(index, { state: 'done', progress: 100, href: body.redirectTo })
        } else {
          update(index, { state: 'failed', message: firstError(body?.result) })
        }
        resolve()
      }
      request.onerror = () => {
        update(index, { state: 'failed', message: 'uploadFailed' })
        resolve()
      }
      update(index, { state: 'sending' })
      request.send(form)
    })
  }

  async function send(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const formElement = event.currentTarget
    const data = new FormData(formElement)
    const agendaItemId = String(data.get('agendaItemId') ?? '')
    const files = data.getAll('files').filter((f): f is File => f instanceof File && f.name !== '')
    if (!agendaItemId || files.length === 0) return
    const start = uploads.length
    setUploads((list) => [
      ...list,
      ...files.map((f) => ({ name: f.name, progress: 0, state: 'waiting' as const })),
    ])
    // One after the other: two cores serve everyone, and the list shows a clear order.
    for (const [offset, file] of files.entries()) await sendOne(file, agendaItemId, start + offset)
    formElement.reset()
    revalidator.revalidate()
  }

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="utrecht-heading-2">
        {t('uploads.title')}
      </h2>
      {!hydrated ? (
        <p className="utrecht-paragraph">{t('uploads.withoutScript')}</p>
      ) : (
        <>
          <p className="utrecht-paragraph">{t('uploads.intro')}</p>
          <form className="zwin-form" onSubmit={(e) => void send(e)}>
            <LabelledSelect
              id={`${id}-item`}
              name="agendaItemId"
              label={t('uploads.item')}
              placeholder={t('uploads.chooseItem')}
              options={items.map((i) => ({ value: i.id, label: `${i.number}. ${i.title}` }))}
              required
            />
            <div className="utrecht-form-field">
              <label className="utrecht-form-label" htmlFor={`${id}-files`}>
                {t('uploads.files')}
              </label>
              <input
                id={`${id}-files`}
                name="files"
                type="file"
                multiple
                required
                className="utrecht-textbox"
              />
            </div>
            <button
              type="submit"
              disabled={busy}
              className="utrecht-button utrecht-button--primary-action"
            >
              {t('uploads.submit')}
            </button>
          </form>
        </>
      )}
      {uploads.length ? (
        <ul className="utrecht-unordered-list" aria-live="polite">
          {uploads.map((u, index) => (
            <li key={`${u.name}-${index}`}>
              <span>{u.name}</span>{' '}
              {u.state === 'sending' || u.state === 'waiting' ? (
                <progress
                  max={100}
                  value={u.progress}
                  aria-label={t('uploads.progress', { name: u.name })}
                />
              ) : null}{' '}
              <span>
                {u.state === 'failed'
                  ? errorText(u.message ?? 'uploadFailed')
                  : t(`uploads.state.${u.state}`)}
              </span>
              {u.href ? (
                <>
                  {' · '}
                  <Link className="utrecht-link" to={u.href}>
                    {t('uploads.open', { name: u.name })}
                  </Link>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}
