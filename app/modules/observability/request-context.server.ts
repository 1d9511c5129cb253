/*
 * What the server's one log line per request says about who asked (scripts/http/observability.ts):
 * the server runs each request inside `requestContext.run(record, …)`, and the app's session lookup
 * (app/modules/auth/session.server.ts) fills in the user and organisation. An AsyncLocalStorage
 * instead of a field on the load context because the session is read in many places that get only
 * the Request (requireUser, the upload gate), and Remix may hand loaders a copy of that Request.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

export type RequestRecord = {
  reqId: string
  userId?: string
  organisationId?: string
}

const globalForContext = globalThis as unknown as {
  zwinRequestContext?: AsyncLocalStorage<RequestRecord>
}

// On globalThis: the dev server reloads modules, and a second storage would never see the records.
export const requestContext: AsyncLocalStorage<RequestRecord> =
  (globalForContext.zwinRequestContext ??= new AsyncLocalStorage<RequestRecord>())

/** Notes the signed-in user of the current request (ids only: never an e-mail address or a name). */
export function noteRequestUser(userId: string, organisationId: string): void {
  const record = requestContext.getStore()
  if (!record) return
  record.userId = userId
  record.organisationId = organisationId
}
