import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireNetworkAccess, requireUser } from '~/modules/access/access.server'
import { programmeOverview } from '~/modules/goals/programme.server'
import { useFormatters } from '~/ui/format'
import { GoalProgressList } from '~/ui/goals/goal-progress'
import { BackLink } from '~/ui/links'
import { namedPageTitle, namedTitle } from '~/ui/meta'
import { PrintButton } from '~/ui/print-button'
import { BudgetTotalsView } from '~/ui/projects/budget'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? namedPageTitle(matches, data.network.shortName, 'goals:programme.title')
    : namedTitle(undefined)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireNetworkAccess(user, params.network ?? '')
  return {
    network: access.network,
    generatedAt: new Date().toISOString(),
    ...(await programmeOverview(access)),
  }
}

export default function ProgrammeOverview() {
  const { t } = useTranslation('goals')
  const { t: tp } = useTranslation('projects')
  const {
    network,
    generatedAt,
    projectsByStatus,
    goalsByStatus,
    goalsAtRisk,
    goalsAtRiskTotal,
    milestones,
    budget,
  } = useLoaderData<typeof loader>()
  const { date, dateTime } = useFormatters()
  const base = `/netwerken/${network.slug}`
  return (
    <article className="zwin-programme">
      <BackLink to={base}>{network.name}</BackLink>
      <h1 className="utrecht-heading-1">
        {t('programme.title')}: {network.shortName}
      </h1>
      <p className="utrecht-paragraph">{t('programme.intro', { network: network.name })}</p>
      <p className="zwin-muted">{t('programme.generated', { date: dateTime(generatedAt) })}</p>
      <PrintButton label={t('programme.print')} />

      <h2 className="utrecht-heading-2">{t('programme.projectsTitle')}</h2>
      <ul className="zwin-stat-list">
        {projectsByStatus.map((s) => (
          <li key={s.status}>
            <span className="zwin-stat-list__count">{s.count}</span>{' '}
            <span>{tp(`status.${s.status}` as 'status.idea')}</span>
          </li>
        ))}
      </ul>
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to={`${base}/projecten`}>
          {tp('listTitle', { network: network.shortName })}
        </Link>
      </p>

      <h2 className="utrecht-heading-2">{t('programme.goalsAtRiskTitle')}</h2>
      {goalsAtRisk.length ? (
        <GoalProgressList networkSlug={network.slug} goals={goalsAtRisk} />
      ) : (
        <p className="utrecht-paragraph">{t('programme.noGoalsAtRisk')}</p>
      )}
      {goalsAtRiskTotal > goalsAtRisk.length ? (
        <p className="utrecht-paragraph zwin-muted">
          {t('programme.moreAtRisk', { shown: goalsAtRisk.length, count: goalsAtRiskTotal })}
        </p>
      ) : null}

      <h2 className="utrecht-heading-2">{t('programme.milestonesTitle')}</h2>
      {milestones.length ? (
        <ul className="utrecht-unordered-list">
          {milestones.map((m) => (
            <li key={m.id}>
              <strong>{date(m.dueDate)}</strong> — {m.title} (
              <Link className="utrecht-link" to={`${base}/projecten/${m.project.id}`}>
                {m.project.title}
              </Link>
              )
            </li>
          ))}
        </ul>
      ) : (
        <p className="utrecht-paragraph">{t('programme.noMilestones')}</p>
      )}

      <h2 className="utrecht-heading-2">{t('programme.budgetTitle')}</h2>
      {budget.totals.totalCents > 0 ? (
        <BudgetTotalsView totals={budget.totals} level={3} />
      ) : (
        <p className="utrecht-paragraph">{t('programme.noBudget')}</p>
      )}

      <h2 className="utrecht-heading-2">{t('programme.goalsTitle')}</h2>
      <ul className="zwin-stat-list">
        {goalsByStatus.map((s) => (
          <li key={s.status}>
            <span className="zwin-stat-list__count">{s.count}</span>{' '}
            <span>{t(`status.${s.status}` as 'status.onTrack')}</span>
          </li>
        ))}
      </ul>
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to={`${base}/doelen`}>
          {t('programme.allGoals', { count: goalsByStatus.reduce((n, s) => n + s.count, 0) })}
        </Link>
      </p>
    </article>
  )
}
