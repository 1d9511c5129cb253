import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireNetworkAccess, requireUser } from '~/modules/access/access.server'
import { goalProjectsFor, listGoalsPage } from '~/modules/goals/goals.server'
import { useFormatters } from '~/ui/format'
import { GoalProgress } from '~/ui/goals/goal-progress'
import { GoalRule } from '~/ui/goals/goal-rule'
import { Pager } from '~/ui/pager'
import { useGoalValue } from '~/ui/goals/goal-value'
import { BackLink, PrimaryLink } from '~/ui/links'
import { namedPageTitle, namedTitle } from '~/ui/meta'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? namedPageTitle(matches, data.network.shortName, 'goals:overviewTitle')
    : namedTitle(undefined)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const access = await requireNetworkAccess(user, params.network ?? '')
  const page = Number(new URL(request.url).searchParams.get('pagina') ?? '1')
  const [list, projects] = await Promise.all([
    listGoalsPage(access, Number.isInteger(page) ? page : 1),
    goalProjectsFor(user, access),
  ])
  return {
    network: access.network,
    ...list,
    canCreate: access.roles.includes('coordinator') || projects.length > 0,
  }
}

export default function GoalsOverview() {
  const { t } = useTranslation('goals')
  const { network, goals, canCreate, page, pages, total } = useLoaderData<typeof loader>()
  const { date } = useFormatters()
  const value = useGoalValue()
  return (
    <>
      <BackLink to={`/netwerken/${network.slug}`}>{network.name}</BackLink>
      <h1 className="utrecht-heading-1">{t('overviewTitle')}</h1>
      <p className="utrecht-paragraph">{t('overviewIntro')}</p>
      {canCreate ? (
        <PrimaryLink to={`/netwerken/${network.slug}/doelen/nieuw`}>{t('new')}</PrimaryLink>
      ) : null}
      {goals.length === 0 ? (
        <div className="utrecht-alert utrecht-alert--info">
          <p className="utrecht-paragraph">{t('empty')}</p>
        </div>
      ) : (
        <ul className="zwin-goal-list">
          {goals.map((g) => (
            <li key={g.id} className="zwin-card">
              <h2 className="utrecht-heading-3">
                <Link className="utrecht-link" to={`/netwerken/${network.slug}/doelen/${g.id}`}>
                  {g.name}
                </Link>
              </h2>
              <p className="zwin-muted">
                {g.project ? t('ofProject', { project: g.project.title }) : t('ofNetwork')} ·{' '}
                {t('targetLine', {
                  value: value(g.unit, g.customUnit, g.targetValue),
                  date: date(g.targetDate),
                })}
              </p>
              <GoalProgress
                percent={g.percent}
                status={g.status}
                label={t('progressLabel', { goal: g.name })}
              />
              <p className="zwin-muted">
                {g.latest
                  ? t('latestLine', {
                      value: value(g.unit, g.customUnit, g.latest.value),
                      date: date(g.latest.date),
                    })
                  : t('noMeasurements')}
              </p>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 ? <Pager page={page} pages={pages} total={total} /> : null}
      <GoalRule />
    </>
  )
}
