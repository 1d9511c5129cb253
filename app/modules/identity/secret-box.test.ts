import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { openSecret, sealSecret, SecretsKeyMissing } from './secret-box.server'

describe('secret box', () => {
  const key = randomBytes(32)

  it('gives back the secret it sealed, and never stores it in clear', () => {
    const sealed = sealSecret('client-secret-of-knokke', key)
    expect(sealed).not.toContain('client-secret-of-knokke')
    expect(openSecret(sealed, key)).toBe('client-secret-of-knokke')
    // A fresh IV each time: the same secret twice does not look the same.
    expect(sealSecret('client-secret-of-knokke', key)).not.toBe(sealed)
  })

  it('refuses another key and a changed ciphertext', () => {
    const sealed = sealSecret('s3cret', key)
    expect(() => openSecret(sealed, randomBytes(32))).toThrow()
    const parts = sealed.split('.')
    const body = Buffer.from(parts[3]!, 'base64url')
    body[0] = body[0]! ^ 1
    parts[3] = body.toString('base64url')
    expect(() => openSecret(parts.join('.'), key)).toThrow()
  })

  it('says so when SECRETS_KEY is not set', () => {
    expect(() => sealSecret('x', undefined)).toThrow(SecretsKeyMissing)
  })
})
