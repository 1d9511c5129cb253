import { describe, expect, it } from 'vitest'
import {
  agendaIsOpen,
  meetingInstant,
  meetingWallClock,
  numberAgenda,
  type AgendaRow,
} from './types'

// Meeting times are typed as a day and a clock time in Europe/Amsterdam (= Brussels) and stored as UTC.
// In 2026 summer time starts on Sunday 29 March (02:00 → 03:00) and ends on Sunday 25 October
// (03:00 → 02:00), so 02:30 does not exist on the first day and exists twice on the second.

describe('meetingInstant', () => {
  it('reads winter time as UTC+1 and summer time as UTC+2, either side of the March switch', () => {
    expect(meetingInstant('2026-03-28', '10:00')?.toISOString()).toBe('2026-03-28T09:00:00.000Z')
    expect(meetingInstant('2026-03-30', '10:00')?.toISOString()).toBe('2026-03-30T08:00:00.000Z')
  })

  it('refuses the hour skipped when summer time starts (29 March 2026, 02:00–02:59)', () => {
    expect(meetingInstant('2026-03-29', '02:30')).toBeNull()
    expect(meetingInstant('2026-03-29', '02:00')).toBeNull()
    expect(meetingInstant('2026-03-29', '02:59')).toBeNull()
    // Just before and after the gap are fine.
    expect(meetingInstant('2026-03-29', '01:59')?.toISOString()).toBe('2026-03-29T00:59:00.000Z')
    expect(meetingInstant('2026-03-29', '03:00')?.toISOString()).toBe('2026-03-29T01:00:00.000Z')
  })

  it('reads the hour that happens twice on 25 October 2026 as the first, summer-time one', () => {
    expect(meetingInstant('2026-10-25', '02:30')?.toISOString()).toBe('2026-10-25T00:30:00.000Z')
    expect(meetingInstant('2026-10-25', '01:30')?.toISOString()).toBe('2026-10-24T23:30:00.000Z')
    expect(meetingInstant('2026-10-25', '03:00')?.toISOString()).toBe('2026-10-25T02:00:00.000Z')
    expect(meetingInstant('2026-10-26', '10:00')?.toISOString()).toBe('2026-10-26T09:00:00.000Z')
  })

  it('gives back the same wall clock it was given, for every quarter of an hour of both switch days', () => {
    for (const day of ['2026-03-29', '2026-10-25']) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
        const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
        const instant = meetingInstant(day, time)
        if (day === '2026-03-29' && time.startsWith('02:')) {
          expect(instant, `${day} ${time}`).toBeNull()
        } else {
          expect(instant, `${day} ${time}`).not.toBeNull()
          expect(meetingWallClock(instant!)).toEqual({ day, time })
        }
      }
    }
  })

  it.each([
    ['a day that does not exist', '2026-02-30', '10:00'],
    ['month 13', '2026-13-01', '10:00'],
    ['month 0', '2026-00-10', '10:00'],
    ['day 0', '2026-05-00', '10:00'],
    ['hour 24', '2026-05-01', '24:00'],
    ['minute 60', '2026-05-01', '10:60'],
    ['a time without its leading zero', '2026-05-01', '9:00'],
    ['a time with seconds', '2026-05-01', '10:00:00'],
    ['a day in another format', '01-05-2026', '10:00'],
    ['a day with a time in it', '2026-05-01T10:00', '10:00'],
    ['an empty day', '', '10:00'],
    ['an empty time', '2026-05-01', ''],
    ['text', 'morgen', 'tien uur'],
  ])('answers null for %s', (_, day, time) => {
    expect(meetingInstant(day, time)).toBeNull()
  })

  it('accepts 29 February only in a leap year', () => {
    expect(meetingInstant('2028-02-29', '10:00')?.toISOString()).toBe('2028-02-29T09:00:00.000Z')
    expect(meetingInstant('2027-02-29', '10:00')).toBeNull()
  })
})

describe('meetingWallClock', () => {
  it('shows UTC instants as the day and time in Amsterdam, in winter and in summer', () => {
    expect(meetingWallClock(new Date('2026-03-28T09:00:00Z'))).toEqual({
      day: '2026-03-28',
      time: '10:00',
    })
    expect(meetingWallClock(new Date('2026-03-30T08:00:00Z'))).toEqual({
      day: '2026-03-30',
      time: '10:00',
    })
  })

  it('jumps from 01:59 to 03:00 when summer time starts', () => {
    expect(meetingWallClock(new Date('2026-03-29T00:59:00Z')).time).toBe('01:59')
    expect(meetingWallClock(new Date('2026-03-29T01:00:00Z')).time).toBe('03:00')
  })

  it('shows 02:30 twice when summer time ends, an hour apart in UTC', () => {
    expect(meetingWallClock(new Date('2026-10-25T00:30:00Z'))).toEqual({
      day: '2026-10-25',
      time: '02:30',
    })
    expect(meetingWallClock(new Date('2026-10-25T01:30:00Z'))).toEqual({
      day: '2026-10-25',
      time: '02:30',
    })
  })

  it('moves to the next day (and year) in Amsterdam before UTC does', () => {
    expect(meetingWallClock(new Date('2026-12-31T23:30:00Z'))).toEqual({
      day: '2027-01-01',
      time: '00:30',
    })
  })

  it('writes midnight as 00:00, not 24:00', () => {
    expect(meetingWallClock(new Date('2026-06-30T22:00:00Z'))).toEqual({
      day: '2026-07-01',
      time: '00:00',
    })
  })
})

