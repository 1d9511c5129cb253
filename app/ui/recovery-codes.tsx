import { useTranslation } from 'react-i18next'

/** The recovery codes, shown once: right after enrolment or after making new ones. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation('auth')
  return (
    <div className="zwin-recovery-codes" aria-labelledby="recovery-codes-title">
      <h2 id="recovery-codes-title" className="utrecht-heading-2">
        {t('secondFactor.recoveryTitle')}
      </h2>
      <p className="utrecht-paragraph">{t('secondFactor.recoveryIntro')}</p>
      <ul className="utrecht-unordered-list" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code} className="utrecht-unordered-list__item">
            <code>{code}</code>
          </li>
        ))}
      </ul>
    </div>
  )
}
