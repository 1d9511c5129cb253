import { useTranslation } from 'react-i18next'
import { LineChart } from '../charts/line-chart'
import { useFormatters } from '../format'
import { ScrollableTable } from '../table-wrap'
import { useGoalValue } from './goal-value'

type ChartGoal = {
  name: string
  unit: string
  customUnit: string | null
  baselineValue: number
  baselineDate: string | null
  targetValue: number
  targetDate: string
  series: { date: string; value: number }[]
  partners: { organisation: string; date: string; value: number; share: number | null }[]
}

/** The chart, with the same figures beside it as tables (readable without the picture). */
export function GoalCharts({ goal }: { goal: ChartGoal }) {
  const { t } = useTranslation('goals')
  const { date, percent } = useFormatters()
  const value = useGoalValue()
  const v = (n: number) => value(goal.unit, goal.customUnit, n)
  const start = goal.baselineDate ?? goal.series[0]?.date ?? goal.targetDate
  const chart = {
    title: t('detail.chartTitle', { goal: goal.name }),
    description: t('detail.chartDescription', { date: date(goal.targetDate) }),
    series: goal.series,
    target: {
      start: { date: start, value: goal.baselineValue },
      end: { date: goal.targetDate, value: goal.targetValue },
    },
    formatValue: v,
    formatDate: date,
    labels: { measured: t('detail.measured'), target: t('detail.targetLine') },
  }
  return (
    // The chart takes the full width; the same figures follow as two tables side by side (one column on
    // narrow screens), so no table has to scroll.
    <div className="zwin-chart-layout">
      {/*
       * Drawn twice, for a wide and for a narrow screen, so that the text stays readable when the picture
       * shrinks; layout.css shows one of them (the other is display: none, so screen readers meet one).
       */}
      <figure className="zwin-chart">
        <div className="zwin-chart__wide">
          <LineChart {...chart} />
        </div>
        <div className="zwin-chart__narrow">
          <LineChart {...chart} width={360} />
        </div>
      </figure>
      <div>
        <ScrollableTable caption={t('detail.tableTitle')}>
          <thead>
            <tr>
              <th scope="col">{t('detail.date')}</th>
              <th scope="col" className="zwin-number">
                {t('detail.value')}
              </th>
            </tr>
          </thead>
          <tbody>
            {goal.series.map((p) => (
              <tr key={p.date}>
                <td>{date(p.date)}</td>
                <td className="zwin-number">{v(p.value)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollableTable>
        {goal.partners.length ? (
          <ScrollableTable caption={t('detail.partnersTitle')}>
            <thead>
              <tr>
                <th scope="col">{t('detail.partner')}</th>
                <th scope="col" className="zwin-number">
                  {t('detail.partnerLatest')}
                </th>
                <th scope="col" className="zwin-number">
                  {t('detail.share')}
                </th>
              </tr>
            </thead>
            <tbody>
              {goal.partners.map((p) => (
                <tr key={p.organisation}>
                  <th scope="row">{p.organisation}</th>
                  <td className="zwin-number">
                    {v(p.value)} <span className="zwin-muted">({date(p.date)})</span>
                  </td>
                  <td className="zwin-number">{p.share === null ? '—' : percent(p.share)}</td>
                </tr>
              ))}
            </tbody>
          </ScrollableTable>
        ) : (
          <p className="utrecht-paragraph">{t('detail.noPartners')}</p>
        )}
      </div>
    </div>
  )
}
