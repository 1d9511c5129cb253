/**
 * Secrets Zwin must keep for others (an identity provider's client secret) are stored encrypted with
 * AES-256-GCM under SECRETS_KEY, which lives in the environment and never in the database or its backups.
 * Stored form: `v1.<iv>.<tag>.<ciphertext>`, each part base64url.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

export class SecretsKeyMissing extends Error {
  override name = 'SecretsKeyMissing'
}

function requireKey(key: Buffer | undefined): Buffer {
  if (!key || key.length !== 32) throw new SecretsKeyMissing('SECRETS_KEY is not set')
  return key
}

export function sealSecret(plain: string, key: Buffer | undefined): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', requireKey(key), iv)
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return ['v1', iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.')
}

/** The plain secret; throws when the key is missing or another key sealed it (GCM's tag does not match). */
export function openSecret(sealed: string, key: Buffer | undefined): string {
  const [version, iv, tag, body] = sealed.split('.')
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('Not a sealed secret')
  const decipher = createDecipheriv('aes-256-gcm', requireKey(key), Buffer.from(iv, 'base64url'))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([
    decipher.update(Buffer.from(body, 'base64url')),
    decipher.final(),
  ]).toString('utf8')
}
