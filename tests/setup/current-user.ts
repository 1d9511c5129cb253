/**
 * A person as the access rules see them (CurrentUser), read straight from the database, for code that
 * asks the app's modules without a session or a request: the benches and tests that call access,
 * search or pack functions directly. Signed in with a password and no second factor unless `session`
 * says otherwise.
 */
import type { CurrentUser } from '../../app/modules/access/access.server'
import { sessionPersonSelect } from '../../app/modules/auth/session.server'
import type { Db } from '../../app/modules/db/db.server'

export async function currentUserOf(
  db: Db,
  email: string,
  session: Partial<Pick<CurrentUser, 'secondFactor' | 'requestedPath'>> = {},
): Promise<CurrentUser> {
  const user = await db.user.findUniqueOrThrow({
    where: { email },
    select: sessionPersonSelect,
  })
  return {
    ...user,
    sessionId: 'test',
    method: 'password',
    secondFactor: { enrolled: false, inSession: false, required: false },
    requestedPath: '/',
    ...session,
  }
}
