import ICAL from 'ical.js'
import { afterEach, describe, expect, it } from 'vitest'
import { meetingCalendar, meetingUid, type CalendarMeeting } from './ical.server'

const origin = 'https://zwin.example.org'

function meeting(overrides: Partial<CalendarMeeting> = {}): CalendarMeeting {
  return {
    id: 'cm0meeting1',
    title: 'GOS-overleg voorjaar',
    description: '',
    startsAt: new Date('2026-03-26T09:00:00Z'),
    endsAt: new Date('2026-03-26T11:00:00Z'),
    location: 'Gemeentehuis, Dumortierlaan 32, 8300 Knokke-Heist',
    onlineUrl: '',
    status: 'published',
    cancelReason: null,
    sequence: 0,
    updatedAt: new Date('2026-03-01T12:00:00Z'),
    network: { slug: 'gos', shortName: 'GOS' },
    ...overrides,
  }
}

/**
 * Parses with Mozilla's ical.js the way a calendar program does: the file's own VTIMEZONE is registered
 * first, so the times are read with the rules it carries (nothing about Amsterdam is built into ical.js).
 */
function parse(text: string) {
  const root = new ICAL.Component(ICAL.parse(text))
  const zones = root.getAllSubcomponents('vtimezone')
  for (const zone of zones) ICAL.TimezoneService.register(zone)
  const events = root.getAllSubcomponents('vevent')
  return { root, zones, events, event: (i = 0) => new ICAL.Event(events[i]) }
}

afterEach(() => ICAL.TimezoneService.reset())

const utc = (time: ICAL.Time) => time.toJSDate().toISOString()

