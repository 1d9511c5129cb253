import { useTranslation } from 'react-i18next'
import { meetingWhen } from '~/modules/meetings/when'

// The formatting itself lives in the module, shared with the invitation mail and the agenda pack.
export { clockTime, meetingWhen } from '~/modules/meetings/when'

export function useMeetingWhen() {
  const { i18n } = useTranslation()
  return (startsAt: Date | string, endsAt: Date | string) =>
    meetingWhen(i18n.language, startsAt, endsAt)
}