describe('agendaIsOpen', () => {
  it('is open for drafts and published meetings only', () => {
    expect(agendaIsOpen('draft')).toBe(true)
    expect(agendaIsOpen('published')).toBe(true)
    for (const status of ['held', 'minutes_approved', 'cancelled', 'unknown']) {
      expect(agendaIsOpen(status), status).toBe(false)
    }
  })
})

describe('numberAgenda', () => {
  const start = new Date('2026-12-10T13:00:00.000Z') // 14:00 in Amsterdam
  const row = (
    id: string,
    position: number,
    durationMinutes: number,
    parentId: string | null = null,
  ): AgendaRow & { title: string } => ({ id, parentId, position, durationMinutes, title: id })
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000).toISOString()

  it('numbers items 1, 2, 3 and sub-items 2a, 2b, each sub-item right after its item', () => {
    // Given in a jumbled order: the positions decide, not the order of the array.
    const rows = [
      row('closing', 2, 5),
      row('sub-b', 1, 10, 'main'),
      row('opening', 0, 5),
      row('sub-a', 0, 15, 'main'),
      row('main', 1, 20),
    ]
    const numbered = numberAgenda(rows, start)
    expect(numbered.map((r) => [r.id, r.number, r.depth])).toEqual([
      ['opening', '1', 0],
      ['main', '2', 0],
      ['sub-a', '2a', 1],
      ['sub-b', '2b', 1],
      ['closing', '3', 0],
    ])
  })

  it('gives a timetable from the start: every row takes its own minutes, one after the other', () => {
    const rows = [
      row('opening', 0, 5),
      row('main', 1, 20),
      row('sub-a', 0, 15, 'main'),
      row('sub-b', 1, 10, 'main'),
      row('closing', 2, 5),
    ]
    const numbered = numberAgenda(rows, start)
    expect(
      numbered.map((r) => [r.number, r.startsAt.toISOString(), r.endsAt.toISOString()]),
    ).toEqual([
      ['1', at(0), at(5)],
      ['2', at(5), at(25)],
      ['2a', at(25), at(40)],
      ['2b', at(40), at(50)],
      ['3', at(50), at(55)],
    ])
  })

  it('keeps the other fields of each row and does not change the rows it was given', () => {
    const rows = [row('opening', 0, 5), row('main', 1, 0)]
    const copy = structuredClone(rows)
    const numbered = numberAgenda(rows, start)
    expect(numbered[1]).toMatchObject({ id: 'main', title: 'main', durationMinutes: 0 })
    // An item of 0 minutes starts and ends at the same time.
    expect(numbered[1]!.startsAt.getTime()).toBe(numbered[1]!.endsAt.getTime())
    expect(rows).toEqual(copy)
  })

  it('answers an empty list for an empty agenda', () => {
    expect(numberAgenda([], start)).toEqual([])
  })

  it('goes on after z with aa, ab… for an item with more than 26 sub-items', () => {
    const subs = Array.from({ length: 60 }, (_, i) => row(`s${i}`, i, 1, 'main'))
    const numbered = numberAgenda([row('main', 0, 0), ...subs, row('next', 1, 0)], start)
    const numbers = numbered.map((r) => r.number)
    expect(numbers.slice(0, 3)).toEqual(['1', '1a', '1b'])
    expect(numbers[26]).toBe('1z')
    expect(numbers[27]).toBe('1aa')
    expect(numbers[28]).toBe('1ab')
    expect(numbers[52]).toBe('1az')
    expect(numbers[53]).toBe('1ba')
    expect(numbers.at(-1)).toBe('2')
    expect(new Set(numbers).size).toBe(numbers.length)
    // The timetable goes on too: 60 sub-items of a minute each.
    expect(numbered.at(-1)!.startsAt.toISOString()).toBe(at(60))
  })

  it('never repeats a number, even for hundreds of sub-items', () => {
    const subs = Array.from({ length: 800 }, (_, i) => row(`s${i}`, i, 0, 'main'))
    const numbers = numberAgenda([row('main', 0, 0), ...subs], start).map((r) => r.number)
    expect(new Set(numbers).size).toBe(801)
    expect(numbers[702 + 1]).toBe('1aaa')
    expect(numbers.every((n) => /^1[a-z]*$/.test(n))).toBe(true)
  })
})
