import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireFeedOwner } from '~/modules/access/meetings.server'
import { feedMeetings } from '~/modules/calendar/feed.server'
import { meetingCalendar, readerLocale } from '~/modules/calendar/ical.server'
import { getConfig } from '~/modules/config/config.server'
import { contentDisposition } from '~/modules/files/download'

/**
 * The personal subscription feed, fetched by calendar programs without a session: the secret token in
 * the address is the only key. Not audited per fetch (calendars poll every hour or so), and the token
 * is never written anywhere, not even in an error.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const owner = await requireFeedOwner(params.token ?? '')
  const body = meetingCalendar(await feedMeetings(owner), {
    locale: readerLocale(owner),
    origin: getConfig().publicOrigin,
    feed: true,
  })
  return new Response(body, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': contentDisposition('zwin.ics', 'inline'),
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, no-store',
      // The address is the secret: nothing may pass it on, no search engine may keep it.
      'Referrer-Policy': 'no-referrer',
      'X-Robots-Tag': 'noindex',
    },
  })
}
