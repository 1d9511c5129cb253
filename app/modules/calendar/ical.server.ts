/**
 * Meetings as iCalendar (RFC 5545): one file per meeting, the personal feed and the invitation's
 * attachment all come from meetingCalendar, so a calendar that got a meeting one way recognises it
 * coming the other way (the same UID) and takes the newest version (a higher SEQUENCE).
 */
import { meetingLabel } from '../meetings/naming'
import { getVtimezoneComponent } from '@touch4it/ical-timezones'
import ical, {
  ICalCalendarMethod,
  ICalEventStatus,
  type ICalDayJsStub,
  type ICalEventData,
} from 'ical-generator'
import { defaultLocale, isLocale, type Locale } from '~/i18n/config'
import { plainTranslator } from '~/i18n/translate'
import { MEETING_TIME_ZONE, meetingWallClock } from '../meetings/types'

/** What a calendar needs of a meeting; select it with `calendarMeetingSelect`. */
export type CalendarMeeting = {
  id: string
  title: string
  description: string
  startsAt: Date
  endsAt: Date
  location: string
  onlineUrl: string
  status: string
  cancelReason: string | null
  sequence: number
  updatedAt: Date
  network: { slug: string; shortName: string }
}

export const calendarMeetingSelect = {
  id: true,
  title: true,
  description: true,
  startsAt: true,
  endsAt: true,
  location: true,
  onlineUrl: true,
  status: true,
  cancelReason: true,
  sequence: true,
  updatedAt: true,
  network: { select: { slug: true, shortName: true } },
} as const

export type CalendarOptions = {
  /** The reader's language, for the few fixed words in the descriptions. */
  locale: Locale
  /** The public origin (PUBLIC_ORIGIN), for the absolute link to each meeting page. */
  origin: string
  /** A subscribed calendar (the personal feed): it gets a name and asks to be fetched every hour. */
  feed?: boolean
  /** Leaves out the link to the meeting page (for a guest, who has no account to open it with). */
  withoutPage?: boolean
}

/** The language of someone's calendar texts: their own choice, else their organisation's. */
export function readerLocale(person: {
  locale: string | null
  organisation: { defaultLocale: string }
}): Locale {
  if (isLocale(person.locale)) return person.locale
  return isLocale(person.organisation.defaultLocale)
    ? person.organisation.defaultLocale
    : defaultLocale
}

/** The UID of a meeting's event: the same for its whole life, whatever changes. */
export function meetingUid(meetingId: string): string {
  return `meeting-${meetingId}@zwin`
}

export function meetingUrl(origin: string, meeting: Pick<CalendarMeeting, 'id' | 'network'>) {
  return `${origin}/netwerken/${meeting.network.slug}/vergaderingen/${meeting.id}`
}

/**
 * The meetings as an iCalendar file (METHOD:PUBLISH), times in Europe/Amsterdam with its VTIMEZONE.
 * PUBLISH, not REQUEST/CANCEL: those start an organiser-and-attendees workflow (replies by mail to an
 * ORGANIZER) that Zwin does not have. So a cancelled meeting is an event with STATUS:CANCELLED and a
 * higher SEQUENCE, which subscribed calendars follow; a copy someone imported by hand may stay, and
 * the cancellation mail says so honestly.
 */
export function meetingCalendar(
  meetings: readonly CalendarMeeting[],
  options: CalendarOptions,
): string {
  const calendar = ical({
    prodId: { company: 'Zwin', product: 'Zwin', language: options.locale === 'en' ? 'EN' : 'NL' },
    method: ICalCalendarMethod.PUBLISH,
    // No calendar-wide zone name: ical-generator would then also write DTSTAMP and LAST-MODIFIED as
    // local times, which RFC 5545 requires in UTC. The events carry the zone themselves, and the
    // generator adds a VTIMEZONE for each zone the events use.
    timezone: { name: null, generator: getVtimezoneComponent },
    name: options.feed ? translate(options.locale)('calendar:ics.feedName') : null,
    ttl: options.feed ? 3600 : null,
    x: [['X-WR-TIMEZONE', MEETING_TIME_ZONE]],
  })
  for (const meeting of meetings) calendar.createEvent(meetingEvent(meeting, options))
  return calendar.toString()
}

function meetingEvent(meeting: CalendarMeeting, options: CalendarOptions): ICalEventData {
  const t = translate(options.locale)
  const url = meetingUrl(options.origin, meeting)
  const cancelled = meeting.status === 'cancelled'
  const description = [
    cancelled ? t('calendar:ics.cancelled') : '',
    cancelled && meeting.cancelReason
      ? t('calendar:ics.cancelReason', { reason: meeting.cancelReason })
      : '',
    meeting.onlineUrl ? t('calendar:ics.online', { url: meeting.onlineUrl }) : '',
    meeting.description,
    options.withoutPage ? '' : t('calendar:ics.page', { url }),
  ].filter((part) => part.trim() !== '')
  const place = meeting.location || meeting.onlineUrl
  return {
    id: meetingUid(meeting.id),
    sequence: meeting.sequence,
    start: amsterdamClock(meeting.startsAt),
    end: amsterdamClock(meeting.endsAt),
    timezone: MEETING_TIME_ZONE,
    // Not every calendar shows STATUS:CANCELLED (some ignore it in a subscription or an opened file):
    // the title says it too, so "afgelast" is what every reader sees.
    summary: cancelled
      ? `${t('meetings:status.cancelled')}: ${meetingLabel(meeting.network.shortName, meeting.title)}`
      : meetingLabel(meeting.network.shortName, meeting.title),
    location: place ? place : null,
    description: description.join('\n\n'),
    url: options.withoutPage ? null : url,
    // Only a preparer ever sees a draft (in the .ics of the meeting page); it is not settled yet.
    status: cancelled
      ? ICalEventStatus.CANCELLED
      : meeting.status === 'draft'
        ? ICalEventStatus.TENTATIVE
        : ICalEventStatus.CONFIRMED,
    lastModified: meeting.updatedAt,
  }
}

// Keys carry their namespace ("calendar:…"); the typed overloads of t() know only the default one.
function translate(locale: Locale) {
  return plainTranslator(locale)
}

/**
 * An instant as its wall-clock time in Europe/Amsterdam, in the shape of ical-generator's day.js
 * interface. ical-generator writes a native Date next to a TZID in the *server's* own time zone, so a
 * server running on UTC would put a 10:00 meeting at 09:00; through this interface it writes exactly
 * the Amsterdam clock time we give it.
 */
function amsterdamClock(instant: Date): ICalDayJsStub {
  const { day, time } = meetingWallClock(instant)
  const seconds = String(instant.getUTCSeconds()).padStart(2, '0')
  const clock: ICalDayJsStub = {
    format(pattern) {
      if (pattern === 'YYYYMMDD') return day.replaceAll('-', '')
      if (pattern === 'HHmmss') return time.replace(':', '') + seconds
      // Only the two patterns above are used by the pinned version; anything else is a change to check.
      throw new Error(`Unexpected date format requested by ical-generator: ${String(pattern)}`)
    },
    isValid: () => !Number.isNaN(instant.getTime()),
    toDate: () => new Date(instant),
    toJSON: () => instant.toISOString(),
    tz: () => clock,
  }
  return clock
}
