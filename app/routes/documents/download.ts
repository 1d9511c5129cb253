import fs from 'node:fs'
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from '@remix-run/node'
import { deny, requireUser } from '~/modules/access/access.server'
import { requireDocumentAccess } from '~/modules/access/documents.server'
import { recordDocumentAccess } from '~/modules/documents/access-log.server'
import { findVersion } from '~/modules/documents/queries.server'
import { storedFilePath } from '~/modules/documents/storage.server'
import { canPreview } from '~/modules/documents/types'
import { downloadHeaders, previewHeaders } from '~/modules/files/download'
import { log } from '~/modules/observability/logger.server'

/**
 * A version's file, streamed from disk after the access module said yes. Always an attachment; images
 * may be shown inline (`?weergave=inline`) inside the same sandbox, so nothing uploaded runs in our origin.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireDocumentAccess(user, params.network ?? '', params.document ?? '')
  const version = await findVersion(access, params.version ?? '')
  if (!version) throw await deny(user, 'DocumentVersion', params.version ?? '')
  const inline =
    new URL(request.url).searchParams.get('weergave') === 'inline' && canPreview(version.mediaType)
  // Opened before anything is logged or sent: a missing file is an error of ours, said plainly.
  const handle = await fs.promises.open(storedFilePath(version.sha256), 'r').catch(() => null)
  if (!handle) {
    log.error(`Stored file of document version ${version.id} is missing`)
    throw new Response('The file could not be read.', { status: 500 })
  }
  await recordDocumentAccess(user, access.document.id, inline ? 'preview' : 'download', version.id)
  const file = handle.createReadStream()
  const headers = new Headers(
    inline
      ? previewHeaders(version.originalName, version.mediaType)
      : downloadHeaders(version.originalName, version.mediaType),
  )
  headers.set('Content-Length', String(version.size))
  return new Response(createReadableStreamFromReadable(file), { headers })
}
