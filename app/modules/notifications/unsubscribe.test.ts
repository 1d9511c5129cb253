import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { readUnsubscribeToken, unsubscribeToken } from './unsubscribe.server'

const SECRET = 'a'.repeat(40)
const OTHER_SECRET = 'b'.repeat(40)

describe('unsubscribe tokens', () => {
  it('reads back who, which kind and which network, URL-safe', () => {
    const token = unsubscribeToken('cuser1', 'documents', 'cnet1', SECRET)
    expect(token).toMatch(/^[A-Za-z0-9_.-]+$/)
    expect(readUnsubscribeToken(token, SECRET)).toEqual({
      userId: 'cuser1',
      kind: 'documents',
      networkId: 'cnet1',
    })
    expect(
      readUnsubscribeToken(unsubscribeToken('cuser1', 'minutes', null, SECRET), SECRET),
    ).toEqual({ userId: 'cuser1', kind: 'minutes', networkId: '' })
  })

  it('refuses a token for another person, kind or network made by changing the payload', () => {
    const token = unsubscribeToken('cuser1', 'documents', 'cnet1', SECRET)
    const mac = token.split('.')[1]
    for (const payload of ['cuser2:documents:cnet1', 'cuser1:goals:cnet1', 'cuser1:documents:']) {
      expect(
        readUnsubscribeToken(`${Buffer.from(payload).toString('base64url')}.${mac}`, SECRET),
      ).toBeNull()
    }
  })

  it('refuses a changed signature, another secret and malformed tokens', () => {
    const token = unsubscribeToken('cuser1', 'documents', '', SECRET)
    const last = token.at(-2) === 'A' ? 'B' : 'A'
    expect(readUnsubscribeToken(token.slice(0, -2) + last + token.at(-1), SECRET)).toBeNull()
    expect(readUnsubscribeToken(token, OTHER_SECRET)).toBeNull()
    for (const bad of ['', '.', 'x', token + '.x', token.replace('.', ''), '%00', 'a'.repeat(5000)])
      expect(readUnsubscribeToken(bad, SECRET)).toBeNull()
  })

  it('refuses a signature of the same secret made for another purpose', () => {
    const payload = 'cuser1:documents:'
    const plain = createHmac('sha256', SECRET).update(payload).digest('base64url')
    const otherPurpose = createHmac('sha256', SECRET)
      .update(`zwin/calendar/feed\n${payload}`)
      .digest('base64url')
    const encoded = Buffer.from(payload).toString('base64url')
    expect(readUnsubscribeToken(`${encoded}.${plain}`, SECRET)).toBeNull()
    expect(readUnsubscribeToken(`${encoded}.${otherPurpose}`, SECRET)).toBeNull()
  })

  it('refuses a signed payload with an unknown kind', () => {
    const payload = 'cuser1:everything:'
    const mac = createHmac('sha256', SECRET)
      .update(`zwin/notifications/unsubscribe/v1\n${payload}`)
      .digest('base64url')
    expect(
      readUnsubscribeToken(`${Buffer.from(payload).toString('base64url')}.${mac}`, SECRET),
    ).toBeNull()
  })
})
