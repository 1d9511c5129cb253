import { useTranslation } from 'react-i18next'
import { dateLocale } from '~/i18n/config'
import { dateTimeFormat, numberFormat } from '~/i18n/intl'

// Dates and times always in the partners' shared time zone (Brussels keeps the same time as Amsterdam).
const timeZone = 'Europe/Amsterdam'

export function formatters(locale: string) {
  const dateFormat = dateTimeFormat(dateLocale(locale), { dateStyle: 'long', timeZone })
  const dateAndTimeFormat = dateTimeFormat(dateLocale(locale), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  })
  const plainNumberFormat = numberFormat(locale)
  const moneyFormat = numberFormat(locale, { style: 'currency', currency: 'EUR' })
  const percentFormat = numberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 1,
  })
  const unit = (u: string) =>
    numberFormat(locale, { style: 'unit', unit: u, maximumFractionDigits: 1 })
  const [kb, mb] = [unit('kilobyte'), unit('megabyte')]
  return {
    /** A file size: "850 kB", "12,5 MB". */
    fileSize: (bytes: number) =>
      bytes < 1024 * 1024 ? kb.format(Math.max(1, bytes / 1024)) : mb.format(bytes / 1024 / 1024),
    /** An amount in euro cents, e.g. "€ 1.234,56" in Dutch. */
    money: (cents: number) => moneyFormat.format(cents / 100),
    /** A fraction 0..1 as a percentage. */
    percent: (fraction: number) => percentFormat.format(fraction),
    date: (iso: string | Date) => dateFormat.format(new Date(iso)),
    dateTime: (iso: string | Date) => dateAndTimeFormat.format(new Date(iso)),
    number: (n: number) => plainNumberFormat.format(n),
  }
}

export function useFormatters() {
  const { i18n } = useTranslation()
  return formatters(i18n.language)
}
