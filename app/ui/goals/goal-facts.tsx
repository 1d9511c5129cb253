import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { currentReportingPeriod } from '~/modules/goals/reporting-period'
import { useFormatters } from '../format'
import { GoalProgress } from './goal-progress'
import { useGoalValue } from './goal-value'

type Facts = {
  name: string
  unit: string
  customUnit: string | null
  direction: string
  baselineValue: number
  baselineDate: string | null
  targetValue: number
  targetDate: string
  reportingPeriod: string | null
  project: { id: string; title: string } | null
  summary: {
    status: string
    percent: number
    latest: { date: string; value: number } | null
    expected: number | null
  }
}

export function GoalFacts({ network, goal }: { network: { slug: string }; goal: Facts }) {
  const { t } = useTranslation('goals')
  const { date } = useFormatters()
  const value = useGoalValue()
  const v = (n: number) => value(goal.unit, goal.customUnit, n)
  const period = currentReportingPeriod(goal, new Date())
  return (
    <>
      <p className="zwin-muted">
        {goal.project ? (
          <Link
            className="utrecht-link"
            to={`/netwerken/${network.slug}/projecten/${goal.project.id}`}
          >
            {t('ofProject', { project: goal.project.title })}
          </Link>
        ) : (
          t('ofNetwork')
        )}{' '}
        · {t(`direction.${goal.direction}` as 'direction.higher')}
      </p>
      <GoalProgress
        percent={goal.summary.percent}
        status={goal.summary.status}
        label={t('progressLabel', { goal: goal.name })}
      />
      <dl className="zwin-dl">
        <dt>{t('detail.baseline')}</dt>
        <dd>
          {v(goal.baselineValue)} (
          {goal.baselineDate ? date(goal.baselineDate) : t('detail.noBaselineDate')})
        </dd>
        <dt>{t('detail.target')}</dt>
        <dd>
          {v(goal.targetValue)} ({date(goal.targetDate)})
        </dd>
        <dt>{t('detail.latest')}</dt>
        <dd>
          {goal.summary.latest
            ? `${v(goal.summary.latest.value)} (${date(goal.summary.latest.date)})`
            : t('noMeasurements')}
        </dd>
        {period ? (
          <>
            <dt>{t('detail.reportingPeriod')}</dt>
            <dd>
              {t(`reportingPeriod.${goal.reportingPeriod}` as 'reportingPeriod.monthly')} (
              {t('detail.currentPeriod')}: {date(period.firstDay)} – {date(period.lastDay)})
            </dd>
          </>
        ) : null}
        {goal.summary.expected !== null ? (
          <>
            <dt>{t('detail.expected')}</dt>
            <dd>{v(goal.summary.expected)}</dd>
          </>
        ) : null}
      </dl>
    </>
  )
}
