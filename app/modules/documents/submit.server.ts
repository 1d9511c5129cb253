/*
 * One upload, start to end: stream it in, check the fields and the file, store it, and answer in the
 * shape the form shows (conform's SubmissionResult). The plain form's action and the progress-bar
 * upload (a JSON resource route) both use these, so they refuse exactly the same things.
 */
import { agendaUploadTarget, attachDocument } from '../meetings/agenda.server'
import type { SubmissionResult } from '@conform-to/react'
import type { z } from 'zod'
import { parseWithZod } from '@conform-to/zod/v4'
import type { CurrentUser, NetworkAccess } from '../access/access.server'
import type { DocumentAccess } from '../access/documents.server'
import { getConfig } from '../config/config.server'
import { addDocumentVersion, createDocument } from './documents.server'
import { newDocumentSchema, newVersionSchema } from './schema'
import { metrics } from '../observability/metrics.server'
import { discardTemp } from './storage.server'
import {
  checkContent,
  receiveUpload,
  UploadRefused,
  type ReceivedUpload,
  type UploadedFile,
} from './upload.server'

export type UploadOutcome =
  | { ok: true; redirectTo: string; /** The stored file's size. */ bytes: number }
  | { ok: false; status: 400 | 408 | 413 | 415; result: SubmissionResult<string[]> }

/**
 * The status of a refused upload, with `Connection: close`: a refusal may come before the body was read
 * to its end, and then the answer goes out at once and the connection ends, instead of the rest of a
 * large body still arriving on it.
 */
export function refusalInit(outcome: Extract<UploadOutcome, { ok: false }>): ResponseInit {
  return { status: outcome.status, headers: { Connection: 'close' } }
}

function refusedBeforeFields(refusal: UploadRefused): UploadOutcome {
  return {
    ok: false,
    status: refusal.status,
    result: { status: 'error', error: { file: [refusal.messageKey] } },
  }
}

async function receive(request: Request): Promise<ReceivedUpload | UploadOutcome> {
  try {
    return await receiveUpload(request, { maxBytes: getConfig().uploadMaxBytes })
  } catch (error) {
    if (error instanceof UploadRefused) return refusedBeforeFields(error)
    throw error
  }
}

/** Checks the received file's content; the media type, or the refusal to show at the file field. */
async function checkFile(
  received: ReceivedUpload,
): Promise<{ mediaType: string } | { status: 400 | 408 | 413 | 415; message: string }> {
  if (!received.file) return { status: 400, message: 'fileRequired' }
  try {
    return { mediaType: await checkContent(received.file) }
  } catch (error) {
    await discardTemp(received.file)
    if (error instanceof UploadRefused) return { status: error.status, message: error.messageKey }
    throw error
  }
}

type Refusal = Extract<UploadOutcome, { ok: false }>

/**
 * Receives an upload, checks its fields against `schema` and its file by content: the checked fields
 * with the stored-in-temp file, or the refusal to show (any temp file already removed).
 */
async function receiveChecked<Schema extends z.ZodType>(request: Request, schema: Schema) {
  const received = await receive(request)
  if ('ok' in received) return received
  const submission = parseWithZod(received.fields, { schema })
  if (submission.status !== 'success') {
    await discardTemp(received.file)
    return { ok: false, status: 400, result: submission.reply() } satisfies Refusal
  }
  const checked = await checkFile(received)
  if ('message' in checked) {
    const result = submission.reply({ fieldErrors: { file: [checked.message] } })
    return { ok: false, status: checked.status, result } satisfies Refusal
  }
  const file: UploadedFile = { ...received.file!, mediaType: checked.mediaType }
  return { submission, file }
}

/** Counts the upload for /metrics (app/modules/observability/metrics.server.ts). */
function counted(outcome: UploadOutcome): UploadOutcome {
  const m = metrics()
  m.uploads.inc({ outcome: outcome.ok ? 'stored' : 'refused' })
  if (outcome.ok) m.uploadBytes.inc(outcome.bytes)
  return outcome
}

export async function submitNewDocument(
  request: Request,
  user: CurrentUser,
  access: NetworkAccess,
): Promise<UploadOutcome> {
  return counted(await storeNewDocument(request, user, access))
}

async function storeNewDocument(
  request: Request,
  user: CurrentUser,
  access: NetworkAccess,
): Promise<UploadOutcome> {
  const upload = await receiveChecked(request, newDocumentSchema)
  if ('ok' in upload) return upload
  const { submission, file } = upload
  const { meetingId, agendaItemId } = submission.value
  // Checked before anything is stored: only the meeting's preparers share a document for its agenda.
  const forItem = agendaItemId
    ? await agendaUploadTarget(user, access.network.slug, meetingId ?? '', agendaItemId).catch(
        async (refusal: unknown) => {
          await discardTemp(file)
          throw refusal
        },
      )
    : null
  if (forItem && !forItem.open) {
    await discardTemp(file)
    return { ok: false, status: 400, result: submission.reply({ formErrors: ['agendaClosed'] }) }
  }
  const created = await createDocument(user, access, submission.value, file)
  if (!('problem' in created) && forItem?.open) {
    const attached = await attachDocument(user, forItem.access, forItem.itemId, created.id)
    if (!('problem' in attached)) return { ok: true, redirectTo: forItem.itemUrl, bytes: file.size }
  }
  if ('problem' in created) {
    await discardTemp(file)
    const field = created.field ?? ''
    return {
      ok: false,
      status: 400,
      result: submission.reply(
        field ? { fieldErrors: { [field]: [created.problem] } } : { formErrors: [created.problem] },
      ),
    }
  }
  return {
    ok: true,
    redirectTo: `/netwerken/${access.network.slug}/documenten/${created.id}`,
    bytes: file.size,
  }
}

export async function submitNewVersion(
  request: Request,
  user: CurrentUser,
  access: DocumentAccess,
): Promise<UploadOutcome> {
  const upload = await receiveChecked(request, newVersionSchema)
  if ('ok' in upload) return counted(upload)
  await addDocumentVersion(user, access, upload.file)
  return counted({
    ok: true,
    redirectTo: `/netwerken/${access.network.slug}/documenten/${access.document.id}`,
    bytes: upload.file.size,
  })
}
