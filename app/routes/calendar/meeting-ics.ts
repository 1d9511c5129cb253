import type { LoaderFunctionArgs } from '@remix-run/node'
import { userLocale } from '~/i18n/i18n.server'
import { requireUser } from '~/modules/access/access.server'
import { requireMeetingAccess } from '~/modules/access/meetings.server'
import { meetingCalendar } from '~/modules/calendar/ical.server'
import { findCalendarMeeting } from '~/modules/calendar/feed.server'
import { getConfig } from '~/modules/config/config.server'
import { downloadHeaders } from '~/modules/files/download'
import { meetingFileName } from '~/modules/meetings/naming'

/** One meeting as an .ics file for the reader's own calendar; 404 for anyone who may not see it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireMeetingAccess(user, params.network ?? '', params.meeting ?? '')
  const meeting = await findCalendarMeeting(user, access)
  const locale = await userLocale(request, user)
  const body = meetingCalendar([meeting], { locale, origin: getConfig().publicOrigin })
  return new Response(body, {
    headers: downloadHeaders(
      meetingFileName(access.network.shortName, meeting.title, 'ics'),
      'text/calendar; charset=utf-8',
    ),
  })
}
