import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GoalProgressList } from '../goals/goal-progress'

type GoalSummary = { id: string; name: string; percent: number; status: string }

export function ProjectGoals({
  network,
  projectId,
  goals,
  canEdit,
}: {
  network: { slug: string }
  projectId: string
  goals: GoalSummary[]
  canEdit: boolean
}) {
  const { t } = useTranslation('goals')
  return (
    <section aria-labelledby="project-goals">
      <h2 id="project-goals" className="utrecht-heading-2">
        {t('overviewTitle')}
      </h2>
      {goals.length ? (
        <GoalProgressList networkSlug={network.slug} goals={goals} />
      ) : (
        <p className="utrecht-paragraph">{t('empty')}</p>
      )}
      {canEdit ? (
        <p className="utrecht-paragraph">
          <Link
            className="utrecht-link"
            to={`/netwerken/${network.slug}/doelen/nieuw?project=${projectId}`}
          >
            {t('new')}
          </Link>
        </p>
      ) : null}
    </section>
  )
}
