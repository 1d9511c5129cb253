import { describe, expect, it } from 'vitest'
import {
  defaultDelivery,
  deliveryFor,
  notificationKindFor,
  notificationKinds,
  preferencesSchema,
} from './preferences'

describe('deliveryFor', () => {
  it('gives the defaults without any choice: own action at once, the rest daily', () => {
    expect(deliveryFor([], 'invitations', 'n1')).toBe('immediately')
    expect(deliveryFor([], 'meeting_changes', 'n1')).toBe('immediately')
    expect(deliveryFor([], 'action_items', null)).toBe('immediately')
    expect(deliveryFor([], 'reminders', 'n1')).toBe('immediately')
    for (const kind of [
      'documents',
      'meeting_documents',
      'decisions',
      'minutes',
      'goals',
      'projects',
    ] as const)
      expect(deliveryFor([], kind, 'n1')).toBe('daily')
  })

  it('lets the all-networks choice win over the default', () => {
    const prefs = [{ kind: 'documents', networkId: '', delivery: 'weekly' }]
    expect(deliveryFor(prefs, 'documents', 'n1')).toBe('weekly')
    expect(deliveryFor(prefs, 'documents')).toBe('weekly')
    expect(deliveryFor(prefs, 'decisions', 'n1')).toBe('daily')
  })

  it("lets a network's own choice win over the all-networks choice, for that network only", () => {
    const prefs = [
      { kind: 'documents', networkId: 'n1', delivery: 'off' },
      { kind: 'documents', networkId: '', delivery: 'weekly' },
    ]
    expect(deliveryFor(prefs, 'documents', 'n1')).toBe('off')
    expect(deliveryFor(prefs, 'documents', 'n2')).toBe('weekly')
    expect(deliveryFor(prefs, 'documents', null)).toBe('weekly')
  })

  it('skips a row it does not understand', () => {
    const prefs = [{ kind: 'documents', networkId: '', delivery: 'hourly' }]
    expect(deliveryFor(prefs, 'documents', 'n1')).toBe('daily')
  })
})

describe('notificationKindFor', () => {
  it('maps the activity events to their kind of mail', () => {
    expect(notificationKindFor('document_version')).toBe('documents')
    expect(notificationKindFor('meeting_published')).toBe('invitations')
    expect(notificationKindFor('meeting_cancelled')).toBe('meeting_changes')
    expect(notificationKindFor('action_done')).toBe('action_items')
    expect(notificationKindFor('measurement_recorded')).toBe('goals')
    expect(notificationKindFor('project_status_changed')).toBe('projects')
  })
  it('gives null for anything else, inherited object keys too', () => {
    expect(notificationKindFor('toString')).toBeNull()
    expect(notificationKindFor('unknown')).toBeNull()
  })
})

describe('preferencesSchema', () => {
  const all = Object.fromEntries(notificationKinds.map((k) => [k, defaultDelivery[k]]))
  it('accepts a full form', () => {
    const parsed = preferencesSchema.safeParse({
      digestHour: '7',
      digestWeekday: '1',
      all,
      networks: {
        n1: {
          ...Object.fromEntries(notificationKinds.map((k) => [k, 'inherit'])),
          documents: 'off',
        },
      },
    })
    expect(parsed.success).toBe(true)
    expect(parsed.data?.digestHour).toBe(7)
  })
  it('refuses an hour outside 0–23, a weekday outside 1–7 and an unknown delivery', () => {
    expect(preferencesSchema.safeParse({ digestHour: '24', digestWeekday: '1', all }).success).toBe(
      false,
    )
    expect(preferencesSchema.safeParse({ digestHour: '7', digestWeekday: '0', all }).success).toBe(
      false,
    )
    expect(
      preferencesSchema.safeParse({
        digestHour: '7',
        digestWeekday: '1',
        all: { ...all, goals: 'hourly' },
      }).success,
    ).toBe(false)
    expect(
      preferencesSchema.safeParse({
        digestHour: '7',
        digestWeekday: '1',
        all: { ...all, inherit: 'off' },
      }).success,
    ).toBe(false)
  })
})
