import { hash, verify } from '@node-rs/argon2'

// argon2id with OWASP's second recommended setting (19 MiB, t=2, p=1): strong, and quick enough on a
// 2-core server that a burst of sign-ins does not queue.
const options = {
  algorithm: 2 /* Argon2id */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const

export function hashPassword(password: string): Promise<string> {
  return hash(password, options)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

// Verifying against a real hash when the e-mail is unknown makes both answers take the same time.
let dummyHash: Promise<string> | undefined
export async function burnVerifyTime(password: string): Promise<void> {
  dummyHash ??= hashPassword('zwin-dummy-password-for-timing')
  await verifyPassword(await dummyHash, password)
}
