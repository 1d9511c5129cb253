// `npm run totp -- <secret>`: prints the code an authenticator app shows now for this TOTP secret, and
// how many seconds it stays valid. For the demo administrators (the secret is in the start banner and
// the README) on a machine without an authenticator app at hand. Plain JavaScript with one dependency,
// so it works without a build and without tsx.
import { generateTOTP } from '@epic-web/totp'

const secret = (process.argv[2] ?? '').replace(/\s/g, '').toUpperCase()
if (!/^[A-Z2-7]+=*$/.test(secret)) {
  console.error('Usage: npm run totp -- <secret>   (the base32 secret, e.g. from the start banner)')
  process.exit(1)
}
const { otp, period } = await generateTOTP({ secret })
const left = period - (Math.floor(Date.now() / 1000) % period)
console.info(`${otp}  (valid for ${left} more seconds; each code works once)`)
