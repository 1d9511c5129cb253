import { describe, expect, it } from 'vitest'
import { meetingFileName, meetingLabel } from './naming'

describe('meetingLabel', () => {
  it('puts the network before a title that does not name it already', () => {
    expect(meetingLabel('GOS', 'Werkbezoek Zwin')).toBe('GOS: Werkbezoek Zwin')
  })

  it('does not double a network the title starts with', () => {
    expect(meetingLabel('GOS', 'GOS-overleg: werkplan 2027')).toBe('GOS-overleg: werkplan 2027')
    expect(meetingLabel('P10', 'p10 bestuurlijk overleg')).toBe('p10 bestuurlijk overleg')
    expect(meetingLabel('OZO', 'Overleg OZO')).toBe('OZO: Overleg OZO')
  })

  it('still prefixes a title that only starts with the same letters', () => {
    expect(meetingLabel('GOS', 'Gosselin-prijs')).toBe('GOS: Gosselin-prijs')
  })
})

describe('meetingFileName', () => {
  it('gives a name every system accepts: no colon, slash or other reserved sign', () => {
    expect(meetingFileName('GOS', 'GOS-overleg: werkplan 2027', 'ics')).toBe(
      'GOS-overleg - werkplan 2027.ics',
    )
    expect(meetingFileName('GOS', 'Begroting 2027/2028 <concept>?', 'pdf')).toBe(
      'GOS - Begroting 2027-2028 -concept--.pdf',
    )
  })

  it('never ends the name in a dot or space, and keeps it short', () => {
    expect(meetingFileName('GOS', 'Slot...  ', 'ics')).toBe('GOS - Slot.ics')
    expect(meetingFileName('GOS', 'x'.repeat(300), 'ics')).toHaveLength(120 + '.ics'.length)
  })
})
