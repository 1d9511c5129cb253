import { Link } from '@remix-run/react'
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

/** Goals as links, each with its progress bar and status (a project's goals, the goals behind). */
export function GoalProgressList({
  networkSlug,
  goals,
}: {
  networkSlug: string
  goals: { id: string; name: string; percent: number; status: string }[]
}) {
  const { t } = useTranslation('goals')
  return (
    <ul className="zwin-goal-list">
      {goals.map((g) => (
        <li key={g.id}>
          <Link className="utrecht-link" to={`/netwerken/${networkSlug}/doelen/${g.id}`}>
            {g.name}
          </Link>
          <GoalProgress
            percent={g.percent}
            status={g.status}
            label={t('progressLabel', { goal: g.name })}
          />
        </li>
      ))}
    </ul>
  )
}
