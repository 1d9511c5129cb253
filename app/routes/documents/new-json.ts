import type { ActionFunctionArgs } from '@remix-run/node'
import { requireNetworkAccess, requireUser, notFound } from '~/modules/access/access.server'
import { refusalInit, submitNewDocument } from '~/modules/documents/submit.server'

/** The server lets a multipart body (a file) reach this route only; see scripts/http/body.ts. */
export const handle = { upload: true }

/** The upload with a progress bar (XMLHttpRequest) answers in JSON: where to go, or the form errors. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireNetworkAccess(user, params.network ?? '')
  const outcome = await submitNewDocument(request, user, access)
  return outcome.ok
    ? Response.json({ redirectTo: outcome.redirectTo })
    : Response.json({ result: outcome.result }, refusalInit(outcome))
}

export function loader() {
  throw notFound()
}
