import type { MetaFunction } from '@remix-run/node'
import { useTranslation } from 'react-i18next'
import { pageTitle } from '~/ui/meta'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'accessibility.title')

export default function AccessibilityStatement() {
  const { t } = useTranslation()
  return (
    <article aria-labelledby="a11y-title">
      <h1 id="a11y-title" className="utrecht-heading-1">
        {t('accessibility.title')}
      </h1>
      <p className="utrecht-paragraph">{t('accessibility.intro')}</p>
      <h2 className="utrecht-heading-2">{t('accessibility.statusTitle')}</h2>
      <p className="utrecht-paragraph">{t('accessibility.status')}</p>
      <h2 className="utrecht-heading-2">{t('accessibility.measuresTitle')}</h2>
      <ul className="utrecht-unordered-list">
        <li>{t('accessibility.measures.keyboard')}</li>
        <li>{t('accessibility.measures.smallScreens')}</li>
        <li>{t('accessibility.measures.contrast')}</li>
        <li>{t('accessibility.measures.language')}</li>
        <li>{t('accessibility.measures.tests')}</li>
      </ul>
      <h2 className="utrecht-heading-2">{t('accessibility.contactTitle')}</h2>
      <p className="utrecht-paragraph">{t('accessibility.contact')}</p>
    </article>
  )
}
