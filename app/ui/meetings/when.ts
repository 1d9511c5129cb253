import { useTranslation } from 'react-i18next'
import { MEETING_TIME_ZONE, meetingWallClock } from '~/modules/meetings/types'

/**
 * When a meeting takes place, always with clock times (partners on both sides of the border must never
 * have to guess a "voormiddag"): "donderdag 26 november 2026, 10:00–12:00".
 */
export function meetingWhen(locale: string, startsAt: Date | string, endsAt: Date | string) {
  const start = new Date(startsAt)
  const end = new Date(endsAt)
  const day = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: MEETING_TIME_ZONE,
  })
  const time = clockTime(locale)
  if (meetingWallClock(start).day === meetingWallClock(end).day) {
    return `${day.format(start)}, ${time(start)}–${time(end)}`
  }
  return `${day.format(start)}, ${time(start)} – ${day.format(end)}, ${time(end)}`
}

/** A clock time in the meeting's time zone, 24-hour: "09:30". */
export function clockTime(locale: string) {
  const format = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: MEETING_TIME_ZONE,
  })
  return (date: Date | string) => format.format(new Date(date))
}

export function useMeetingWhen() {
  const { i18n } = useTranslation()
  return (startsAt: Date | string, endsAt: Date | string) =>
    meetingWhen(i18n.language, startsAt, endsAt)
}
