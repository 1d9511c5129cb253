// The rate limit on checking secrets (app/modules/auth/throttle.server.ts), on a real migrated database:
// counting and recording an attempt is one step, so parallel attempts cannot slip past the count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

let t: TestDatabase
let throttle: typeof import('../../app/modules/auth/throttle.server')

beforeAll(async () => {
  t = await createTestDatabase()
  throttle = await import('../../app/modules/auth/throttle.server')
})
afterAll(() => t.cleanup())

describe('beginAttempt', () => {
  it('lets exactly 5 of 40 parallel attempts for one subject from one address through', async () => {
    const starts = await Promise.all(
      Array.from({ length: 40 }, () =>
        throttle.beginAttempt({ scope: 'login', subject: 'parallel@example.org', ip: '10.0.0.1' }),
      ),
    )
    expect(starts.filter((s) => s.ok)).toHaveLength(throttle.THROTTLE.perSubjectAndIp)
    expect(await t.db.authAttempt.count({ where: { subject: 'parallel@example.org' } })).toBe(5)
    const refused = starts.find((s) => !s.ok)
    expect(refused && !refused.ok && refused.retryAt.getTime()).toBeGreaterThan(Date.now())
  })

  it('a success forgets the attempts from that address only', async () => {
    const subject = 'user-1'
    for (const ip of ['10.0.1.1', '10.0.1.1', '10.0.1.2']) {
      const start = await throttle.beginAttempt({ scope: 'password', subject, ip })
      if (!start.ok) throw new Error('throttled too early')
      await throttle.failAttempt(start.attempt)
    }
    const start = await throttle.beginAttempt({ scope: 'password', subject, ip: '10.0.1.1' })
    if (!start.ok) throw new Error('throttled too early')
    await throttle.succeedAttempt(start.attempt)
    const left = await t.db.authAttempt.findMany({ where: { subject }, select: { ip: true } })
    expect(left).toEqual([{ ip: '10.0.1.2' }])
  })

  it('scopes are counted apart', async () => {
    for (let i = 0; i < 5; i++)
      await throttle.beginAttempt({ scope: 'login', subject: 'same', ip: '10.0.2.1' })
    const other = await throttle.beginAttempt({
      scope: 'password',
      subject: 'same',
      ip: '10.0.2.1',
    })
    expect(other.ok).toBe(true)
  })
})

describe('the reset scope', () => {
  it('lets exactly 3 of 40 parallel requests for one address through, from 40 client addresses', async () => {
    const starts = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        throttle.beginAttempt({ scope: 'reset', subject: 'reset@example.org', ip: `10.0.3.${i}` }),
      ),
    )
    expect(starts.filter((s) => s.ok)).toHaveLength(throttle.RESET_THROTTLE.perSubject)
  })

  it('a trusted browser meets only the per-client limits', async () => {
    const ask = (ip: string) =>
      throttle.beginAttempt({
        scope: 'reset',
        subject: 'own@example.org',
        ip,
        trustedAddress: true,
      })
    for (const ip of ['10.0.4.1', '10.0.4.2', '10.0.4.3', '10.0.4.4'])
      expect((await ask(ip)).ok).toBe(true)
    for (let i = 0; i < 2; i++) await ask('10.0.4.5')
    expect((await ask('10.0.4.5')).ok).toBe(true)
    expect((await ask('10.0.4.5')).ok).toBe(false)
  })
})

describe('subjectDelayMs', () => {
  it('is free up to 10 failures, then doubles from 30 seconds to at most 5 minutes', () => {
    const delays = [0, 9, 10, 11, 12, 13, 14, 15, 50].map(throttle.subjectDelayMs)
    expect(delays).toEqual([0, 0, 30_000, 60_000, 120_000, 240_000, 300_000, 300_000, 300_000])
  })
})
