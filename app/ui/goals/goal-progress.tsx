import { useTranslation } from 'react-i18next'

/** A progress bar (native <progress>, so screen readers announce it) with its status in words. */
export function GoalProgress({
  percent,
  status,
  label,
}: {
  percent: number
  status: string
  label: string
}) {
  const { t } = useTranslation('goals')
  return (
    <div className="zwin-goal-progress">
      <progress
        className={`zwin-progress zwin-progress--${status}`}
        max={100}
        value={percent}
        aria-label={label}
      >
        {percent} %
      </progress>
      <span className="zwin-goal-progress__value">{percent} %</span>
      <span className={`zwin-badge zwin-goal-${status}`}>
        {t(`status.${status}` as 'status.onTrack')}
      </span>
    </div>
  )
}
