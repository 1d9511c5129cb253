import { describe, expect, it } from 'vitest'
import { plainTranslator } from '../../i18n/translate'
import { describeActivity } from './describe'
import type { ActivityItem } from './types'

const base: ActivityItem = {
  id: 'e1',
  kind: 'meeting_changed',
  // 14:05 in Amsterdam (winter time, UTC+1).
  at: '2026-12-03T13:05:00.000Z',
  actor: { name: 'Anna de Vries', organisation: 'Gemeente Sluis' },
  network: { slug: 'gos', name: 'Grensoverschrijdend Samenwerkingsoverleg', shortName: 'GOS' },
  subject: { title: 'GOS-overleg maart', href: '/netwerken/gos/vergaderingen/m1' },
  meeting: null,
  data: {
    changes: [
      { field: 'startsAt', from: '2027-03-04T08:00:00.000Z', to: '2027-03-04T09:30:00.000Z' },
      { field: 'location', from: '', to: 'Gemeentehuis Knokke' },
    ],
  },
}

describe('describeActivity', () => {
  it('says who did what, old → new in Europe/Amsterdam time, in nl-NL', () => {
    const s = describeActivity(base, plainTranslator('nl-NL'), 'nl-NL')
    expect(s.who).toBe('Anna de Vries (Gemeente Sluis)')
    expect(s.did).toBe('heeft een vergadering gewijzigd')
    expect(s.when).toBe('3 december 2026, 14:05')
    expect(s.changes).toEqual([
      { label: 'Begin', from: '4 maart 2027, 09:00', to: '4 maart 2027, 10:30' },
      { label: 'Locatie', from: '(leeg)', to: 'Gemeentehuis Knokke' },
    ])
  })

  it('uses the Flemish words where they differ, and English', () => {
    const approved = { ...base, kind: 'minutes_approved' as const, data: {} }
    expect(describeActivity(approved, plainTranslator('nl-NL'), 'nl-NL').did).toBe(
      'heeft het verslag vastgesteld',
    )
    expect(describeActivity(approved, plainTranslator('nl-BE'), 'nl-BE').did).toBe(
      'heeft het verslag goedgekeurd',
    )
    const en = describeActivity(approved, plainTranslator('en'), 'en')
    expect(en.did).toBe('approved the minutes')
    expect(en.when).toBe('3 December 2026, 14:05')
  })

  it('names only the organisation when the account is gone, and shows outcome, value and status', () => {
    const t = plainTranslator('nl-BE')
    const decision = describeActivity(
      {
        ...base,
        kind: 'decision_recorded',
        actor: { name: null, organisation: 'Gemeente Damme' },
        data: { itemTitle: 'Werkplan', outcome: 'noted' },
      },
      t,
      'nl-BE',
    )
    expect(decision.who).toBe('Gemeente Damme')
    expect(decision.details).toEqual(['Agendapunt: Werkplan', 'Uitkomst: Akte genomen'])
    const measured = describeActivity(
      { ...base, kind: 'measurement_recorded', data: { value: 1250.5, unit: 'EUR' } },
      t,
      'nl-BE',
    )
    expect(measured.details[0]).toMatch(/^Waarde: €\s1\.250,50$/u)
    const status = describeActivity(
      {
        ...base,
        kind: 'project_status_changed',
        data: { changes: [{ field: 'status', from: 'idea', to: 'active' }] },
      },
      plainTranslator('nl-NL'),
      'nl-NL',
    )
    expect(status.changes).toEqual([{ label: 'Status', from: 'Idee', to: 'Loopt' }])
  })
})
