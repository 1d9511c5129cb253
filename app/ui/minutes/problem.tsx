import { useTranslation } from 'react-i18next'
import { minutesProblems, type MinutesProblem } from '~/modules/minutes/schema'
import { useErrorText } from '../form'

function isMinutesProblem(message: string): message is MinutesProblem {
  return (minutesProblems as readonly string[]).includes(message)
}

/**
 * The messages for a whole minutes form: this module's refusals (an organisation outside the network, a
 * stale version…) in the `minutes` namespace, anything else as a common validation message.
 */
export function MinutesFormError({ errors }: { errors?: string[] | null }) {
  const { t } = useTranslation('minutes')
  const errorText = useErrorText()
  if (!errors?.length) return null
  return (
    <div className="utrecht-alert utrecht-alert--error" role="alert">
      {errors.map((e) => (
        <p key={e} className="utrecht-paragraph">
          {isMinutesProblem(e) ? t(`problems.${e}`) : errorText(e)}
        </p>
      ))}
    </div>
  )
}
