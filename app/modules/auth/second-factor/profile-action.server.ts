import { parseWithZod } from '@conform-to/zod/v4'
import { data } from '@remix-run/node'
import type { CurrentUser } from '../../access/access.server'
import { redirectWithFlash } from '../../flash/flash.server'
import { secondFactorChangeSchema } from '../schemas'
import { waitUntil } from '../throttle.server'
import { renewRecoveryCodes, turnOffSecondFactor } from './totp.server'

/** The profile's second-factor forms: new recovery codes, or switching it off; both need a current code. */
export async function secondFactorAction(user: CurrentUser, formData: FormData, ip: string) {
  const submission = parseWithZod(formData, { schema: secondFactorChangeSchema })
  if (submission.status !== 'success') {
    return data({ secondFactor: submission.reply({ hideFields: ['code'] }) }, { status: 400 })
  }
  const { intent, code } = submission.value
  const result =
    intent === 'renewRecoveryCodes'
      ? await renewRecoveryCodes({ user, code, ip })
      : await turnOffSecondFactor({ user, code, ip })
  if (result.ok) {
    if ('recoveryCodes' in result) return { recoveryCodes: result.recoveryCodes }
    return redirectWithFlash('/profiel', 'secondFactorOff')
  }
  const hidden = { hideFields: ['code'] }
  if (result.reason === 'throttled') {
    const wait = waitUntil(result.retryAt)
    return data(
      {
        secondFactor: submission.reply({
          ...hidden,
          fieldErrors: { code: [`codeThrottled|${wait.minutes}`] },
        }),
      },
      { status: 429, headers: { 'Retry-After': String(wait.seconds) } },
    )
  }
  const message = result.reason === 'required' ? 'secondFactorRequired' : 'codeInvalid'
  return data(
    { secondFactor: submission.reply({ ...hidden, fieldErrors: { code: [message] } }) },
    { status: 400 },
  )
}
