import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ScrollableTable } from '../table-wrap'
import { useFormatters } from '../format'
import { useGoalValue } from './goal-value'

type Row = {
  id: string | null
  date: string
  value: number
  note: string
  organisation: string
  own: boolean
  evidence: { id: string; title: string } | null
}

export function MeasurementTable({
  network,
  goal,
}: {
  network: { slug: string }
  goal: { id: string; unit: string; customUnit: string | null; measurements: Row[] }
}) {
  const { t } = useTranslation('goals')
  const { date } = useFormatters()
  const value = useGoalValue()
  if (goal.measurements.length === 0) return null
  return (
    <section aria-labelledby="measurements">
      <h2 id="measurements" className="utrecht-heading-2">
        {t('detail.measurementsTitle')}
      </h2>
      <ScrollableTable labelledBy="measurements">
        <thead>
          <tr>
            <th scope="col">{t('detail.date')}</th>
            <th scope="col">{t('detail.organisation')}</th>
            <th scope="col" className="zwin-number">
              {t('detail.value')}
            </th>
            <th scope="col">{t('detail.note')}</th>
            <th scope="col">
              <span className="zwin-visually-hidden">{t('detail.edit')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {goal.measurements.map((m, i) => (
            <tr key={m.id ?? `other-${i}`}>
              <td>{date(m.date)}</td>
              <td>{m.organisation}</td>
              <td className="zwin-number">{value(goal.unit, goal.customUnit, m.value)}</td>
              <td>
                {m.note}
                {m.evidence ? (
                  <>
                    {m.note ? ' · ' : ''}
                    <Link
                      className="utrecht-link"
                      to={`/netwerken/${network.slug}/documenten/${m.evidence.id}`}
                    >
                      {t('detail.evidence', { title: m.evidence.title })}
                    </Link>
                  </>
                ) : null}
              </td>
              <td>
                {m.own && m.id ? (
                  <Link
                    className="utrecht-link"
                    to={`/netwerken/${network.slug}/doelen/${goal.id}/metingen/${m.id}`}
                    aria-label={t('detail.editLabel', { date: date(m.date) })}
                  >
                    {t('detail.edit')}
                  </Link>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollableTable>
    </section>
  )
}
