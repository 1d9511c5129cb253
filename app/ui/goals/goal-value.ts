import { useTranslation } from 'react-i18next'
import { numberFormat } from '~/i18n/intl'

/** A goal's value with its unit, in the reader's locale: "€ 250.000", "1.200 uur", "12,5 %". */
export function useGoalValue() {
  const { t, i18n } = useTranslation('goals')
  return (unit: string, customUnit: string | null, value: number) => {
    const locale = i18n.language
    if (unit === 'EUR') {
      return numberFormat(locale, {
        style: 'currency',
        currency: 'EUR',
        // Whole euros stay whole ("€ 250.000"); cents show when there are any ("€ 12,50").
        minimumFractionDigits: Number.isInteger(value) ? 0 : 2,
        maximumFractionDigits: 2,
      }).format(value)
    }
    const number = numberFormat(locale, { maximumFractionDigits: 2 }).format(value)
    if (unit === 'percent') return `${number} %`
    if (unit === 'hours') return t('unitValue.hours', { count: value, value: number })
    if (unit === 'custom' && customUnit) return `${number} ${customUnit}`
    return number
  }
}
