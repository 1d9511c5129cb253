/**
 * How a meeting's date and clock times read, the same on the pages, in the invitation mail and in the
 * agenda pack: always in the meeting's time zone, always with a clock time (partners on both sides of
 * the border must never have to guess a "voormiddag"). Pure, so server and browser share it.
 */
import { dateLocale } from '../../i18n/config'
import { MEETING_TIME_ZONE } from './types'
import { dateTimeFormat } from '../../i18n/intl'

export { dateLocale }

/** The day of a meeting: "donderdag 26 november 2026"; without the weekday "26 november 2026". */
export function meetingDay(locale: string, options: { weekday?: boolean } = {}) {
  const format = dateTimeFormat(dateLocale(locale), {
    ...(options.weekday === false ? {} : { weekday: 'long' }),
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: MEETING_TIME_ZONE,
  })
  return (date: Date | string) => format.format(new Date(date))
}

/** A clock time in the meeting's time zone, 24-hour: "09:30". */
export function clockTime(locale: string) {
  const format = dateTimeFormat(dateLocale(locale), {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: MEETING_TIME_ZONE,
  })
  return (date: Date | string) => format.format(new Date(date))
}

/**
 * When a meeting takes place: "donderdag 26 november 2026, 10:00–12:00", or both ends in full for a
 * meeting over more days: "donderdag 26 november 2026, 10:00 – vrijdag 27 november 2026, 16:00".
 */
export function meetingWhen(locale: string, startsAt: Date | string, endsAt: Date | string) {
  const start = new Date(startsAt)
  const end = new Date(endsAt)
  const day = meetingDay(locale)
  const time = clockTime(locale)
  // The written day names the calendar day in the meeting's time zone: the same text, the same day.
  const [startDay, endDay] = [day(start), day(end)]
  if (startDay === endDay) return `${startDay}, ${time(start)}–${time(end)}`
  return `${startDay}, ${time(start)} – ${endDay}, ${time(end)}`
}

/** An agenda item's slot: "14:00–14:15", or only "14:00" for an item of no planned length. */
export function timeSlot(locale: string, startsAt: Date | string, endsAt: Date | string) {
  const time = clockTime(locale)
  const [start, end] = [time(startsAt), time(endsAt)]
  return start === end ? start : `${start}–${end}`
}
