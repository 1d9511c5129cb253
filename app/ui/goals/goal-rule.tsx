import { useTranslation } from 'react-i18next'

/** The status rule in plain words, on every page that shows a status (users must be able to check it). */
export function GoalRule() {
  const { t } = useTranslation('goals')
  return (
    <details className="zwin-rule">
      <summary>{t('rule.title')}</summary>
      <p className="utrecht-paragraph">{t('rule.line')}</p>
      <p className="utrecht-paragraph">{t('rule.total')}</p>
      <p className="utrecht-paragraph">{t('rule.status')}</p>
    </details>
  )
}
