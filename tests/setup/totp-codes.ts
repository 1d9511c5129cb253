/**
 * Codes of an authenticator app, computed in the test from the account's secret (the demo
 * administrators share DEMO_TOTP_SECRET, prisma/demo-logins.ts).
 *
 * The server accepts a code once per time step and account (replay protection, RFC 6238 §5.2), as it
 * must. Tests in parallel workers and processes sign in as the same administrator within one 30-second
 * step, so every code a test brings is first claimed here: a file per account and step, created
 * exclusively. When the current step is taken, the test waits for the next one. Nothing in the product
 * is relaxed for tests.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateTOTP } from '@epic-web/totp'
import { DEMO_TOTP_SECRET } from '../../prisma/demo-logins'

export { DEMO_TOTP_SECRET }

const PERIOD_MS = 30_000
const claims = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '.output',
  'totp-claims',
)

const currentStep = () => Math.floor(Date.now() / PERIOD_MS)

/** The code the app shows now (no claim: for a code that is meant to be refused, or checked twice). */
export async function currentCode(secret = DEMO_TOTP_SECRET): Promise<string> {
  return (await generateTOTP({ secret })).otp
}

function claim(account: string, step: number): boolean {
  fs.mkdirSync(claims, { recursive: true })
  const safe = account.replace(/[^a-z0-9.@-]/gi, '_')
  try {
    fs.closeSync(fs.openSync(path.join(claims, `${safe}-${step}`), 'wx'))
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
}

function forgetOldClaims() {
  if (!fs.existsSync(claims)) return
  const before = currentStep() - 10
  for (const name of fs.readdirSync(claims)) {
    const step = Number(name.slice(name.lastIndexOf('-') + 1))
    if (step < before) fs.rmSync(path.join(claims, name), { force: true })
  }
}

/**
 * A code of `account`'s app that no other test of this run has brought: the current step's, or, when
 * that one is taken, the next step's (waiting for it, at most 30 seconds).
 */
export async function freshCode(account: string, secret = DEMO_TOTP_SECRET): Promise<string> {
  forgetOldClaims()
  for (;;) {
    const step = currentStep()
    // Not in the last second of a step: the code could be a step old by the time the server sees it,
    // and a later claim of the next step would bring a code the server has not accepted yet either way.
    const left = (step + 1) * PERIOD_MS - Date.now()
    if (left > 1_500 && claim(account, step)) {
      const code = await currentCode(secret)
      if (currentStep() === step) return code
    }
    await new Promise((resolve) => setTimeout(resolve, (step + 1) * PERIOD_MS - Date.now() + 50))
  }
}
