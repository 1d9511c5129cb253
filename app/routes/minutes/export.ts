import type { LoaderFunctionArgs } from '@remix-run/node'
import { userLocale } from '~/i18n/i18n.server'
import { notFound, requireUser } from '~/modules/access/access.server'
import { requireMeetingAccess } from '~/modules/access/meetings.server'
import { meetingHasBegun } from '~/modules/meetings/types'
import { isExportFile, minutesExportResponse } from '~/modules/minutes/export.server'

function minutesExist(meeting: { status: string; startsAt: Date }) {
  return meetingHasBegun(meeting) || meeting.status === 'minutes_approved'
}

/**
 * The minutes (verslag.pdf, verslag.docx) or the decision list (besluitenlijst.pdf, .docx) of a meeting
 * as a file, for anyone who may see the meeting: in their language, with only what they may see.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireMeetingAccess(user, params.network ?? '', params.meeting ?? '')
  const file = params.file ?? ''
  // Before the meeting has begun there are no minutes to export (the minutes page says so too).
  if (!isExportFile(file) || !minutesExist(access.meeting)) throw notFound()
  return minutesExportResponse(request, user, access, file, await userLocale(request, user))
}
