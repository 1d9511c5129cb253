import type { LoaderFunctionArgs } from '@remix-run/node'
import { userLocale } from '~/i18n/i18n.server'
import { requireUser } from '~/modules/access/access.server'
import { requireMeetingAccess } from '~/modules/access/meetings.server'
import { agendaPackResponse } from '~/modules/meetings/agenda-pack-response.server'

/**
 * The agenda pack of a meeting as one PDF, made for the reader: only the documents they may see, in
 * their language. Each document whose pages are in it counts as downloaded in its access log.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireMeetingAccess(user, params.network ?? '', params.meeting ?? '')
  const locale = await userLocale(request, user)
  return agendaPackResponse(request, user, access, locale)
}
