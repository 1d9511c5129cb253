import type { ActionFunctionArgs } from '@remix-run/node'
import { notFound, requireUser } from '~/modules/access/access.server'
import { requireDocumentManager } from '~/modules/access/documents.server'
import { refusalInit, submitNewVersion } from '~/modules/documents/submit.server'

/** The server lets a multipart body (a file) reach this route only; see scripts/http/body.ts. */
export const handle = { upload: true }

/** A new version with a progress bar (XMLHttpRequest): JSON with where to go, or the form errors. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireDocumentManager(user, params.network ?? '', params.document ?? '')
  const outcome = await submitNewVersion(request, user, access)
  return outcome.ok
    ? Response.json({ redirectTo: outcome.redirectTo })
    : Response.json({ result: outcome.result }, refusalInit(outcome))
}

export function loader() {
  throw notFound()
}