describe('meetingCalendar', () => {
  it('writes times in Europe/Amsterdam with a real VTIMEZONE, right across the March switch', () => {
    const text = meetingCalendar(
      [
        meeting({ id: 'before' }),
        // 30 March 2026, after summer time began on Sunday 29 March: 10:00 is 08:00 UTC.
        meeting({
          id: 'after',
          startsAt: new Date('2026-03-30T08:00:00Z'),
          endsAt: new Date('2026-03-30T10:00:00Z'),
        }),
      ],
      { locale: 'nl-NL', origin },
    )
    const { zones, event } = parse(text)
    expect(zones.map((z) => z.getFirstPropertyValue('tzid'))).toEqual(['Europe/Amsterdam'])

    const before = event(0)
    expect(before.startDate.zone?.tzid).toBe('Europe/Amsterdam')
    expect(before.startDate.toString()).toBe('2026-03-26T10:00:00')
    expect(utc(before.startDate)).toBe('2026-03-26T09:00:00.000Z')
    expect(utc(before.endDate)).toBe('2026-03-26T11:00:00.000Z')

    const after = event(1)
    expect(after.startDate.zone?.tzid).toBe('Europe/Amsterdam')
    expect(after.startDate.toString()).toBe('2026-03-30T10:00:00')
    expect(utc(after.startDate)).toBe('2026-03-30T08:00:00.000Z')
    expect(utc(after.endDate)).toBe('2026-03-30T10:00:00.000Z')

    expect(text).toContain('DTSTART;TZID=Europe/Amsterdam:20260326T100000')
    expect(text).toContain('DTSTART;TZID=Europe/Amsterdam:20260330T100000')
  })

  it('is right around the October switch, and for a meeting across it', () => {
    const text = meetingCalendar(
      [
        // Friday 23 October 2026, still summer time: 10:00 is 08:00 UTC.
        meeting({
          id: 'friday',
          startsAt: new Date('2026-10-23T08:00:00Z'),
          endsAt: new Date('2026-10-23T10:00:00Z'),
        }),
        // Monday 26 October 2026, winter time again: 10:00 is 09:00 UTC.
        meeting({
          id: 'monday',
          startsAt: new Date('2026-10-26T09:00:00Z'),
          endsAt: new Date('2026-10-26T11:00:00Z'),
        }),
        // A two-day conference over the night of the switch: 24 Oct 14:00 to 25 Oct 12:00.
        meeting({
          id: 'weekend',
          startsAt: new Date('2026-10-24T12:00:00Z'),
          endsAt: new Date('2026-10-25T11:00:00Z'),
        }),
      ],
      { locale: 'nl-BE', origin },
    )
    const { event } = parse(text)
    expect(event(0).startDate.toString()).toBe('2026-10-23T10:00:00')
    expect(utc(event(0).startDate)).toBe('2026-10-23T08:00:00.000Z')
    expect(event(1).startDate.toString()).toBe('2026-10-26T10:00:00')
    expect(utc(event(1).startDate)).toBe('2026-10-26T09:00:00.000Z')
    expect(event(2).startDate.toString()).toBe('2026-10-24T14:00:00')
    expect(utc(event(2).startDate)).toBe('2026-10-24T12:00:00.000Z')
    expect(event(2).endDate.toString()).toBe('2026-10-25T12:00:00')
    expect(utc(event(2).endDate)).toBe('2026-10-25T11:00:00.000Z')
  })

  it('keeps the UID when the meeting changes, and the SEQUENCE follows the stored one', () => {
    const first = parse(meetingCalendar([meeting()], { locale: 'nl-NL', origin })).event()
    const moved = parse(
      meetingCalendar(
        [
          meeting({
            title: 'GOS-overleg (verplaatst)',
            startsAt: new Date('2026-03-30T12:00:00Z'),
            endsAt: new Date('2026-03-30T14:00:00Z'),
            sequence: 1,
          }),
        ],
        { locale: 'nl-NL', origin },
      ),
    ).event()
    const again = parse(
      meetingCalendar([meeting({ sequence: 2 })], { locale: 'nl-NL', origin }),
    ).event()

    expect(first.uid).toBe(meetingUid('cm0meeting1'))
    expect(moved.uid).toBe(first.uid)
    expect(again.uid).toBe(first.uid)
    expect([first.sequence, moved.sequence, again.sequence]).toEqual([0, 1, 2])
    expect(moved.summary).toBe('GOS-overleg (verplaatst)')
    expect(utc(moved.startDate)).toBe('2026-03-30T12:00:00.000Z')
  })

  it('marks a cancelled meeting CANCELLED with the reason, others CONFIRMED, a draft TENTATIVE', () => {
    const { event } = parse(
      meetingCalendar(
        [
          meeting({
            id: 'a',
            status: 'cancelled',
            cancelReason: 'Te weinig agendapunten',
            sequence: 3,
          }),
          meeting({ id: 'b', status: 'published' }),
          meeting({ id: 'c', status: 'held' }),
          meeting({ id: 'd', status: 'draft' }),
        ],
        { locale: 'nl-NL', origin },
      ),
    )
    const status = (i: number) => event(i).component.getFirstPropertyValue('status')
    expect([status(0), status(1), status(2), status(3)]).toEqual([
      'CANCELLED',
      'CONFIRMED',
      'CONFIRMED',
      'TENTATIVE',
    ])
    expect(event(0).description).toContain('Deze vergadering is afgelast.')
    expect(event(0).description).toContain('Reden: Te weinig agendapunten')
    expect(event(0).sequence).toBe(3)
    // Also in the title, for calendars that do not show STATUS:CANCELLED.
    expect(event(0).summary).toBe('Afgelast: GOS-overleg voorjaar')
    expect(event(1).summary).toBe('GOS-overleg voorjaar')
  })

  it('fills summary, location, URL, description, last-modified and the product id', () => {
    const text = meetingCalendar(
      [
        meeting({
          title: 'Zwin, Sluis; en "Knokke"\\Heist',
          description: 'Eerste regel\nTweede regel, met komma',
          onlineUrl: 'https://meet.example.org/gos?x=1;y=2',
        }),
        meeting({
          id: 'online',
          location: '',
          onlineUrl: 'https://meet.example.org/online',
        }),
      ],
      { locale: 'en', origin },
    )
    const { root, event } = parse(text)
    expect(root.getFirstPropertyValue('prodid')).toMatch(/Zwin/)
    expect(root.getFirstPropertyValue('method')).toBe('PUBLISH')

    const onSite = event(0)
    // Escaped by ical-generator, read back intact by ical.js.
    expect(onSite.summary).toBe('GOS: Zwin, Sluis; en "Knokke"\\Heist')
    expect(onSite.location).toBe('Gemeentehuis, Dumortierlaan 32, 8300 Knokke-Heist')
    expect(onSite.component.getFirstPropertyValue('url')).toBe(
      'https://zwin.example.org/netwerken/gos/vergaderingen/cm0meeting1',
    )
    expect(onSite.description).toContain('Join online: https://meet.example.org/gos?x=1;y=2')
    expect(onSite.description).toContain('Eerste regel\nTweede regel, met komma')
    expect(onSite.description).toContain(
      'https://zwin.example.org/netwerken/gos/vergaderingen/cm0meeting1',
    )
    const lastModified = onSite.component.getFirstPropertyValue('last-modified') as ICAL.Time
    expect(lastModified.toJSDate().toISOString()).toBe('2026-03-01T12:00:00.000Z')
    // DTSTAMP and LAST-MODIFIED are UTC, as RFC 5545 requires.
    expect(text).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r$/m)
    expect(text).toContain('LAST-MODIFIED:20260301T120000Z')

    expect(event(1).location).toBe('https://meet.example.org/online')
  })

  it('gives a feed a name and a refresh interval, and an empty list is still a valid calendar', () => {
    const text = meetingCalendar([], { locale: 'nl-NL', origin, feed: true })
    const { root, events } = parse(text)
    expect(events).toHaveLength(0)
    expect(root.getFirstPropertyValue('x-wr-calname')).toBe('Zwin vergaderingen')
    expect(text).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H')
  })
})
